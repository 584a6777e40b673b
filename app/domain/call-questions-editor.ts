// The call editor's side of a call's questions and eligibility rules (issue 15): the form an admin
// posts for one question, every problem of a call's definitions, and what can no longer change once
// answers were submitted. Staff only: founders' pages use app/domain/call-questions.ts and
// app/domain/eligibility.ts, which never name an editor's message. Pure.
import * as z from "zod/mini";
import type { TranslationKey } from "~/i18n/keys.ts";
import { MAX_UPLOAD_BYTES } from "~/storage/file-type.ts";
import { SECTORS } from "./constants.ts";
import type { MessageParams } from "./errors.ts";
import {
  CHOICE_VALUE_PATTERN,
  COMPARABLE_TYPES,
  DEFAULT_QUESTION_STEP,
  ELIGIBILITY_STEP,
  inOrder,
  isChoiceQuestion,
  isIsoDate,
  isQuestionKey,
  parseTypedNumber,
  MEGABYTE,
  STEP_PATTERN,
  TEXT_LENGTH_LIMIT,
  type AnswerCondition,
  type Choice,
  type LocalizedText,
  type QuestionDefinition,
  type QuestionCondition,
  type QuestionDefinitionInput,
  type QuestionSettings,
  type QuestionType,
} from "./call-questions.ts";
import type { EligibilityOperator, EligibilityRule, EligibilityTest } from "./eligibility.ts";

// ——— Checking question definitions ———

/** A translation key of the question editor's messages (staff catalogs). */
export type QuestionEditorKey = Extract<TranslationKey, `questionEditor.${string}`>;

/** What is wrong with a definition: where (the form path, e.g. questions.2.choices.1.value), its message and the message's values. */
export type DefinitionProblem = { path: string; key: QuestionEditorKey; params?: MessageParams };

function checkChoices(question: QuestionDefinition & { choices: Choice[] }, at: string, problems: DefinitionProblem[]): void {
  const offered = question.choices.filter((choice) => !choice.hidden);
  if (offered.length === 0) problems.push({ path: `${at}.choices`, key: "questionEditor.noChoices" });
  const seen = new Set<string>();
  question.choices.forEach((choice, index) => {
    const path = `${at}.choices.${index}`;
    if (!CHOICE_VALUE_PATTERN.test(choice.value)) problems.push({ path: `${path}.value`, key: "questionEditor.choiceValueInvalid" });
    else if (seen.has(choice.value))
      problems.push({ path: `${path}.value`, key: "questionEditor.duplicateChoice", params: { value: choice.value } });
    seen.add(choice.value);
    if (!choice.label.fr.trim()) problems.push({ path: `${path}.label.fr`, key: "questionEditor.labelRequired" });
  });
  if (question.type !== "MULTIPLE_CHOICE") return;
  const { minPicks, maxPicks } = question;
  if (!Number.isInteger(minPicks) || minPicks < 0) problems.push({ path: `${at}.minPicks`, key: "questionEditor.picksInvalid" });
  else if (!Number.isInteger(maxPicks) || maxPicks < 1) problems.push({ path: `${at}.maxPicks`, key: "questionEditor.picksInvalid" });
  else if (minPicks > maxPicks)
    problems.push({ path: `${at}.minPicks`, key: "questionEditor.minAboveMax", params: { min: minPicks, max: maxPicks } });
  else if (offered.length > 0 && minPicks > offered.length)
    problems.push({ path: `${at}.minPicks`, key: "questionEditor.minPicksAboveChoices", params: { count: offered.length } });
}

function checkSettings(question: QuestionDefinition, at: string, problems: DefinitionProblem[]): void {
  switch (question.type) {
    case "SHORT_TEXT":
    case "LONG_TEXT": {
      const max = TEXT_LENGTH_LIMIT[question.type];
      if (!Number.isInteger(question.maxLength) || question.maxLength < 1 || question.maxLength > max)
        problems.push({ path: `${at}.maxLength`, key: "questionEditor.maxLengthRange", params: { max } });
      return;
    }
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE":
      return checkChoices(question, at, problems);
    case "NUMBER":
      if (question.min !== undefined && question.max !== undefined && question.min > question.max)
        problems.push({ path: `${at}.min`, key: "questionEditor.minAboveMax", params: { min: question.min, max: question.max } });
      return;
    case "PDF":
      if (!Number.isInteger(question.maxBytes) || question.maxBytes < 1 || question.maxBytes > MAX_UPLOAD_BYTES)
        problems.push({ path: `${at}.maxBytes`, key: "questionEditor.maxBytesRange", params: { max: MAX_UPLOAD_BYTES / MEGABYTE } });
      return;
    case "YES_NO":
      // The members' residence is checked against the call's eligibility rules, which test eligibility questions only.
      if (question.teamResidence && question.step !== ELIGIBILITY_STEP)
        problems.push({ path: `${at}.teamResidence`, key: "questionEditor.teamResidenceEligibilityOnly" });
      return;
    default:
      return;
  }
}

/** Each question by key (the first one with it: a duplicate is reported), with its rank in asking order. */
type QuestionIndex = ReadonlyMap<string, { question: QuestionDefinition; rank: number }>;

function answerConditionProblems(condition: AnswerCondition, at: string, rank: number, byKey: QuestionIndex): DefinitionProblem[] {
  const target = byKey.get(condition.questionKey);
  const params = { key: condition.questionKey };
  if (!target) return [{ path: `${at}.questionKey`, key: "questionEditor.conditionMissing", params }];
  // Conditions are evaluated in asking order: a later answer does not exist yet when this question is asked.
  if (target.rank >= rank) return [{ path: `${at}.questionKey`, key: "questionEditor.conditionLater", params }];
  const question = target.question;
  if (!COMPARABLE_TYPES.includes(question.type))
    return [{ path: `${at}.questionKey`, key: "questionEditor.conditionNotComparable", params }];
  if ("in" in condition) {
    if (!isChoiceQuestion(question)) return [{ path: `${at}.in`, key: "questionEditor.conditionValueType" }];
    if (condition.in.length === 0) return [{ path: `${at}.in`, key: "questionEditor.listEmpty" }];
    return condition.in.flatMap((value, index): DefinitionProblem[] =>
      question.choices.some((choice) => choice.value === value)
        ? []
        : [{ path: `${at}.in.${index}`, key: "questionEditor.notAChoice", params: { value } }],
    );
  }
  const fits =
    (question.type === "YES_NO" && typeof condition.equals === "boolean") ||
    (question.type === "NUMBER" && typeof condition.equals === "number" && Number.isFinite(condition.equals));
  return fits ? [] : [{ path: `${at}.equals`, key: "questionEditor.conditionValueType" }];
}

function checkCondition(question: QuestionDefinition, at: string, rank: number, byKey: QuestionIndex, problems: DefinitionProblem[]): void {
  const condition = question.condition;
  if (!condition) return;
  if (condition.sectors?.length === 0) problems.push({ path: `${at}.condition.sectors`, key: "questionEditor.listEmpty" });
  if (condition.sites?.length === 0) problems.push({ path: `${at}.condition.sites`, key: "questionEditor.listEmpty" });
  // Asked on the call page, before a draft exists: there is no sector, site or wizard answer yet.
  const target = condition.answer && byKey.get(condition.answer.questionKey)?.question;
  if (question.step === ELIGIBILITY_STEP && (condition.sectors || condition.sites || (target && target.step !== ELIGIBILITY_STEP)))
    problems.push({ path: `${at}.condition`, key: "questionEditor.conditionBeforeDraft" });
  if (condition.answer) problems.push(...answerConditionProblems(condition.answer, `${at}.condition.answer`, rank, byKey));
}

/**
 * Every problem of a call's question definitions, for the call editor: each question's own
 * settings, and what only the whole list shows (a duplicate key, a condition on a later or
 * missing question). questionDefinitionSchema checks the form's shape first; this checks meaning,
 * whether the definitions come from the editor, the seed or an import.
 */
export function validateQuestionDefinitions(questions: readonly QuestionDefinition[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const ranks = new Map(inOrder(questions).map((question, rank) => [question, rank]));
  const byKey = new Map<string, { question: QuestionDefinition; rank: number }>();
  questions.forEach((question, index) => {
    const at = `questions.${index}`;
    if (!isQuestionKey(question.key)) problems.push({ path: `${at}.key`, key: "questionEditor.keyInvalid" });
    else if (byKey.has(question.key))
      problems.push({ path: `${at}.key`, key: "questionEditor.duplicateKey", params: { key: question.key } });
    else byKey.set(question.key, { question, rank: ranks.get(question) as number });
    if (!question.label.fr.trim()) problems.push({ path: `${at}.label.fr`, key: "questionEditor.labelRequired" });
    checkSettings(question, at, problems);
  });
  questions.forEach((question, index) => checkCondition(question, `questions.${index}`, ranks.get(question) as number, byKey, problems));
  return problems;
}

// The editor's form posts text: numbers as typed, ticked boxes as "on", repeated fields as lists.
const checkbox = z.pipe(
  z.optional(z.union([z.literal("on"), z.boolean()], { error: "errors.choose" })),
  z.transform((value) => value === "on" || value === true),
);
const wholeNumber = (min: number) =>
  z.coerce.number({ error: "errors.numberInvalid" }).check(z.int("errors.numberInvalid"), z.gte(min, "errors.numberInvalid"));
const optionalNumber = z.pipe(
  z.optional(z.union([z.string(), z.number()], { error: "errors.numberInvalid" })),
  z.transform((raw, ctx) => {
    if (raw === undefined || (typeof raw === "string" && raw.trim() === "")) return undefined;
    const parsed = parseTypedNumber(raw, false);
    if ("value" in parsed) return parsed.value;
    ctx.issues.push({ code: "custom", message: "errors.numberInvalid", input: raw });
    return undefined;
  }),
);
/** Values posted under one name: none, one (a lone string) or several. */
const list = <T extends z.core.$ZodType<unknown, string>>(item: T) =>
  z.pipe(
    z._default(z.union([z.string(), z.array(z.string())], { error: "errors.choose" }), []),
    z.pipe(
      z.transform((values: string | string[]) => (typeof values === "string" ? [values] : values).filter((value) => value !== "")),
      z.array(item),
    ),
  );
const localizedInput = (max: number) => {
  const text = z.string({ error: "errors.required" }).check(z.trim(), z.maxLength(max, "errors.tooLong"));
  return z.object({ fr: text, en: z._default(text, ""), ar: z._default(text, "") }, { error: "errors.required" });
};
type LocalizedInput = { fr: string; en: string; ar: string };
// An empty translation is no translation: the reader gets the French.
const withoutEmpty = (text: LocalizedInput): LocalizedText => ({
  fr: text.fr,
  ...(text.en && { en: text.en }),
  ...(text.ar && { ar: text.ar }),
});
const label = (max: number) =>
  z.pipe(
    localizedInput(max).check(z.refine((text) => text.fr !== "", { message: "errors.required", path: ["fr"] })),
    z.transform(withoutEmpty),
  );
const help = z.pipe(
  z.optional(localizedInput(1000)),
  z.transform((text, ctx): LocalizedText | undefined => {
    if (!text || (!text.fr && !text.en && !text.ar)) return undefined;
    if (!text.fr) ctx.issues.push({ code: "custom", message: "errors.required", input: text, path: ["fr"] });
    return withoutEmpty(text);
  }),
);
const choices = z._default(
  z.array(
    z.object({
      value: z
        .string({ error: "questionEditor.choiceValueInvalid" })
        .check(z.trim(), z.regex(CHOICE_VALUE_PATTERN, "questionEditor.choiceValueInvalid")),
      label: label(200),
      hidden: checkbox,
    }),
    { error: "questionEditor.noChoices" },
  ),
  [],
);

const commonFields = {
  key: z.string({ error: "questionEditor.keyInvalid" }).check(z.trim(), z.refine(isQuestionKey, "questionEditor.keyInvalid")),
  step: z.pipe(
    z.pipe(
      z.optional(z.string()),
      z.transform((step) => step?.trim() || DEFAULT_QUESTION_STEP),
    ),
    z.string().check(z.regex(STEP_PATTERN, "questionEditor.stepInvalid")),
  ),
  required: checkbox,
  identifying: checkbox,
  label: label(300),
  help,
  // Flat names: a form reader gathers repeated values (checkbox groups) by name.
  conditionSectors: list(z.enum(SECTORS, { error: "errors.choose" })),
  conditionSites: list(z.string().check(z.maxLength(64, "errors.choose"))),
  conditionQuestionKey: z._default(z.string().check(z.trim()), ""),
  /** "yes" or "no" for a yes/no question, a number for a number question. */
  conditionEquals: z._default(z.string().check(z.trim()), ""),
  /** The values of a choice question that show this one. */
  conditionIn: list(z.string()),
};
const variant = <T extends QuestionType, S extends z.core.$ZodLooseShape>(type: T, settings: S) =>
  z.object({ ...commonFields, type: z.literal(type), ...settings });

const questionForm = z.discriminatedUnion(
  "type",
  [
    variant("SHORT_TEXT", { maxLength: wholeNumber(1) }),
    variant("LONG_TEXT", { maxLength: wholeNumber(1) }),
    variant("SINGLE_CHOICE", { choices }),
    variant("MULTIPLE_CHOICE", { choices, minPicks: z._default(wholeNumber(0), 0), maxPicks: wholeNumber(1) }),
    variant("NUMBER", { min: optionalNumber, max: optionalNumber, integer: checkbox }),
    variant("YES_NO", { teamResidence: checkbox }),
    variant("DATE", {}),
    variant("URL", {}),
    // Admins think of a size cap in megabytes.
    variant("PDF", { maxMegabytes: wholeNumber(1) }),
  ],
  { error: "errors.choose" },
);
type QuestionForm = z.output<typeof questionForm>;

function settingsFromForm(form: QuestionForm): QuestionSettings {
  switch (form.type) {
    case "SHORT_TEXT":
    case "LONG_TEXT":
      return { type: form.type, maxLength: form.maxLength };
    case "SINGLE_CHOICE":
      return { type: form.type, choices: form.choices };
    case "MULTIPLE_CHOICE":
      return { type: form.type, choices: form.choices, minPicks: form.minPicks, maxPicks: form.maxPicks };
    case "NUMBER":
      return {
        type: form.type,
        integer: form.integer,
        ...(form.min !== undefined && { min: form.min }),
        ...(form.max !== undefined && { max: form.max }),
      };
    case "PDF":
      return { type: form.type, maxBytes: form.maxMegabytes * MEGABYTE };
    case "YES_NO":
      return { type: form.type, ...(form.teamResidence && { teamResidence: true }) };
    default:
      return { type: form.type };
  }
}

/**
 * One question as the call editor's form posts it (dotted names read by parseForm: `label.fr`,
 * `choices.0.value`…), turned into a definition. Its messages are translation keys. It checks the
 * form's shape only: validateQuestionDefinitions then checks the definition among the call's others.
 */
export const questionDefinitionSchema = z.pipe(
  questionForm,
  z.transform((form, ctx): QuestionDefinitionInput => {
    const condition: QuestionCondition = {};
    if (form.conditionSectors.length > 0) condition.sectors = form.conditionSectors;
    if (form.conditionSites.length > 0) condition.sites = form.conditionSites;
    const questionKey = form.conditionQuestionKey;
    if (questionKey && form.conditionIn.length > 0) condition.answer = { questionKey, in: form.conditionIn };
    else if (questionKey && (form.conditionEquals === "yes" || form.conditionEquals === "no"))
      condition.answer = { questionKey, equals: form.conditionEquals === "yes" };
    else if (questionKey) {
      const number = parseTypedNumber(form.conditionEquals, false);
      if ("value" in number) condition.answer = { questionKey, equals: number.value };
      else
        ctx.issues.push({
          code: "custom",
          message: "questionEditor.conditionValueInvalid",
          input: form.conditionEquals,
          path: ["conditionEquals"],
        });
    }
    return {
      key: form.key,
      step: form.step,
      required: form.required,
      identifying: form.identifying,
      label: form.label,
      ...(form.help && { help: form.help }),
      ...(Object.keys(condition).length > 0 && { condition }),
      ...settingsFromForm(form),
    };
  }),
);

// ——— Freezing (once a call has a submitted application) ———

/** A call's questions and eligibility rules, as one editor saves them. */
export type Questionnaire = { questions: readonly QuestionDefinition[]; rules: readonly EligibilityRule[] };

/** A change refused because answers were submitted: where (a form path, e.g. questions.3.choices or rules.0), its message and values. */
export type FreezeViolation = { path: string; key: QuestionEditorKey; params?: MessageParams };

function narrowedSettings(before: QuestionDefinition, after: QuestionDefinition): string[] {
  if (before.type === "SHORT_TEXT" || before.type === "LONG_TEXT") {
    return after.type === before.type && after.maxLength < before.maxLength ? ["maxLength"] : [];
  }
  if (before.type === "MULTIPLE_CHOICE" && after.type === "MULTIPLE_CHOICE") {
    return [...(after.minPicks > before.minPicks ? ["minPicks"] : []), ...(after.maxPicks < before.maxPicks ? ["maxPicks"] : [])];
  }
  if (before.type === "NUMBER" && after.type === "NUMBER") {
    return [
      ...((after.min ?? -Infinity) > (before.min ?? -Infinity) ? ["min"] : []),
      ...((after.max ?? Infinity) < (before.max ?? Infinity) ? ["max"] : []),
      ...(after.integer && !before.integer ? ["integer"] : []),
    ];
  }
  if (before.type === "PDF" && after.type === "PDF") return after.maxBytes < before.maxBytes ? ["maxBytes"] : [];
  return [];
}

/** What a rule tests: everything but its id and its message (a message stays correctable, like a label). */
function ruleTest(rule: EligibilityRule): string {
  const { id: _id, message: _message, ...test } = rule;
  const canonical = "values" in test ? { ...test, values: [...test.values].sort() } : test;
  return JSON.stringify(Object.entries(canonical).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The changes refused once a call has a submitted application, so that stored answers keep their
 * meaning: a question keeps its key and type, loses no choice (hiding one is how to stop offering
 * it) and narrows no limit; a question with answers (`answeredQuestionIds`) stays; the eligibility
 * rules test the same things. Labels, help, order, steps, conditions and flags stay editable, and
 * questions may be added.
 */
export function freezeViolations(before: Questionnaire, after: Questionnaire, answeredQuestionIds: ReadonlySet<string>): FreezeViolation[] {
  const violations: FreezeViolation[] = [];
  const afterIndex = new Map(after.questions.map((question, index) => [question.id, index]));
  for (const old of before.questions) {
    const index = afterIndex.get(old.id);
    const params = { key: old.key };
    if (index === undefined) {
      if (answeredQuestionIds.has(old.id)) violations.push({ path: "questions", key: "questionEditor.frozenRemoved", params });
      continue;
    }
    const question = after.questions[index];
    const at = `questions.${index}`;
    if (question.key !== old.key) violations.push({ path: `${at}.key`, key: "questionEditor.frozenKey", params });
    if (question.type !== old.type) {
      violations.push({ path: `${at}.type`, key: "questionEditor.frozenType", params });
      continue;
    }
    if (isChoiceQuestion(old) && isChoiceQuestion(question)) {
      for (const choice of old.choices) {
        if (!question.choices.some((kept) => kept.value === choice.value))
          violations.push({ path: `${at}.choices`, key: "questionEditor.frozenChoiceRemoved", params: { value: choice.value } });
      }
    }
    for (const setting of narrowedSettings(old, question))
      violations.push({ path: `${at}.${setting}`, key: "questionEditor.frozenNarrowed", params });
  }

  const rulesBefore = new Map(before.rules.map((rule) => [rule.id, ruleTest(rule)]));
  const ruleIdsAfter = new Set(after.rules.map((rule) => rule.id));
  after.rules.forEach((rule, index) => {
    if (rulesBefore.get(rule.id) !== ruleTest(rule)) violations.push({ path: `rules.${index}`, key: "questionEditor.frozenRules" });
  });
  if (before.rules.some((rule) => !ruleIdsAfter.has(rule.id))) violations.push({ path: "rules", key: "questionEditor.frozenRules" });
  return violations;
}

// ——— Checking eligibility rules ———

/** The question types each operator tests. */
const OPERATOR_TYPES: Record<EligibilityOperator, readonly QuestionDefinition["type"][]> = {
  between: ["NUMBER"],
  atLeast: ["NUMBER"],
  atMost: ["NUMBER"],
  after: ["DATE"],
  before: ["DATE"],
  equals: ["YES_NO"],
  in: ["SINGLE_CHOICE", "MULTIPLE_CHOICE"],
};

const WRONG_TYPE_KEY: Record<EligibilityOperator, DefinitionProblem["key"]> = {
  between: "questionEditor.ruleNeedsNumber",
  atLeast: "questionEditor.ruleNeedsNumber",
  atMost: "questionEditor.ruleNeedsNumber",
  after: "questionEditor.ruleNeedsDate",
  before: "questionEditor.ruleNeedsDate",
  equals: "questionEditor.ruleNeedsYesNo",
  in: "questionEditor.ruleNeedsChoice",
};

/** What is wrong with a rule's operand: a bound or date that is no value, min above max, a value no choice has. */
function operandProblems(rule: EligibilityRule, question: QuestionDefinition, at: string): DefinitionProblem[] {
  const invalid = (field: string): DefinitionProblem => ({ path: `${at}.${field}`, key: "questionEditor.ruleValueInvalid" });
  switch (rule.operator) {
    case "between":
      if (!Number.isFinite(rule.min)) return [invalid("min")];
      if (!Number.isFinite(rule.max)) return [invalid("max")];
      return rule.min > rule.max
        ? [{ path: `${at}.min`, key: "questionEditor.minAboveMax", params: { min: rule.min, max: rule.max } }]
        : [];
    case "atLeast":
      return Number.isFinite(rule.min) ? [] : [invalid("min")];
    case "atMost":
      return Number.isFinite(rule.max) ? [] : [invalid("max")];
    case "after":
    case "before":
      return isIsoDate(rule.date) ? [] : [invalid("date")];
    case "equals":
      return typeof rule.value === "boolean" ? [] : [invalid("value")];
    case "in": {
      if (rule.values.length === 0) return [{ path: `${at}.values`, key: "questionEditor.listEmpty" }];
      const choices = "choices" in question ? question.choices : [];
      return rule.values.flatMap((value, index) =>
        choices.some((choice) => choice.value === value)
          ? []
          : [{ path: `${at}.values.${index}`, key: "questionEditor.notAChoice" as const, params: { value } }],
      );
    }
  }
}

/**
 * Every problem of a call's eligibility rules, for the call editor: a rule on a question the call
 * lacks or does not ask before a draft exists, an operator the question's type cannot answer
 * (a number bound on a text…), an operand that is no value of it.
 */
export function validateEligibilityRules(rules: readonly EligibilityRule[], questions: readonly QuestionDefinition[]): DefinitionProblem[] {
  return rules.flatMap((rule, index): DefinitionProblem[] => {
    const at = `rules.${index}`;
    const params = { key: rule.questionKey };
    const question = questions.find((candidate) => candidate.key === rule.questionKey);
    if (!question) return [{ path: `${at}.questionKey`, key: "questionEditor.ruleQuestionMissing", params }];
    if (question.step !== ELIGIBILITY_STEP)
      return [{ path: `${at}.questionKey`, key: "questionEditor.ruleNotEligibilityQuestion", params }];
    if (!OPERATOR_TYPES[rule.operator].includes(question.type)) return [{ path: `${at}.operator`, key: WRONG_TYPE_KEY[rule.operator] }];
    return operandProblems(rule, question, at);
  });
}

// ——— The eligibility rule form ———

/** A rule as the call editor defines it; the model gives it its id and position. */
export type EligibilityRuleDefinitionInput = { questionKey: string; message?: LocalizedText } & EligibilityTest;

export const ELIGIBILITY_OPERATORS = [
  "between",
  "atLeast",
  "atMost",
  "after",
  "before",
  "equals",
  "in",
] as const satisfies readonly EligibilityOperator[];

/** A bound as typed ("3", "2,5", "12 500"): the rule compares numbers with it. */
const ruleBound = z.pipe(
  z.optional(z.union([z.string(), z.number()], { error: "questionEditor.ruleValueInvalid" })),
  z.transform((raw, ctx): number => {
    const parsed = raw === undefined ? undefined : parseTypedNumber(raw, false);
    if (parsed && "value" in parsed) return parsed.value;
    ctx.issues.push({ code: "custom", message: "questionEditor.ruleValueInvalid", input: raw });
    return Number.NaN;
  }),
);
const ruleDate = z
  .string({ error: "questionEditor.ruleValueInvalid" })
  .check(z.trim(), z.refine(isIsoDate, "questionEditor.ruleValueInvalid"));
const ruleYesNo = z.pipe(
  z.enum(["yes", "no"], { error: "questionEditor.ruleValueInvalid" }),
  z.transform((value) => value === "yes"),
);
// Ticked boxes of the question's choices: none, one (a lone string) or several.
const ruleValues = z.pipe(
  z._default(z.union([z.string(), z.array(z.string())], { error: "questionEditor.listEmpty" }), []),
  z.pipe(
    z.transform((values: string | string[]) =>
      [...new Set(typeof values === "string" ? [values] : values)].filter((value) => value !== ""),
    ),
    z.array(z.string()).check(z.minLength(1, "questionEditor.listEmpty")),
  ),
);

const ruleFields = {
  questionKey: z.string({ error: "errors.choose" }).check(z.trim(), z.minLength(1, "errors.choose")),
  /** The rule in the admin's words, shown instead of the generated sentence: French first, like every text. */
  message: help,
};
const ruleVariant = <O extends EligibilityOperator, S extends z.core.$ZodLooseShape>(operator: O, operand: S) =>
  z.object({ ...ruleFields, operator: z.literal(operator), ...operand });

const ruleForm = z.discriminatedUnion(
  "operator",
  [
    ruleVariant("between", { min: ruleBound, max: ruleBound }),
    ruleVariant("atLeast", { min: ruleBound }),
    ruleVariant("atMost", { max: ruleBound }),
    ruleVariant("after", { date: ruleDate }),
    ruleVariant("before", { date: ruleDate }),
    ruleVariant("equals", { value: ruleYesNo }),
    ruleVariant("in", { values: ruleValues }),
  ],
  { error: "errors.choose" },
);
type RuleForm = z.output<typeof ruleForm>;

function testFromForm(form: RuleForm): EligibilityTest {
  switch (form.operator) {
    case "between":
      return { operator: form.operator, min: form.min, max: form.max };
    case "atLeast":
      return { operator: form.operator, min: form.min };
    case "atMost":
      return { operator: form.operator, max: form.max };
    case "after":
    case "before":
      return { operator: form.operator, date: form.date };
    case "equals":
      return { operator: form.operator, value: form.value };
    case "in":
      return { operator: form.operator, values: form.values };
  }
}

/**
 * One eligibility rule as the call editor's form posts it — `questionKey`, `operator`, the operand
 * its operator reads (`min`/`max` as typed numbers, `date` yyyy-mm-dd, `value` "yes"/"no", `values`
 * the ticked choices) and the optional `message.fr|en|ar` — turned into a rule. Its messages are
 * translation keys. It checks the form's shape only: validateEligibilityRules then checks the rule
 * against the call's questions (an eligibility question of a type the operator can test, min ≤ max…).
 */
export const eligibilityRuleSchema = z.pipe(
  ruleForm,
  z.transform((form): EligibilityRuleDefinitionInput => ({
    questionKey: form.questionKey,
    ...(form.message && { message: form.message }),
    ...testFromForm(form),
  })),
);
