// What the question editor's page shows (issue 15), built on the server from a call's questionnaire:
// the questions as a list, their conditions and the eligibility rules in words (in the admin's
// language, numbers, lists and days written here, never in the browser), the questions a condition
// or a rule can name, and the founders' form in each of the three languages for the preview.
import {
  COMPARABLE_TYPES,
  DEFAULT_QUESTION_STEP,
  ELIGIBILITY_STEP,
  inOrder,
  isChoiceQuestion,
  type QuestionDefinition,
  type QuestionType,
} from "~/domain/call-questions.ts";
import type { Questionnaire } from "~/domain/call-questions-editor.ts";
import { showText, type ShownText } from "~/domain/call-texts.ts";
import { LOCALES, SECTORS, type Locale, type Sector } from "~/domain/constants.ts";
import { describeRule, type RuleDescription } from "~/domain/eligibility.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import { INTL_LOCALE, textDirection } from "~/i18n/config.ts";
import { formatDay } from "~/i18n/dates.server.ts";
import { formatNumber, siteName } from "~/i18n/format.ts";
import type { FieldMessage } from "./editor-forms.ts";

/** One question as the editor lists it. */
export type QuestionRowView = {
  id: string;
  key: string;
  type: QuestionType;
  step: string;
  required: boolean;
  identifying: boolean;
  label: ShownText;
  /** Each part of its condition in words; empty when it is always shown. */
  condition: FieldMessage[];
};

/** A question another one's condition can depend on (a choice, yes/no or number question). */
export type ConditionTarget = {
  id: string;
  key: string;
  type: QuestionType;
  step: string;
  label: string;
  choices: Array<{ value: string; label: string }>;
};

/** An eligibility question a rule can test. */
export type RuleTarget = { key: string; type: QuestionType; label: string; choices: Array<{ value: string; label: string }> };

export type RuleView = { id: string; questionKey: string; description: RuleDescription | null; message: ShownText | null };

/** A question as a founder sees it in one language, for the read-only preview. */
export type PreviewQuestion = {
  id: string;
  key: string;
  type: QuestionType;
  required: boolean;
  conditional: boolean;
  label: ShownText;
  help: ShownText | null;
  /** The choices offered to a new answer (hidden ones left out). */
  choices: Array<{ value: string; label: ShownText }>;
  maxLength?: number;
};

/** The words of the preview itself, in its language (the browser holds only the admin's). */
export type PreviewWords = {
  optional: string;
  yes: string;
  no: string;
  conditional: string;
  pdf: string;
  inFrench: string;
  empty: string;
  steps: { eligibility: string; questions: string };
};

export type PreviewLanguage = {
  locale: Locale;
  dir: "ltr" | "rtl";
  words: PreviewWords;
  steps: Array<{ step: string; questions: PreviewQuestion[] }>;
};

export type QuestionEditorData = {
  questions: QuestionRowView[];
  conditionTargets: ConditionTarget[];
  ruleTargets: RuleTarget[];
  rules: RuleView[];
  sites: Array<{ id: string; name: string }>;
  sectors: Array<{ value: Sector; label: string }>;
  steps: string[];
  preview: PreviewLanguage[];
};

type Site = { id: string; name: string; nameAr: string };

function listFormat(locale: Locale, items: string[]): string {
  return new Intl.ListFormat(INTL_LOCALE[locale], { type: "disjunction" }).format(items);
}

/** A question's condition in words, part by part, in the admin's language. */
function conditionSummary(
  question: QuestionDefinition,
  byKey: ReadonlyMap<string, QuestionDefinition>,
  sites: ReadonlyMap<string, Site>,
  locale: Locale,
): FieldMessage[] {
  const condition = question.condition;
  if (!condition) return [];
  const catalog = catalogs[locale];
  const parts: FieldMessage[] = [];
  if (condition.sectors)
    parts.push({
      key: "questionEditor.summarySectors",
      params: {
        sectors: listFormat(
          locale,
          condition.sectors.map((sector) => catalog.sectors[sector]),
        ),
      },
    });
  if (condition.sites) {
    const names = condition.sites.map((id) => {
      const site = sites.get(id);
      return site ? siteName(site, locale) : id;
    });
    parts.push({ key: "questionEditor.summarySites", params: { sites: listFormat(locale, names) } });
  }
  const answer = condition.answer;
  if (answer) {
    const target = byKey.get(answer.questionKey);
    const label = target ? showText(target.label, locale).text : answer.questionKey;
    if ("in" in answer) {
      const choices = target && isChoiceQuestion(target) ? target.choices : [];
      const names = answer.in.map((value) => {
        const choice = choices.find((candidate) => candidate.value === value);
        return choice ? showText(choice.label, locale).text : value;
      });
      parts.push({ key: "questionEditor.summaryAnswerIn", params: { question: label, choices: listFormat(locale, names) } });
    } else if (typeof answer.equals === "boolean") {
      parts.push({
        key: answer.equals ? "questionEditor.summaryAnswerYes" : "questionEditor.summaryAnswerNo",
        params: { question: label },
      });
    } else {
      parts.push({ key: "questionEditor.summaryAnswerEquals", params: { question: label, value: formatNumber(answer.equals, locale) } });
    }
  }
  return parts;
}

function previewQuestion(question: QuestionDefinition, locale: Locale): PreviewQuestion {
  return {
    id: question.id,
    key: question.key,
    type: question.type,
    required: question.required,
    conditional: question.condition !== undefined,
    label: showText(question.label, locale),
    help: question.help?.fr ? showText(question.help, locale) : null,
    choices: isChoiceQuestion(question)
      ? question.choices
          .filter((choice) => !choice.hidden)
          .map((choice) => ({ value: choice.value, label: showText(choice.label, locale) }))
      : [],
    ...(question.type === "SHORT_TEXT" || question.type === "LONG_TEXT" ? { maxLength: question.maxLength } : {}),
  };
}

function previewWords(locale: Locale): PreviewWords {
  const words = catalogs[locale].questionEditor;
  return {
    optional: words.previewOptional,
    yes: words.previewYes,
    no: words.previewNo,
    conditional: words.previewConditional,
    pdf: words.previewPdf,
    inFrench: catalogs[locale].calls.inFrench,
    empty: words.previewEmpty,
    steps: { eligibility: words.previewEligibilityStep, questions: words.previewQuestionsStep },
  };
}

/**
 * The editor's page for a call's questionnaire, in the admin's `locale`. A condition can name the
 * sites of the call's cohorts (`cohortSiteIds`, of `allSites`).
 */
export function questionEditorData(
  questionnaire: Questionnaire,
  { allSites, cohortSiteIds }: { allSites: readonly Site[]; cohortSiteIds: readonly string[] },
  locale: Locale,
): QuestionEditorData {
  const questions = inOrder(questionnaire.questions);
  const byKey = new Map(questions.map((question) => [question.key, question]));
  // A condition may name a site no cohort has any more: it is still listed, ticked.
  const siteIds = new Set([...cohortSiteIds, ...questions.flatMap((question) => question.condition?.sites ?? [])]);
  const siteById = new Map(allSites.map((site) => [site.id, site]));
  const plainChoices = (question: QuestionDefinition) =>
    isChoiceQuestion(question)
      ? question.choices.map((choice) => ({ value: choice.value, label: showText(choice.label, locale).text }))
      : [];
  const label = (question: QuestionDefinition) => showText(question.label, locale).text;
  const steps = [DEFAULT_QUESTION_STEP, ELIGIBILITY_STEP];
  for (const question of questions) if (!steps.includes(question.step)) steps.push(question.step);

  return {
    questions: questions.map((question) => ({
      id: question.id,
      key: question.key,
      type: question.type,
      step: question.step,
      required: question.required,
      identifying: question.identifying,
      label: showText(question.label, locale),
      condition: conditionSummary(question, byKey, siteById, locale),
    })),
    conditionTargets: questions
      .filter((question) => COMPARABLE_TYPES.includes(question.type))
      .map((question) => ({
        id: question.id,
        key: question.key,
        type: question.type,
        step: question.step,
        label: label(question),
        choices: plainChoices(question),
      })),
    ruleTargets: questions
      .filter((question) => question.step === ELIGIBILITY_STEP)
      .map((question) => ({ key: question.key, type: question.type, label: label(question), choices: plainChoices(question) })),
    rules: questionnaire.rules.map((rule) => {
      const question = byKey.get(rule.questionKey);
      return {
        id: rule.id,
        questionKey: rule.questionKey,
        description: question ? describeRule(rule, question, locale, formatDay) : null,
        message: rule.message?.fr ? showText(rule.message, locale) : null,
      };
    }),
    sites: [...siteIds].map((id) => {
      const site = siteById.get(id);
      return { id, name: site ? siteName(site, locale) : id };
    }),
    sectors: SECTORS.map((sector) => ({ value: sector, label: catalogs[locale].sectors[sector] })),
    steps,
    preview: LOCALES.map((previewLocale) => ({
      locale: previewLocale,
      dir: textDirection(previewLocale),
      words: previewWords(previewLocale),
      steps: [ELIGIBILITY_STEP, ...steps.filter((step) => step !== ELIGIBILITY_STEP)].map((step) => ({
        step,
        questions: questions.filter((question) => question.step === step).map((question) => previewQuestion(question, previewLocale)),
      })),
    })),
  };
}
