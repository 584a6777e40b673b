// The wizard's steps and the bounds its pages show, without the schemas: the wizard's page imports
// this module, and fetches zod and the step schemas (application.ts) only when the browser first
// checks a step (the founder JavaScript budget).

export const MAX_CO_FOUNDERS = 5;
export const TAGLINE_MAX = 140;

/** The wizard's steps; "questions" (the call's own, app/domain/call-questions.ts) only for a call that asks some. */
export const WIZARD_STEPS = ["project", "team", "site", "questions", "documents", "review"] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** The step of each field of a complete application (application.ts's projectFields and siteFields; a test holds them equal). */
export const FIELD_STEP: Readonly<Record<string, WizardStep>> = {
  projectName: "project",
  tagline: "project",
  problem: "project",
  solution: "project",
  market: "project",
  traction: "project",
  stage: "project",
  team: "team",
  sector: "site",
  preferredSiteId: "site",
  alternateSiteId: "site",
  answers: "questions",
  hasPitchDeck: "documents",
  consent: "review",
};

/** The wizard step that holds a field (`team.2.email` → team). */
export function stepOfField(path: string): WizardStep {
  const field = path.split(".")[0];
  return Object.hasOwn(FIELD_STEP, field) ? FIELD_STEP[field] : "review";
}

/** The first step, in wizard order, with an error. */
export function firstStepWithError(errors: Record<string, string>): WizardStep | null {
  const steps = new Set(Object.keys(errors).map(stepOfField));
  return WIZARD_STEPS.find((step) => steps.has(step)) ?? null;
}
