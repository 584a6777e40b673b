import { useFieldArray, type UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { ChoiceGroup, choiceProps, FieldError, TextField } from "~/components/form.tsx";
import { PROJECT_STAGES, SECTORS } from "~/domain/constants.ts";
import { useLocale } from "~/i18n/use-locale.ts";
import { MAX_CO_FOUNDERS, TAGLINE_MAX } from "~/schemas/wizard-steps.ts";
import { TextAreaField } from "./fields.tsx";
import { siteName } from "~/i18n/format.ts";

/** The wizard's form values: text as typed, empty strings for nothing chosen yet. */
export type WizardValues = {
  projectName: string;
  tagline: string;
  problem: string;
  solution: string;
  market: string;
  traction: string;
  stage: string;
  sector: string;
  preferredSiteId: string;
  alternateSiteId: string;
  team: Array<{ name: string; email: string; role: string }>;
};
type StepForm = UseFormReturn<WizardValues>;
type StepProps = { form: StepForm; errorFor: (name: string) => string | undefined; readOnly: boolean };

export function ProjectStep({ form, errorFor, readOnly }: StepProps) {
  const { t } = useTranslation();
  const tagline = form.watch("tagline") ?? "";
  return (
    <fieldset disabled={readOnly} className="plain-fieldset">
      <TextField label={t("apply.fields.projectName")} error={errorFor("projectName")} registration={form.register("projectName")} />
      <TextAreaField
        label={t("apply.fields.tagline")}
        hint={t("apply.hints.tagline", { max: TAGLINE_MAX })}
        rows={2}
        error={errorFor("tagline")}
        counter={{ value: tagline.length, max: TAGLINE_MAX }}
        registration={form.register("tagline")}
      />
      {(["problem", "solution", "market", "traction"] as const).map((field) => (
        <TextAreaField
          key={field}
          label={t(`apply.fields.${field}`)}
          hint={t(`apply.hints.${field}`)}
          error={errorFor(field)}
          registration={form.register(field)}
        />
      ))}
      <ChoiceGroup legend={t("apply.fields.stage")} name="stage" error={errorFor("stage")}>
        {PROJECT_STAGES.map((stage) => (
          <label key={stage} className="choice">
            <input type="radio" {...choiceProps(form as never, "stage", stage)} />
            {t(`apply.stages.${stage}`)}
          </label>
        ))}
      </ChoiceGroup>
    </fieldset>
  );
}

export function TeamStep({ form, errorFor, readOnly }: StepProps) {
  const { t } = useTranslation();
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "team" });
  return (
    <fieldset disabled={readOnly} className="plain-fieldset">
      <p className="field-hint">{t("apply.hints.team", { max: MAX_CO_FOUNDERS })}</p>
      <FieldError name="team" error={errorFor("team")} />
      <ol className="plain-list stack">
        {fields.map((field, index) => (
          <li key={field.id} className="card">
            <fieldset className="plain-fieldset">
              <legend>{index === 0 ? t("apply.team.founder") : t("apply.team.coFounder", { number: index })}</legend>
              <TextField
                label={t("auth.name")}
                autoComplete="off"
                error={errorFor(`team.${index}.name`)}
                registration={form.register(`team.${index}.name` as const)}
              />
              <TextField
                label={t("auth.email")}
                type="email"
                autoComplete="off"
                error={errorFor(`team.${index}.email`)}
                registration={form.register(`team.${index}.email` as const)}
              />
              <TextField
                label={t("apply.team.role")}
                error={errorFor(`team.${index}.role`)}
                registration={form.register(`team.${index}.role` as const)}
              />
              {index > 0 && !readOnly ? (
                <button type="button" className="link-button" onClick={() => remove(index)}>
                  {t("apply.team.remove", { number: index })}
                </button>
              ) : null}
            </fieldset>
          </li>
        ))}
      </ol>
      {fields.length < 1 + MAX_CO_FOUNDERS && !readOnly ? (
        <button type="button" className="button button-secondary" onClick={() => append({ name: "", email: "", role: "" })}>
          {t("apply.team.add")}
        </button>
      ) : null}
    </fieldset>
  );
}

export type SiteOption = { id: string; name: string; nameAr: string; status: string };

export function SiteStep({ form, errorFor, readOnly, sites }: StepProps & { sites: SiteOption[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const preferred = form.watch("preferredSiteId") ?? "";
  const siteLabel = (site: SiteOption) =>
    `${siteName(site, locale)}${site.status === "OPEN" ? "" : ` — ${t(`siteStatus.${site.status}`)}`}`;
  return (
    <fieldset disabled={readOnly} className="plain-fieldset">
      <ChoiceGroup legend={t("apply.fields.sector")} name="sector" error={errorFor("sector")}>
        {SECTORS.map((sector) => (
          <label key={sector} className="choice">
            <input type="radio" {...choiceProps(form as never, "sector", sector)} />
            {t(`sectors.${sector}`)}
          </label>
        ))}
      </ChoiceGroup>
      <div className="field">
        <label htmlFor="preferredSiteId">{t("apply.fields.preferredSite")}</label>
        <select id="preferredSiteId" {...form.register("preferredSiteId")} aria-invalid={Boolean(errorFor("preferredSiteId"))}>
          <option value="">{t("apply.chooseSite")}</option>
          {sites.map((site) => (
            <option key={site.id} value={site.id} disabled={site.status !== "OPEN"}>
              {siteLabel(site)}
            </option>
          ))}
        </select>
        <FieldError name="preferredSiteId" error={errorFor("preferredSiteId")} />
      </div>
      <div className="field">
        <label htmlFor="alternateSiteId">{t("apply.fields.alternateSite")}</label>
        <p className="field-hint">{t("apply.hints.alternateSite")}</p>
        <select id="alternateSiteId" {...form.register("alternateSiteId")} aria-invalid={Boolean(errorFor("alternateSiteId"))}>
          <option value="">{t("apply.noAlternate")}</option>
          {sites.map((site) => (
            <option key={site.id} value={site.id} disabled={site.status !== "OPEN" || site.id === preferred}>
              {siteLabel(site)}
            </option>
          ))}
        </select>
        <FieldError name="alternateSiteId" error={errorFor("alternateSiteId")} />
      </div>
    </fieldset>
  );
}
