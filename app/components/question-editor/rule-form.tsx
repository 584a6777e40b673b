import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ELIGIBILITY_OPERATORS } from "~/domain/call-questions-editor.ts";
import { LOCALES } from "~/domain/constants.ts";
import type { EligibilityOperator } from "~/domain/eligibility.ts";
import { choiceProps, useValidatedForm } from "../form.tsx";
import type { RuleTarget } from "./editor-data.server.ts";
import { ruleFormSchema, type FieldMessage, type RuleFormValues } from "./editor-forms.ts";
import { EditorField, EditorFieldset, ErrorText, fieldErrors, useHydrated } from "./fields.tsx";

/** The operators that read each operand field. */
const OPERAND_OPERATORS: Record<"min" | "max" | "date" | "value" | "values", readonly EligibilityOperator[]> = {
  min: ["between", "atLeast"],
  max: ["between", "atMost"],
  date: ["after", "before"],
  value: ["equals"],
  values: ["in"],
};

/**
 * One eligibility rule's form, to add a rule (`ruleId` null) or edit one: the eligibility question it
 * tests, the test, its operand and an optional message in three languages. Every operand is posted
 * (eligibilityRuleSchema reads the one of the test chosen), so it works without JavaScript.
 */
export function RuleForm({
  ruleId,
  values,
  errors,
  targets,
  frozen,
  cancelTo,
}: {
  ruleId: string | null;
  values: RuleFormValues;
  errors: Record<string, FieldMessage>;
  /** The call's eligibility questions. */
  targets: RuleTarget[];
  frozen: boolean;
  cancelTo?: string;
}) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const { form, onSubmit } = useValidatedForm(ruleFormSchema, { defaultValues: values as never });
  const errorFor = fieldErrors(form.formState.errors, errors);
  const operator = (form.watch("operator") as EligibilityOperator | undefined) ?? values.operator;
  const questionKey = (form.watch("questionKey") as string | undefined) ?? values.questionKey;
  const hiddenUnless = (operand: keyof typeof OPERAND_OPERATORS) => hydrated && !OPERAND_OPERATORS[operand].includes(operator);
  const prefix = ruleId ? `rule-${ruleId}` : "new-rule";
  const choiceTargets = targets.filter((target) => target.choices.length > 0 && (!hydrated || target.key === questionKey));

  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="card stack" aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{ruleId ? t("questionEditor.editRule") : t("questionEditor.addRule")}</h3>
      <input type="hidden" name="intent" value="saveRule" />
      {ruleId ? <input type="hidden" name="ruleId" value={ruleId} /> : null}
      <ErrorText id={`${prefix}-form-error`} error={errorFor("form")} />
      {frozen ? <p className="muted">{t("questionEditor.frozenRuleForm")}</p> : null}
      <div className="inline-form">
        <EditorField label={t("questionEditor.ruleQuestion")} error={errorFor("questionKey")}>
          {(ids) => (
            <select {...form.register("questionKey")} {...ids}>
              <option value="">{t("questionEditor.chooseQuestion")}</option>
              {targets.map((target) => (
                <option key={target.key} value={target.key}>
                  {target.label} ({target.key})
                </option>
              ))}
            </select>
          )}
        </EditorField>
        <EditorField label={t("questionEditor.operator")} error={errorFor("operator")}>
          {(ids) => (
            <select {...form.register("operator")} {...ids}>
              {ELIGIBILITY_OPERATORS.map((option) => (
                <option key={option} value={option}>
                  {t(`questionEditor.operators.${option}`)}
                </option>
              ))}
            </select>
          )}
        </EditorField>
      </div>
      <div className="inline-form">
        {hiddenUnless("min") ? null : (
          <EditorField label={t("questionEditor.ruleMin")} error={errorFor("min")}>
            {(ids) => <input dir="auto" inputMode="decimal" {...form.register("min")} {...ids} />}
          </EditorField>
        )}
        {hiddenUnless("max") ? null : (
          <EditorField label={t("questionEditor.ruleMax")} error={errorFor("max")}>
            {(ids) => <input dir="auto" inputMode="decimal" {...form.register("max")} {...ids} />}
          </EditorField>
        )}
        {hiddenUnless("date") ? null : (
          <EditorField label={t("questionEditor.ruleDate")} error={errorFor("date")}>
            {(ids) => <input type="date" {...form.register("date")} {...ids} />}
          </EditorField>
        )}
        {hiddenUnless("value") ? null : (
          <EditorField label={t("questionEditor.ruleValue")} error={errorFor("value")}>
            {(ids) => (
              <select {...form.register("value")} {...ids}>
                <option value="">{t("questionEditor.chooseAnswer")}</option>
                <option value="yes">{t("questionEditor.yes")}</option>
                <option value="no">{t("questionEditor.no")}</option>
              </select>
            )}
          </EditorField>
        )}
      </div>
      {hiddenUnless("values")
        ? null
        : choiceTargets.map((target) => (
            <EditorFieldset key={target.key} legend={t("questionEditor.ruleValues", { question: target.label })} className="plain-fieldset">
              {target.choices.map((choice) => (
                <label key={choice.value} className="choice">
                  <input type="checkbox" {...choiceProps(form as never, "values", choice.value)} /> <span dir="auto">{choice.label}</span> (
                  {choice.value})
                </label>
              ))}
            </EditorFieldset>
          ))}
      <ErrorText id={`${prefix}-values-error`} error={errorFor("values")} />
      <EditorFieldset legend={t("questionEditor.ruleMessage")} hint={t("questionEditor.ruleMessageHint")}>
        {LOCALES.map((locale) => (
          <EditorField key={locale} label={t(`callAdmin.textsIn.${locale}`)} error={errorFor(`message.${locale}`)}>
            {(ids) => <input dir="auto" lang={locale} {...form.register(`message.${locale}`)} {...ids} />}
          </EditorField>
        ))}
      </EditorFieldset>
      <div className="wizard-actions">
        <button type="submit" className="button">
          {ruleId ? t("questionEditor.saveRule") : t("questionEditor.addRuleButton")}
        </button>
        {cancelTo ? <Link to={cancelTo}>{t("questionEditor.cancel")}</Link> : null}
      </div>
    </Form>
  );
}
