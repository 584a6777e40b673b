import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { UserError } from "~/domain/errors.ts";
import { ALLOWED_TYPES, MAX_UPLOAD_BYTES } from "~/storage/file-type.ts";
import {
  deleteStoredFileIfUnused,
  discardStagedFile,
  openStoredFile,
  placeStagedFile,
  storageDir,
  storeUpload,
  type UploadErrorKey,
} from "~/storage/files.server.ts";
import { parseUploadForm, type UploadFormOptions } from "~/storage/multipart.server.ts";

const CHUNK_BYTES = 64 * 1024;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A small PDF-looking file, unique per call so tests never share stored files. */
function pdfBytes(size = 2048): Uint8Array<ArrayBuffer> {
  const header = Buffer.from(`%PDF-1.7\n% ${randomUUID()}\n`);
  return Uint8Array.from(Buffer.concat([header, Buffer.alloc(Math.max(0, size - header.length), "x")]));
}

function pngBytes(): Uint8Array<ArrayBuffer> {
  return Uint8Array.from([...PNG_SIGNATURE, ...Buffer.from(`IHDR ${randomUUID()}`)]);
}

/** Streams `total` bytes starting with `head`, counting how many the consumer pulled. */
function meteredStream(head: Uint8Array, total: number) {
  const meter = { pulled: 0 };
  async function* chunks() {
    for (let offset = 0; offset < total; offset += CHUNK_BYTES) {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, total - offset), "x");
      if (offset === 0) chunk.set(head);
      meter.pulled += chunk.length;
      yield Uint8Array.from(chunk);
    }
  }
  return { stream: chunks(), meter };
}

async function* once(content: Uint8Array) {
  yield content;
}

function storedKeys(): string[] {
  const root = storageDir();
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .map((entry) => entry.split(path.sep).join("/"))
    .filter((entry) => /^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(entry))
    .sort();
}

function tempFiles(): string[] {
  const tempDir = path.join(storageDir(), "tmp");
  return fs.existsSync(tempDir) ? fs.readdirSync(tempDir) : [];
}

async function expectUploadError(promise: Promise<unknown>, messageKey: UploadErrorKey) {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UserError);
  expect([(error as UserError).key, (error as UserError).status]).toEqual([messageKey, 400]);
}

const pitchDeckOnly = { maxBytes: MAX_UPLOAD_BYTES, allowed: ALLOWED_TYPES.PITCH_DECK };

describe("storeUpload", () => {
  it("stores a PDF under its sha256 and keeps one copy of identical content", async () => {
    const content = pdfBytes();
    const sha256 = createHash("sha256").update(content).digest("hex");

    const first = await storeUpload(once(content), pitchDeckOnly);
    expect(first).toEqual({ sha256, size: content.length, mimeType: "application/pdf", storageKey: `${sha256.slice(0, 2)}/${sha256}` });
    expect(fs.readFileSync(path.join(storageDir(), first.storageKey))).toEqual(Buffer.from(content));

    const again = await storeUpload(once(content), pitchDeckOnly);
    expect(again.storageKey).toBe(first.storageKey);
    expect(storedKeys().filter((key) => key === first.storageKey)).toHaveLength(1);
    expect(fs.readdirSync(path.join(storageDir(), sha256.slice(0, 2))).filter((name) => name === sha256)).toHaveLength(1);
    expect(tempFiles()).toEqual([]);
  });

  it("rejects an 11 MB upload while streaming, leaving nothing behind", async () => {
    const before = storedKeys();
    const head = pdfBytes(64);
    const { stream, meter } = meteredStream(head, 11 * 1024 * 1024);

    await expectUploadError(storeUpload(stream, pitchDeckOnly), "errors.fileTooLarge");

    // Stopped right after crossing the limit, not after reading the whole upload.
    expect(meter.pulled).toBeLessThanOrEqual(MAX_UPLOAD_BYTES + 2 * CHUNK_BYTES);
    expect(meter.pulled).toBeLessThan(11 * 1024 * 1024);
    expect(tempFiles()).toEqual([]);
    expect(storedKeys()).toEqual(before);
  });

  it("cuts off an endless upload at the limit", async () => {
    const head = pdfBytes(64);
    const { stream, meter } = meteredStream(head, Number.POSITIVE_INFINITY);
    await expectUploadError(storeUpload(stream, { ...pitchDeckOnly, maxBytes: 1024 * 1024 }), "errors.fileTooLarge");
    expect(meter.pulled).toBeLessThanOrEqual(1024 * 1024 + 2 * CHUNK_BYTES);
    expect(tempFiles()).toEqual([]);
  });

  it("judges the type by content: a PNG is no pitch deck, whatever its name, but is fine as another attachment", async () => {
    const before = storedKeys();
    const png = pngBytes();
    await expectUploadError(storeUpload(once(png), pitchDeckOnly), "errors.fileType");
    expect(storedKeys()).toEqual(before);

    const stored = await storeUpload(once(png), { maxBytes: MAX_UPLOAD_BYTES, allowed: ALLOWED_TYPES.OTHER });
    expect(stored.mimeType).toBe("image/png");
  });

  it("rejects a Windows executable as soon as its first bytes arrive", async () => {
    const before = storedKeys();
    const { stream, meter } = meteredStream(Buffer.from("MZ\x90\x00\x03\x00\x00\x00"), 5 * 1024 * 1024);
    await expectUploadError(storeUpload(stream, { maxBytes: MAX_UPLOAD_BYTES, allowed: ALLOWED_TYPES.OTHER }), "errors.fileType");
    expect(meter.pulled).toBeLessThanOrEqual(2 * CHUNK_BYTES);
    expect(tempFiles()).toEqual([]);
    expect(storedKeys()).toEqual(before);
  });

  it("rejects an empty file and a file too short to be what it claims", async () => {
    await expectUploadError(storeUpload(once(new Uint8Array(0)), pitchDeckOnly), "errors.fileEmpty");
    await expectUploadError(storeUpload(once(Buffer.from("%PD")), pitchDeckOnly), "errors.fileType");
    expect(tempFiles()).toEqual([]);
  });

  it("judges a head that arrives split across chunks", async () => {
    const content = pdfBytes();
    async function* byteByByte() {
      for (const byte of content.subarray(0, 10)) yield Uint8Array.of(byte);
      yield content.subarray(10);
    }
    const stored = await storeUpload(byteByByte(), pitchDeckOnly);
    expect(stored.size).toBe(content.length);
    expect(stored.mimeType).toBe("application/pdf");
  });
});

describe("openStoredFile and deleteStoredFileIfUnused", () => {
  it("reads a stored file back by its key", async () => {
    const content = pdfBytes();
    const { storageKey } = await storeUpload(once(content), pitchDeckOnly);
    expect(await text(openStoredFile(storageKey))).toBe(Buffer.from(content).toString());
  });

  it("refuses any key that is not a storage key", () => {
    const hash = "a".repeat(64);
    for (const key of ["../../etc/passwd", `aa/../../${hash}`, `../${hash}`, `/etc/${hash}`, `AA/${"A".repeat(64)}`, "tmp/x.part", ""]) {
      expect(() => openStoredFile(key), key).toThrow(/Invalid storage key/);
    }
  });

  it("deletes a file only when nothing references it any more", async () => {
    const { storageKey } = await storeUpload(once(pdfBytes()), pitchDeckOnly);
    expect(await deleteStoredFileIfUnused(storageKey, async () => true)).toBe(false);
    expect(storedKeys()).toContain(storageKey);
    expect(await deleteStoredFileIfUnused(storageKey, async () => false)).toBe(true);
    expect(storedKeys()).not.toContain(storageKey);
    await expect(deleteStoredFileIfUnused("../escape", async () => false)).rejects.toThrow(/Invalid storage key/);
  });
});

describe("parseUploadForm", () => {
  const options: UploadFormOptions = {
    maxFiles: 2,
    maxBytes: MAX_UPLOAD_BYTES,
    allowedFor: (field) => (field === "pitchDeck" ? ALLOWED_TYPES.PITCH_DECK : field === "other" ? ALLOWED_TYPES.OTHER : null),
  };

  function uploadRequest(form: FormData, headers: Record<string, string> = {}): Request {
    return new Request("http://localhost/founder/applications/1/files", { method: "POST", body: form, headers });
  }

  function file(content: Uint8Array<ArrayBuffer>, name: string, type = "application/pdf"): File {
    return new File([content], name, { type });
  }

  it("returns text fields and stages the chosen files (placed only when the caller says), ignoring an empty file input", async () => {
    const deck = pdfBytes();
    const form = new FormData();
    form.append("projectName", "Argane Tech");
    form.append("tagline", "مشروع أركان");
    form.append("projectName", "ignored repeat");
    form.append("pitchDeck", file(deck, "Pitch\u202Efdp.pdf"));
    form.append("other", new File([], "", { type: "application/octet-stream" }));
    form.append("unexpected", file(pdfBytes(), "stray.pdf"));

    const result = await parseUploadForm(uploadRequest(form), options);

    expect(result.error).toBeNull();
    expect(result.fields).toEqual({ projectName: "Argane Tech", tagline: "مشروع أركان" });
    expect(result.files).toHaveLength(1);
    const [upload] = result.files;
    expect(upload.field).toBe("pitchDeck");
    expect(upload.fileName).toBe("Pitchfdp.pdf");
    expect(upload.staged.size).toBe(deck.length);
    // Staged, not yet where other attachments (and deletions) can see it.
    expect(storedKeys()).not.toContain(upload.staged.storageKey);
    expect(fs.readFileSync(upload.staged.tempPath)).toEqual(Buffer.from(deck));
    const stored = path.join(storageDir(), upload.staged.storageKey);
    await placeStagedFile(upload.staged);
    expect(fs.readFileSync(stored)).toEqual(Buffer.from(deck));
    // The staged copy stays until discarded, so that a transaction run again can place the file again,
    // here after the first attempt's file was deleted as unreferenced.
    fs.rmSync(stored);
    await placeStagedFile(upload.staged);
    expect(fs.readFileSync(stored)).toEqual(Buffer.from(deck));
    await discardStagedFile(upload.staged);
    expect(tempFiles()).toEqual([]);
    expect(fs.readFileSync(stored)).toEqual(Buffer.from(deck));
  });

  it("ignores a file input left empty, as a browser sends it", async () => {
    const boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="projectName"',
      "",
      "Argane Tech",
      `--${boundary}`,
      'Content-Disposition: form-data; name="pitchDeck"; filename=""',
      "Content-Type: application/octet-stream",
      "",
      "",
      `--${boundary}--`,
      "",
    ].join("\r\n");
    const request = new Request("http://localhost/", {
      method: "POST",
      body,
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    });

    const result = await parseUploadForm(request, options);

    expect(result).toEqual({ fields: { projectName: "Argane Tech" }, files: [], error: null });
  });

  it("rejects an oversized file with fileTooLarge and returns the files staged before it, stored nowhere else", async () => {
    const before = storedKeys();
    const form = new FormData();
    form.append("other", file(pngBytes(), "logo.png", "image/png"));
    form.append("pitchDeck", file(pdfBytes(64 * 1024), "big.pdf"));

    const result = await parseUploadForm(uploadRequest(form), { ...options, maxBytes: 32 * 1024 });

    expect(result.error?.key).toBe("errors.fileTooLarge");
    // The caller discards these: staged, they never touched a stored file another attachment may share.
    expect(result.files.map((upload) => upload.field)).toEqual(["other"]);
    expect(tempFiles()).toEqual([path.basename(result.files[0].staged.tempPath)]);
    expect(storedKeys()).toEqual(before);
    await discardStagedFile(result.files[0].staged);
    expect(tempFiles()).toEqual([]);
  });

  it("refuses up front a request whose declared length exceeds what the form may hold", async () => {
    const form = new FormData();
    form.append("pitchDeck", file(pdfBytes(), "deck.pdf"));
    const request = uploadRequest(form, { "Content-Length": String(2 * MAX_UPLOAD_BYTES + 1024 * 1024 + 1) });

    const result = await parseUploadForm(request, options);

    expect(result.error?.key).toBe("errors.fileTooLarge");
    expect(request.bodyUsed).toBe(false);
  });

  it("holds the same limit while reading a body sent without a length", async () => {
    const form = new FormData();
    for (let i = 0; i < 12; i++) form.append(`note${i}`, "x".repeat(99 * 1024));

    const result = await parseUploadForm(uploadRequest(form), { ...options, maxFiles: 1, maxBytes: 1024 });

    expect(result.error?.key).toBe("errors.fileTooLarge");
  });

  it("rejects a PNG renamed .pdf as a pitch deck", async () => {
    const form = new FormData();
    form.append("pitchDeck", file(pngBytes(), "deck.pdf", "application/pdf"));
    const result = await parseUploadForm(uploadRequest(form), options);
    expect(result.error?.key).toBe("errors.fileType");
    expect(result.files).toEqual([]);
    expect(tempFiles()).toEqual([]);
  });

  it("rejects more files than allowed", async () => {
    const form = new FormData();
    for (let i = 0; i < 3; i++) form.append("other", file(pdfBytes(), `annex-${i}.pdf`));
    const result = await parseUploadForm(uploadRequest(form), options);
    expect(result.error?.key).toBe("errors.tooManyFiles");
    expect(result.files).toHaveLength(2);
    for (const upload of result.files) await discardStagedFile(upload.staged);
    expect(tempFiles()).toEqual([]);
  });

  it("rejects a text field over 100 KB", async () => {
    const form = new FormData();
    form.append("problem", "x".repeat(100 * 1024 + 1));
    const result = await parseUploadForm(uploadRequest(form), options);
    expect(result.error?.key).toBe("errors.tooLong");
  });

  it("reports a body Remix's parser cannot read, such as a file name with ';', or a form that is not multipart", async () => {
    const form = new FormData();
    form.append("pitchDeck", file(pdfBytes(), "deck; final.pdf"));
    const unreadable = await parseUploadForm(uploadRequest(form), options);
    expect(unreadable.error?.key).toBe("errors.uploadMalformed");

    const urlEncoded = new Request("http://localhost/", { method: "POST", body: new URLSearchParams({ pitchDeck: "deck.pdf" }) });
    expect((await parseUploadForm(urlEncoded, options)).error?.key).toBe("errors.uploadMalformed");
    expect(tempFiles()).toEqual([]);
  });
});
