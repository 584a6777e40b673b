// A follow-up check-in's form (issue 17), filled in by the team or, for it, by an admin: the one schema
// (app/schemas/check-in.ts) checks it in the browser and in the action. A plain post without JavaScript
// submits it; with JavaScript the team's form is also autosaved as a draft.
import { Form } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { AutosaveStatus, useAutosave } from "~/components/autosave.tsx";
import { ChoiceGroup, choiceProps, SelectField, TextField, useValidatedForm, FieldShell } from "~/components/form.tsx";
import { FUNDING_TYPES, LEGAL_FORMS, REVENUE_BANDS, SUPPORT_TRACKS, type SupportTrack } from "~/domain/check-in-options.ts";
import type { CheckInAnswers } from "~/schemas/check-in.ts";

/** The form's values as posted (text), from a draft, a refused post or nothing. */
export type CheckInFormValues = Record<string, unknown>;

/** The fields posted as one text each (the funding types are a group of boxes). */
const TEXT_FIELDS = [
  "operating",
  "ceasedOn",
  "ceasedReason",
  "legalForm",
  "registeredOn",
  "fullTimeJobs",
  "partTimeJobs",
  "revenueBand",
  "exportShare",
  "fundingAmount",
  "customers",
  "comments",
  ...SUPPORT_TRACKS.map((track) => `support.${track}`),
];

const loadSchema = () => import("~/schemas/check-in.ts").then((module) => module.checkInSchema);

export function CheckInForm({
  values,
  tracks,
  serverErrors,
  autosaveUrl,
  submitLabel,
}: {
  values: CheckInFormValues;
  /** The support tracks the cohort offers: each is rated. */
  tracks: readonly SupportTrack[];
  serverErrors?: Record<string, string>;
  /** Where the form's draft is autosaved; none: no autosave (an admin recording for the team). */
  autosaveUrl?: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  const { form, onSubmit, errorFor } = useValidatedForm(loadSchema, {
    defaultValues: {
      ...Object.fromEntries(TEXT_FIELDS.map((name) => [name, text(name)])),
      fundingTypes: Array.isArray(values.fundingTypes) ? values.fundingTypes : text("fundingTypes") ? [text("fundingTypes")] : [],
    } as never,
    serverErrors,
  });
  const autosave = useAutosave(formRef, autosaveUrl ?? "", Boolean(autosaveUrl));
  const error = (name: string) => errorFor(name) ?? autosave.serverErrors[name];
  const register = (name: string) => form.register(name as never);
  const choose = { value: "", label: t("followUp.form.choose") };
  return (
    <Form method="post" ref={formRef} noValidate onSubmit={onSubmit} onChange={() => autosave.scheduleSave()} className="stack">
      <ChoiceGroup legend={t("followUp.form.operating")} name="operating" error={error("operating")}>
        {(["yes", "no"] as const).map((answer) => (
          <label key={answer} className="choice">
            <input type="radio" {...choiceProps(form as never, "operating", answer)} /> {t(`followUp.form.${answer}`)}
          </label>
        ))}
      </ChoiceGroup>
      <fieldset className="plain-fieldset stack">
        <legend>{t("followUp.form.ifCeased")}</legend>
        <TextField label={t("followUp.form.ceasedOn")} type="date" error={error("ceasedOn")} registration={register("ceasedOn")} />
        <FieldShell label={t("followUp.form.ceasedReason")} error={error("ceasedReason")}>
          {(ids) => <textarea rows={3} dir="auto" maxLength={1000} {...register("ceasedReason")} {...ids} />}
        </FieldShell>
      </fieldset>
      <SelectField
        label={t("followUp.form.legalForm")}
        error={error("legalForm")}
        registration={register("legalForm")}
        options={[choose, ...LEGAL_FORMS.map((value) => ({ value, label: t(`followUp.legalForms.${value}`) }))]}
      />
      <TextField
        label={t("followUp.form.registeredOn")}
        type="date"
        error={error("registeredOn")}
        registration={register("registeredOn")}
      />
      <div className="inline-form">
        <TextField
          label={t("followUp.form.fullTimeJobs")}
          hint={t("followUp.form.fullTimeJobsHint")}
          inputMode="numeric"
          error={error("fullTimeJobs")}
          registration={register("fullTimeJobs")}
        />
        <TextField
          label={t("followUp.form.partTimeJobs")}
          inputMode="numeric"
          error={error("partTimeJobs")}
          registration={register("partTimeJobs")}
        />
      </div>
      <SelectField
        label={t("followUp.form.revenueBand")}
        error={error("revenueBand")}
        registration={register("revenueBand")}
        options={[choose, ...REVENUE_BANDS.map((value) => ({ value, label: t(`followUp.revenueBands.${value}`) }))]}
      />
      <TextField
        label={t("followUp.form.exportShare")}
        inputMode="numeric"
        error={error("exportShare")}
        registration={register("exportShare")}
      />
      <TextField
        label={t("followUp.form.fundingAmount")}
        hint={t("followUp.form.fundingAmountHint")}
        inputMode="numeric"
        error={error("fundingAmount")}
        registration={register("fundingAmount")}
      />
      <ChoiceGroup legend={t("followUp.form.fundingTypes")} name="fundingTypes" error={error("fundingTypes")}>
        {FUNDING_TYPES.map((type) => (
          <label key={type} className="choice">
            <input type="checkbox" {...choiceProps(form as never, "fundingTypes", type)} /> {t(`followUp.fundingTypes.${type}`)}
          </label>
        ))}
      </ChoiceGroup>
      <TextField label={t("followUp.form.customers")} inputMode="numeric" error={error("customers")} registration={register("customers")} />
      <fieldset className="plain-fieldset stack">
        <legend>{t("followUp.form.support")}</legend>
        {tracks.map((track) => (
          <SelectField
            key={track}
            label={t(`followUp.tracks.${track}`)}
            error={error(`support.${track}`)}
            registration={register(`support.${track}`)}
            options={[
              { value: "", label: t("followUp.form.notUsed") },
              ...["1", "2", "3", "4", "5"].map((value) => ({ value, label: t(`followUp.rating.${value}` as "followUp.rating.1") })),
            ]}
          />
        ))}
      </fieldset>
      <FieldShell label={t("followUp.form.comments")} error={error("comments")}>
        {(ids) => <textarea rows={4} dir="auto" maxLength={2000} {...register("comments")} {...ids} />}
      </FieldShell>
      <div className="wizard-actions">
        {autosaveUrl ? <AutosaveStatus state={autosave.state} onRetry={() => void autosave.saveNow()} /> : null}
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

/** A submitted check-in's answers, as the team and the admins read them (never edited after). */
export function CheckInSummary({ answers, tracks }: { answers: CheckInAnswers; tracks: readonly SupportTrack[] }) {
  const { t } = useTranslation();
  const rows: Array<[string, string]> = [
    [t("followUp.form.operating"), t(answers.operating ? "followUp.form.yes" : "followUp.form.no")],
    ...(answers.operating
      ? []
      : ([
          [t("followUp.form.ceasedOn"), answers.ceasedOn ?? ""],
          [t("followUp.form.ceasedReason"), answers.ceasedReason ?? ""],
        ] as Array<[string, string]>)),
    [t("followUp.form.legalForm"), t(`followUp.legalForms.${answers.legalForm}`)],
    [t("followUp.form.registeredOn"), answers.registeredOn ?? "—"],
    [t("followUp.form.fullTimeJobs"), String(answers.fullTimeJobs)],
    [t("followUp.form.partTimeJobs"), String(answers.partTimeJobs)],
    [t("followUp.form.revenueBand"), t(`followUp.revenueBands.${answers.revenueBand}`)],
    [t("followUp.form.exportShare"), `${answers.exportShare} %`],
    [t("followUp.form.fundingAmount"), String(answers.fundingAmount)],
    [t("followUp.form.fundingTypes"), answers.fundingTypes.map((type) => t(`followUp.fundingTypes.${type}`)).join(", ") || "—"],
    [t("followUp.form.customers"), answers.customers === null ? "—" : String(answers.customers)],
    ...tracks.map((track): [string, string] => [
      t(`followUp.tracks.${track}`),
      answers.support[track] ? t(`followUp.rating.${answers.support[track]}` as "followUp.rating.1") : t("followUp.form.notUsed"),
    ]),
    [t("followUp.form.comments"), answers.comments || "—"],
  ];
  return (
    <dl className="details">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd dir="auto" className="pre-line">
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
