import { json } from "@remix-run/node";
import type { $ZodType, output } from "zod/v4/core";

export type FieldErrors = Record<string, string>;

export type ParsedForm<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * Validates a posted form with a shared schema. On failure returns the first
 * error key per field and the submitted text values (never passwords), so the
 * page can show both without losing what the user typed.
 */
// Typed on zod's core, for classic schemas and the zod/mini ones alike. Validated through the
// Standard Schema interface both implement, so this module pulls no zod code into browser bundles.
export function parseForm<S extends $ZodType>(
  schema: S,
  formData: FormData,
  options: { arrays?: readonly string[] } = {},
): ParsedForm<output<S>> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !/password/i.test(key) && !options.arrays?.includes(key)) values[key] = value;
  }
  const result = schema["~standard"].validate(formDataToObject(formData, options.arrays));
  if (result instanceof Promise) throw new TypeError("parseForm needs a synchronous schema");
  if (!result.issues) return { ok: true, data: result.value as output<S> };
  return { ok: false, errors: issuesToErrors(result.issues), values };
}

/**
 * Plain form posts name nested fields with dots (`team.0.email`); this turns
 * them into the nested object the schemas expect; `arrays` names fields that
 * repeat (checkbox groups). Files are left out.
 */
export function formDataToObject(formData: FormData, arrays: readonly string[] = []): Record<string, unknown> {
  // No prototype: a field named "__proto__.x" can never reach Object.prototype.
  const root: Record<string, unknown> = Object.create(null);
  // Checkbox groups post one value per ticked box under the same name.
  for (const name of arrays) root[name] = formData.getAll(name).filter((v): v is string => typeof v === "string");
  for (const [key, value] of formData) {
    if (typeof value !== "string" || arrays.includes(key)) continue;
    const parts = key.split(".");
    if (parts.some((part) => FORBIDDEN_KEYS.has(part) || (/^\d+$/.test(part) && Number(part) > MAX_INDEX))) continue;
    let node: Record<string, unknown> = root;
    for (const [index, part] of parts.entries()) {
      if (index === parts.length - 1) {
        if (!(part in node) || typeof node[part] === "string") node[part] = value;
        break;
      }
      const existing = node[part];
      // A name used both as a value and as a parent ("team" and "team.0.name") keeps the first meaning.
      if (existing !== undefined && (typeof existing !== "object" || existing === null)) break;
      node[part] ??= /^\d+$/.test(parts[index + 1]) ? [] : Object.create(null);
      node = node[part] as Record<string, unknown>;
    }
  }
  return root;
}

const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"]);
// No form of ours has more than a handful of rows; a huge index would build a huge sparse array.
const MAX_INDEX = 99;

/** The largest form body (anything but a file upload) the app reads; longer ones answer 413. */
export const FORM_BODY_LIMIT_BYTES = 256 * 1024;

const bodyTooLarge = () => json({ message: "errors.bodyTooLarge", errors: { form: "errors.bodyTooLarge" } }, { status: 413 });

/**
 * Reads a posted form of at most FORM_BODY_LIMIT_BYTES: a longer declared
 * length is refused before a byte is read, and a body without one (chunked) is
 * refused as soon as it passes the limit, so no form post can fill the memory.
 * A body no parser can read is the client's error (400), never ours.
 */
export async function readFormData(request: Request): Promise<FormData> {
  if (Number(request.headers.get("Content-Length") ?? 0) > FORM_BODY_LIMIT_BYTES) throw bodyTooLarge();
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readLimited(request.body, FORM_BODY_LIMIT_BYTES);
  } catch (error) {
    if (error === TOO_LARGE) throw bodyTooLarge();
    throw json({ message: "errors.formUnreadable", errors: { form: "errors.formUnreadable" } }, { status: 400 });
  }
  try {
    const headers = new Headers({ "Content-Type": request.headers.get("Content-Type") ?? "" });
    const formData = withoutNulCharacters(await new Response(body, { headers }).formData());
    formDataOf.set(request, formData);
    return formData;
  } catch {
    throw json({ message: "errors.formUnreadable", errors: { form: "errors.formUnreadable" } }, { status: 400 });
  }
}

const TOO_LARGE = Symbol("body too large");

/**
 * `text` without U+0000. No form field means it (no keyboard types it), and PostgreSQL's text cannot
 * hold it: kept, it would be stored as typed on SQLite and fail the write on PostgreSQL.
 */
export function withoutNul(text: string): string {
  return text.includes("\0") ? text.replaceAll("\0", "") : text;
}

/** A form with every name and text value withoutNul (the same form when none had one). */
function withoutNulCharacters(formData: FormData): FormData {
  let clean = true;
  for (const [name, value] of formData) if (name.includes("\0") || (typeof value === "string" && value.includes("\0"))) clean = false;
  if (clean) return formData;
  const cleaned = new FormData();
  for (const [name, value] of formData) cleaned.append(withoutNul(name), typeof value === "string" ? withoutNul(value) : value);
  return cleaned;
}

// The form each request posted, once read: a refusal raised later answers with what was typed.
const formDataOf = new WeakMap<Request, FormData>();

/** The text fields a request posted (never passwords), as read by readFormData; empty if it read none. */
export function typedValues(request: Request): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formDataOf.get(request) ?? []) {
    if (typeof value === "string" && !/password/i.test(key)) values[key] = value;
  }
  return values;
}

async function readLimited(stream: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // The rest is the HTTP layer's to discard (app/server/body-limit.ts), not ours to buffer.
      reader.releaseLock();
      throw TOO_LARGE;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Issues as `path → first message`, e.g. `team.1.email → errors.emailInvalid`. */
export function issuesToErrors(
  issues: ReadonlyArray<{ path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>; message: string }>,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = (issue.path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment));
    errors[path.join(".") || "form"] ??= issue.message;
  }
  return errors;
}
