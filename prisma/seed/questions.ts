// The open call's own questions and eligibility rules (issue 15), taken from its description: a team
// of one to three, one member living in Morocco, a company under three years old (or none yet), the
// project's maturity, the funding sought and whether a prototype exists. Every application answers
// the eligibility questions (it could not have started otherwise) and, once past the documents step,
// the wizard's questions.
import type { AnswerValue, QuestionDefinitionInput } from "~/domain/call-questions.ts";
import { questionColumns, ruleColumns, type EligibilityRuleInput } from "~/models/call-questions.server.ts";
import { newId, type SeedRandom } from "./random.ts";
import { DAY, type Planner, type PlannedCall } from "./shared.ts";

const eligibility = { step: "eligibility", required: true, identifying: false } as const;
const wizard = { step: "questions", required: true, identifying: false } as const;

const MATURITY = ["validated_idea", "prototype", "first_customers", "recurring_revenue"] as const;

export const DEMO_QUESTIONS: QuestionDefinitionInput[] = [
  {
    ...eligibility,
    key: "team_size",
    type: "NUMBER",
    integer: true,
    min: 1,
    max: 20,
    label: { fr: "Combien de personnes compte l'équipe ?", en: "How many people are in the team?", ar: "كم عدد أعضاء الفريق؟" },
  },
  {
    ...eligibility,
    key: "resident_in_morocco",
    type: "YES_NO",
    label: {
      fr: "Au moins un membre de l'équipe réside-t-il au Maroc ?",
      en: "Does at least one team member live in Morocco?",
      ar: "هل يقيم عضو واحد على الأقل من الفريق بالمغرب؟",
    },
  },
  {
    ...eligibility,
    key: "company_registered",
    type: "YES_NO",
    label: { fr: "Votre entreprise est-elle déjà immatriculée ?", en: "Is your company already registered?", ar: "هل شركتك مسجلة بالفعل؟" },
  },
  {
    ...eligibility,
    key: "company_founded",
    type: "DATE",
    label: { fr: "Date de création de l'entreprise", en: "Company founding date", ar: "تاريخ تأسيس الشركة" },
    condition: { answer: { questionKey: "company_registered", equals: true } },
  },
  {
    ...wizard,
    key: "maturity",
    type: "SINGLE_CHOICE",
    label: { fr: "Où en est le projet ?", en: "How far along is the project?", ar: "في أي مرحلة يوجد المشروع؟" },
    choices: [
      { value: "validated_idea", label: { fr: "Idée validée", en: "Validated idea", ar: "فكرة مؤكدة" } },
      { value: "prototype", label: { fr: "Prototype", en: "Prototype", ar: "نموذج أولي" } },
      { value: "first_customers", label: { fr: "Premiers clients", en: "First customers", ar: "أول الزبناء" } },
      { value: "recurring_revenue", label: { fr: "Chiffre d'affaires récurrent", en: "Recurring revenue", ar: "رقم معاملات منتظم" } },
    ],
  },
  {
    ...wizard,
    required: false,
    key: "funding_sought",
    type: "NUMBER",
    integer: true,
    min: 0,
    max: 10_000_000,
    label: { fr: "Montant du financement recherché (MAD)", en: "Funding sought (MAD)", ar: "مبلغ التمويل المطلوب (بالدرهم)" },
    help: { fr: "Laissez vide si vous ne cherchez pas de financement.", en: "Leave empty if you are not seeking funding." },
  },
  {
    ...wizard,
    key: "has_prototype",
    type: "YES_NO",
    label: { fr: "Avez-vous un prototype ?", en: "Do you have a prototype?", ar: "هل لديكم نموذج أولي؟" },
  },
  {
    ...wizard,
    required: false,
    // A demo link usually names the team or its company.
    identifying: true,
    key: "prototype_url",
    type: "URL",
    label: { fr: "Lien vers le prototype ou sa démonstration", en: "Link to the prototype or its demo", ar: "رابط النموذج الأولي أو عرضه" },
    condition: { answer: { questionKey: "has_prototype", equals: true } },
  },
];

/** The rules, the founding date three years before the seed's day (a company under three years old). */
function demoRules(now: number): EligibilityRuleInput[] {
  const threeYearsAgo = new Date(now - 3 * 365 * DAY).toISOString().slice(0, 10);
  return [
    { questionKey: "team_size", operator: "between", min: 1, max: 3 },
    { questionKey: "resident_in_morocco", operator: "equals", value: true },
    { questionKey: "company_founded", operator: "after", date: threeYearsAgo },
  ];
}

/** The open call's questions and rules; keeps their ids on the call for the answers. */
export function planQuestions(planner: Planner, call: PlannedCall): void {
  const questionIds = new Map<string, string>();
  DEMO_QUESTIONS.forEach((question, position) => {
    const id = newId();
    questionIds.set(question.key, id);
    // Written a week before the call opened, like the rest of its set-up.
    const at = new Date(call.opensAt - 7 * DAY);
    planner.rows.callQuestions.push({ id, callId: call.id, position, ...questionColumns(question), createdAt: at, updatedAt: at });
  });
  demoRules(planner.now).forEach((rule, position) => {
    planner.rows.eligibilityRules.push({
      id: newId(),
      callId: call.id,
      position,
      ...ruleColumns(rule),
      createdAt: new Date(call.opensAt - 7 * DAY),
    });
  });
  call.questionIds = questionIds;
}

/** An application's answers: eligible ones (it was started), and the wizard's once its founder got that far. */
export function planAnswers(
  planner: Planner,
  call: PlannedCall,
  applicationId: string,
  answeredAt: Date,
  teamSize: number,
  answeredWizard: boolean,
): void {
  if (!call.questionIds) return;
  const { random } = planner;
  const answers: Record<string, AnswerValue> = { team_size: teamSize, resident_in_morocco: true };
  const registered = random.chance(0.45);
  answers.company_registered = registered;
  if (registered) answers.company_founded = foundedWithin(random, planner.now, 3 * 365 - 30);
  if (answeredWizard) {
    answers.maturity = random.pick(MATURITY);
    if (random.chance(0.7)) answers.funding_sought = random.int(5, 200) * 10_000;
    const hasPrototype = answers.maturity !== "validated_idea" && random.chance(0.8);
    answers.has_prototype = hasPrototype;
    if (hasPrototype && random.chance(0.6)) answers.prototype_url = `https://demo-${applicationId.slice(-8)}.example.ma`;
  }
  for (const [key, value] of Object.entries(answers)) {
    const questionId = call.questionIds.get(key)!;
    planner.rows.applicationAnswers.push({ applicationId, questionId, value: JSON.stringify(value), updatedAt: answeredAt });
    const choices = typeof value === "boolean" ? [value ? "yes" : "no"] : key === "maturity" ? [String(value)] : [];
    for (const choice of choices) planner.rows.answerChoices.push({ questionId, choice, applicationId: applicationId });
  }
}

function foundedWithin(random: SeedRandom, now: number, days: number): string {
  return new Date(now - random.int(30, days) * DAY).toISOString().slice(0, 10);
}
