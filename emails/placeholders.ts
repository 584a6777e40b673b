/**
 * The placeholders an admin's wording of an email may use (issue 18), and their values for one email:
 * every top-level text, number and date of the template's payload, written the way the default templates
 * write them, plus `{{deadline}}` in the emails that ask for an answer.
 */
import { formatDate } from "../app/i18n/dates.server.ts";
import type { PlaceholderSpec } from "../app/domain/email-placeholders.ts";
import { formatEmailDate, formatEmailDateTime, formatEmailNumber } from "./format";
import { EMAIL_MESSAGES, interpolate, placeholdersOf, type EmailLocale } from "./messages";

/** Payload fields that hold a moment (ISO 8601), written with the time and its zone. */
const DATE_TIME_FIELDS = new Set(["submittedAt", "at", "respondBy", "expiresAt", "closesAt", "dueAt"]);
/** Payload fields that hold a calendar day. */
const DATE_FIELDS = new Set(["startsAt"]);

/** The placeholder every email asking for an answer offers: its deadline. */
export const DEADLINE_PLACEHOLDER = "deadline";

const isLink = (field: string) => field.endsWith("Url");

/** Payload texts an admin's wording does not place: the email adds them in their own section. */
const OWN_SECTION_FIELDS = new Set(["feedback"]);

/**
 * What a template's wording may use (the payload's scalar fields, shown by `sample`) and must use: its
 * links, without which the recipient could not act.
 */
export function specFromSample(sample: object, deadlineField: string | undefined): PlaceholderSpec {
  const fields = Object.entries(sample)
    .filter(([key, value]) => (typeof value === "string" || typeof value === "number") && !OWN_SECTION_FIELDS.has(key))
    .map(([key]) => key);
  return {
    allowed: deadlineField ? [...fields, DEADLINE_PLACEHOLDER] : fields,
    required: fields.filter(isLink),
  };
}

/** The text each placeholder stands for in one email, in the recipient's language. */
export function placeholderValues(payload: object, locale: EmailLocale, deadlineField: string | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (typeof value === "number") values[key] = formatEmailNumber(value, locale);
    else if (typeof value !== "string") continue;
    else if (DATE_TIME_FIELDS.has(key)) values[key] = formatEmailDateTime(value, locale);
    else if (DATE_FIELDS.has(key)) values[key] = formatEmailDate(value, locale);
    else values[key] = value;
  }
  if (deadlineField && deadlineField in values) values[DEADLINE_PLACEHOLDER] = values[deadlineField];
  return values;
}

/**
 * A subject as sent: one line (user-typed names must not bring line breaks into a header) and, for an email
 * that asks for an answer, "Action required:" and its deadline — whoever worded the rest.
 */
export function finalSubject(subject: string, locale: EmailLocale, deadline: string | undefined): string {
  const oneLine = subject.replace(/\s+/g, " ").trim();
  if (deadline === undefined) return oneLine;
  const by = formatDate(deadline, locale, "dateTime");
  return interpolate(EMAIL_MESSAGES[locale].common.actionRequired, { subject: oneLine, deadline: by }).replace(/\s+/g, " ").trim();
}

const NOT_BODY_TEXT = new Set(["subject", "preview", "heading"]);

/**
 * The wording an admin starts from: the default subject, and the default template's sentences that only use
 * the placeholders this wording may use, each link on its own line after them.
 */
export function defaultWording(template: string, locale: EmailLocale, spec: PlaceholderSpec): { subject: string; body: string } {
  const copy = EMAIL_MESSAGES[locale].templates[template as keyof (typeof EMAIL_MESSAGES)["fr"]["templates"]] as Record<string, unknown>;
  const allowed = new Set(spec.allowed);
  const usable = (text: string) => placeholdersOf(text).every((name) => allowed.has(name));
  const paragraphs = Object.entries(copy)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string" && !NOT_BODY_TEXT.has(entry[0]))
    .filter(([key]) => !/^(cta|ctaLabel|buttonLabel)$/.test(key))
    .map(([, text]) => text)
    .filter(usable);
  const subject = typeof copy.subject === "string" && usable(copy.subject) ? copy.subject : String(copy.heading ?? "");
  return { subject, body: [...paragraphs, ...spec.required.map((name) => `{{${name}}}`)].join("\n\n") };
}
