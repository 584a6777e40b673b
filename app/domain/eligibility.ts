// A call's eligibility rules (issue 15, DESIGN.md §9): tests on the answers to its eligibility
// questions (those of the eligibility step), evaluated on the call page before a draft exists, and
// shown in words there. Pure: the call page and the action that creates a draft share it.
import type { TranslationKey } from "~/i18n/keys.ts";
import { INTL_LOCALE } from "~/i18n/config.ts";
import { formatNumber } from "~/i18n/format.ts";
import { visibleQuestions, type AnswerValues, type LocalizedText, type QuestionDefinition } from "./call-questions.ts";
import type { Locale } from "./constants.ts";
import { showText } from "./call-texts.ts";

/**
 * What a rule asks of an answer. Bounds are inclusive ("between 1 and 3" takes 1 and 3); dates
 * are yyyy-mm-dd and exclusive ("after 2023-12-29" refuses the 29th); `in` passes a choice
 * answer with one of the values (a multiple-choice answer with any of them).
 */
export type EligibilityTest =
  | { operator: "between"; min: number; max: number }
  | { operator: "atLeast"; min: number }
  | { operator: "atMost"; max: number }
  | { operator: "after"; date: string }
  | { operator: "before"; date: string }
  | { operator: "equals"; value: boolean }
  | { operator: "in"; values: string[] };
export type EligibilityOperator = EligibilityTest["operator"];

/**
 * A rule on one eligibility question. A rule applies only when its question is shown: "company
 * founded after 2023-12-29 or not yet founded" is an "after" rule on a founding-date question
 * shown when "Is your company registered?" is yes — a founder who answers no passes it.
 * `message` is the rule in the admin's own words, shown instead of describeRule's sentence.
 */
export type EligibilityRule = { id: string; questionKey: string; message?: LocalizedText } & EligibilityTest;

/** Whether an answer of the right type passes the rule; undefined when there is no such answer. */
function passes(rule: EligibilityRule, answer: AnswerValues[string] | undefined): boolean | undefined {
  switch (rule.operator) {
    case "between":
      return typeof answer === "number" ? rule.min <= answer && answer <= rule.max : undefined;
    case "atLeast":
      return typeof answer === "number" ? answer >= rule.min : undefined;
    case "atMost":
      return typeof answer === "number" ? answer <= rule.max : undefined;
    // yyyy-mm-dd texts sort as the days they name.
    case "after":
      return typeof answer === "string" ? answer > rule.date : undefined;
    case "before":
      return typeof answer === "string" ? answer < rule.date : undefined;
    case "equals":
      return typeof answer === "boolean" ? answer === rule.value : undefined;
    case "in": {
      const picked = typeof answer === "string" ? [answer] : Array.isArray(answer) ? answer : [];
      return picked.length > 0 ? picked.some((value) => rule.values.includes(value)) : undefined;
    }
  }
}

export type FailedRule = {
  ruleId: string;
  questionKey: string;
  /** Why, as the founder reads it beside the question: not answered, or answered outside the rule. */
  key: Extract<TranslationKey, "questions.eligibility.unanswered" | "questions.eligibility.notMet">;
};

/**
 * Whether the answers (typed, as the answers schema outputs them) pass every rule. A rule whose
 * question is hidden does not apply; an unanswered one fails, for a reason of its own.
 * The rules must have passed validateEligibilityRules: a rule on a question the call lacks throws.
 */
export function evaluateEligibility(
  rules: readonly EligibilityRule[],
  questions: readonly QuestionDefinition[],
  answers: AnswerValues,
): { eligible: boolean; failed: FailedRule[] } {
  const shown = new Set(visibleQuestions(questions, { answers }).map((question) => question.key));
  const failed: FailedRule[] = [];
  for (const rule of rules) {
    if (!questions.some((question) => question.key === rule.questionKey))
      throw new Error(`eligibility rule ${rule.id} tests a question the call does not have: ${rule.questionKey}`);
    if (!shown.has(rule.questionKey)) continue;
    const answer = Object.hasOwn(answers, rule.questionKey) ? answers[rule.questionKey] : undefined;
    const result = passes(rule, answer);
    if (result === undefined) failed.push({ ruleId: rule.id, questionKey: rule.questionKey, key: "questions.eligibility.unanswered" });
    else if (!result) failed.push({ ruleId: rule.id, questionKey: rule.questionKey, key: "questions.eligibility.notMet" });
  }
  return { eligible: failed.length === 0, failed };
}

/**
 * What the team says of "does a member live in Morocco?" from each member's own answer (null: not said):
 * yes once one says yes, no once every one says no, nothing to add while some have not said.
 */
export function residenceAnswer(residences: ReadonlyArray<boolean | null>): boolean | undefined {
  if (residences.some((resides) => resides === true)) return true;
  if (residences.length > 0 && residences.every((resides) => resides === false)) return false;
  return undefined;
}

/**
 * The eligibility answers at Submit: those given on Apply, a team-residence question's answer replaced by
 * what the members say of themselves (residenceAnswer) once that settles it.
 */
export function answersAtSubmission(
  questions: readonly QuestionDefinition[],
  answers: AnswerValues,
  residences: ReadonlyArray<boolean | null>,
): AnswerValues {
  const fromTeam = residenceAnswer(residences);
  if (fromTeam === undefined) return answers;
  const keys = questions.filter((question) => question.type === "YES_NO" && question.teamResidence).map((question) => question.key);
  return { ...answers, ...Object.fromEntries(keys.map((key) => [key, fromTeam])) };
}

/** A rule in words: a translation key and its values, already written in the reader's language. */
export type RuleDescription = { key: Extract<TranslationKey, `questions.rules.${string}`>; params: Record<string, string> };

/**
 * The rule as the public call page words it, in `locale`: `t(description.key, description.params)`
 * gives "Team size: from 1 to 3". The question's label, the choices, numbers and dates are written
 * for the reader (labels fall back to French). A rule with a `message` shows that message instead.
 * `writeDay` writes a calendar day (yyyy-mm-dd) for the reader: `formatDay` of app/i18n/dates.server.ts, the
 * one place dates are written for people, so this runs on the server.
 */
export function describeRule(
  rule: EligibilityRule,
  question: QuestionDefinition,
  locale: Locale,
  writeDay: (isoDate: string, locale: Locale) => string,
): RuleDescription {
  const label = showText(question.label, locale).text;
  const number = (value: number) => formatNumber(value, locale);
  switch (rule.operator) {
    case "between":
      return { key: "questions.rules.between", params: { label, min: number(rule.min), max: number(rule.max) } };
    case "atLeast":
      return { key: "questions.rules.atLeast", params: { label, min: number(rule.min) } };
    case "atMost":
      return { key: "questions.rules.atMost", params: { label, max: number(rule.max) } };
    case "after":
      return { key: "questions.rules.after", params: { label, date: writeDay(rule.date, locale) } };
    case "before":
      return { key: "questions.rules.before", params: { label, date: writeDay(rule.date, locale) } };
    case "equals":
      return { key: rule.value ? "questions.rules.equalsYes" : "questions.rules.equalsNo", params: { label } };
    case "in": {
      const choices = "choices" in question ? question.choices : [];
      const labels = rule.values.map((value) => {
        const choice = choices.find((candidate) => candidate.value === value);
        return choice ? showText(choice.label, locale).text : value;
      });
      const list = new Intl.ListFormat(INTL_LOCALE[locale], { type: "disjunction" }).format(labels);
      return { key: "questions.rules.in", params: { label, choices: list } };
    }
  }
}

/** A rule as the editor saves it: no id yet. */
export type EligibilityRuleInput = { questionKey: string; message?: LocalizedText } & EligibilityTest;

/** A rule's columns as the EligibilityRule table stores them: the question's key, and the test and message as JSON. */
export function ruleColumns(input: EligibilityRuleInput) {
  const { questionKey, ...test } = input;
  return { questionKey, definition: JSON.stringify(test) };
}
