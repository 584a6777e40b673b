import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { renderEmail, type EmailTemplate } from "../../emails/render.tsx";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { EmailPreview } from "~/components/email-preview.tsx";
import { toLocale } from "~/domain/constants.ts";
import { getOutboxEmail, redactSecrets } from "~/email/outbox.server.ts";
import { formatDate } from "~/i18n/format.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { useLocale } from "~/i18n/use-locale.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.outbox.preview);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const email = ensureFound(await getOutboxEmail(params.id ?? ""));
  const rendered = await renderEmail(email.template as EmailTemplate, toLocale(email.locale), redactSecrets(email.template, JSON.parse(email.payload)) as never);
  return json({
    email: { to: email.to, template: email.template, status: email.status, attempts: email.attempts, lastError: email.lastError, createdAt: email.createdAt, sentAt: email.sentAt, messageId: email.messageId },
    rendered,
  });
}

export default function OutboxEmailView() {
  const { email, rendered } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="stack">
      <p>
        <Link to="/admin/outbox">{t("outbox.back")}</Link>
      </p>
      <h1>{rendered.subject}</h1>
      <dl className="card">
        <dt>{t("outbox.to")}</dt>
        <dd>{email.to}</dd>
        <dt>{t("outbox.template")}</dt>
        <dd>{email.template}</dd>
        <dt>{t("outbox.filterLabel")}</dt>
        <dd>{t(`outbox.status.${email.status}`)}</dd>
        <dt>{t("outbox.attempts")}</dt>
        <dd>{email.attempts}</dd>
        <dt>{t("outbox.created")}</dt>
        <dd>{formatDate(email.createdAt, locale, "dateTime")}</dd>
        {email.sentAt ? (
          <>
            <dt>{t("outbox.sent")}</dt>
            <dd>{formatDate(email.sentAt, locale, "dateTime")}</dd>
          </>
        ) : null}
        {email.lastError ? (
          <>
            <dt>{t("outbox.lastError")}</dt>
            <dd className="error-text">{email.lastError}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t("outbox.preview")}</h2>
      <EmailPreview html={rendered.html} text={rendered.text} title={rendered.subject} />
    </section>
  );
}
