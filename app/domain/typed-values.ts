// Values as people type them in a form — numbers with their digit groups, calendar days — read the same way by
// a call's questions and by the follow-up check-in. A module of its own, free of the questions' schemas, so a
// page that reads a number does not ship them.

/** Why a typed number was refused (translation keys of the questions' errors). */
export type NumberErrorKey = "questions.numberInvalid" | "questions.integerOnly";

const DIGIT_GROUP_SPACES = /(?<=\d)[\s\u00a0\u202f]+(?=\d)/g;

/**
 * A number as typed: "," or "." before decimals, spaces between digit groups ("12 500").
 * A whole number takes no separator at all: "50,000" is refused rather than read as 50.
 */
export function parseTypedNumber(raw: unknown, integer: boolean): { value: number } | { error: NumberErrorKey } {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw) || Math.abs(raw) > Number.MAX_SAFE_INTEGER) return { error: "questions.numberInvalid" };
    return integer && !Number.isInteger(raw) ? { error: "questions.integerOnly" } : { value: raw };
  }
  if (typeof raw !== "string") return { error: "questions.numberInvalid" };
  const text = raw.trim().replace(DIGIT_GROUP_SPACES, "");
  if (integer && /^[+-]?\d+[.,]\d*$/.test(text)) return { error: "questions.integerOnly" };
  if (!/^[+-]?\d+(?:[.,]\d+)?$/.test(text)) return { error: "questions.numberInvalid" };
  return parseTypedNumber(Number(text.replace(",", ".")), integer);
}

/** A calendar day written yyyy-mm-dd that exists (no 30 February). */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
