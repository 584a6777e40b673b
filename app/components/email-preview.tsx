import { useTranslation } from "react-i18next";

/**
 * An email's HTML in a sandboxed frame (no scripts, no same-origin access),
 * with its plain-text version below.
 */
export function EmailPreview({ html, text, title }: { html: string | null; text: string; title: string }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      {html ? <iframe className="email-frame" sandbox="" srcDoc={html} title={title} /> : null}
      <details open={!html}>
        <summary>{t("outbox.plainText")}</summary>
        <pre className="email-text">{text}</pre>
      </details>
    </div>
  );
}
