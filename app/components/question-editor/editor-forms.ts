// The question editor's two forms (issue 15) as plain form posts: their field names, their values
// (a saved definition, or what was posted and refused) and the schemas both the browser
// (react-hook-form) and the action check them with. Each form schema is the domain's own
// (questionDefinitionSchema, eligibilityRuleSchema) behind one step that reads the form as a page
// without JavaScript posts it: choice lines left blank (the spare lines offered to add choices)
// are no choices, and a group of one checkbox is still a list. Error paths come back named as the
// form's fields, on the line the admin typed. Pure: the page ships it to the browser.
import * as z from "zod/mini";
import { DEFAULT_QUESTION_STEP, MEGABYTE, type QuestionDefinition, type QuestionType } from "~/domain/call-questions.ts";
import { eligibilityRuleSchema, questionDefinitionSchema, type EligibilityRuleDefinitionInput } from "~/domain/call-questions-editor.ts";
import type { EligibilityOperator, EligibilityRule } from "~/domain/eligibility.ts";
import type { MessageParams } from "~/domain/errors.ts";
import { MAX_UPLOAD_BYTES } from "~/storage/file-type.ts";

/** An error shown beside a field: its translation key and the values its message interpolates. */
export type FieldMessage = { key: string; params?: MessageParams };

/** A text's three languages as the form's fields hold them ("" when not written). */
export type TextFields = { fr: string; en: string; ar: string };

/** One line of a choice question's choices: `choices.<line>.value`, `.label.fr|en|ar`, `.hidden`. */
export type ChoiceLine = { value: string; label: TextFields; hidden: boolean };

/** A question as its form holds it: every type's settings at once, as text, for a page without JavaScript. */
export type QuestionFormValues = {
  key: string;
  type: QuestionType;
  step: string;
  required: boolean;
  identifying: boolean;
  label: TextFields;
  help: TextFields;
  maxLength: string;
  choices: ChoiceLine[];
  minPicks: string;
  maxPicks: string;
  min: string;
  max: string;
  integer: boolean;
  teamResidence: boolean;
  maxMegabytes: string;
  conditionSectors: string[];
  conditionSites: string[];
  conditionQuestionKey: string;
  conditionEquals: string;
  conditionIn: string[];
};

/** The question form's fields that a group of checkboxes posts, one value per ticked box. */
export const QUESTION_LIST_FIELDS = ["conditionSectors", "conditionSites", "conditionIn"] as const;

/** Blank choice lines offered after the last one written, so a page without JavaScript can add choices. */
export const SPARE_CHOICE_LINES = 3;

const DEFAULT_MAX_MEGABYTES = String(MAX_UPLOAD_BYTES / MEGABYTE);

const noText = (): TextFields => ({ fr: "", en: "", ar: "" });
const textFields = (text: { fr: string; en?: string | null; ar?: string | null } | undefined): TextFields => ({
  fr: text?.fr ?? "",
  en: text?.en ?? "",
  ar: text?.ar ?? "",
});
const blankLine = (): ChoiceLine => ({ value: "", label: noText(), hidden: false });

/** The form of a new question, or of `question` as saved. */
export function questionFormValues(question?: QuestionDefinition): QuestionFormValues {
  const values: QuestionFormValues = {
    key: "",
    type: "SHORT_TEXT",
    step: DEFAULT_QUESTION_STEP,
    required: false,
    identifying: false,
    label: noText(),
    help: noText(),
    maxLength: "300",
    choices: [],
    minPicks: "0",
    maxPicks: "",
    min: "",
    max: "",
    integer: false,
    teamResidence: false,
    maxMegabytes: DEFAULT_MAX_MEGABYTES,
    conditionSectors: [],
    conditionSites: [],
    conditionQuestionKey: "",
    conditionEquals: "",
    conditionIn: [],
  };
  if (!question) return values;
  const answer = question.condition?.answer;
  Object.assign(values, {
    key: question.key,
    type: question.type,
    step: question.step,
    required: question.required,
    identifying: question.identifying,
    label: textFields(question.label),
    help: textFields(question.help),
    conditionSectors: question.condition?.sectors ?? [],
    conditionSites: question.condition?.sites ?? [],
    conditionQuestionKey: answer?.questionKey ?? "",
    conditionEquals:
      answer && "equals" in answer ? (typeof answer.equals === "boolean" ? (answer.equals ? "yes" : "no") : String(answer.equals)) : "",
    conditionIn: answer && "in" in answer ? answer.in : [],
  });
  switch (question.type) {
    case "SHORT_TEXT":
    case "LONG_TEXT":
      values.maxLength = String(question.maxLength);
      break;
    case "MULTIPLE_CHOICE":
      values.minPicks = String(question.minPicks);
      values.maxPicks = String(question.maxPicks);
      values.choices = question.choices.map((choice) => ({
        value: choice.value,
        label: textFields(choice.label),
        hidden: !!choice.hidden,
      }));
      break;
    case "SINGLE_CHOICE":
      values.choices = question.choices.map((choice) => ({
        value: choice.value,
        label: textFields(choice.label),
        hidden: !!choice.hidden,
      }));
      break;
    case "NUMBER":
      values.min = question.min === undefined ? "" : String(question.min);
      values.max = question.max === undefined ? "" : String(question.max);
      values.integer = question.integer;
      break;
    case "PDF":
      values.maxMegabytes = String(question.maxBytes / MEGABYTE);
      break;
    case "YES_NO":
      values.teamResidence = !!question.teamResidence;
      break;
    default:
      break;
  }
  return values;
}

const text = (value: unknown): string => (typeof value === "string" ? value : typeof value === "number" ? String(value) : "");
const ticked = (value: unknown): boolean => value === true || value === "on";
const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
/** A checkbox group's values: react-hook-form gives a lone box's value (or false), a form post a list. */
const listOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : typeof value === "string" ? [value] : [];
const postedText = (value: unknown): TextFields => {
  const fields = record(value);
  return { fr: text(fields.fr), en: text(fields.en), ar: text(fields.ar) };
};

/** A refused post's fields (formDataToObject's nested object) as the question form shows them again. */
export function postedQuestionValues(posted: Record<string, unknown>): QuestionFormValues {
  const defaults = questionFormValues();
  const type = text(posted.type) as QuestionType;
  return {
    ...defaults,
    key: text(posted.key),
    type: type || defaults.type,
    step: text(posted.step) || defaults.step,
    required: ticked(posted.required),
    identifying: ticked(posted.identifying),
    label: postedText(posted.label),
    help: postedText(posted.help),
    maxLength: text(posted.maxLength),
    choices: (Array.isArray(posted.choices) ? posted.choices : []).map((line: unknown) => {
      const fields = record(line);
      return { value: text(fields.value), label: postedText(fields.label), hidden: ticked(fields.hidden) };
    }),
    minPicks: text(posted.minPicks),
    maxPicks: text(posted.maxPicks),
    min: text(posted.min),
    max: text(posted.max),
    integer: ticked(posted.integer),
    maxMegabytes: text(posted.maxMegabytes),
    conditionSectors: listOf(posted.conditionSectors),
    conditionSites: listOf(posted.conditionSites),
    conditionQuestionKey: text(posted.conditionQuestionKey),
    conditionEquals: text(posted.conditionEquals),
    conditionIn: listOf(posted.conditionIn),
  };
}

function isBlankLine(line: unknown): boolean {
  const fields = record(line);
  const label = record(fields.label);
  return [fields.value, label.fr, label.en, label.ar].every((value) => text(value).trim() === "");
}

/** The choice lines shown: those given, then blank ones up to SPARE_CHOICE_LINES after the last one written. */
export function withSpareLines(choices: readonly ChoiceLine[], spare = SPARE_CHOICE_LINES): ChoiceLine[] {
  let trailingBlank = 0;
  while (trailingBlank < choices.length && isBlankLine(choices[choices.length - 1 - trailingBlank])) trailingBlank++;
  return [...choices, ...Array.from({ length: Math.max(0, spare - trailingBlank) }, blankLine)];
}

/**
 * The form's values with its blank choice lines left out, and for each choice kept the line it was
 * typed on (`lineOf[index]`), so that an error about choice `index` is shown on that line.
 */
export function withoutBlankLines(form: Record<string, unknown>): { values: Record<string, unknown>; lineOf: number[] } {
  const lines: unknown[] = Array.isArray(form.choices) ? form.choices : [];
  const lineOf: number[] = [];
  const choices: unknown[] = [];
  lines.forEach((line, index) => {
    if (line === undefined || isBlankLine(line)) return;
    lineOf.push(index);
    choices.push(line);
  });
  return { values: { ...form, choices }, lineOf };
}

// Where a definition's problem is shown: the definition's path (validateQuestionDefinitions',
// relative to the question) or the form schema's, and the form field that holds it.
const QUESTION_FIELD_OF_PATH: ReadonlyArray<readonly [path: string, field: string]> = [
  ["condition.answer.questionKey", "conditionQuestionKey"],
  ["condition.answer.equals", "conditionEquals"],
  ["condition.answer.in", "conditionIn"],
  ["condition.sectors", "conditionSectors"],
  ["condition.sites", "conditionSites"],
  ["maxBytes", "maxMegabytes"],
  ...QUESTION_LIST_FIELDS.map((field) => [field, field] as const),
];

/**
 * The question form's field for a problem at `path`: a condition's part by its own field, a list's
 * item by the list, choice `n` by the line it was typed on (`lineOf`, see withoutBlankLines).
 */
export function questionFieldOf(path: string, lineOf: readonly number[] = []): string {
  for (const [prefix, field] of QUESTION_FIELD_OF_PATH) if (path === prefix || path.startsWith(`${prefix}.`)) return field;
  const choice = /^choices\.(\d+)(\..*)?$/.exec(path);
  if (choice) return `choices.${lineOf[Number(choice[1])] ?? choice[1]}${choice[2] ?? ""}`;
  return path || "form";
}

type Issue = { message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> };
const pathOf = (issue: Issue) => (issue.path ?? []).map((part) => String(typeof part === "object" ? part.key : part)).join(".");

/**
 * The question form (see QuestionFormValues) → a definition: questionDefinitionSchema, once blank
 * choice lines are dropped; its errors on the form's own fields. For the browser and the action alike.
 */
export const questionFormSchema = z.pipe(
  z.custom<Record<string, unknown>>((value) => typeof value === "object" && value !== null, { error: "errors.required" }),
  z.transform((form, ctx) => {
    const { values, lineOf } = withoutBlankLines(form);
    for (const field of QUESTION_LIST_FIELDS) values[field] = listOf(values[field]);
    const result = questionDefinitionSchema.safeParse(values);
    if (result.success) return result.data;
    for (const issue of result.error.issues)
      ctx.issues.push({ code: "custom", message: issue.message, input: form, path: questionFieldOf(pathOf(issue), lineOf).split(".") });
    return z.NEVER;
  }),
);

// ——— Eligibility rules ———

/** A rule as its form holds it: every operator's operand at once, as text. */
export type RuleFormValues = {
  questionKey: string;
  operator: EligibilityOperator;
  min: string;
  max: string;
  date: string;
  value: string;
  values: string[];
  message: TextFields;
};

export const RULE_LIST_FIELDS = ["values"] as const;

/** The form of a new rule, or of `rule` as saved. */
export function ruleFormValues(rule?: EligibilityRule): RuleFormValues {
  const values: RuleFormValues = {
    questionKey: rule?.questionKey ?? "",
    operator: rule?.operator ?? "between",
    min: "",
    max: "",
    date: "",
    value: "",
    values: [],
    message: textFields(rule?.message),
  };
  if (!rule) return values;
  switch (rule.operator) {
    case "between":
      return { ...values, min: String(rule.min), max: String(rule.max) };
    case "atLeast":
      return { ...values, min: String(rule.min) };
    case "atMost":
      return { ...values, max: String(rule.max) };
    case "after":
    case "before":
      return { ...values, date: rule.date };
    case "equals":
      return { ...values, value: rule.value ? "yes" : "no" };
    case "in":
      return { ...values, values: rule.values };
  }
}

/** A refused post's fields as the rule form shows them again. */
export function postedRuleValues(posted: Record<string, unknown>): RuleFormValues {
  const defaults = ruleFormValues();
  return {
    questionKey: text(posted.questionKey),
    operator: (text(posted.operator) || defaults.operator) as EligibilityOperator,
    min: text(posted.min),
    max: text(posted.max),
    date: text(posted.date),
    value: text(posted.value),
    values: listOf(posted.values),
    message: postedText(posted.message),
  };
}

/** The rule form's field for a problem at `path` (validateEligibilityRules', relative to the rule, or the schema's). */
export function ruleFieldOf(path: string): string {
  if (path === "values" || path.startsWith("values.")) return "values";
  return path || "form";
}

/** The rule form → a rule: eligibilityRuleSchema, its errors on the form's own fields. For the browser and the action alike. */
export const ruleFormSchema = z.pipe(
  z.custom<Record<string, unknown>>((value) => typeof value === "object" && value !== null, { error: "errors.required" }),
  z.transform((form, ctx): EligibilityRuleDefinitionInput => {
    const result = eligibilityRuleSchema.safeParse({ ...form, values: listOf(form.values) });
    if (result.success) return result.data;
    for (const issue of result.error.issues)
      ctx.issues.push({ code: "custom", message: issue.message, input: form, path: ruleFieldOf(pathOf(issue)).split(".") });
    return z.NEVER;
  }),
);
