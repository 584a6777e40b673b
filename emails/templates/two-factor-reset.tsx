import { EmailButton, Paragraph } from "../components";
import { formatEmailDateTime } from "../format";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

/**
 * Staff two-factor authentication (issue 20): an admin reset the person's two-step verification (a lost device). They
 * learn who did it and when, that their sessions were ended, and that their next log-in sets it up again — and, if
 * they did not ask for it, whom to tell.
 */
export interface TwoFactorResetPayload extends RecipientPayload {
  /** The admin who reset it. */
  resetBy: string;
  /** When (ISO 8601), shown in Casablanca time. */
  resetAt: string;
  signInUrl: string;
}

export function TwoFactorResetEmail({ locale, name, resetBy, resetAt, signInUrl }: EmailProps<TwoFactorResetPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["two-factor-reset"];
  const values = { resetBy, resetAt: formatEmailDateTime(resetAt, locale) };
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={interpolate(copy.preview, values)}>
      <Paragraph>{interpolate(copy.intro, values)}</Paragraph>
      <Paragraph>{copy.next}</Paragraph>
      <EmailButton href={signInUrl}>{copy.cta}</EmailButton>
      <Paragraph muted>{copy.notYou}</Paragraph>
    </EmailLayout>
  );
}
