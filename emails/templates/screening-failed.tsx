import { DetailsBlock, EmailButton, Paragraph, richText } from "../components";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

export interface ScreeningFailedPayload extends RecipientPayload {
  projectName: string;
  callTitle: string;
  /** Written by the selection team; shown as is. */
  reason: string;
  applicationUrl: string;
}

export function ScreeningFailedEmail({ locale, name, projectName, callTitle, reason, applicationUrl }: EmailProps<ScreeningFailedPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["screening-failed"];
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={interpolate(copy.preview, { projectName })}>
      <Paragraph>{richText(copy.intro, { projectName: <strong>{projectName}</strong>, callTitle })}</Paragraph>
      <DetailsBlock rows={[{ label: copy.reasonLabel, value: reason }]} />
      <Paragraph>{copy.nextSteps}</Paragraph>
      <EmailButton href={applicationUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
