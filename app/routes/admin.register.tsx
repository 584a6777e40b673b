import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { SESSION_TTL_MS } from "~/auth/session.server.ts";
import { DataTable } from "~/components/data-table.tsx";
import { ShownTextView } from "~/components/shown-text.tsx";
import { env } from "~/config/env.server.ts";
import { db } from "~/db/client.server.ts";
import { databaseProvider } from "~/db/database-url.ts";
import { showCallText } from "~/domain/call-texts.ts";
import { DEFAULT_CHECK_IN_MONTHS } from "~/domain/outcomes.ts";
import { buildRegister } from "~/domain/register.ts";
import { STAFF_IDLE_MS } from "~/domain/sessions.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { ACCESS_LOG_RETENTION_MONTHS } from "~/models/access-log.server.ts";
import { DATA_EXPORT_TTL_MS } from "~/models/data-export.server.ts";
import { CALL_TITLE_SELECT } from "~/models/reference-data.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.register.title);

/** The register of processing for the CNDP (issue 20): built from the running configuration, printable. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const locale = await getLocale(request);
  const config = env();
  const calls = await db.call.findMany({
    where: { status: { not: "DRAFT" } },
    orderBy: { opensAt: "desc" },
    select: { ...CALL_TITLE_SELECT, retainRejectedMonths: true, retainDraftMonths: true },
  });
  const register = buildRegister({
    smtpUrl: config.SMTP_URL,
    mailFrom: config.MAIL_FROM,
    databaseProvider: databaseProvider(),
    calls: calls.map((call) => ({
      title: call.title,
      retainRejectedMonths: call.retainRejectedMonths,
      retainDraftMonths: call.retainDraftMonths,
    })),
    durations: {
      sessionDays: SESSION_TTL_MS / 86_400_000,
      staffIdleHours: STAFF_IDLE_MS / 3_600_000,
      dataExportHours: DATA_EXPORT_TTL_MS / 3_600_000,
      accessLogMonths: ACCESS_LOG_RETENTION_MONTHS,
      followUpYears: Math.max(...DEFAULT_CHECK_IN_MONTHS) / 12,
    },
  });
  // A call's title as the reader's language shows it, for the retention table.
  const titles = new Map(calls.map((call) => [call.title, showCallText(call, "title", locale)]));
  return json({
    app: config.APP_URL,
    from: config.MAIL_FROM,
    ...register,
    retention: register.retention.map((row, index) => ({
      ...row,
      key: `${row.what}-${index}`,
      callTitle: row.call ? (titles.get(row.call) ?? null) : null,
    })),
  });
}

export default function RegisterPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t("register.title")}</h1>
      <p>{t("register.intro")}</p>
      <p className="muted no-print">{t("register.print")}</p>
      <p>{t("register.controller", { app: data.app, from: data.from })}</p>

      <section className="stack" aria-labelledby="register-purposes">
        <h2 id="register-purposes">{t("register.purposes")}</h2>
        <DataTable
          caption={t("register.purposes")}
          captionHidden
          rows={data.purposes}
          rowKey={(row) => row.purpose}
          emptyMessage="—"
          columns={[
            {
              key: "purpose",
              header: t("register.purpose"),
              rowHeader: true,
              cell: (row) => (
                <>
                  <strong>{t(`consent.purposes.${row.purpose}.title`)}</strong> — {t(`consent.purposes.${row.purpose}.text`)}
                </>
              ),
            },
            { key: "basis", header: t("register.basis"), cell: (row) => (row.optional ? t("register.optional") : t("register.required")) },
            {
              key: "categories",
              header: t("register.categoriesOf"),
              cell: (row) => row.categories.map((category) => t(`register.categories.${category}`).split(":")[0]).join(", "),
            },
          ]}
        />
      </section>

      <section className="stack" aria-labelledby="register-categories">
        <h2 id="register-categories">{t("register.categoriesTitle")}</h2>
        <ul>
          {data.categories.map((category) => (
            <li key={category}>{t(`register.categories.${category}`)}</li>
          ))}
        </ul>
      </section>

      <section className="stack" aria-labelledby="register-retention">
        <h2 id="register-retention">{t("register.retentionTitle")}</h2>
        <DataTable
          caption={t("register.retentionTitle")}
          captionHidden
          rows={data.retention}
          rowKey={(row) => row.key}
          emptyMessage="—"
          columns={[
            { key: "what", header: t("register.what"), rowHeader: true, cell: (row) => t(`register.retention.${row.what as "rejected"}`) },
            {
              key: "call",
              header: t("register.call"),
              cell: (row) => (row.callTitle ? <ShownTextView value={row.callTitle} /> : t("register.allCalls")),
            },
            {
              key: "period",
              header: t("register.period"),
              cell: (row) => t(`register.units.${row.period.unit}`, { value: row.period.value }),
            },
          ]}
        />
      </section>

      <section className="stack" aria-labelledby="register-recipients">
        <h2 id="register-recipients">{t("register.recipientsTitle")}</h2>
        <ul>
          {data.recipients.map((recipient) => (
            <li key={recipient.kind}>{t(`register.recipients.${recipient.kind}`, { host: recipient.host ?? "" })}</li>
          ))}
        </ul>
      </section>

      <section className="stack" aria-labelledby="register-rights">
        <h2 id="register-rights">{t("register.rightsTitle")}</h2>
        <ul>
          {data.rights.map((right) => (
            <li key={right}>{t(`register.rights.${right as "access"}`)}</li>
          ))}
        </ul>
      </section>

      <section className="stack" aria-labelledby="register-measures">
        <h2 id="register-measures">{t("register.measuresTitle")}</h2>
        <ul>
          {data.measures.map((measure) => (
            <li key={measure}>{t(`register.measures.${measure as "passwords"}`)}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
