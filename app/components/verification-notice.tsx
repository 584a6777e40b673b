import { Form, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormMessage } from "./form-message.tsx";

/**
 * Shown where a founder with an unconfirmed address would submit: why they
 * cannot yet, and a button for a new confirmation link (POST /verify-email/resend,
 * which comes back here with `?verification=sent` or `=limited`).
 */
export function VerificationNotice({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const outcome = searchParams.get("verification");
  return (
    <section className="card" aria-labelledby="verification-title">
      <h2 id="verification-title">{t("verification.noticeTitle")}</h2>
      <p>{t("verification.requiredToSubmit")}</p>
      {outcome === "sent" ? <FormMessage kind="success">{t("verification.resent")}</FormMessage> : null}
      {outcome === "limited" ? <FormMessage kind="error">{t("verification.resendLimited")}</FormMessage> : null}
      <Form method="post" action="/verify-email/resend">
        <input type="hidden" name="returnTo" value={returnTo} />
        <button type="submit" className="button button-secondary">
          {t("verification.resend")}
        </button>
      </Form>
    </section>
  );
}
