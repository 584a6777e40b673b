import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { EmailPreview } from "~/components/email-preview.tsx";
import { formatOptionalDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { readMailboxEmail } from "~/models/mailbox.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.mailbox.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const email = ensureFound(await readMailboxEmail(params.file ?? ""));
  return json({ email: { ...email, dateText: formatOptionalDate(email.date, await getLocale(request), "dateTime") } });
}

export default function MailboxEmail() {
  const { email } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <p>
        <Link to="/admin/mailbox">{t("mailbox.back")}</Link>
      </p>
      <h1>{email.subject}</h1>
      <dl className="card">
        <dt>{t("mailbox.from")}</dt>
        <dd>{email.from}</dd>
        <dt>{t("mailbox.to")}</dt>
        <dd>{email.to}</dd>
        {email.date ? (
          <>
            <dt>{t("mailbox.date")}</dt>
            <dd>{email.dateText}</dd>
          </>
        ) : null}
      </dl>
      <EmailPreview html={email.html} text={email.text} title={email.subject} />
    </section>
  );
}
