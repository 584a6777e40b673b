import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { renderEmail, type EmailTemplate } from "../../emails/render.tsx";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { EmailPreview } from "~/components/email-preview.tsx";
import { toLocale } from "~/domain/constants.ts";
import { getOutboxEmail, redactSecrets } from "~/email/outbox.server.ts";
import { formatOptionalDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.outbox.preview);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const email = ensureFound(await getOutboxEmail(params.id ?? ""));
  const locale = await getLocale(request);
  // An email whose payload cannot be rendered is dead-lettered with the cause; its page shows that cause.
  const rendered = await (async () =>
    renderEmail(
      email.template as EmailTemplate,
      toLocale(email.locale),
      redactSecrets(email.template, JSON.parse(email.payload)) as never,
      email.templateVersion,
    ))().catch(() => null);
  return json({
    email: {
      to: email.to,
      template: email.template,
      status: email.status,
      attempts: email.attempts,
      lastError: email.lastError,
      createdAt: formatOptionalDate(email.createdAt, locale, "dateTime"),
      sentAt: formatOptionalDate(email.sentAt, locale, "dateTime"),
      messageId: email.messageId,
      wordingVersion: email.templateVersion?.version ?? null,
    },
    rendered,
  });
}

export default function OutboxEmailView() {
  const { email, rendered } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <p>
        <Link to="/admin/outbox">{t("outbox.back")}</Link>
      </p>
      <h1>{rendered?.subject ?? email.template}</h1>
      <dl className="card">
        <dt>{t("outbox.to")}</dt>
        <dd>{email.to}</dd>
        <dt>{t("outbox.template")}</dt>
        <dd>{email.template}</dd>
        <dt>{t("outbox.wording")}</dt>
        <dd>
          {email.wordingVersion === null ? t("outbox.defaultWording") : t("outbox.wordingVersion", { version: email.wordingVersion })}
        </dd>
        <dt>{t("outbox.filterLabel")}</dt>
        <dd>{t(`outbox.status.${email.status}`)}</dd>
        <dt>{t("outbox.attempts")}</dt>
        <dd>{email.attempts}</dd>
        <dt>{t("outbox.created")}</dt>
        <dd>{email.createdAt}</dd>
        {email.sentAt ? (
          <>
            <dt>{t("outbox.sent")}</dt>
            <dd>{email.sentAt}</dd>
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
      {rendered ? (
        <EmailPreview html={rendered.html} text={rendered.text} title={rendered.subject} />
      ) : (
        <p className="error-text">{t("outbox.renderFailed")}</p>
      )}
    </section>
  );
}
