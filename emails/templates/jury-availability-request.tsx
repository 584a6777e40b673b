import { EmailButton, Paragraph, richText } from "../components";
import { formatEmailNumber } from "../format";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES } from "../messages";

/** Pitch day (issue 19): to a reviewer invited to the interview stage of a call, for the days they can sit on the jury. */
export interface JuryAvailabilityRequestPayload extends RecipientPayload {
  callTitle: string;
  /** Where they mark the days and half-days they can attend. */
  availabilityUrl: string;
  /** How many interview days the call has. */
  dayCount: number;
}

export function JuryAvailabilityRequestEmail({
  locale,
  name,
  callTitle,
  availabilityUrl,
  dayCount,
}: EmailProps<JuryAvailabilityRequestPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["jury-availability-request"];
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={copy.preview}>
      <Paragraph>{richText(copy.intro, { callTitle: <strong>{callTitle}</strong> })}</Paragraph>
      <Paragraph>{richText(copy.dayCount, { dayCount: <strong>{formatEmailNumber(dayCount, locale)}</strong> })}</Paragraph>
      <Paragraph>{copy.ask}</Paragraph>
      <EmailButton href={availabilityUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
