// The open call's own questions (issue 15), taken from its description; questions.ts writes them
// with its rules and the applications' answers. Definitions only: the end-to-end tests read the labels.
import type { QuestionDefinitionInput } from "~/domain/call-questions.ts";

const eligibility = { step: "eligibility", required: true, identifying: false } as const;
const wizard = { step: "questions", required: true, identifying: false } as const;

export const MATURITY = ["validated_idea", "prototype", "first_customers", "recurring_revenue"] as const;

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
    // Checked again at Submit with what each member says of themself.
    teamResidence: true,
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
