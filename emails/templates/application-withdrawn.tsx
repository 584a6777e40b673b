import { EmailButton, Paragraph, richText } from "../components";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

export interface ApplicationWithdrawnPayload extends RecipientPayload {
  projectName: string;
  callTitle: string;
  applicationUrl: string;
}

export function ApplicationWithdrawnEmail({
  locale,
  name,
  projectName,
  callTitle,
  applicationUrl,
}: EmailProps<ApplicationWithdrawnPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["application-withdrawn"];
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={interpolate(copy.preview, { callTitle })}>
      <Paragraph>{richText(copy.intro, { projectName: <strong>{projectName}</strong>, callTitle })}</Paragraph>
      <Paragraph>{copy.nextSteps}</Paragraph>
      <EmailButton href={applicationUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
