import { DetailsBlock, EmailButton, Paragraph } from "../components";
import { formatEmailDateTime } from "../format";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

export interface ApplicationSubmittedPayload extends RecipientPayload {
  projectName: string;
  callTitle: string;
  submittedAt: string;
  applicationUrl: string;
}

export function ApplicationSubmittedEmail({
  locale,
  name,
  projectName,
  callTitle,
  submittedAt,
  applicationUrl,
}: EmailProps<ApplicationSubmittedPayload>) {
  const { common, templates } = EMAIL_MESSAGES[locale];
  const copy = templates["application-submitted"];
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={interpolate(copy.preview, { callTitle })}>
      <Paragraph>{copy.intro}</Paragraph>
      <DetailsBlock
        rows={[
          { label: common.labels.project, value: projectName },
          { label: common.labels.call, value: callTitle },
          { label: common.labels.submittedAt, value: formatEmailDateTime(submittedAt, locale) },
        ]}
      />
      <Paragraph>{copy.nextSteps}</Paragraph>
      <EmailButton href={applicationUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
