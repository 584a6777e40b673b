import { useTranslation } from "react-i18next";
import { EligibilityRuleList, type RuleInWordsView } from "~/components/eligibility-rules.tsx";
import type { AnswerShown, RuleOutcome } from "~/domain/answers-view.ts";
import { AnswerList } from "./answers-list.tsx";

/**
 * Beside a queued application's screening checklist: its eligibility answers and, rule by rule,
 * whether they meet the call's eligibility rules (as evaluated when its draft was created).
 * Nothing for a call without eligibility questions or rules.
 */
export function ScreeningEligibility({
  id,
  rules,
  eligibility,
}: {
  id: string;
  rules: RuleInWordsView[];
  eligibility: { answers: AnswerShown[]; outcomes: Array<{ ruleId: string; outcome: RuleOutcome }> };
}) {
  const { t } = useTranslation();
  if (rules.length === 0 && eligibility.answers.length === 0) return null;
  const failed = eligibility.outcomes.filter((o) => o.outcome === "notMet" || o.outcome === "unanswered").length;
  const outcomes = Object.fromEntries(eligibility.outcomes.map((o) => [o.ruleId, `answersView.outcomes.${o.outcome}`]));
  const answered = eligibility.answers.some((answer) => answer.answer !== null);
  return (
    <div className="stack" role="group" aria-labelledby={id}>
      <h3 id={id}>{t("answersView.screeningTitle")}</h3>
      {answered ? <AnswerList answers={eligibility.answers} /> : <p className="muted">{t("answersView.noEligibilityAnswers")}</p>}
      {rules.length > 0 ? (
        <>
          <p className={failed > 0 ? "error-text" : undefined}>
            <strong>{failed > 0 ? t("answersView.rulesNotMet", { count: failed }) : t("answersView.allRulesMet")}</strong>
          </p>
          <EligibilityRuleList rules={rules} reasons={outcomes} />
        </>
      ) : null}
    </div>
  );
}
