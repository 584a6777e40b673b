import { EmailButton, Paragraph, richText } from "../components";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

/**
 * A new message in an application's thread between its team and the staff (issue 18): to each admin when the
 * team writes, to each member of the team when the staff answers. A link, never the message itself: what a
 * team writes may be private, and an email is read on many devices.
 */
export interface MessagePayload extends RecipientPayload {
  projectName: string;
  threadUrl: string;
}

export function MessageFromTeamEmail({ locale, name, projectName, threadUrl }: EmailProps<MessagePayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["message-from-team"];
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={interpolate(copy.preview, { projectName })}>
      <Paragraph>{richText(copy.intro, { projectName: <strong>{projectName}</strong> })}</Paragraph>
      <EmailButton href={threadUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}

export function MessageFromStaffEmail({ locale, name, projectName, threadUrl }: EmailProps<MessagePayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["message-from-staff"];
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={interpolate(copy.preview, { projectName })}>
      <Paragraph>{richText(copy.intro, { projectName: <strong>{projectName}</strong> })}</Paragraph>
      <EmailButton href={threadUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
