import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { safeFileName } from "./file-type.ts";
import { UserError } from "~/domain/errors.ts";
import { withoutNul } from "~/schemas/form-data.ts";
import { discardStagedFile, stageUpload, uploadRefused, type StagedFile } from "./files.server.ts";

const TEXT_FIELD_MAX_BYTES = 100 * 1024;
// Room for the text fields and the multipart framing around the files.
const FORM_OVERHEAD_BYTES = 1024 * 1024;

export type UploadFormOptions = {
  maxFiles: number;
  maxBytes: number;
  /** The types a file field accepts, or null for a field that takes no file (its file is skipped). */
  allowedFor: (fieldName: string) => readonly string[] | null;
};

export type UploadedFile = { field: string; fileName: string; staged: StagedFile };

export type UploadForm = {
  /** Text fields; when a name repeats, the first value wins, as with FormData.get. */
  fields: Record<string, string>;
  /** Files staged by this request — on error too, see parseUploadForm. */
  files: UploadedFile[];
  error: UserError | null;
};

/**
 * Parses a multipart form, streaming each chosen file into a staged temp file
 * and refusing it as soon as it breaks a rule. Problems the user caused come
 * back as `error` (a UserError), never as a throw.
 *
 * Files are only staged (see StagedFile): the caller places each one
 * (placeStagedFile) in the transaction that records it, or discards it
 * (discardStagedFile) — on error too, for files completed earlier in the
 * request, and when its own checks refuse the upload. A refused upload thus
 * never touches a stored file another attachment may share.
 */
export async function parseUploadForm(request: Request, options: UploadFormOptions): Promise<UploadForm> {
  const form: UploadForm = { fields: {}, files: [], error: null };
  const bodyLimit = options.maxFiles * options.maxBytes + FORM_OVERHEAD_BYTES;
  if (Number(request.headers.get("Content-Length")) > bodyLimit) {
    return { ...form, error: uploadRefused("errors.fileTooLarge") };
  }
  if (!request.body || !isMultipartFormData(request.headers.get("Content-Type"))) {
    return { ...form, error: uploadRefused("errors.uploadMalformed") };
  }
  // A client may send no Content-Length (chunked), so the limit also holds while reading.
  const body = limitBody(request.body, bodyLimit);

  const handler: UploadHandler = async ({ name, filename, data }) => {
    const allowed = options.allowedFor(name);
    if (filename === undefined && !allowed) {
      const value = await readText(data, TEXT_FIELD_MAX_BYTES);
      form.fields[withoutNul(name)] ??= withoutNul(value);
      return undefined;
    }
    // A file input left empty comes as `filename=""` from browsers and without
    // a filename from undici; a file posted to a field that takes none is skipped.
    if (!filename || !allowed) {
      // Read it anyway: Remix buffers in memory whatever a handler leaves unread.
      for await (const _chunk of data);
      return undefined;
    }
    if (form.files.length >= options.maxFiles) throw uploadRefused("errors.tooManyFiles");
    const staged = await stageUpload(data, { maxBytes: options.maxBytes, allowed });
    form.files.push({ field: name, fileName: safeFileName(filename), staged });
    return undefined;
  };

  try {
    const limitedRequest = new Request(request.url, {
      method: request.method,
      headers: request.headers,
      body: body.stream,
      duplex: "half", // required by Node for a streamed body; missing from the DOM typings
    } as RequestInit);
    await unstable_parseMultipartFormData(limitedRequest, handler);
    return form;
  } catch (error) {
    await body.discardRest();
    if (error instanceof UserError) return { ...form, error };
    // Whatever else the parser chokes on (broken framing, absurd headers) is the body's fault, not ours.
    if (isMalformedMultipart(error) || error instanceof RangeError || error instanceof TypeError) {
      return { ...form, error: uploadRefused("errors.uploadMalformed") };
    }
    // Our own failure: the caller never sees these files, so they go now.
    await Promise.all(form.files.map((file) => discardStagedFile(file.staged)));
    throw error;
  }
}

/** The test Remix's parser applies, made here so it never throws its TypeError. */
function isMultipartFormData(contentType: string | null): boolean {
  const [type, boundary] = (contentType ?? "").split(/\s*;\s*boundary=/);
  return type === "multipart/form-data" && Boolean(boundary);
}

/**
 * The parser Remix uses fails this way on broken bodies — and on sound ones
 * whose file name contains ";" or "=", which browsers send unescaped.
 */
function isMalformedMultipart(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith("malformed ");
}

/**
 * Wraps a request body so reading past `maxBytes` fails with fileTooLarge.
 * After a failure, `discardRest` reads and drops what the client is still
 * sending (up to the same limit), so a browser mid-upload gets our response
 * rather than a reset connection.
 */
function limitBody(source: ReadableStream<Uint8Array>, maxBytes: number) {
  const reader = source.getReader();
  let received = 0;
  async function read(): Promise<ReadableStreamReadResult<Uint8Array>> {
    const result = await reader.read();
    received += result.value?.byteLength ?? 0;
    if (received > maxBytes) throw uploadRefused("errors.fileTooLarge");
    return result;
  }
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const result = await read();
        if (result.done) controller.close();
        else controller.enqueue(result.value);
      },
    },
    { highWaterMark: 0 },
  );
  async function discardRest(): Promise<void> {
    try {
      while (!(await read()).done);
    } catch {
      // Over the limit or the client went away: stop listening.
      await reader.cancel().catch(() => {});
    }
  }
  return { stream, discardRest };
}

async function readText(data: AsyncIterable<Uint8Array>, maxBytes: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > maxBytes) throw uploadRefused("errors.tooLong");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
