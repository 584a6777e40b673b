import { DetailsBlock, Paragraph, richText } from "../components";
import { formatEmailDate } from "../format";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

export interface EnrollmentConfirmedPayload extends RecipientPayload {
  projectName: string;
  cohortName: string;
  siteName: string;
  startsAt: string;
}

export function EnrollmentConfirmedEmail({
  locale,
  name,
  projectName,
  cohortName,
  siteName,
  startsAt,
}: EmailProps<EnrollmentConfirmedPayload>) {
  const { common, templates } = EMAIL_MESSAGES[locale];
  const copy = templates["enrollment-confirmed"];
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={interpolate(copy.preview, { cohortName })}>
      <Paragraph>{richText(copy.intro, { projectName: <strong>{projectName}</strong>, cohortName })}</Paragraph>
      <DetailsBlock
        rows={[
          { label: common.labels.project, value: projectName },
          { label: common.labels.cohort, value: cohortName },
          { label: common.labels.site, value: siteName },
          { label: common.labels.startsAt, value: formatEmailDate(startsAt, locale) },
        ]}
      />
      <Paragraph>{copy.nextSteps}</Paragraph>
    </EmailLayout>
  );
}
