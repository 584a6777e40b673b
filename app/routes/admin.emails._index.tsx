import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { DataTable } from "~/components/data-table.tsx";
import { LOCALES } from "~/domain/constants.ts";
import { formatOptionalDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { emailTemplateOverview } from "~/models/email-template.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.emailTemplates.title);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const locale = await getLocale(request);
  const overview = await emailTemplateOverview();
  return json({
    templates: overview.map(({ template, locales }) => ({
      template,
      locales: locales.map((entry) => ({ ...entry, changedAt: formatOptionalDate(entry.changedAt, locale, "dateTime") })),
    })),
  });
}

/** Every email in every language, and whether admins changed its wording (issue 18). */
export default function EmailTemplates() {
  const { templates } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t("emailTemplates.title")}</h1>
      <p className="muted">{t("emailTemplates.intro")}</p>
      <DataTable
        caption={t("emailTemplates.caption")}
        emptyMessage=""
        rows={templates}
        rowKey={(row) => row.template}
        columns={[
          {
            key: "template",
            header: t("emailTemplates.template"),
            rowHeader: true,
            cell: (row) => (
              <>
                {t(`emailTemplates.names.${row.template}` as never)} <code dir="ltr">{row.template}</code>
              </>
            ),
          },
          ...LOCALES.map((language) => ({
            key: language,
            header: t(`language.${language}`),
            cell: (row: (typeof templates)[number]) => {
              const entry = row.locales.find((l) => l.locale === language)!;
              return (
                <>
                  <Link to={`/admin/emails/${row.template}/${language}`}>
                    {entry.custom ? t("emailTemplates.customWording", { version: entry.version }) : t("emailTemplates.defaultWording")}
                  </Link>
                  {entry.changedBy ? (
                    <span className="muted"> {t("emailTemplates.byOn", { author: entry.changedBy, date: entry.changedAt })}</span>
                  ) : null}
                </>
              );
            },
          })),
        ]}
      />
    </div>
  );
}
