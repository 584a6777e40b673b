import { useTranslation } from "react-i18next";
import type { AnswerFilterOption } from "~/domain/answers-view.ts";

/**
 * The admin list's filter by the answer to one of the call's choice or yes/no questions: one select,
 * a group of options per question, each posting `answer=<questionKey>:<value>` with the list's other
 * filters (a plain GET form: it works without JavaScript). Nothing when the call has no such question.
 */
export function AnswerFilterField({ options, selected }: { options: AnswerFilterOption[]; selected: string | null }) {
  const { t } = useTranslation();
  if (options.length === 0) return null;
  return (
    <div className="field">
      <label htmlFor="f-answer">{t("answersView.filterLabel")}</label>
      <select id="f-answer" name="answer" defaultValue={selected ?? ""}>
        <option value="">{t("answersView.filterAll")}</option>
        {options.map((question) => (
          <optgroup key={question.questionKey} label={question.label}>
            {question.choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
