import { useTranslation } from "react-i18next";
import type { ShownText } from "~/domain/call-texts.ts";
import type { RuleDescription } from "~/domain/eligibility.ts";
import { ShownTextView } from "./shown-text.tsx";

/** A rule as the server worded it (app/models/call-questions.server.ts, rulesInWords). */
export type RuleInWordsView = { id: string; message: ShownText | null; sentence: RuleDescription | null };

/** A call's eligibility rules in words, as a list; `reasons` adds why each failed (Apply's refusal). */
export function EligibilityRuleList({ rules, reasons }: { rules: RuleInWordsView[]; reasons?: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <ul>
      {rules.map((rule) => (
        <li key={rule.id}>
          {rule.message ? <ShownTextView value={rule.message} /> : rule.sentence ? t(rule.sentence.key, rule.sentence.params) : null}
          {reasons?.[rule.id] ? <span className="fallback-note"> — {t(reasons[rule.id])}</span> : null}
        </li>
      ))}
    </ul>
  );
}
