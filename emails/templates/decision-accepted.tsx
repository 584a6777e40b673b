import { Paragraph, richText, SeatOfferBlock, type SeatOfferDetails } from "../components";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

export interface DecisionAcceptedPayload extends RecipientPayload, SeatOfferDetails {}

export function DecisionAcceptedEmail({ locale, name, ...offer }: EmailProps<DecisionAcceptedPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["decision-accepted"];
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
