import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { env } from "~/config/env.server.ts";
import { formatDate } from "~/i18n/format.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { useLocale } from "~/i18n/use-locale.ts";
import { listMailbox } from "~/models/mailbox.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.mailbox.title);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  return json({ emails: await listMailbox(), smtpActive: Boolean(env().SMTP_URL) });
}

export default function Mailbox() {
  const { emails, smtpActive } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
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
                  <td>{email.date ? formatDate(email.date, locale, "dateTime") : ""}</td>
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
