// What an uploaded file may be, decided from its bytes; and how its name may
// be shown. Pure: shared by the server and, for hints, by the browser.

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const FILE_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export type FileType = (typeof FILE_TYPES)[number];

/** `ANSWER`: the file answering one of the call's PDF questions (the answer's value is its id). */
export const ATTACHMENT_KINDS = ["PITCH_DECK", "OTHER", "ANSWER"] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** One file input name per kind, so the server knows the allowed types before the file streams in. */
export const UPLOAD_FIELD: Record<Exclude<AttachmentKind, "ANSWER">, string> = { PITCH_DECK: "pitchDeck", OTHER: "otherFile" };

const ANSWER_UPLOAD_PREFIX = "answerFile.";

/** The file input answering the question `key`: its name says which question, before the file streams in. */
export function answerUploadField(key: string): string {
  return `${ANSWER_UPLOAD_PREFIX}${key}`;
}

/** The kind of file an input uploads, and for an answer the key of its question. */
export function kindOfUploadField(field: string): { kind: AttachmentKind; questionKey?: string } | null {
  if (field.startsWith(ANSWER_UPLOAD_PREFIX)) return { kind: "ANSWER", questionKey: field.slice(ANSWER_UPLOAD_PREFIX.length) };
  const kind = (["PITCH_DECK", "OTHER"] as const).find((k) => UPLOAD_FIELD[k] === field);
  return kind ? { kind } : null;
}

export const ALLOWED_TYPES: Record<AttachmentKind, readonly FileType[]> = {
  PITCH_DECK: ["application/pdf"],
  OTHER: ["application/pdf", "image/png", "image/jpeg"],
  ANSWER: ["application/pdf"],
};

const SIGNATURES: ReadonlyArray<{ type: FileType; magic: readonly number[] }> = [
  { type: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // "%PDF-"
  { type: "image/png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
];

/** How many leading bytes `sniffFileType` needs to tell every known type apart. */
export const SNIFF_HEAD_BYTES = Math.max(...SIGNATURES.map((signature) => signature.magic.length));

/**
 * The file's type according to its first bytes, or null when it is none of
 * the accepted ones. The signature must start at byte 0: the PDF format
 * tolerates leading junk, but a deck exported by any real tool has none, and
 * leading junk is how polyglot files slip past checks.
 */
export function sniffFileType(head: Uint8Array): FileType | null {
  const match = SIGNATURES.find(({ magic }) => magic.length <= head.length && magic.every((byte, i) => head[i] === byte));
  return match?.type ?? null;
}

const MAX_NAME_LENGTH = 120;
// Longer "extensions" are just part of a name with a dot in it.
const MAX_EXTENSION_LENGTH = 10;
// C0/C1 controls (\p{Cc}), plus the invisible direction marks and overrides that can
// make "fdp.exe" display as "exe.pdf".
const INVISIBLE_CHARACTERS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
// Characters Windows refuses in file names, where downloads end up.
const RESERVED_CHARACTERS = /[<>:"|?*]/g;

/**
 * A file name fit to display or to offer in Content-Disposition: no directory
 * part, no control or direction characters, no leading dots or `..`, at most
 * 120 characters with the extension kept. Never use it as a path: stored
 * files are named by their hash.
 */
export function safeFileName(name: string): string {
  const cleaned = (name.split(/[/\\]/).pop() ?? "")
    .normalize("NFC")
    .replace(INVISIBLE_CHARACTERS, "")
    .replace(RESERVED_CHARACTERS, "_")
    .replace(/\.{2,}/g, ".")
    .trim()
    .replace(/^\.+/, "")
    .replace(/[.\s]+$/, "");
  return truncateKeepingExtension(cleaned, MAX_NAME_LENGTH) || "file";
}

function truncateKeepingExtension(name: string, maxLength: number): string {
  // Count code points, so a cut never splits an emoji or other surrogate pair.
  const characters = Array.from(name);
  if (characters.length <= maxLength) return name;
  const dot = characters.lastIndexOf(".");
  const extensionLength = dot > 0 && characters.length - dot <= MAX_EXTENSION_LENGTH ? characters.length - dot : 0;
  const stem = characters.slice(0, maxLength - extensionLength);
  const extension = characters.slice(characters.length - extensionLength);
  return [...stem, ...extension].join("");
}
