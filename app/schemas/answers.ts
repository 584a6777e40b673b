// Answers to a call's questions as a form posts them: `answers.<question key>`, repeated for the
// boxes of a multiple-choice question. Checked by the one answers schema (buildAnswersSchema).

export const ANSWER_FIELD_PREFIX = "answers.";

/** The form field of a question's answer. */
export const answerField = (key: string) => `${ANSWER_FIELD_PREFIX}${key}`;

/**
 * The posted answers by question key: the text of a field posted once, the list of a field posted
 * several times (a multiple-choice question's boxes, after the empty field that says it was shown:
 * the answers schema reads "" as no pick and a lone value as one pick). Keys of no question are kept,
 * so the action can refuse them (answerKeysToRefuse).
 */
export function readPostedAnswers(formData: FormData): Record<string, unknown> {
  const posted: Record<string, unknown> = {};
  for (const name of new Set(formData.keys())) {
    if (!name.startsWith(ANSWER_FIELD_PREFIX)) continue;
    const values = formData.getAll(name).filter((value): value is string => typeof value === "string");
    posted[name.slice(ANSWER_FIELD_PREFIX.length)] = values.length === 1 ? values[0] : values;
  }
  return posted;
}

/** An answer as its form's controls post it: a yes/no as "yes" or "no", a multiple choice as its picks, nothing as none. */
export function answerAsPosted(value: unknown): string[] {
  if (value === true) return ["yes"];
  if (value === false) return ["no"];
  if (Array.isArray(value)) return value.map(String).filter((item) => item !== "");
  if (value === null || value === undefined || value === "") return [];
  return [String(value)];
}
