import { EmailButton, InterviewSlotDetails, Paragraph, richText, type InterviewSlotFacts } from "../components";
import { formatEmailDateTime } from "../format";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

/** Pitch day (issue 19): a team's interview is near; sent 48 hours, then 2 hours, before it. */
export interface InterviewReminderPayload extends RecipientPayload, InterviewSlotFacts {
  bookingUrl: string;
  /** How long before the interview this reminder leaves, in hours (48 or 2). */
  hoursBefore: number;
}

function whenKey(hoursBefore: number): "inTwoDays" | "inTwoHours" | "soon" {
  if (hoursBefore === 48) return "inTwoDays";
  if (hoursBefore === 2) return "inTwoHours";
  return "soon";
}

export function InterviewReminderEmail({ locale, name, bookingUrl, hoursBefore, ...slot }: EmailProps<InterviewReminderPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["interview-reminder"];
  return (
    <EmailLayout
      locale={locale}
      recipientName={name}
      heading={copy.heading}
      preview={interpolate(copy.preview, { startsAt: formatEmailDateTime(slot.startsAt, locale) })}
    >
      <Paragraph>
        {richText(copy.when[whenKey(hoursBefore)], { projectName: <strong>{slot.projectName}</strong>, callTitle: slot.callTitle })}
      </Paragraph>
      <InterviewSlotDetails slot={slot} />
      <Paragraph>{copy.preparation}</Paragraph>
      <EmailButton href={bookingUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
