/**
 * The placeholders of an admin's wording of an email (issue 18): `{{name}}` in a subject or a plain-text
 * body, each one a value the email's data provides. Pure functions: what a wording may use is given by the
 * caller (emails/placeholders.ts knows each template's fields), so the rules are tested on their own.
 */

/** What a template's wording may use, and what it must: the link without which the email is useless. */
export interface PlaceholderSpec {
  allowed: readonly string[];
  required: readonly string[];
}

export type WordingField = "subject" | "body";

export interface WordingError {
  field: WordingField;
  /** Which of the editor's translated error messages (app/schemas/email-template.ts prefixes it). */
  key: "unknownPlaceholder" | "missingPlaceholder" | "malformedPlaceholder" | "subjectLineBreak" | "required" | "tooLong";
  params: Record<string, string | number>;
}

export const SUBJECT_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 10_000;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** The placeholder names a text uses, in order of first use. */
export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/** Braces that do not make a placeholder: `{{ }}`, `{{a-b}}`, an unclosed `{{`, a stray `}}`. */
function malformedPart(text: string): string | null {
  const rest = text.replace(PLACEHOLDER, "");
  const match = /\{\{[^}]{0,30}\}?\}?|\}\}/.exec(rest);
  return match ? match[0] : null;
}

/**
 * What is wrong with a wording, field by field (at most one error per field: the first one a reader
 * should fix). Unknown placeholders would print as typed; a missing required one (the offer's link, say)
 * would leave the recipient unable to act.
 */
export function checkWording(wording: { subject: string; body: string }, spec: PlaceholderSpec): WordingError[] {
  const errors: WordingError[] = [];
  const allowed = new Set(spec.allowed);
  for (const field of ["subject", "body"] as const) {
    const text = wording[field];
    const maxLength = field === "subject" ? SUBJECT_MAX_LENGTH : BODY_MAX_LENGTH;
    if (text.trim() === "") {
      errors.push({ field, key: "required", params: {} });
      continue;
    }
    if (text.length > maxLength) {
      errors.push({ field, key: "tooLong", params: { max: maxLength } });
      continue;
    }
    if (field === "subject" && /[\r\n]/.test(text)) {
      errors.push({ field, key: "subjectLineBreak", params: {} });
      continue;
    }
    const malformed = malformedPart(text);
    if (malformed !== null) {
      errors.push({ field, key: "malformedPlaceholder", params: { text: malformed } });
      continue;
    }
    const unknown = placeholderNames(text).find((name) => !allowed.has(name));
    if (unknown !== undefined) errors.push({ field, key: "unknownPlaceholder", params: { placeholder: unknown } });
  }
  if (!errors.some((error) => error.field === "body")) {
    const used = new Set([...placeholderNames(wording.subject), ...placeholderNames(wording.body)]);
    const missing = spec.required.find((name) => !used.has(name));
    if (missing !== undefined) errors.push({ field: "body", key: "missingPlaceholder", params: { placeholder: missing } });
  }
  return errors;
}

/**
 * A checked wording with its placeholders replaced by `values`. Values are text: whoever shows the result
 * escapes it (React in an email, a header for a subject), so a value can never become markup.
 */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(values, name) ? values[name] : whole));
}
