import { EmailButton, Paragraph, richText } from "../components";
import { formatEmailDateTime } from "../format";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES } from "../messages";

export interface EmailVerificationPayload extends RecipientPayload {
  verifyUrl: string;
  expiresAt: string;
}

/** Sent at sign-up (and on request): the link that proves the founder owns the address. */
export function EmailVerificationEmail({ locale, name, verifyUrl, expiresAt }: EmailProps<EmailVerificationPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["email-verification"];
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={copy.preview}>
      <Paragraph>{copy.intro}</Paragraph>
      <EmailButton href={verifyUrl}>{copy.cta}</EmailButton>
      <Paragraph muted>{richText(copy.expiry, { expiresAt: formatEmailDateTime(expiresAt, locale) })}</Paragraph>
      <Paragraph muted>{copy.ignore}</Paragraph>
    </EmailLayout>
  );
}
