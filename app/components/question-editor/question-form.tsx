import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { QUESTION_TYPES, type QuestionType } from "~/domain/call-questions.ts";
import { LOCALES } from "~/domain/constants.ts";
import { choiceProps, useValidatedForm } from "../form.tsx";
import type { ConditionTarget } from "./editor-data.server.ts";
import { questionFormSchema, withSpareLines, type FieldMessage, type QuestionFormValues } from "./editor-forms.ts";
import { EditorField, EditorFieldset, ErrorText, fieldErrors, useHydrated } from "./fields.tsx";

const TEXT_TYPES: readonly QuestionType[] = ["SHORT_TEXT", "LONG_TEXT"];
const CHOICE_TYPES: readonly QuestionType[] = ["SINGLE_CHOICE", "MULTIPLE_CHOICE"];

/**
 * One question's form, to add a question (`questionId` null) or edit one. It posts every type's
 * settings as plain fields (questionFormSchema reads those of the type chosen), so it works without
 * JavaScript; with it, only the chosen type's settings and the chosen condition's values are shown.
 */
export function QuestionForm({
  questionId,
  values,
  errors,
  conditionTargets,
  sites,
  sectors,
  steps,
  frozen,
  cancelTo,
}: {
  questionId: string | null;
  values: QuestionFormValues;
  /** The server's answer to this form's last post: errors by field ("form" for the whole form). */
  errors: Record<string, FieldMessage>;
  /** The questions asked before this one that a condition can compare with. */
  conditionTargets: ConditionTarget[];
  sites: Array<{ id: string; name: string }>;
  sectors: Array<{ value: string; label: string }>;
  steps: string[];
  frozen: boolean;
  cancelTo?: string;
}) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const lines = withSpareLines(values.choices);
  const { form, onSubmit } = useValidatedForm(questionFormSchema, { defaultValues: { ...values, choices: lines } as never });
  const errorFor = fieldErrors(form.formState.errors, errors);
  const [lineCount, setLineCount] = useState(lines.length);
  const type = (form.watch("type") as QuestionType | undefined) ?? values.type;
  const conditionKey = (form.watch("conditionQuestionKey") as string | undefined) ?? values.conditionQuestionKey;
  const target = conditionTargets.find((candidate) => candidate.key === conditionKey);
  // Without JavaScript every setting is posted and the type's own are read; with it, the others are hidden.
  const hiddenUnless = (types: readonly QuestionType[]) => hydrated && !types.includes(type);
  const prefix = questionId ? `question-${questionId}` : "new-question";

  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="card stack" aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{questionId ? t("questionEditor.editTitle", { key: values.key }) : t("questionEditor.addQuestion")}</h3>
      <input type="hidden" name="intent" value="saveQuestion" />
      {questionId ? <input type="hidden" name="questionId" value={questionId} /> : null}
      <ErrorText id={`${prefix}-form-error`} error={errorFor("form")} />
      {frozen && questionId ? <p className="muted">{t("questionEditor.frozenForm")}</p> : null}
      <div className="inline-form">
        <EditorField label={t("questionEditor.key")} hint={t("questionEditor.keyHint")} error={errorFor("key")}>
          {(ids) => <input dir="auto" autoComplete="off" {...form.register("key")} {...ids} />}
        </EditorField>
        <EditorField label={t("questionEditor.type")} error={errorFor("type")}>
          {(ids) => (
            <select {...form.register("type")} {...ids}>
              {QUESTION_TYPES.map((option) => (
                <option key={option} value={option}>
                  {t(`questionEditor.types.${option}`)}
                </option>
              ))}
            </select>
          )}
        </EditorField>
        <EditorField label={t("questionEditor.step")} error={errorFor("step")}>
          {(ids) => (
            <select {...form.register("step")} {...ids}>
              {steps.map((step) => (
                <option key={step} value={step}>
                  {step === "questions" || step === "eligibility" ? t(`questionEditor.steps.${step}`) : step}
                </option>
              ))}
            </select>
          )}
        </EditorField>
      </div>
      <label className="choice">
        <input type="checkbox" {...choiceProps(form as never, "required", "on")} /> {t("questionEditor.required")}
      </label>
      <label className="choice">
        <input type="checkbox" {...choiceProps(form as never, "identifying", "on")} /> {t("questionEditor.identifying")}
      </label>

      {LOCALES.map((locale) => (
        <fieldset key={locale} className="plain-fieldset stack">
          <legend>{t(`callAdmin.textsIn.${locale}`)}</legend>
          <EditorField label={t("questionEditor.label")} error={errorFor(`label.${locale}`)}>
            {(ids) => <input dir="auto" lang={locale} {...form.register(`label.${locale}`)} {...ids} />}
          </EditorField>
          <EditorField label={t("questionEditor.help")} error={errorFor(`help.${locale}`)}>
            {(ids) => <textarea rows={2} dir="auto" lang={locale} {...form.register(`help.${locale}`)} {...ids} />}
          </EditorField>
        </fieldset>
      ))}

      <EditorFieldset legend={t("questionEditor.textSettings")} hidden={hiddenUnless(TEXT_TYPES)}>
        <EditorField label={t("questionEditor.maxLength")} error={errorFor("maxLength")}>
          {(ids) => <input type="number" min={1} inputMode="numeric" {...form.register("maxLength")} {...ids} />}
        </EditorField>
      </EditorFieldset>

      <EditorFieldset
        legend={t("questionEditor.choices")}
        hint={t("questionEditor.choicesHint")}
        error={errorFor("choices")}
        hidden={hiddenUnless(CHOICE_TYPES)}
      >
        {Array.from({ length: lineCount }, (_, line) => (
          <EditorFieldset key={line} legend={t("questionEditor.choiceLine", { number: line + 1 })} className="plain-fieldset inline-form">
            <EditorField label={t("questionEditor.choiceValue")} error={errorFor(`choices.${line}.value`)}>
              {(ids) => <input dir="auto" autoComplete="off" {...form.register(`choices.${line}.value`)} {...ids} />}
            </EditorField>
            {LOCALES.map((locale) => (
              <EditorField
                key={locale}
                label={t(`questionEditor.choiceLabel.${locale}`)}
                error={errorFor(`choices.${line}.label.${locale}`)}
              >
                {(ids) => <input dir="auto" lang={locale} {...form.register(`choices.${line}.label.${locale}`)} {...ids} />}
              </EditorField>
            ))}
            <label className="choice">
              <input type="checkbox" {...choiceProps(form as never, `choices.${line}.hidden`, "on")} /> {t("questionEditor.choiceHidden")}
            </label>
          </EditorFieldset>
        ))}
        {hydrated ? (
          <button type="button" className="button button-small button-secondary" onClick={() => setLineCount((count) => count + 1)}>
            {t("questionEditor.addChoiceLine")}
          </button>
        ) : null}
      </EditorFieldset>

      <EditorFieldset
        legend={t("questionEditor.picksSettings")}
        hidden={hiddenUnless(["MULTIPLE_CHOICE"])}
        className="plain-fieldset inline-form"
      >
        <EditorField label={t("questionEditor.minPicks")} error={errorFor("minPicks")}>
          {(ids) => <input type="number" min={0} inputMode="numeric" {...form.register("minPicks")} {...ids} />}
        </EditorField>
        <EditorField label={t("questionEditor.maxPicks")} error={errorFor("maxPicks")}>
          {(ids) => <input type="number" min={1} inputMode="numeric" {...form.register("maxPicks")} {...ids} />}
        </EditorField>
      </EditorFieldset>

      <EditorFieldset legend={t("questionEditor.numberSettings")} hidden={hiddenUnless(["NUMBER"])} className="plain-fieldset inline-form">
        <EditorField label={t("questionEditor.numberMin")} error={errorFor("min")}>
          {(ids) => <input dir="auto" inputMode="decimal" {...form.register("min")} {...ids} />}
        </EditorField>
        <EditorField label={t("questionEditor.numberMax")} error={errorFor("max")}>
          {(ids) => <input dir="auto" inputMode="decimal" {...form.register("max")} {...ids} />}
        </EditorField>
        <label className="choice">
          <input type="checkbox" {...choiceProps(form as never, "integer", "on")} /> {t("questionEditor.integer")}
        </label>
      </EditorFieldset>

      <EditorFieldset
        legend={t("questionEditor.yesNoSettings")}
        hint={t("questionEditor.teamResidenceHint")}
        hidden={hiddenUnless(["YES_NO"])}
        error={errorFor("teamResidence")}
      >
        <label className="choice">
          <input type="checkbox" {...choiceProps(form as never, "teamResidence", "on")} /> {t("questionEditor.teamResidence")}
        </label>
      </EditorFieldset>

      <EditorFieldset legend={t("questionEditor.pdfSettings")} hidden={hiddenUnless(["PDF"])}>
        <EditorField label={t("questionEditor.maxMegabytes")} error={errorFor("maxMegabytes")}>
          {(ids) => <input type="number" min={1} inputMode="numeric" {...form.register("maxMegabytes")} {...ids} />}
        </EditorField>
      </EditorFieldset>

      <EditorFieldset legend={t("questionEditor.condition")} hint={t("questionEditor.conditionHint")} error={errorFor("condition")}>
        <EditorFieldset legend={t("questionEditor.conditionSectors")} error={errorFor("conditionSectors")} className="plain-fieldset">
          {sectors.map((sector) => (
            <label key={sector.value} className="choice">
              <input type="checkbox" {...choiceProps(form as never, "conditionSectors", sector.value)} /> {sector.label}
            </label>
          ))}
        </EditorFieldset>
        <EditorFieldset legend={t("questionEditor.conditionSites")} error={errorFor("conditionSites")} className="plain-fieldset">
          {sites.length === 0 ? <p className="muted">{t("questionEditor.noSites")}</p> : null}
          {sites.map((site) => (
            <label key={site.id} className="choice">
              <input type="checkbox" {...choiceProps(form as never, "conditionSites", site.id)} /> <span dir="auto">{site.name}</span>
            </label>
          ))}
        </EditorFieldset>
        <EditorField label={t("questionEditor.conditionQuestion")} error={errorFor("conditionQuestionKey")}>
          {(ids) => (
            <select {...form.register("conditionQuestionKey")} {...ids}>
              <option value="">{t("questionEditor.conditionNone")}</option>
              {conditionTargets.map((candidate) => (
                <option key={candidate.key} value={candidate.key}>
                  {candidate.label} ({candidate.key})
                </option>
              ))}
            </select>
          )}
        </EditorField>
        {hydrated && target?.type === "YES_NO" ? (
          <EditorField label={t("questionEditor.conditionEquals")} error={errorFor("conditionEquals")}>
            {(ids) => (
              <select {...form.register("conditionEquals")} {...ids}>
                <option value="">{t("questionEditor.chooseAnswer")}</option>
                <option value="yes">{t("questionEditor.yes")}</option>
                <option value="no">{t("questionEditor.no")}</option>
              </select>
            )}
          </EditorField>
        ) : !hydrated || target?.type === "NUMBER" ? (
          <EditorField
            label={t("questionEditor.conditionEquals")}
            hint={t("questionEditor.conditionEqualsHint")}
            error={errorFor("conditionEquals")}
          >
            {(ids) => <input dir="auto" autoComplete="off" {...form.register("conditionEquals")} {...ids} />}
          </EditorField>
        ) : (
          <ErrorText id={`${prefix}-condition-equals-error`} error={errorFor("conditionEquals")} />
        )}
        {conditionTargets
          .filter((candidate) => candidate.choices.length > 0 && (!hydrated || candidate.key === conditionKey))
          .map((candidate) => (
            <EditorFieldset
              key={candidate.key}
              legend={t("questionEditor.conditionIn", { question: candidate.label })}
              className="plain-fieldset"
            >
              {candidate.choices.map((choice) => (
                <label key={choice.value} className="choice">
                  <input type="checkbox" {...choiceProps(form as never, "conditionIn", choice.value)} />{" "}
                  <span dir="auto">{choice.label}</span> ({choice.value})
                </label>
              ))}
            </EditorFieldset>
          ))}
        <ErrorText id={`${prefix}-condition-in-error`} error={errorFor("conditionIn")} />
      </EditorFieldset>

      <div className="wizard-actions">
        <button type="submit" className="button">
          {questionId ? t("questionEditor.save") : t("questionEditor.add")}
        </button>
        {cancelTo ? <Link to={cancelTo}>{t("questionEditor.cancel")}</Link> : null}
      </div>
    </Form>
  );
}
