import { Paragraph, PlainTextBody, SectionHeading } from "../components";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES } from "../messages";

/**
 * An admin's announcement to a cohort or to a call's applicants (issue 18), in the language of the text the
 * recipient gets (app/domain/announcements.ts). The email's subject is the admin's; the body is their plain
 * text — paragraphs, line breaks and links kept, anything else escaped.
 */
export interface AnnouncementPayload extends RecipientPayload {
  subject: string;
  body: string;
}

/** The inbox snippet: the body's first line, cut to a snippet's length. */
function snippet(body: string): string {
  const firstLine = body.trim().split(/\r?\n/)[0]?.trim() ?? "";
  return firstLine.length > 140 ? `${firstLine.slice(0, 139)}…` : firstLine;
}

export function AnnouncementEmail({ locale, name, subject, body }: EmailProps<AnnouncementPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates.announcement;
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={snippet(body) || copy.preview}>
      <SectionHeading>{subject}</SectionHeading>
      <PlainTextBody text={body} />
      <Paragraph muted>{copy.why}</Paragraph>
    </EmailLayout>
  );
}
