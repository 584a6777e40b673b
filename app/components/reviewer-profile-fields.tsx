import type { UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { SECTORS } from "~/domain/constants.ts";
import { useLocale } from "~/i18n/use-locale.ts";
import { CheckboxGroup, TextField } from "./form.tsx";
import { siteName } from "~/i18n/format.ts";

export type SiteChoice = { id: string; name: string; nameAr: string };

/** Sectors, sites and maximum load: the expertise part of a reviewer, shared by invite and edit. */
export function ReviewerProfileFields({
  form,
  errorFor,
  sites,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- shared by the invite and edit forms, whose value types differ; react-hook-form's types are invariant in them
  form: UseFormReturn<any, unknown, any>;
  errorFor: (name: string) => string | undefined;
  sites: SiteChoice[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <CheckboxGroup
        legend={t("reviewers.sectors")}
        error={errorFor("sectors")}
        registration={form.register("sectors")}
        checked={form.formState.defaultValues?.sectors ?? []}
        options={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))}
      />
      <CheckboxGroup
        legend={t("reviewers.sites")}
        error={errorFor("siteIds")}
        registration={form.register("siteIds")}
        checked={form.formState.defaultValues?.siteIds ?? []}
        options={sites.map((s) => ({ value: s.id, label: siteName(s, locale) }))}
      />
      <TextField
        label={t("reviewers.maxLoad")}
        type="number"
        min={1}
        max={200}
        error={errorFor("maxLoad")}
        registration={form.register("maxLoad")}
      />
    </>
  );
}
