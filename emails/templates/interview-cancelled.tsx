import { EmailButton, InterviewSlotDetails, Paragraph, richText, type InterviewSlotFacts } from "../components";
import { formatEmailDateTime } from "../format";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";
import type { InterviewCalendarRef } from "./interview-booked";

/**
 * Pitch day (issue 19): a team's interview will not take place at its booked time (its day was removed, or the
 * application left the interview stage). The calendar invitation cancels the booked one.
 */
export interface InterviewCancelledPayload extends RecipientPayload, InterviewSlotFacts {
  /** The application's page: where it stands, and another slot when one can be booked. */
  bookingUrl: string;
  calendar: InterviewCalendarRef;
}

export function InterviewCancelledEmail({ locale, name, bookingUrl, ...slot }: EmailProps<InterviewCancelledPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["interview-cancelled"];
  return (
    <EmailLayout
      locale={locale}
      recipientName={name}
      heading={copy.heading}
      preview={interpolate(copy.preview, { startsAt: formatEmailDateTime(slot.startsAt, locale) })}
    >
      <Paragraph>{richText(copy.intro, { projectName: <strong>{slot.projectName}</strong>, callTitle: slot.callTitle })}</Paragraph>
      <InterviewSlotDetails slot={slot} />
      <Paragraph>{copy.calendar}</Paragraph>
      <Paragraph>{copy.nextSteps}</Paragraph>
      <EmailButton href={bookingUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
