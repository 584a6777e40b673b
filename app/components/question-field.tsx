import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AnswerValue, QuestionView } from "~/domain/call-questions.ts";
import type { MessageParams } from "~/domain/errors.ts";
import { answerField } from "~/schemas/answers.ts";
import { ChoiceGroup, FieldShell } from "./form.tsx";
import { ShownTextView } from "./shown-text.tsx";

/**
 * One of a call's questions as a form control, posted as `answers.<key>` (app/schemas/answers.ts). Plain
 * controls with their saved answer: the form works without JavaScript, and autosave reads them as typed.
 */
export function QuestionField({
  question,
  answer,
  error,
  errorParams,
}: {
  question: QuestionView;
  answer?: AnswerValue;
  error?: string;
  errorParams?: MessageParams;
}) {
  const { t } = useTranslation();
  const name = answerField(question.key);
  const label = (
    <>
      <ShownTextView value={question.label} />
      {question.required ? null : <span className="fallback-note"> ({t("questions.optional")})</span>}
    </>
  );
  const help = question.help ? <ShownTextView value={question.help} /> : null;
  const text = typeof answer === "string" || typeof answer === "number" ? String(answer) : "";
  // A long text's live counter: characters left, announced with the field.
  const [length, setLength] = useState(text.length);

  if (question.type === "SINGLE_CHOICE" || question.type === "MULTIPLE_CHOICE" || question.type === "YES_NO") {
    const multiple = question.type === "MULTIPLE_CHOICE";
    const choices =
      question.type === "YES_NO"
        ? [
            { value: "yes", label: t("questions.yes") },
            { value: "no", label: t("questions.no") },
          ]
        : question.choices.map((choice) => ({ value: choice.value, label: <ShownTextView value={choice.label} /> }));
    const picked =
      question.type === "YES_NO"
        ? // Saved as a boolean, posted back (a refused form) as "yes"/"no".
          answer === true || answer === "yes"
          ? ["yes"]
          : answer === false || answer === "no"
            ? ["no"]
            : []
        : Array.isArray(answer)
          ? answer
          : [text];
    return (
      <ChoiceGroup legend={label} name={name} error={error} errorParams={errorParams}>
        {help ? <p className="field-hint">{help}</p> : null}
        {/* Posted even when no box is ticked: the question was shown, and its answer emptied. */}
        {multiple ? <input type="hidden" name={name} value="" /> : null}
        {choices.map((choice) => (
          <label key={choice.value} className="choice">
            <input type={multiple ? "checkbox" : "radio"} name={name} value={choice.value} defaultChecked={picked.includes(choice.value)} />{" "}
            {choice.label}
          </label>
        ))}
      </ChoiceGroup>
    );
  }

  return (
    <FieldShell
      label={label}
      hint={help}
      note={
        question.type === "LONG_TEXT" && question.maxLength !== undefined ? (
          <p className={`field-hint ${length > question.maxLength ? "error-text" : ""}`}>
            {t("apply.charactersLeft", { count: question.maxLength - length })}
          </p>
        ) : null
      }
      error={error}
      errorParams={errorParams}
    >
      {(ids) =>
        question.type === "LONG_TEXT" ? (
          <textarea
            rows={5}
            dir="auto"
            name={name}
            defaultValue={text}
            maxLength={question.maxLength}
            onChange={(event) => setLength(event.currentTarget.value.length)}
            {...ids}
          />
        ) : (
          <input
            dir="auto"
            name={name}
            defaultValue={text}
            {...ids}
            {...(question.type === "NUMBER"
              ? { inputMode: question.integer ? ("numeric" as const) : ("decimal" as const) }
              : question.type === "DATE"
                ? { type: "date" }
                : question.type === "URL"
                  ? { type: "url" }
                  : { maxLength: question.maxLength })}
          />
        )
      }
    </FieldShell>
  );
}
