import { EmailButton, Paragraph } from "../components";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES } from "../messages";

export interface AccountExistsPayload extends RecipientPayload {
  loginUrl: string;
  forgotPasswordUrl: string;
}

/** Someone signed up with an address that already has an account: its owner is told, nobody else learns it. */
export function AccountExistsEmail({ locale, name, loginUrl, forgotPasswordUrl }: EmailProps<AccountExistsPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["account-exists"];
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={copy.preview}>
      <Paragraph>{copy.intro}</Paragraph>
      <EmailButton href={loginUrl}>{copy.cta}</EmailButton>
      <Paragraph>{copy.forgot}</Paragraph>
      <EmailButton href={forgotPasswordUrl}>{copy.resetCta}</EmailButton>
      <Paragraph muted>{copy.ignore}</Paragraph>
    </EmailLayout>
  );
}
