import { useTranslation } from "react-i18next";
import { EMAIL_RECIPIENTS_LISTED } from "~/domain/constants.ts";
import { DataTable } from "./data-table.tsx";
import { EmailPreview } from "./email-preview.tsx";

/** The emails an action will send (app/models/email-preview.server.ts), as the loader or action sent them. */
export type EmailsPreviewData = {
  count: number;
  recipients: Array<{ key: string; name: string; email: string; locale: string; template: string }>;
  emails: Array<{ key: string; template: string; locale: string; count: number; subject: string; html: string; text: string }>;
};

/**
 * Who will be emailed, before the admin confirms (issue 18): how many, the list on demand, and each kind of
 * email in each language rendered as it will be sent.
 */
export function EmailsPreview({ preview }: { preview: EmailsPreviewData }) {
  const { t } = useTranslation();
  const kindOf = (template: string) => t(`emailTemplates.names.${template}` as never);
  const languageOf = (locale: string) => t(`language.${locale}` as never);
  return (
    <section className="stack" aria-labelledby="emails-preview-title">
      <h2 id="emails-preview-title">{t("emailPreview.title")}</h2>
      <p>{preview.count === 0 ? t("emailPreview.none") : t("emailPreview.count", { count: preview.count })}</p>
      {preview.count > 0 ? (
        <details>
          <summary>{t("emailPreview.showRecipients", { count: preview.count })}</summary>
          {preview.count > preview.recipients.length ? (
            <p className="muted">{t("emailPreview.listed", { count: EMAIL_RECIPIENTS_LISTED })}</p>
          ) : null}
          <DataTable
            caption={t("emailPreview.caption")}
            rows={preview.recipients}
            rowKey={(recipient) => recipient.key}
            emptyMessage=""
            columns={[
              { key: "name", header: t("emailPreview.name"), rowHeader: true, userText: true, cell: (r) => r.name },
              { key: "email", header: t("emailPreview.email"), cell: (r) => <span dir="ltr">{r.email}</span> },
              { key: "language", header: t("emailPreview.language"), cell: (r) => languageOf(r.locale) },
              { key: "kind", header: t("emailPreview.kind"), cell: (r) => kindOf(r.template) },
            ]}
          />
        </details>
      ) : null}
      {preview.emails.map((email) => (
        <article key={email.key} className="stack" aria-labelledby={`emails-preview-${email.key}`}>
          <h3 id={`emails-preview-${email.key}`}>
            {t("emailPreview.emailOf", { kind: kindOf(email.template), language: languageOf(email.locale), count: email.count })}
          </h3>
          <p>
            {t("emailPreview.subject")}{" "}
            <strong lang={email.locale} dir={email.locale === "ar" ? "rtl" : "ltr"}>
              {email.subject}
            </strong>
          </p>
          <EmailPreview html={email.html} text={email.text} title={email.subject} />
        </article>
      ))}
    </section>
  );
}
