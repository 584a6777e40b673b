// The open call's own questions and eligibility rules (issue 15), taken from its description: a team
// of one to three, one member living in Morocco, a company under three years old (or none yet), the
// project's maturity, the funding sought and whether a prototype exists. Every application answers
// the eligibility questions (it could not have started otherwise) and, once past the documents step,
// the wizard's questions.
import { questionColumns, type AnswerValue } from "~/domain/call-questions.ts";
import { ruleColumns, type EligibilityRuleInput } from "~/domain/eligibility.ts";
import { DEMO_QUESTIONS, MATURITY } from "./demo-questions.ts";
import { newId, type SeedRandom } from "./random.ts";
import { DAY, type Planner, type PlannedCall } from "./shared.ts";

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
