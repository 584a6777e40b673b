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

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.mailbox.title);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const [emails, locale] = await Promise.all([listMailbox(), getLocale(request)]);
  return json({ emails: emails.map((email) => ({ ...email, dateText: formatOptionalDate(email.date, locale, "dateTime") })), smtpActive: Boolean(env().SMTP_URL) });
}

export default function Mailbox() {
  const { emails, smtpActive } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("mailbox.title")}</h1>
      <p className="muted">{t(smtpActive ? "mailbox.smtpActive" : "mailbox.intro")}</p>
      {emails.length === 0 ? (
        <p>{t("mailbox.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption>{t("mailbox.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("mailbox.date")}</th>
                <th scope="col">{t("mailbox.to")}</th>
                <th scope="col">{t("mailbox.subject")}</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((email) => (
                <tr key={email.file}>
                  <td>{email.dateText ?? ""}</td>
                  <td>{email.to}</td>
                  <td>
                    <Link to={encodeURIComponent(email.file)}>{email.subject}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
