import { DetailsBlock, EmailButton, Paragraph, richText } from "../components";
import { formatEmailDateTime } from "../format";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

export interface OfferReminderPayload extends RecipientPayload {
  projectName: string;
  cohortName: string;
  expiresAt: string;
  offerUrl: string;
}

export function OfferReminderEmail({ locale, name, projectName, cohortName, expiresAt, offerUrl }: EmailProps<OfferReminderPayload>) {
  const { common, templates } = EMAIL_MESSAGES[locale];
  const copy = templates["offer-reminder"];
  const expiresAtText = formatEmailDateTime(expiresAt, locale);
  return (
    <EmailLayout
      locale={locale}
      recipientName={name}
      heading={copy.heading}
      preview={interpolate(copy.preview, { expiresAt: expiresAtText })}
    >
      <Paragraph>{richText(copy.intro, { projectName: <strong>{projectName}</strong>, cohortName })}</Paragraph>
      <DetailsBlock
        rows={[
          { label: common.labels.project, value: projectName },
          { label: common.labels.cohort, value: cohortName },
          { label: common.labels.expiresAt, value: expiresAtText },
        ]}
      />
      <Paragraph>{richText(copy.deadline, { expiresAt: <strong>{expiresAtText}</strong> })}</Paragraph>
      <EmailButton href={offerUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
