import { EmailButton, Paragraph, richText } from "../components";
import { formatEmailDateTime } from "../format";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES } from "../messages";

export interface ReviewerInvitationPayload extends RecipientPayload {
  inviterName: string;
  setPasswordUrl: string;
  expiresAt: string;
}

export function ReviewerInvitationEmail({ locale, name, inviterName, setPasswordUrl, expiresAt }: EmailProps<ReviewerInvitationPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["reviewer-invitation"];
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={copy.preview}>
      <Paragraph>{richText(copy.intro, { inviterName: <strong>{inviterName}</strong> })}</Paragraph>
      <Paragraph>{copy.steps}</Paragraph>
      <EmailButton href={setPasswordUrl}>{copy.cta}</EmailButton>
      <Paragraph muted>{richText(copy.expiry, { expiresAt: formatEmailDateTime(expiresAt, locale) })}</Paragraph>
      <Paragraph muted>{copy.ignore}</Paragraph>
    </EmailLayout>
  );
}
