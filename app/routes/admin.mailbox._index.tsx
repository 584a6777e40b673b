import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { env } from "~/config/env.server.ts";
import { formatOptionalDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { listMailbox } from "~/models/mailbox.server.ts";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.mailbox.title);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const [emails, locale] = await Promise.all([listMailbox(), getLocale(request)]);
  return json({
    emails: emails.map((email) => ({ ...email, dateText: formatOptionalDate(email.date, locale, "dateTime") })),
    smtpActive: Boolean(env().SMTP_URL),
  });
}

export default function Mailbox() {
  const { emails, smtpActive } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("mailbox.title")}</h1>
      <p className="muted">{t(smtpActive ? "mailbox.smtpActive" : "mailbox.intro")}</p>
      <DataTable
        caption={t("mailbox.title")}
        rows={emails}
        rowKey={(email) => email.file}
        emptyMessage={t("mailbox.empty")}
        columns={[
          { key: "date", header: t("mailbox.date"), cell: (email) => email.dateText ?? "" },
          { key: "to", header: t("mailbox.to"), cell: (email) => email.to },
          {
            key: "subject",
            header: t("mailbox.subject"),
            cell: (email) => <Link to={encodeURIComponent(email.file)}>{email.subject}</Link>,
          },
        ]}
      />
    </section>
  );
}
