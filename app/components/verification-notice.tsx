import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * Shown where a founder with an unconfirmed address would submit: why they
 * cannot yet, and a button for a new confirmation link (POST /verify-email/resend,
 * which comes back here and says how it went in the flash).
 */
export function VerificationNotice({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="verification-title">
      <h2 id="verification-title">{t("verification.noticeTitle")}</h2>
      <p>{t("verification.requiredToSubmit")}</p>
      <Form method="post" action="/verify-email/resend">
        <input type="hidden" name="returnTo" value={returnTo} />
        <button type="submit" className="button button-secondary">
          {t("verification.resend")}
        </button>
      </Form>
    </section>
  );
}
