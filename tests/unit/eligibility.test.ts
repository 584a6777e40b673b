// A call's eligibility rules (app/domain/eligibility.ts): checked in the editor, evaluated on
// the call page before any draft exists, and shown there in words in the three languages.
import { describe, expect, it } from "vitest";
import {
  ELIGIBILITY_STEP,
  buildAnswersSchema,
  type Choice,
  type QuestionDefinition,
  type QuestionSettings,
} from "~/domain/call-questions.ts";
import { formatDay } from "~/i18n/dates.server.ts";
import { questionDefinitionSchema, validateEligibilityRules, validateQuestionDefinitions } from "~/domain/call-questions-editor.ts";
import { answersAtSubmission, describeRule, evaluateEligibility, residenceAnswer, type EligibilityRule } from "~/domain/eligibility.ts";
import { translate } from "../support/translate.ts";

let lastPosition = 0;
function define(
  key: string,
  label: QuestionDefinition["label"],
  settings: QuestionSettings,
  extra: Partial<QuestionDefinition> = {},
): QuestionDefinition {
  lastPosition += 1;
  return {
    id: `id_${key}`,
    key,
    position: lastPosition,
    step: ELIGIBILITY_STEP,
    required: true,
    identifying: false,
    label,
    ...settings,
    ...extra,
  } as QuestionDefinition;
}
const choice = (value: string, fr: string, en: string, ar: string): Choice => ({ value, label: { fr, en, ar } });

// The demo call's eligibility, from its own description.
const teamSize = define(
  "team_size",
  { fr: "Taille de l'équipe", en: "Team size", ar: "عدد أعضاء الفريق" },
  { type: "NUMBER", integer: true },
);
const registered = define(
  "registered",
  { fr: "Votre entreprise est-elle immatriculée ?", en: "Is your company registered?", ar: "هل شركتك مسجلة؟" },
  { type: "YES_NO" },
);
const founded = define(
  "founded_on",
  { fr: "Date de création de l'entreprise", en: "Company founding date", ar: "تاريخ تأسيس الشركة" },
  { type: "DATE" },
  { condition: { answer: { questionKey: "registered", equals: true } } },
);
const resident = define(
  "resident",
  { fr: "Un membre au moins réside au Maroc", en: "At least one member lives in Morocco", ar: "عضو واحد على الأقل مقيم بالمغرب" },
  { type: "YES_NO" },
);
const stage = define(
  "stage",
  { fr: "Stade du projet", en: "Project stage", ar: "مرحلة المشروع" },
  {
    type: "SINGLE_CHOICE",
    choices: [
      choice("idea", "Idée", "Idea", "فكرة"),
      choice("prototype", "Prototype", "Prototype", "نموذج أولي"),
      choice("mvp", "Produit minimum", "Minimum product", "منتج أدنى"),
    ],
  },
);
const markets = define(
  "markets",
  { fr: "Marchés visés", en: "Target markets", ar: "الأسواق المستهدفة" },
  {
    type: "MULTIPLE_CHOICE",
    choices: [
      choice("morocco", "Maroc", "Morocco", "المغرب"),
      choice("africa", "Afrique", "Africa", "إفريقيا"),
      choice("europe", "Europe", "Europe", "أوروبا"),
    ],
    minPicks: 1,
    maxPicks: 3,
  },
);
// French only: the other languages show the French label.
const funding = define("funding", { fr: "Montant recherché (MAD)" }, { type: "NUMBER", integer: false }, { required: false });
const motivation = define("motivation", { fr: "Motivation" }, { type: "LONG_TEXT", maxLength: 500 }, { required: false });
const wizardQuestion = define("team_story", { fr: "Histoire de l'équipe" }, { type: "NUMBER", integer: true }, { step: "questions" });
const QUESTIONS = [teamSize, registered, founded, resident, stage, markets, funding, motivation, wizardQuestion];

const teamRule: EligibilityRule = { id: "team", questionKey: "team_size", operator: "between", min: 1, max: 3 };
const youngRule: EligibilityRule = { id: "young", questionKey: "founded_on", operator: "after", date: "2023-12-29" };
const residentRule: EligibilityRule = { id: "resident", questionKey: "resident", operator: "equals", value: true };
const stageRule: EligibilityRule = { id: "stage", questionKey: "stage", operator: "in", values: ["prototype", "mvp"] };
const marketsRule: EligibilityRule = { id: "markets", questionKey: "markets", operator: "in", values: ["morocco", "africa"] };
const minFundingRule: EligibilityRule = { id: "min_funding", questionKey: "funding", operator: "atLeast", min: 10_000 };
const maxFundingRule: EligibilityRule = { id: "max_funding", questionKey: "funding", operator: "atMost", max: 500_000 };
const oldEnoughRule: EligibilityRule = { id: "old_enough", questionKey: "founded_on", operator: "before", date: "2025-06-30" };
const RULES = [teamRule, youngRule, residentRule, stageRule, marketsRule, minFundingRule, maxFundingRule, oldEnoughRule];

const ELIGIBLE = {
  team_size: 2,
  registered: true,
  founded_on: "2024-03-01",
  resident: true,
  stage: "prototype",
  markets: ["europe", "morocco"],
  funding: 250_000,
};

describe("validateEligibilityRules", () => {
  it("finds nothing wrong with rules on eligibility questions of the right types", () => {
    expect(validateEligibilityRules(RULES, QUESTIONS)).toEqual([]);
  });

  it("a rule on a question the call lacks, or one asked only once a draft exists", () => {
    expect(validateEligibilityRules([{ ...teamRule, questionKey: "nowhere" }], QUESTIONS)).toEqual([
      { path: "rules.0.questionKey", key: "questionEditor.ruleQuestionMissing", params: { key: "nowhere" } },
    ]);
    expect(validateEligibilityRules([{ ...teamRule, questionKey: "team_story" }], QUESTIONS)).toEqual([
      { path: "rules.0.questionKey", key: "questionEditor.ruleNotEligibilityQuestion", params: { key: "team_story" } },
    ]);
  });

  it("an operator the question's type cannot answer", () => {
    const on = (rule: EligibilityRule, questionKey: string) => validateEligibilityRules([{ ...rule, questionKey }], QUESTIONS);
    expect(on(teamRule, "resident")).toEqual([{ path: "rules.0.operator", key: "questionEditor.ruleNeedsNumber" }]);
    expect(on(minFundingRule, "motivation")).toEqual([{ path: "rules.0.operator", key: "questionEditor.ruleNeedsNumber" }]);
    expect(on(maxFundingRule, "founded_on")).toEqual([{ path: "rules.0.operator", key: "questionEditor.ruleNeedsNumber" }]);
    expect(on(youngRule, "team_size")).toEqual([{ path: "rules.0.operator", key: "questionEditor.ruleNeedsDate" }]);
    expect(on(oldEnoughRule, "motivation")).toEqual([{ path: "rules.0.operator", key: "questionEditor.ruleNeedsDate" }]);
    expect(on(residentRule, "stage")).toEqual([{ path: "rules.0.operator", key: "questionEditor.ruleNeedsYesNo" }]);
    expect(on(stageRule, "team_size")).toEqual([{ path: "rules.0.operator", key: "questionEditor.ruleNeedsChoice" }]);
  });

  it("between with its minimum above its maximum", () => {
    expect(validateEligibilityRules([{ ...teamRule, min: 4, max: 3 }], QUESTIONS)).toEqual([
      { path: "rules.0.min", key: "questionEditor.minAboveMax", params: { min: 4, max: 3 } },
    ]);
    expect(validateEligibilityRules([{ ...teamRule, min: 3, max: 3 }], QUESTIONS)).toEqual([]);
  });

  it("an operand that is no value: a bound that is no number, a day that does not exist, a yes/no that is not one", () => {
    const invalid = (field: string) => [{ path: `rules.0.${field}`, key: "questionEditor.ruleValueInvalid" }];
    expect(validateEligibilityRules([{ ...teamRule, min: Number.NaN }], QUESTIONS)).toEqual(invalid("min"));
    expect(validateEligibilityRules([{ ...teamRule, max: Number.POSITIVE_INFINITY }], QUESTIONS)).toEqual(invalid("max"));
    expect(validateEligibilityRules([{ ...minFundingRule, min: Number.NaN }], QUESTIONS)).toEqual(invalid("min"));
    expect(validateEligibilityRules([{ ...maxFundingRule, max: Number.NaN }], QUESTIONS)).toEqual(invalid("max"));
    expect(validateEligibilityRules([{ ...youngRule, date: "2023-02-30" }], QUESTIONS)).toEqual(invalid("date"));
    expect(validateEligibilityRules([{ ...oldEnoughRule, date: "30/06/2025" }], QUESTIONS)).toEqual(invalid("date"));
    expect(validateEligibilityRules([{ ...residentRule, value: "yes" as unknown as boolean }], QUESTIONS)).toEqual(invalid("value"));
  });

  it("a list of choices that is empty or names a value the question does not offer", () => {
    expect(validateEligibilityRules([{ ...stageRule, values: [] }], QUESTIONS)).toEqual([
      { path: "rules.0.values", key: "questionEditor.listEmpty" },
    ]);
    expect(validateEligibilityRules([{ ...stageRule, values: ["mvp", "unicorn"] }], QUESTIONS)).toEqual([
      { path: "rules.0.values.1", key: "questionEditor.notAChoice", params: { value: "unicorn" } },
    ]);
  });

  it("reports each rule at its own place", () => {
    const problems = validateEligibilityRules([teamRule, { ...stageRule, questionKey: "gone" }, { ...youngRule, date: "soon" }], QUESTIONS);
    expect(problems.map((problem) => problem.path)).toEqual(["rules.1.questionKey", "rules.2.date"]);
  });
});

describe("evaluateEligibility", () => {
  const evaluate = (rules: EligibilityRule[], answers: Record<string, unknown>) => evaluateEligibility(rules, QUESTIONS, answers as never);
  const failedKeys = (rules: EligibilityRule[], answers: Record<string, unknown>) =>
    evaluate(rules, answers).failed.map((failure) => failure.key);

  it("an applicant who meets every rule is eligible", () => {
    expect(evaluate(RULES, ELIGIBLE)).toEqual({ eligible: true, failed: [] });
  });

  it("between: both bounds included", () => {
    for (const size of [1, 2, 3]) expect(evaluate([teamRule], { team_size: size }).eligible, String(size)).toBe(true);
    for (const size of [0, 4]) {
      expect(evaluate([teamRule], { team_size: size }), String(size)).toEqual({
        eligible: false,
        failed: [{ ruleId: "team", questionKey: "team_size", key: "questions.eligibility.notMet" }],
      });
    }
  });

  it("at least and at most: the bound included", () => {
    expect(failedKeys([minFundingRule], { funding: 10_000 })).toEqual([]);
    expect(failedKeys([minFundingRule], { funding: 9_999.5 })).toEqual(["questions.eligibility.notMet"]);
    expect(failedKeys([maxFundingRule], { funding: 500_000 })).toEqual([]);
    expect(failedKeys([maxFundingRule], { funding: 500_000.5 })).toEqual(["questions.eligibility.notMet"]);
  });

  it("after and before: the day itself excluded", () => {
    const registeredOn = (day: string) => ({ registered: true, founded_on: day });
    expect(failedKeys([youngRule], registeredOn("2023-12-30"))).toEqual([]);
    expect(failedKeys([youngRule], registeredOn("2023-12-29"))).toEqual(["questions.eligibility.notMet"]);
    expect(failedKeys([youngRule], registeredOn("2019-05-01"))).toEqual(["questions.eligibility.notMet"]);
    expect(failedKeys([oldEnoughRule], registeredOn("2025-06-29"))).toEqual([]);
    expect(failedKeys([oldEnoughRule], registeredOn("2025-06-30"))).toEqual(["questions.eligibility.notMet"]);
  });

  it("equals: the yes/no answer asked for", () => {
    expect(failedKeys([residentRule], { resident: true })).toEqual([]);
    expect(failedKeys([residentRule], { resident: false })).toEqual(["questions.eligibility.notMet"]);
    const notResident: EligibilityRule = { ...residentRule, value: false };
    expect(failedKeys([notResident], { resident: false })).toEqual([]);
  });

  it("in: a single choice among the values; a multiple choice with any pick among them", () => {
    expect(failedKeys([stageRule], { stage: "mvp" })).toEqual([]);
    expect(failedKeys([stageRule], { stage: "idea" })).toEqual(["questions.eligibility.notMet"]);
    expect(failedKeys([marketsRule], { markets: ["europe", "africa"] })).toEqual([]);
    expect(failedKeys([marketsRule], { markets: ["europe"] })).toEqual(["questions.eligibility.notMet"]);
  });

  it("an unanswered question fails its rule for a reason of its own, as does an answer of the wrong type", () => {
    for (const rule of RULES.filter((candidate) => candidate.questionKey !== "founded_on")) {
      expect(evaluate([rule], { registered: true }).failed, rule.id).toEqual([
        { ruleId: rule.id, questionKey: rule.questionKey, key: "questions.eligibility.unanswered" },
      ]);
    }
    expect(failedKeys([youngRule, oldEnoughRule], { registered: true })).toEqual([
      "questions.eligibility.unanswered",
      "questions.eligibility.unanswered",
    ]);
    expect(failedKeys([teamRule], { team_size: "2" })).toEqual(["questions.eligibility.unanswered"]);
    expect(failedKeys([youngRule], { registered: true, founded_on: 2024 })).toEqual(["questions.eligibility.unanswered"]);
    expect(failedKeys([marketsRule], { markets: [] })).toEqual(["questions.eligibility.unanswered"]);
  });

  it("'founded after 2023-12-29 or not yet founded': a company not registered passes, since the date is not asked", () => {
    expect(evaluate([youngRule], { registered: false })).toEqual({ eligible: true, failed: [] });
    expect(evaluate([youngRule], { registered: false, founded_on: "2001-01-01" })).toEqual({ eligible: true, failed: [] });
    expect(evaluate([youngRule], { registered: true, founded_on: "2001-01-01" }).eligible).toBe(false);
  });

  it("lists every failed rule, in the rules' order", () => {
    const result = evaluate(RULES, { ...ELIGIBLE, team_size: 5, resident: undefined, stage: "idea" });
    expect(result.eligible).toBe(false);
    expect(result.failed).toEqual([
      { ruleId: "team", questionKey: "team_size", key: "questions.eligibility.notMet" },
      { ruleId: "resident", questionKey: "resident", key: "questions.eligibility.unanswered" },
      { ruleId: "stage", questionKey: "stage", key: "questions.eligibility.notMet" },
    ]);
  });

  it("refuses to judge with a rule on a question the call lacks (the editor refuses to save one)", () => {
    expect(() => evaluate([{ ...teamRule, questionKey: "gone" }], ELIGIBLE)).toThrow(/gone/);
  });

  it("judges the answers as the call page posts them, once typed by the answers schema", () => {
    const eligibility = QUESTIONS.filter((question) => question.step === ELIGIBILITY_STEP);
    const schema = buildAnswersSchema(eligibility, { answers: {} }, { mode: "submit" });
    const posted = { team_size: "4", registered: "no", resident: "yes", stage: "mvp", markets: ["africa"], funding: "12 000,50" };
    const answers = schema.parse(posted);
    expect(answers).toEqual({ team_size: 4, registered: false, resident: true, stage: "mvp", markets: ["africa"], funding: 12000.5 });
    const typed = Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== null)) as Record<string, never>;
    expect(evaluateEligibility(RULES, QUESTIONS, typed)).toEqual({
      eligible: false,
      failed: [{ ruleId: "team", questionKey: "team_size", key: "questions.eligibility.notMet" }],
    });
    expect("founded_on" in answers).toBe(false);
  });

  it("each reason has its message in the three languages", () => {
    for (const key of ["questions.eligibility.unanswered", "questions.eligibility.notMet"]) {
      for (const locale of ["fr", "en", "ar"] as const) expect(translate(locale, key).length, `${key} ${locale}`).toBeGreaterThan(10);
    }
  });
});

describe("the team's residence: a yes/no eligibility question checked again at Submit with what each member says", () => {
  const resident = define("resident", { fr: "Un membre réside-t-il au Maroc ?" }, { type: "YES_NO", teamResidence: true });
  const registered = define("registered", { fr: "Immatriculée ?" }, { type: "YES_NO" });

  it("is yes once one member lives in Morocco, no once every member has said no, nothing while some have not said", () => {
    expect(residenceAnswer([false, true, null])).toBe(true);
    expect(residenceAnswer([false, false])).toBe(false);
    expect(residenceAnswer([false, null])).toBeUndefined();
    expect(residenceAnswer([])).toBeUndefined();
  });

  it("replaces only the team-residence question's answer, and only once the members settle it", () => {
    const given = { resident: true, registered: false };
    expect(answersAtSubmission([resident, registered], given, [false, false])).toEqual({ resident: false, registered: false });
    expect(answersAtSubmission([resident, registered], given, [false, null])).toEqual(given);
    expect(answersAtSubmission([registered], { registered: true }, [false])).toEqual({ registered: true });
    const rule: EligibilityRule = { id: "r1", questionKey: "resident", operator: "equals", value: true };
    expect(evaluateEligibility([rule], [resident], answersAtSubmission([resident], given, [false, false])).eligible).toBe(false);
    expect(evaluateEligibility([rule], [resident], answersAtSubmission([resident], given, [false, true])).eligible).toBe(true);
  });

  it("is set in the question editor, on an eligibility question only", () => {
    const posted = { key: "resident", type: "YES_NO", label: { fr: "Résident ?" }, teamResidence: "on" };
    const onEligibility = questionDefinitionSchema.safeParse({ ...posted, step: ELIGIBILITY_STEP });
    expect(onEligibility.success && onEligibility.data).toMatchObject({ type: "YES_NO", teamResidence: true });
    const onWizard = questionDefinitionSchema.safeParse({ ...posted, step: "questions" });
    expect(onWizard.success).toBe(true);
    const asked = { ...(onWizard.success ? onWizard.data : posted), id: "q1", position: 0 } as QuestionDefinition;
    expect(validateQuestionDefinitions([asked])).toEqual([
      { path: "questions.0.teamResidence", key: "questionEditor.teamResidenceEligibilityOnly" },
    ]);
    const unticked = questionDefinitionSchema.safeParse({ ...posted, step: ELIGIBILITY_STEP, teamResidence: undefined });
    expect(unticked.success && "teamResidence" in unticked.data).toBe(false);
  });
});

describe("describeRule: the rule in words on the public call page", () => {
  const sentences = (rule: EligibilityRule, question: QuestionDefinition) =>
    Object.fromEntries(
      (["fr", "en", "ar"] as const).map((locale) => {
        const { key, params } = describeRule(rule, question, locale, formatDay);
        return [locale, translate(locale, key, params)];
      }),
    );

  it("between", () => {
    expect(sentences(teamRule, teamSize)).toEqual({
      fr: "Taille de l'équipe : de 1 à 3",
      en: "Team size: from 1 to 3",
      ar: "عدد أعضاء الفريق: من 1 إلى 3",
    });
  });

  it("at least and at most, numbers written for the reader, a label without translation in French", () => {
    expect(sentences(minFundingRule, funding)).toEqual({
      fr: "Montant recherché (MAD) : au moins 10.000",
      en: "Montant recherché (MAD): at least 10,000",
      ar: "Montant recherché (MAD): 10.000 على الأقل",
    });
    expect(sentences(maxFundingRule, funding)).toEqual({
      fr: "Montant recherché (MAD) : au plus 500.000",
      en: "Montant recherché (MAD): at most 500,000",
      ar: "Montant recherché (MAD): 500.000 على الأكثر",
    });
  });

  it("after and before, the day written in the reader's language", () => {
    expect(sentences(youngRule, founded)).toEqual({
      fr: "Date de création de l'entreprise : après le 29 décembre 2023",
      en: "Company founding date: after 29 December 2023",
      ar: "تاريخ تأسيس الشركة: بعد 29 دجنبر 2023",
    });
    expect(sentences(oldEnoughRule, founded)).toEqual({
      fr: "Date de création de l'entreprise : avant le 30 juin 2025",
      en: "Company founding date: before 30 June 2025",
      ar: "تاريخ تأسيس الشركة: قبل 30 يونيو 2025",
    });
  });

  it("equals yes, equals no", () => {
    expect(sentences(residentRule, resident)).toEqual({
      fr: "Un membre au moins réside au Maroc : oui",
      en: "At least one member lives in Morocco: yes",
      ar: "عضو واحد على الأقل مقيم بالمغرب: نعم",
    });
    expect(sentences({ ...residentRule, value: false }, registered)).toEqual({
      fr: "Votre entreprise est-elle immatriculée ? : non",
      en: "Is your company registered?: no",
      ar: "هل شركتك مسجلة؟: لا",
    });
  });

  it("in, the choices by their labels", () => {
    expect(sentences(stageRule, stage)).toEqual({
      fr: "Stade du projet : Prototype ou Produit minimum",
      en: "Project stage: Prototype or Minimum product",
      ar: "مرحلة المشروع: نموذج أولي أو منتج أدنى",
    });
    expect(sentences({ ...marketsRule, values: ["morocco", "africa", "europe"] }, markets)).toEqual({
      fr: "Marchés visés : Maroc, Afrique ou Europe",
      en: "Target markets: Morocco, Africa or Europe",
      ar: "الأسواق المستهدفة: المغرب أو إفريقيا أو أوروبا",
    });
  });
});
