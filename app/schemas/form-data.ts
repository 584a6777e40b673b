import type * as z from "zod";

export type FieldErrors = Record<string, string>;

export type ParsedForm<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * Validates a posted form with a shared schema. On failure returns the first
 * error key per field and the submitted text values (never passwords), so the
 * page can show both without losing what the user typed.
 */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): ParsedForm<z.output<S>> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !/password/i.test(key)) values[key] = value;
  }
  const raw = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string"));
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".") || "form";
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values };
}
