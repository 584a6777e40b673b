import { EmailButton, Paragraph, richText } from "../components";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES } from "../messages";

export interface OfferExpiredPayload extends RecipientPayload {
  projectName: string;
  cohortName: string;
  applicationUrl: string;
}

export function OfferExpiredEmail({ locale, name, projectName, cohortName, applicationUrl }: EmailProps<OfferExpiredPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["offer-expired"];
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={copy.preview}>
      <Paragraph>{richText(copy.intro, { projectName: <strong>{projectName}</strong>, cohortName })}</Paragraph>
      <Paragraph>{copy.nextSteps}</Paragraph>
      <EmailButton href={applicationUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
