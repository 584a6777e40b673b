// A call's own questions (issue 15, DESIGN.md §9): what a question is, which of them a founder is
// shown, and the one zod schema their answers are checked with (by the wizard in the browser and by
// the action on the server). The editor's side (checking definitions, freezing) is
// call-questions-editor.ts. Pure, and zod/mini like app/schemas/: the wizard ships this module to the browser.
import * as z from "zod/mini";
import type { TranslationKey } from "~/i18n/keys.ts";
import type { Locale, Sector } from "./constants.ts";
import type { MessageParams } from "./errors.ts";
import { showText, type LocalizedText, type ShownText } from "./call-texts.ts";
import { isIsoDate, parseTypedNumber } from "./typed-values.ts";

// Re-exported: the question editor and the answers read values the same way.
export { isIsoDate, parseTypedNumber };

// ——— Definitions ———

export type { LocalizedText };

/** One answer of a choice question. `value` is what is stored; a hidden choice is offered to no new answer. */
export type Choice = { value: string; label: LocalizedText; hidden?: boolean };

/** What a question asks for, and the limits its answer must keep. */
export type QuestionSettings =
  | { type: "SHORT_TEXT"; maxLength: number }
  | { type: "LONG_TEXT"; maxLength: number }
  | { type: "SINGLE_CHOICE"; choices: Choice[] }
  | { type: "MULTIPLE_CHOICE"; choices: Choice[]; minPicks: number; maxPicks: number }
  | { type: "NUMBER"; min?: number; max?: number; integer: boolean }
  /**
   * `teamResidence`: an eligibility question asking whether a team member lives in Morocco, answered on Apply
   * by whoever starts the draft and checked again at Submit against what each member says of themself
   * (eligibility.ts, residenceAnswer).
   */
  | { type: "YES_NO"; teamResidence?: boolean }
  | { type: "DATE" }
  | { type: "URL" }
  // The answer is the id of an uploaded attachment; its type and size are checked at upload.
  | { type: "PDF"; maxBytes: number };
export type QuestionType = QuestionSettings["type"];
export const QUESTION_TYPES = [
  "SHORT_TEXT",
  "LONG_TEXT",
  "SINGLE_CHOICE",
  "MULTIPLE_CHOICE",
  "NUMBER",
  "YES_NO",
  "DATE",
  "URL",
  "PDF",
] as const satisfies readonly QuestionType[];

/**
 * Shown when another, earlier question has a given answer: a yes/no or a number `equals` a
 * value; a choice question has one of the values `in` the list (any of them, for multiple choice).
 */
export type AnswerCondition = { questionKey: string } & ({ equals: boolean | number } | { in: string[] });

/** A question is shown only when every part given holds. */
export type QuestionCondition = {
  sectors?: Sector[];
  /** Shown when the preferred or the alternate site is one of these. */
  sites?: string[];
  answer?: AnswerCondition;
};

/** A question as the call editor defines it; the model gives it its id and position. */
export type QuestionDefinitionInput = {
  /** Names the answer in forms, filters and exports: a slug, unique in the call. */
  key: string;
  /** The wizard step that asks it; ELIGIBILITY_STEP ones are asked on the call page, before a draft exists. */
  step: string;
  required: boolean;
  /** Reveals who the founders are: hidden from reviewers in blind review. */
  identifying: boolean;
  label: LocalizedText;
  help?: LocalizedText;
  condition?: QuestionCondition;
} & QuestionSettings;

export type QuestionDefinition = {
  id: string;
  /** Questions are asked, and their conditions evaluated, in position order. */
  position: number;
} & QuestionDefinitionInput;

export const DEFAULT_QUESTION_STEP = "questions";
export const ELIGIBILITY_STEP = "eligibility";

const QUESTION_KEY_PATTERN = /^[a-z][a-z0-9_]{1,30}$/;
// Form fields are named after keys, and the form reader (app/schemas/form-data.ts) never sets these names.
const RESERVED_KEYS = new Set(["constructor", "prototype"]);
export const CHOICE_VALUE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,59}$/;
export const STEP_PATTERN = /^[a-z][a-z0-9_-]{0,30}$/;

/** The longest text each text type may be given. */
export const TEXT_LENGTH_LIMIT = { SHORT_TEXT: 300, LONG_TEXT: 10_000 } as const;
export const URL_MAX_LENGTH = 2048;
export const MEGABYTE = 1024 * 1024;

/** Whether `key` may name a question's answer. */
export function isQuestionKey(key: string): boolean {
  return QUESTION_KEY_PATTERN.test(key) && !RESERVED_KEYS.has(key);
}

/** The questions in the order they are asked: by position, then as listed. */
export function inOrder<Q extends { position: number }>(questions: readonly Q[]): Q[] {
  return [...questions].sort((a, b) => a.position - b.position);
}

export function isChoiceQuestion(question: QuestionDefinition): question is QuestionDefinition & { choices: Choice[] } {
  return question.type === "SINGLE_CHOICE" || question.type === "MULTIPLE_CHOICE";
}

/** The question types another question's condition can compare an answer with. */
export const COMPARABLE_TYPES: readonly QuestionType[] = ["SINGLE_CHOICE", "MULTIPLE_CHOICE", "YES_NO", "NUMBER"];

// ——— Visibility ———

/** A stored answer, as typed by the answers schema. */
export type AnswerValue = string | number | boolean | string[];
export type AnswerValues = Readonly<Record<string, AnswerValue>>;

/** What decides which questions an application is shown: its sector, its sites and its answers so far. */
export type QuestionContext = {
  sector?: Sector | null;
  /** The preferred and the alternate site. */
  siteIds?: readonly string[];
  answers: AnswerValues;
};

function ownValue<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function answerMatches(condition: AnswerCondition, value: AnswerValue): boolean {
  if ("in" in condition) return (Array.isArray(value) ? value : [value]).some((v) => condition.in.includes(String(v)));
  return value === condition.equals;
}

/** `shownAnswers` holds the answers to the questions shown so far: a hidden question's answer counts for nothing. */
function conditionHolds(condition: QuestionCondition, context: QuestionContext, shownAnswers: ReadonlyMap<string, AnswerValue>): boolean {
  const { sectors, sites, answer } = condition;
  if (sectors && !(context.sector && sectors.includes(context.sector))) return false;
  if (sites && !context.siteIds?.some((siteId) => sites.includes(siteId))) return false;
  if (answer) {
    const value = shownAnswers.get(answer.questionKey);
    if (value === undefined || !answerMatches(answer, value)) return false;
  }
  return true;
}

/**
 * Walks the questions in order and calls `answerOf` for each one shown; a condition reads only the
 * answers of questions shown before it, so a question that depends on a hidden one is hidden too.
 */
function walkShown(
  questions: readonly QuestionDefinition[],
  context: QuestionContext,
  answerOf: (question: QuestionDefinition) => AnswerValue | undefined,
): QuestionDefinition[] {
  const shownAnswers = new Map<string, AnswerValue>();
  const shown: QuestionDefinition[] = [];
  for (const question of inOrder(questions)) {
    if (question.condition && !conditionHolds(question.condition, context, shownAnswers)) continue;
    shown.push(question);
    const answer = answerOf(question);
    if (answer !== undefined) shownAnswers.set(question.key, answer);
  }
  return shown;
}

/** The questions an application is shown, in order, given its sector, sites and answers. */
export function visibleQuestions<Q extends QuestionDefinition>(questions: readonly Q[], context: QuestionContext): Q[] {
  return walkShown(questions, context, (question) => ownValue(context.answers, question.key)) as Q[];
}

/** The choices a question offers: the visible ones, and a hidden one only to an answer that already holds it. */
export function offeredChoices(question: { choices: readonly Choice[] }, savedAnswer?: AnswerValue): Choice[] {
  const saved = savedAnswer === undefined ? [] : Array.isArray(savedAnswer) ? savedAnswer : [String(savedAnswer)];
  return question.choices.filter((choice) => !choice.hidden || saved.includes(choice.value));
}

// ——— Answers ———

/**
 * The translation keys of an answer's errors. A zod issue's message is one of them and its `params`
 * hold the values the message interpolates (see answerIssueMessage).
 */
export const ANSWER_ERROR_KEYS = [
  "questions.required",
  "questions.invalid",
  "questions.tooLong",
  "questions.notAChoice",
  "questions.pickAtLeast",
  "questions.pickAtMost",
  "questions.numberInvalid",
  "questions.integerOnly",
  "questions.numberRange",
  "questions.numberTooSmall",
  "questions.numberTooLarge",
  "questions.dateInvalid",
  "questions.urlInvalid",
  "questions.fileInvalid",
] as const satisfies readonly TranslationKey[];
export type AnswerErrorKey = (typeof ANSWER_ERROR_KEYS)[number];
export type AnswerError = { key: AnswerErrorKey; params: MessageParams };

type Parsed = { value: AnswerValue | null } | { error: AnswerError };

const EMPTY: Parsed = { value: null };
const fail = (key: AnswerErrorKey, params: MessageParams = {}): Parsed => ({ error: { key, params } });

function isBlank(raw: unknown): boolean {
  return raw === null || (typeof raw === "string" && raw.trim() === "") || (Array.isArray(raw) && raw.length === 0);
}

function parseText(raw: unknown, maxLength: number): Parsed {
  if (typeof raw !== "string") return fail("questions.invalid");
  // Browsers post a text area's line breaks as CRLF but count them as one character against its maxlength.
  const text = raw.replace(/\r\n?/g, "\n").trim();
  if (text.length > maxLength) return fail("questions.tooLong", { max: maxLength });
  return { value: text };
}

function parseSingleChoice(raw: unknown, offered: readonly Choice[]): Parsed {
  if (typeof raw !== "string") return fail("questions.invalid");
  return offered.some((choice) => choice.value === raw) ? { value: raw } : fail("questions.notAChoice");
}

function parseMultipleChoice(raw: unknown, question: { minPicks: number; maxPicks: number }, offered: readonly Choice[]): Parsed {
  // A form with a single box ticked may post a lone string.
  const picked = typeof raw === "string" ? [raw] : raw;
  if (!Array.isArray(picked) || picked.some((value) => typeof value !== "string")) return fail("questions.invalid");
  const values = new Set((picked as string[]).filter((value) => value !== ""));
  if (values.size === 0) return EMPTY;
  if ([...values].some((value) => !offered.some((choice) => choice.value === value))) return fail("questions.notAChoice");
  if (values.size < question.minPicks) return fail("questions.pickAtLeast", { min: question.minPicks });
  if (values.size > question.maxPicks) return fail("questions.pickAtMost", { max: question.maxPicks });
  // Stored in the question's order, whatever order the boxes were posted in.
  return { value: offered.map((choice) => choice.value).filter((value) => values.has(value)) };
}

function parseNumber(raw: unknown, question: { min?: number; max?: number; integer: boolean }): Parsed {
  const parsed = parseTypedNumber(raw, question.integer);
  if ("error" in parsed) return fail(parsed.error);
  const { min, max } = question;
  const value = parsed.value;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    if (min !== undefined && max !== undefined) return fail("questions.numberRange", { min, max });
    return min !== undefined ? fail("questions.numberTooSmall", { min }) : fail("questions.numberTooLarge", { max: max as number });
  }
  return { value };
}

function parseYesNo(raw: unknown): Parsed {
  if (raw === true || raw === "yes") return { value: true };
  if (raw === false || raw === "no") return { value: false };
  return fail("questions.notAChoice");
}

function parseDate(raw: unknown): Parsed {
  if (typeof raw !== "string") return fail("questions.dateInvalid");
  const text = raw.trim();
  return isIsoDate(text) ? { value: text } : fail("questions.dateInvalid");
}

function parseUrl(raw: unknown): Parsed {
  if (typeof raw !== "string") return fail("questions.urlInvalid");
  const typed = raw.trim();
  if (typed.length > URL_MAX_LENGTH) return fail("questions.tooLong", { max: URL_MAX_LENGTH });
  // Founders type "www.example.ma" as often as the full address.
  const text = /^[a-z][a-z0-9+.-]*:/i.test(typed) ? typed : `https://${typed}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail("questions.urlInvalid");
  }
  // Shown as a link to reviewers: only web addresses, never javascript: or data:.
  const web = (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".") && !/\s/.test(text);
  return web ? { value: text } : fail("questions.urlInvalid");
}

/** A web address as a URL answer takes it ("www.example.ma" gets https://), or null when it is not one. */
export function webAddressOf(raw: string): string | null {
  const parsed = parseUrl(raw);
  return "value" in parsed ? String(parsed.value) : null;
}

function parseAttachmentId(raw: unknown): Parsed {
  return typeof raw === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(raw.trim()) ? { value: raw.trim() } : fail("questions.fileInvalid");
}

/** One answer, as posted by a form (text) or as stored (typed), checked against its question. */
function parseAnswer(question: QuestionDefinition, raw: unknown, savedAnswer: AnswerValue | undefined): Parsed {
  if (isBlank(raw)) return EMPTY;
  switch (question.type) {
    case "SHORT_TEXT":
    case "LONG_TEXT":
      return parseText(raw, question.maxLength);
    case "SINGLE_CHOICE":
      return parseSingleChoice(raw, offeredChoices(question, savedAnswer));
    case "MULTIPLE_CHOICE":
      return parseMultipleChoice(raw, question, offeredChoices(question, savedAnswer));
    case "NUMBER":
      return parseNumber(raw, question);
    case "YES_NO":
      return parseYesNo(raw);
    case "DATE":
      return parseDate(raw);
    case "URL":
      return parseUrl(raw);
    case "PDF":
      return parseAttachmentId(raw);
  }
}

type Resolution = {
  shown: QuestionDefinition[];
  /** The posted answers of shown questions, typed; null where the answer was emptied. */
  parsed: Map<string, AnswerValue | null>;
  errors: Map<string, AnswerError>;
};

/** The posted answers, each read where its question is shown; for a question not posted, the saved answer counts. */
function resolveAnswers(
  questions: readonly QuestionDefinition[],
  context: QuestionContext,
  posted: Readonly<Record<string, unknown>>,
): Resolution {
  const parsed = new Map<string, AnswerValue | null>();
  const errors = new Map<string, AnswerError>();
  const shown = walkShown(questions, context, (question) => {
    const saved = ownValue(context.answers, question.key);
    const raw = ownValue(posted, question.key);
    if (raw === undefined) return saved;
    const result = parseAnswer(question, raw, saved);
    if ("error" in result) {
      errors.set(question.key, result.error);
      return undefined;
    }
    parsed.set(question.key, result.value);
    return result.value ?? undefined;
  });
  return { shown, parsed, errors };
}

/**
 * The keys of the questions shown, in order, given the answers a form holds now (`posted`, read as the
 * action reads them; for a question not posted, its saved answer): the wizard shows and hides its
 * conditional questions with it as the founder answers, before anything is saved.
 */
export function shownQuestionKeys(
  questions: readonly QuestionDefinition[],
  context: QuestionContext,
  posted: Readonly<Record<string, unknown>>,
): string[] {
  return resolveAnswers(questions, context, posted).shown.map((question) => question.key);
}

/** The answers, typed: each posted answer to a question shown, null where it was emptied. */
export type ParsedAnswers = Record<string, AnswerValue | null>;

/**
 * The schema of a call's answers, keyed by question key, for the wizard (react-hook-form's
 * resolver) and the action alike. It reads `answers.<key>` as posted — text, "yes"/"no", "3,5",
 * string[] for multiple choice — or as stored (typed), and outputs typed values: numbers,
 * booleans, string[] in the question's order, yyyy-mm-dd dates.
 *
 * `context.answers` are the application's saved answers: they decide the conditions of
 * questions not posted now, and keep acceptable a choice hidden since they were given.
 *
 * - "draft": any subset, blanks allowed, but a value given must be well-formed;
 * - "submit": also every required question shown must have an answer (posted or saved).
 *
 * A hidden question is neither checked nor kept, and keys of no question are dropped: to refuse
 * such a request instead, see answerKeysToRefuse. Each error is a zod "custom" issue whose message
 * is a translation key and whose `params` hold its values; answerIssueMessage reads both back.
 */
export function buildAnswersSchema(
  questions: readonly QuestionDefinition[],
  context: QuestionContext,
  options: { mode: "draft" | "submit" },
) {
  const shape = Object.fromEntries(questions.map((question) => [question.key, z.optional(z.unknown())]));
  return z.pipe(
    z.object(shape, { error: "questions.invalid" }),
    z.transform((posted, ctx): ParsedAnswers => {
      const { shown, parsed, errors } = resolveAnswers(questions, context, posted);
      if (options.mode === "submit") {
        for (const question of shown) {
          const answer = parsed.has(question.key) ? parsed.get(question.key) : ownValue(context.answers, question.key);
          if (question.required && answer == null && !errors.has(question.key))
            errors.set(question.key, { key: "questions.required", params: {} });
        }
      }
      for (const [key, error] of errors) {
        ctx.issues.push({ code: "custom", message: error.key, params: error.params, input: posted[key], path: [key] });
      }
      return Object.fromEntries(parsed);
    }),
  );
}

/**
 * A zod issue of the answers schema as the page shows it: its translation key and the values the
 * message interpolates. An issue from anywhere else reads as "questions.invalid".
 */
export function answerIssueMessage(issue: { message: string; params?: Record<string, unknown> }): AnswerError {
  const key = ANSWER_ERROR_KEYS.find((known) => known === issue.message);
  if (!key) return { key: "questions.invalid", params: {} };
  const params: MessageParams = {};
  for (const [name, value] of Object.entries(issue.params ?? {})) {
    if (typeof value === "string" || typeof value === "number") params[name] = value;
  }
  return { key, params };
}

/**
 * Every value any error message of this question may interpolate. For what keeps only an issue's
 * message (parseForm's field errors, react-hook-form's resolver): `t(message, answerErrorParams(question))`.
 */
export function answerErrorParams(question: QuestionDefinition): MessageParams {
  switch (question.type) {
    case "SHORT_TEXT":
    case "LONG_TEXT":
      return { max: question.maxLength };
    case "MULTIPLE_CHOICE":
      return { min: question.minPicks, max: question.maxPicks };
    case "NUMBER": {
      const params: MessageParams = {};
      if (question.min !== undefined) params.min = question.min;
      if (question.max !== undefined) params.max = question.max;
      return params;
    }
    case "URL":
      return { max: URL_MAX_LENGTH };
    case "PDF":
      return { max: Math.floor(question.maxBytes / MEGABYTE) };
    default:
      return {};
  }
}

/**
 * The posted keys a request must be refused for (nothing it holds is then saved): `unknown`, keys
 * of no question a form posts — of no question of the call, or of a file question (its answer is the
 * id of the file uploaded for it, set only by the upload, never typed); `hidden`, non-blank answers to questions hidden both before the
 * request (by the saved answers) and after it — a form never showed those. A question the same
 * request hides (its condition's answer changed) is not refused: its stale value is only dropped.
 */
export function answerKeysToRefuse(
  questions: readonly QuestionDefinition[],
  context: QuestionContext,
  posted: Readonly<Record<string, unknown>>,
): { unknown: string[]; hidden: string[] } {
  const keys = new Set(questions.filter((question) => question.type !== "PDF").map((question) => question.key));
  const postedKeys = Object.keys(posted).filter((key) => posted[key] !== undefined);
  const shownBefore = new Set(visibleQuestions(questions, context).map((question) => question.key));
  const shownAfter = new Set(resolveAnswers(questions, context, posted).shown.map((question) => question.key));
  return {
    unknown: postedKeys.filter((key) => !keys.has(key)),
    hidden: postedKeys.filter((key) => keys.has(key) && !isBlank(posted[key]) && !shownBefore.has(key) && !shownAfter.has(key)),
  };
}

// ——— Questions as a page shows them ———

/** A question as a founder's page renders it, its texts already in the reader's language (see showText). */
export type QuestionView = {
  key: string;
  type: QuestionType;
  required: boolean;
  label: ShownText;
  help: ShownText | null;
  /** The choices offered (offeredChoices), for choice questions. */
  choices: Array<{ value: string; label: ShownText }>;
  /** What the control enforces as it is typed: lengths, bounds, picks. */
  maxLength?: number;
  min?: number;
  max?: number;
  integer?: boolean;
  minPicks?: number;
  maxPicks?: number;
  /** The values its error messages interpolate (answerErrorParams). */
  errorParams: MessageParams;
};

/** A question for a page in `locale`: texts chosen there so the browser gets one language, not three. */
export function questionView(question: QuestionDefinition, locale: Locale, savedAnswer?: AnswerValue): QuestionView {
  const view: QuestionView = {
    key: question.key,
    type: question.type,
    required: question.required,
    label: showText(question.label, locale),
    help: question.help?.fr ? showText(question.help, locale) : null,
    choices: isChoiceQuestion(question)
      ? offeredChoices(question, savedAnswer).map((choice) => ({ value: choice.value, label: showText(choice.label, locale) }))
      : [],
    errorParams: answerErrorParams(question),
  };
  switch (question.type) {
    case "SHORT_TEXT":
    case "LONG_TEXT":
      return { ...view, maxLength: question.maxLength };
    case "MULTIPLE_CHOICE":
      return { ...view, minPicks: question.minPicks, maxPicks: question.maxPicks };
    case "NUMBER":
      return { ...view, min: question.min, max: question.max, integer: question.integer };
    default:
      return view;
  }
}

/** A question's columns as the CallQuestion table stores them: its own columns, and the rest as JSON. */
export function questionColumns(input: QuestionDefinitionInput) {
  const { key, step, type, ...stored } = input;
  return { key, step, type, definition: JSON.stringify(stored) };
}
