import { EmailButton, Paragraph } from "../components";
import { EmailLayout, type EmailProps } from "../layout";
import { EMAIL_MESSAGES } from "../messages";

export interface PasswordResetNoAccountPayload {
  /** No account, so no name: the greeting uses the address. */
  name: string;
  signupUrl: string;
}

/** A reset was asked for an address without an (active) account: the same work, and a true answer, as for one with. */
export function PasswordResetNoAccountEmail({ locale, name, signupUrl }: EmailProps<PasswordResetNoAccountPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["password-reset-no-account"];
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={copy.preview}>
      <Paragraph>{copy.intro}</Paragraph>
      <Paragraph>{copy.otherAddress}</Paragraph>
      <EmailButton href={signupUrl}>{copy.cta}</EmailButton>
      <Paragraph muted>{copy.ignore}</Paragraph>
    </EmailLayout>
  );
}
