import { DetailsBlock, EmailButton, Paragraph, richText } from "../components";
import { formatEmailDateTime } from "../format";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

/** Pitch day (issue 19): to each member of a team shortlisted for interview, when the call has interview days. */
export interface InterviewSlotInvitationPayload extends RecipientPayload {
  projectName: string;
  callTitle: string;
  /** Where the team chooses its slot. */
  bookingUrl: string;
  /** ISO date-time: the slot is to be chosen before it. */
  bookBy: string;
}

export function InterviewSlotInvitationEmail({
  locale,
  name,
  projectName,
  callTitle,
  bookingUrl,
  bookBy,
}: EmailProps<InterviewSlotInvitationPayload>) {
  const { common, templates } = EMAIL_MESSAGES[locale];
  const copy = templates["interview-slot-invitation"];
  const bookByText = formatEmailDateTime(bookBy, locale);
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={interpolate(copy.preview, { bookBy: bookByText })}>
      <Paragraph>{richText(copy.intro, { projectName: <strong>{projectName}</strong>, callTitle })}</Paragraph>
      <DetailsBlock
        rows={[
          { label: common.labels.project, value: projectName },
          { label: common.labels.call, value: callTitle },
          { label: common.labels.bookBy, value: bookByText },
        ]}
      />
      <Paragraph>{richText(copy.choose, { bookBy: <strong>{bookByText}</strong> })}</Paragraph>
      <EmailButton href={bookingUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
