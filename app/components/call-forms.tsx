import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CALL_TEXT_FIELDS, callTextColumns, type CallTextField } from "~/domain/call-texts.ts";
import { LOCALES, SCORE_VALUES, SECTORS } from "~/domain/constants.ts";
import { callSettingsSchema, cohortSchema, criterionSchema } from "~/schemas/call.ts";
import { choiceProps, FieldShell, TextField, useValidatedForm } from "./form.tsx";
import { textDirection } from "~/i18n/config.ts";
import { useLocale } from "~/i18n/use-locale.ts";

type Errors = Record<string, string> | undefined;

export type CallSettingsValues = { [F in CallTextField]: string } & { [F in CallTextField as `${F}En` | `${F}Ar`]: string } & {
  opensAt: string;
  closesAt: string;
  reviewersPerApplication: number;
  blindReview: boolean;
  showReviewerNames: boolean;
  hasInterview: boolean;
  interviewWeightPercent: number;
  offerResponseDays: number;
  anyMemberAnswersOffer: boolean;
};

/** A call's settings: create and edit share it. */
export function CallSettingsForm({ values, errors, submitLabel }: { values: CallSettingsValues; errors: Errors; submitLabel: string }) {
  const { t } = useTranslation();
  const { form, onSubmit, errorFor } = useValidatedForm(callSettingsSchema, {
    defaultValues: values as never,
    serverErrors: errors,
  });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="card">
      <input type="hidden" name="intent" value="settings" />
      {CALL_TEXT_FIELDS.map((field) => (
        <fieldset key={field} className="plain-fieldset stack">
          <legend>{t(`callAdmin.${field}`)}</legend>
          {LOCALES.map((locale) => {
            const name = callTextColumns(field)[locale];
            const label = t(`callAdmin.textsIn.${locale}`);
            return field === "title" ? (
              <TextField key={locale} label={label} lang={locale} error={errorFor(name)} registration={form.register(name)} />
            ) : (
              <FieldShell key={locale} label={label} error={errorFor(name)}>
                {(ids) => <textarea rows={field === "description" ? 4 : 3} lang={locale} dir="auto" {...form.register(name)} {...ids} />}
              </FieldShell>
            );
          })}
        </fieldset>
      ))}
      <div className="inline-form">
        <TextField
          label={t("callAdmin.opensAt")}
          type="datetime-local"
          error={errorFor("opensAt")}
          registration={form.register("opensAt")}
        />
        <TextField
          label={t("callAdmin.closesAt")}
          type="datetime-local"
          error={errorFor("closesAt")}
          registration={form.register("closesAt")}
        />
      </div>
      <div className="inline-form">
        <TextField
          label={t("callAdmin.reviewersPerApplication")}
          type="number"
          min={1}
          max={10}
          error={errorFor("reviewersPerApplication")}
          registration={form.register("reviewersPerApplication")}
        />
        <TextField
          label={t("callAdmin.offerResponseDays")}
          type="number"
          min={1}
          max={60}
          error={errorFor("offerResponseDays")}
          registration={form.register("offerResponseDays")}
        />
        <TextField
          label={t("callAdmin.interviewWeight")}
          type="number"
          min={0}
          max={100}
          error={errorFor("interviewWeightPercent")}
          registration={form.register("interviewWeightPercent")}
        />
      </div>
      <label className="choice">
        <input type="checkbox" {...choiceProps(form as never, "blindReview", "on")} /> {t("callAdmin.blindReview")}
      </label>
      <label className="choice">
        <input type="checkbox" {...choiceProps(form as never, "showReviewerNames", "on")} /> {t("callAdmin.showReviewerNames")}
      </label>
      <label className="choice">
        <input type="checkbox" {...choiceProps(form as never, "hasInterview", "on")} /> {t("callAdmin.hasInterview")}
      </label>
      <label className="choice">
        <input type="checkbox" {...choiceProps(form as never, "anyMemberAnswersOffer", "on")} /> {t("callAdmin.anyMemberAnswersOffer")}
      </label>
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}

export type CriterionValues = {
  id?: string;
  key: string;
  weightPercent: number;
  position: number;
  label: Record<string, string>;
  anchors: Record<string, string[]>;
};

/** One rubric line with its label and the meaning of each score, in the three languages. */
export function CriterionForm({ values, errors, locked }: { values: CriterionValues; errors: Errors; locked: boolean }) {
  const { t } = useTranslation();
  const uiLocale = useLocale();
  const { form, onSubmit, errorFor } = useValidatedForm(criterionSchema, { defaultValues: values as never, serverErrors: errors });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="card stack">
      <fieldset disabled={locked} className="plain-fieldset stack">
        <legend>{values.id ? values.label[uiLocale] || values.label.fr || values.key : t("callAdmin.newCriterion")}</legend>
        <input type="hidden" name="intent" value="criterion" />
        {values.id ? <input type="hidden" name="criterionId" value={values.id} /> : null}
        <div className="inline-form">
          <TextField label={t("callAdmin.criterionKey")} error={errorFor("key")} registration={form.register("key")} />
          <TextField
            label={t("callAdmin.weight")}
            type="number"
            min={1}
            max={100}
            error={errorFor("weightPercent")}
            registration={form.register("weightPercent")}
          />
          <TextField
            label={t("callAdmin.position")}
            type="number"
            min={0}
            max={100}
            error={errorFor("position")}
            registration={form.register("position")}
          />
        </div>
        {LOCALES.map((locale) => (
          <fieldset key={locale} className="plain-fieldset" lang={locale} dir={textDirection(locale)}>
            <legend>{t(`language.${locale}`)}</legend>
            <TextField
              label={t("callAdmin.criterionLabel")}
              error={errorFor(`label.${locale}`)}
              registration={form.register(`label.${locale}` as never)}
            />
            {SCORE_VALUES.map((score, index) => (
              <TextField
                key={score}
                label={t("callAdmin.anchor", { score })}
                error={errorFor(`anchors.${locale}.${index}`)}
                registration={form.register(`anchors.${locale}.${index}` as never)}
              />
            ))}
          </fieldset>
        ))}
        {locked ? null : (
          <div className="wizard-actions">
            <button type="submit" className="button button-small">
              {t("account.save")}
            </button>
            {values.id ? (
              <button type="submit" name="intent" value="deleteCriterion" className="button button-small button-secondary" formNoValidate>
                {t("callAdmin.deleteCriterion")}
              </button>
            ) : null}
          </div>
        )}
      </fieldset>
    </Form>
  );
}

export type CohortValues = {
  id?: string;
  siteId: string;
  name: string;
  startsAt: string;
  capacity: number;
  quotas: Record<string, number | "">;
  siteName?: string;
};

/** Seats at one site, with optional per-sector quotas. */
export function CohortForm({
  values,
  errors,
  sites,
}: {
  values: CohortValues;
  errors: Errors;
  sites: Array<{ id: string; name: string }>;
}) {
  const { t } = useTranslation();
  const { form, onSubmit, errorFor } = useValidatedForm(cohortSchema, { defaultValues: values as never, serverErrors: errors });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="card">
      <fieldset className="plain-fieldset">
        <legend>{values.id ? values.name : t("callAdmin.newCohort")}</legend>
        <input type="hidden" name="intent" value="cohort" />
        {values.id ? <input type="hidden" name="cohortId" value={values.id} /> : null}
        <div className="inline-form">
          <FieldShell label={t("sites.name")} error={errorFor("siteId")}>
            {(ids) => (
              <select {...form.register("siteId")} {...ids}>
                <option value="">{t("apply.chooseSite")}</option>
                {sites.map((site) => (
                  <option key={site.id} value={site.id}>
                    {site.name}
                  </option>
                ))}
              </select>
            )}
          </FieldShell>
          <TextField label={t("callAdmin.cohortName")} error={errorFor("name")} registration={form.register("name")} />
          <TextField label={t("callAdmin.startsAt")} type="date" error={errorFor("startsAt")} registration={form.register("startsAt")} />
          <TextField
            label={t("callAdmin.capacity")}
            type="number"
            min={1}
            error={errorFor("capacity")}
            registration={form.register("capacity")}
          />
        </div>
        <div className="inline-form">
          {SECTORS.map((sector) => (
            <TextField
              key={sector}
              label={t("callAdmin.quota", { sector: t(`sectors.${sector}`) })}
              type="number"
              min={0}
              error={errorFor(`quotas.${sector}`)}
              registration={form.register(`quotas.${sector}` as never)}
            />
          ))}
        </div>
        <button type="submit" className="button button-small">
          {t("account.save")}
        </button>
      </fieldset>
    </Form>
  );
}
