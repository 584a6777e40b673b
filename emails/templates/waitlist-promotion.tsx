import { Paragraph, richText, SeatOfferBlock, type SeatOfferDetails } from "../components";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

export interface WaitlistPromotionPayload extends RecipientPayload, SeatOfferDetails {}

export function WaitlistPromotionEmail({ locale, name, ...offer }: EmailProps<WaitlistPromotionPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["waitlist-promotion"];
  return (
    <EmailLayout
      locale={locale}
      recipientName={name}
      heading={copy.heading}
      preview={interpolate(copy.preview, { cohortName: offer.cohortName })}
    >
      <Paragraph>{richText(copy.intro, { projectName: <strong>{offer.projectName}</strong>, cohortName: offer.cohortName })}</Paragraph>
      <SeatOfferBlock {...offer} />
    </EmailLayout>
  );
}
