import { EmailButton, Paragraph, richText } from "../components";
import { formatEmailDateTime } from "../format";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

export interface TeamInvitationPayload extends RecipientPayload {
  /** The lead's name. */
  leadName: string;
  /** The draft's project name; "" while the lead has not named it yet. */
  projectName: string;
  /** Already in the recipient's language. */
  callTitle: string;
  /** One-time link: a secret. */
  acceptUrl: string;
  expiresAt: string;
}

export function TeamInvitationEmail({
  locale,
  name,
  leadName,
  projectName,
  callTitle,
  acceptUrl,
  expiresAt,
}: EmailProps<TeamInvitationPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["team-invitation"];
  const lead = <strong>{leadName}</strong>;
  const intro = projectName.trim()
    ? richText(copy.intro, { leadName: lead, callTitle, projectName: <strong>{projectName}</strong> })
    : richText(copy.introWithoutProject, { leadName: lead, callTitle });
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={interpolate(copy.preview, { callTitle })}>
      <Paragraph>{intro}</Paragraph>
      <Paragraph>{richText(copy.steps, { leadName })}</Paragraph>
      <EmailButton href={acceptUrl}>{copy.cta}</EmailButton>
      <Paragraph muted>{richText(copy.expiry, { expiresAt: formatEmailDateTime(expiresAt, locale) })}</Paragraph>
      <Paragraph muted>{copy.ignore}</Paragraph>
    </EmailLayout>
  );
}
