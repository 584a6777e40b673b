import { EmailButton, InterviewSlotDetails, Paragraph, richText, type InterviewSlotFacts } from "../components";
import { formatEmailDateTime } from "../format";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

/** What the calendar invitation of a booking needs (emails/attachments.ts). */
export interface InterviewCalendarRef {
  /** The same for a booking across its changes and its cancellation. */
  uid: string;
  /** 0 for the first invitation, one more at each change and at the cancellation. */
  sequence: number;
  /** ISO date-time this version of the invitation was written (DTSTAMP). */
  stamp: string;
}

/** Pitch day (issue 19): a team's interview slot is booked, or moved to another slot (`changed`). */
export interface InterviewBookedPayload extends RecipientPayload, InterviewSlotFacts {
  /** ISO date-time until which the team can change its slot. */
  changeUntil: string;
  bookingUrl: string;
  /** True when this slot replaces an earlier one. */
  changed: boolean;
  calendar: InterviewCalendarRef;
}

export function InterviewBookedEmail({ locale, name, changeUntil, bookingUrl, changed, ...slot }: EmailProps<InterviewBookedPayload>) {
  const { common, templates } = EMAIL_MESSAGES[locale];
  const copy = templates["interview-booked"];
  const { heading, intro } = changed ? copy.changed : copy;
  const changeUntilText = formatEmailDateTime(changeUntil, locale);
  return (
    <EmailLayout
      locale={locale}
      recipientName={name}
      heading={heading}
      preview={interpolate(copy.preview, { startsAt: formatEmailDateTime(slot.startsAt, locale) })}
    >
      <Paragraph>{richText(intro, { projectName: <strong>{slot.projectName}</strong>, callTitle: slot.callTitle })}</Paragraph>
      <InterviewSlotDetails slot={slot} extra={[{ label: common.labels.changeUntil, value: changeUntilText }]} />
      <Paragraph>{copy.preparation}</Paragraph>
      <Paragraph>{copy.calendar}</Paragraph>
      <Paragraph>{richText(copy.change, { changeUntil: <strong>{changeUntilText}</strong> })}</Paragraph>
      <EmailButton href={bookingUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
