// An application's answers to its call's questions as the staff read them (issue 15, point 5): on
// the reviewer's scoring page (without the identifying ones in blind review), the admin's
// application page, the screening page (with each eligibility rule's outcome), the admin list's
// filter by a choice, the CSV export and the call dashboard. Pure: the models read the rows and
// hand in what must be written on the server (days, the words for yes and no).
import { formatNumber } from "~/i18n/format.ts";
import {
  ELIGIBILITY_STEP,
  inOrder,
  isIsoDate,
  visibleQuestions,
  type AnswerValue,
  type QuestionContext,
  type QuestionDefinition,
} from "./call-questions.ts";
import { showText, type ShownText } from "./call-texts.ts";
import { RTL_LOCALES, type Locale } from "./constants.ts";
import { evaluateEligibility, type EligibilityRule } from "./eligibility.ts";

// ——— Answers as a page shows them ———

/**
 * One answer, ready to show: `text` is what the founder typed or a value already written for the
 * reader (a number, a day, yes or no); `choices` are the labels of the picked choices; `link` a web
 * address; `file` an attachment of the application (its name hidden, null, in blind review).
 */
export type AnswerDisplay =
  | { kind: "text"; text: string }
  | { kind: "choices"; choices: ShownText[] }
  | { kind: "link"; href: string }
  | { kind: "file"; attachmentId: string; fileName: string | null };

/** A question with its answer (null: not answered), its label in the reader's language. */
export type AnswerShown = {
  key: string;
  label: ShownText;
  /** Answered on the call page before the draft existed (the eligibility step). */
  eligibility: boolean;
  answer: AnswerDisplay | null;
};

/** What only the server writes (DESIGN.md §9, "Dates"), and the words for yes and no, in the reader's language. */
export type AnswerWriting = {
  locale: Locale;
  yes: string;
  no: string;
  /** A yyyy-mm-dd day for the reader: formatDay of app/i18n/dates.server.ts. */
  writeDay: (isoDate: string, locale: Locale) => string;
  /** The application's attachments: a file answer names its file (null where the name is hidden). */
  files?: ReadonlyMap<string, string | null>;
};

/** A text that is the reader's own language (a code or a word written for them), as ShownText. */
function inReaderLanguage(text: string, locale: Locale): ShownText {
  return { text, lang: locale, dir: RTL_LOCALES.includes(locale) ? "rtl" : "ltr", inFrench: false };
}

/** A picked choice by its label; a value the question no longer offers (removed before any submission) by itself. */
function choiceLabel(question: QuestionDefinition, value: string, locale: Locale): ShownText {
  const choice = "choices" in question ? question.choices.find((candidate) => candidate.value === value) : undefined;
  return choice ? showText(choice.label, locale) : inReaderLanguage(value, locale);
}

const asText = (value: AnswerValue): string => (Array.isArray(value) ? value.join("; ") : String(value));

/** One stored answer as the page shows it; a value of an unexpected type (the question changed type on a draft) as text. */
export function answerDisplay(question: QuestionDefinition, value: AnswerValue, writing: AnswerWriting): AnswerDisplay {
  const { locale } = writing;
  switch (question.type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE": {
      const values = Array.isArray(value) ? value : [String(value)];
      return { kind: "choices", choices: values.map((picked) => choiceLabel(question, picked, locale)) };
    }
    case "YES_NO":
      return { kind: "text", text: typeof value === "boolean" ? (value ? writing.yes : writing.no) : asText(value) };
    case "NUMBER":
      return { kind: "text", text: typeof value === "number" ? formatNumber(value, locale) : asText(value) };
    case "DATE":
      return { kind: "text", text: typeof value === "string" && isIsoDate(value) ? writing.writeDay(value, locale) : asText(value) };
    case "URL":
      // Only web addresses become links (the answers schema stores nothing else): never javascript: or data:.
      return typeof value === "string" && /^https?:\/\//i.test(value)
        ? { kind: "link", href: value }
        : { kind: "text", text: asText(value) };
    case "PDF":
      return typeof value === "string" && writing.files?.has(value)
        ? { kind: "file", attachmentId: value, fileName: writing.files.get(value) ?? null }
        : { kind: "text", text: asText(value) };
    default:
      return { kind: "text", text: asText(value) };
  }
}

export type AnswersShown = {
  answers: AnswerShown[];
  /** Identifying answers left out (blind review): how many, never which. */
  hidden: number;
};

/**
 * The answers of one application, in asking order: every question it is shown (given its sector,
 * sites and answers) and any other it holds an answer to. With `hideIdentifying` (blind review),
 * identifying questions are left out whole, answer and all, before anything is written: what this
 * returns may reach the browser.
 */
export function showAnswers(
  questions: readonly QuestionDefinition[],
  context: QuestionContext,
  writing: AnswerWriting,
  options: { hideIdentifying: boolean },
): AnswersShown {
  const shown = new Set(visibleQuestions(questions, context).map((question) => question.key));
  const listed = inOrder(questions).filter((question) => shown.has(question.key) || Object.hasOwn(context.answers, question.key));
  const kept = options.hideIdentifying ? listed.filter((question) => !question.identifying) : listed;
  return {
    answers: kept.map((question) => ({
      key: question.key,
      label: showText(question.label, writing.locale),
      eligibility: question.step === ELIGIBILITY_STEP,
      answer: Object.hasOwn(context.answers, question.key) ? answerDisplay(question, context.answers[question.key], writing) : null,
    })),
    hidden: options.hideIdentifying
      ? listed.filter((question) => question.identifying && Object.hasOwn(context.answers, question.key)).length
      : 0,
  };
}

/** The attachments that answer identifying file questions: in blind review they are withheld with the other identifying answers. */
export function identifyingFileIds(questions: readonly QuestionDefinition[], answers: Readonly<Record<string, AnswerValue>>): Set<string> {
  return new Set(
    questions
      .filter((question) => question.identifying && question.type === "PDF" && Object.hasOwn(answers, question.key))
      .map((question) => answers[question.key])
      .filter((value): value is string => typeof value === "string"),
  );
}

// ——— Eligibility at screening ———

/** A rule's outcome for one application: met, not met, its question unanswered, or its question not shown (it does not apply). */
export type RuleOutcome = "passed" | "notMet" | "unanswered" | "notApplicable";

/**
 * Each rule's outcome on an application's stored answers, in the rules' order, as evaluateEligibility
 * judges them when the draft is created: what the screening checklist is filled in from.
 */
export function ruleOutcomes(
  rules: readonly EligibilityRule[],
  questions: readonly QuestionDefinition[],
  answers: Readonly<Record<string, AnswerValue>>,
): Array<{ ruleId: string; outcome: RuleOutcome }> {
  // A rule whose question is gone tests nothing (the editor never lets that happen; a page must not fail on it).
  const applicable = rules.filter((rule) => questions.some((question) => question.key === rule.questionKey));
  const { failed } = evaluateEligibility(applicable, questions, answers);
  const shown = new Set(visibleQuestions(questions, { answers }).map((question) => question.key));
  return rules.map((rule) => {
    const failure = failed.find((f) => f.ruleId === rule.id);
    if (failure) return { ruleId: rule.id, outcome: failure.key === "questions.eligibility.unanswered" ? "unanswered" : "notMet" };
    return { ruleId: rule.id, outcome: applicable.includes(rule) && shown.has(rule.questionKey) ? "passed" : "notApplicable" };
  });
}

// ——— Filtering the admin list by an answer ———

/** The questions whose answers are indexed by picked choice (AnswerChoice): the admin list filters by them. */
export function isFilterableQuestion(question: QuestionDefinition): boolean {
  return question.type === "SINGLE_CHOICE" || question.type === "MULTIPLE_CHOICE" || question.type === "YES_NO";
}

/** The values a filterable question's answers are indexed by: its choices (hidden ones too: old answers hold them), or yes and no. */
function indexedValues(question: QuestionDefinition): string[] {
  if (question.type === "YES_NO") return ["yes", "no"];
  return "choices" in question ? question.choices.map((choice) => choice.value) : [];
}

/** How the list's URL names an answer: `answer=<questionKey>:<value>`, e.g. `answer=has_prototype:yes`. */
export function answerFilterParam(questionKey: string, value: string): string {
  return `${questionKey}:${value}`;
}

/** An answer filter that names a choice of a filterable question of the call. */
export type AnswerFilter = { questionId: string; questionKey: string; choice: string };

/** The filter an `answer` parameter names, or null when it names no choice (or yes/no) of a filterable question of the call. */
export function parseAnswerFilter(param: string, questions: readonly QuestionDefinition[]): AnswerFilter | null {
  const separator = param.indexOf(":");
  if (separator < 0) return null;
  const key = param.slice(0, separator);
  const choice = param.slice(separator + 1);
  const question = questions.find((candidate) => candidate.key === key);
  if (!question || !isFilterableQuestion(question) || !indexedValues(question).includes(choice)) return null;
  return { questionId: question.id, questionKey: key, choice };
}

/** A question of the list's answer filter, its choices as options (`value` is the whole parameter). */
export type AnswerFilterOption = { questionKey: string; label: string; choices: Array<{ value: string; label: string }> };

/**
 * The list's answer filter as a select offers it, texts in the reader's language (plain: an option
 * holds no markup). Hidden choices are offered too: applications submitted before still hold them.
 */
export function answerFilterOptions(
  questions: readonly QuestionDefinition[],
  words: { locale: Locale; yes: string; no: string },
): AnswerFilterOption[] {
  return inOrder(questions)
    .filter(isFilterableQuestion)
    .map((question) => ({
      questionKey: question.key,
      label: showText(question.label, words.locale).text,
      choices:
        question.type === "YES_NO"
          ? [
              { value: answerFilterParam(question.key, "yes"), label: words.yes },
              { value: answerFilterParam(question.key, "no"), label: words.no },
            ]
          : ("choices" in question ? question.choices : []).map((choice) => ({
              value: answerFilterParam(question.key, choice.value),
              label: showText(choice.label, words.locale).text,
            })),
    }));
}

// ——— The call dashboard ———

/** One bar of a question's distribution: a choice (or yes, no) and how many applications picked it. */
export type DistributionRow = { value: string; label: ShownText; count: number };
export type AnswerDistribution = { questionKey: string; label: ShownText; multiple: boolean; rows: DistributionRow[] };

/**
 * How a call's applications answered each choice and yes/no question, from the counts of picked
 * choices per question key and value: every choice offered (a hidden one only while picked), then
 * any value the question no longer has.
 */
export function answerDistributions(
  questions: readonly QuestionDefinition[],
  counts: ReadonlyMap<string, ReadonlyMap<string, number>>,
  words: { locale: Locale; yes: string; no: string },
): AnswerDistribution[] {
  return inOrder(questions)
    .filter(isFilterableQuestion)
    .map((question) => {
      const picked = counts.get(question.key) ?? new Map<string, number>();
      const offered: DistributionRow[] =
        question.type === "YES_NO"
          ? [
              { value: "yes", label: inReaderLanguage(words.yes, words.locale), count: picked.get("yes") ?? 0 },
              { value: "no", label: inReaderLanguage(words.no, words.locale), count: picked.get("no") ?? 0 },
            ]
          : ("choices" in question ? question.choices : [])
              .filter((choice) => !choice.hidden || (picked.get(choice.value) ?? 0) > 0)
              .map((choice) => ({
                value: choice.value,
                label: showText(choice.label, words.locale),
                count: picked.get(choice.value) ?? 0,
              }));
      const others = [...picked]
        .filter(([value]) => !indexedValues(question).includes(value))
        .map(([value, count]) => ({ value, label: inReaderLanguage(value, words.locale), count }));
      return {
        questionKey: question.key,
        label: showText(question.label, words.locale),
        multiple: question.type === "MULTIPLE_CHOICE",
        rows: [...offered, ...others],
      };
    });
}

// ——— The CSV export ———

/** A question's column in the CSV export: `q_` and its key, so no key can take the name of a fixed column ("status", "rank"…). */
export function answerColumn(question: Pick<QuestionDefinition, "key">): string {
  return `q_${question.key}`;
}

/**
 * An answer as a CSV cell, in no language: a choice by its value, multiple choices joined with "; "
 * in the question's order, yes/no as "yes"/"no" (the values the list filters by), a number as
 * itself, a day as yyyy-mm-dd, a file by its attachment id, text as typed (the CSV writer
 * neutralizes formulas); empty when not answered.
 */
export function answerCell(value: AnswerValue | undefined): string | number {
  if (value === undefined) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return value;
  return asText(value);
}
