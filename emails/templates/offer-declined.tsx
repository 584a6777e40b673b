import { EmailButton, Paragraph, richText } from "../components";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

export interface OfferDeclinedPayload extends RecipientPayload {
  projectName: string;
  callTitle: string;
  applicationUrl: string;
}

export function OfferDeclinedEmail({ locale, name, projectName, callTitle, applicationUrl }: EmailProps<OfferDeclinedPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["offer-declined"];
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={interpolate(copy.preview, { projectName })}>
      <Paragraph>{richText(copy.intro, { projectName: <strong>{projectName}</strong>, callTitle })}</Paragraph>
      <Paragraph>{copy.nextSteps}</Paragraph>
      <EmailButton href={applicationUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
