import { EmailButton, Paragraph, richText } from "../components";
import { formatEmailDateTime } from "../format";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES } from "../messages";

export interface PasswordResetPayload extends RecipientPayload {
  resetUrl: string;
  expiresAt: string;
}

export function PasswordResetEmail({ locale, name, resetUrl, expiresAt }: EmailProps<PasswordResetPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["password-reset"];
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={copy.preview}>
      <Paragraph>{copy.intro}</Paragraph>
      <EmailButton href={resetUrl}>{copy.cta}</EmailButton>
      <Paragraph muted>{richText(copy.expiry, { expiresAt: formatEmailDateTime(expiresAt, locale) })}</Paragraph>
      <Paragraph muted>{copy.ignore}</Paragraph>
    </EmailLayout>
  );
}
