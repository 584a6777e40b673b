import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { env } from "~/config/env.server.ts";
import { UserError } from "~/domain/errors.ts";
import { SNIFF_HEAD_BYTES, sniffFileType, type FileType } from "./file-type.ts";

// Uploaded files live under STORAGE_DIR named by the sha256 of their content:
// `<first 2 hex>/<sha256>`. Identical uploads share one file, and no name
// chosen by a user ever becomes part of a path.

/** The i18n keys an upload can fail with. */
export type UploadErrorKey =
  "errors.fileTooLarge" | "errors.fileType" | "errors.fileEmpty" | "errors.tooManyFiles" | "errors.tooLong" | "errors.uploadMalformed";

/** An upload refused for a reason to show the user (a 400 the wizard shows on its form). */
export function uploadRefused(key: UploadErrorKey): UserError {
  return new UserError(key, 400);
}

export type StoredFile = { sha256: string; size: number; mimeType: FileType; storageKey: string };

/**
 * An upload written and checked, waiting in STORAGE_DIR/tmp: not yet at its
 * content-addressed place, so nothing else can see (or delete) it. Whoever
 * staged it either places it (placeStagedFile, inside the transaction that
 * records the reference) or discards it.
 */
export type StagedFile = StoredFile & { tempPath: string };

export type StoreUploadOptions = { maxBytes: number; allowed: readonly string[] };

const STORAGE_KEY = /^[0-9a-f]{2}\/[0-9a-f]{64}$/;

export function storageDir(): string {
  return env().STORAGE_DIR;
}

function isStorageKey(value: string): boolean {
  return STORAGE_KEY.test(value);
}

/**
 * Streams an upload to a temp file while hashing it, then moves it to its
 * content-addressed place. Fails with a UserError (uploadRefused) — leaving nothing behind —
 * as soon as the upload passes `maxBytes` or its first bytes show a type not
 * in `allowed`, or at the end if it is empty. For scripts and tests: the app
 * stages uploads (stageUpload) and places them in the transaction that
 * records them, so a concurrent removal cannot delete a file about to be used.
 */
export async function storeUpload(stream: AsyncIterable<Uint8Array>, options: StoreUploadOptions): Promise<StoredFile> {
  const staged = await stageUpload(stream, options);
  try {
    await placeStagedFile(staged);
  } finally {
    await discardStagedFile(staged);
  }
  const { tempPath: _tempPath, ...stored } = staged;
  return stored;
}

/** Streams an upload to a temp file while hashing and checking it, as storeUpload does, and leaves it there. */
export async function stageUpload(stream: AsyncIterable<Uint8Array>, options: StoreUploadOptions): Promise<StagedFile> {
  // The temp folder sits inside STORAGE_DIR so the final link stays on one file system.
  const tempDir = path.join(storageDir(), "tmp");
  await fsp.mkdir(tempDir, { recursive: true });
  const tempPath = path.join(tempDir, `${randomUUID()}.part`);
  const inspector = createUploadInspector(options);
  const file = fs.createWriteStream(tempPath, { flags: "wx", mode: 0o600 });
  try {
    await pipeline(
      stream,
      async function* (chunks: AsyncIterable<Uint8Array>) {
        for await (const chunk of chunks) {
          inspector.accept(chunk);
          yield chunk;
        }
      },
      file,
    );
    const { sha256, size, mimeType } = inspector.finish();
    return { sha256, size, mimeType, storageKey: `${sha256.slice(0, 2)}/${sha256}`, tempPath };
  } catch (error) {
    // A refusal can come before the file's asynchronous open has finished: removing it
    // then would leave the file, created afterwards, behind. Wait until it is closed.
    if (!file.closed) await new Promise<void>((resolve) => file.once("close", () => resolve()));
    await fsp.rm(tempPath, { force: true });
    throw error;
  }
}

/**
 * Puts a staged upload in its content-addressed place (nothing to do when the
 * same content is already there), keeping the staged copy until
 * discardStagedFile: a transaction that PostgreSQL runs again places it again,
 * after the first attempt's copy may have been deleted as unreferenced. Call it
 * inside the transaction that records the reference, under the file's lock
 * (app/models/attachment.server.ts), so a file is never deleted between being
 * placed and being referenced.
 */
export async function placeStagedFile(staged: StagedFile): Promise<void> {
  await linkIntoPlace(staged.tempPath, storagePath(staged.storageKey));
}

/** Removes a staged upload that will not be used; the shared stored files are never touched. */
export async function discardStagedFile(staged: StagedFile): Promise<void> {
  await fsp.rm(staged.tempPath, { force: true });
}

/**
 * Reads a stored file. The key must have the shape storeUpload gives, so a
 * value that came from outside can never name another path. A key whose file
 * is gone yields a stream that emits an ENOENT error.
 */
export function openStoredFile(storageKey: string): fs.ReadStream {
  return fs.createReadStream(storagePath(storageKey));
}

/** Opens a stored file for a download, or null when it is missing (so the route can answer 404 before sending anything). */
export async function openStoredFileIfPresent(storageKey: string): Promise<fs.ReadStream | null> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(storagePath(storageKey), "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  // The open descriptor keeps the content readable even if the file is deleted while it streams.
  return handle.createReadStream();
}

/**
 * Deletes a stored file unless something still references it — files are
 * shared by every attachment with the same content. Returns whether it deleted.
 * Call it inside the transaction that removed a reference, with
 * `isStillReferenced` reading through that transaction: no upload can record a
 * new reference (and place its file) between the check and the deletion.
 */
export async function deleteStoredFileIfUnused(storageKey: string, isStillReferenced: () => Promise<boolean>): Promise<boolean> {
  const filePath = storagePath(storageKey);
  if (await isStillReferenced()) return false;
  await fsp.rm(filePath, { force: true });
  return true;
}

function storagePath(storageKey: string): string {
  if (!isStorageKey(storageKey)) throw new Error(`Invalid storage key: ${JSON.stringify(storageKey)}`);
  return path.join(storageDir(), storageKey);
}

async function linkIntoPlace(tempPath: string, finalPath: string): Promise<void> {
  if (await exists(finalPath)) return;
  await fsp.mkdir(path.dirname(finalPath), { recursive: true });
  try {
    // Atomic: readers see no file or the whole file.
    await fsp.link(tempPath, finalPath);
  } catch (error) {
    // A concurrent identical upload placed the same bytes first.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return;
    throw error;
  }
}

async function exists(filePath: string): Promise<boolean> {
  return fsp.access(filePath).then(
    () => true,
    () => false,
  );
}

/** Tracks size, hash and leading bytes of an upload as it streams, failing on the first broken rule. */
function createUploadInspector({ maxBytes, allowed }: StoreUploadOptions) {
  const hash = createHash("sha256");
  let size = 0;
  let head = new Uint8Array(0);
  let mimeType: FileType | null = null;

  function checkType(): FileType {
    const sniffed = sniffFileType(head);
    if (!sniffed || !allowed.includes(sniffed)) throw uploadRefused("errors.fileType");
    return sniffed;
  }

  return {
    accept(chunk: Uint8Array): void {
      size += chunk.byteLength;
      if (size > maxBytes) throw uploadRefused("errors.fileTooLarge");
      hash.update(chunk);
      if (head.length < SNIFF_HEAD_BYTES) {
        const missing = chunk.subarray(0, SNIFF_HEAD_BYTES - head.length);
        head = Uint8Array.from([...head, ...missing]);
        // Judge the type as soon as the head is known, before writing the rest.
        if (head.length === SNIFF_HEAD_BYTES) mimeType = checkType();
      }
    },
    finish(): { sha256: string; size: number; mimeType: FileType } {
      if (size === 0) throw uploadRefused("errors.fileEmpty");
      return { sha256: hash.digest("hex"), size, mimeType: mimeType ?? checkType() };
    },
  };
}
