import { DetailsBlock, EmailButton, Paragraph, richText } from "../components";
import { formatEmailDateTime } from "../format";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

/** A follow-up check-in is due (issue 17): the first email, and the reminders after 7 and 14 days. */
export interface CheckInDuePayload extends RecipientPayload {
  projectName: string;
  cohortName: string;
  /** Months after the cohort's start. */
  monthsAfter: number;
  dueAt: string;
  checkInUrl: string;
}

function CheckInEmail({
  locale,
  name,
  projectName,
  cohortName,
  monthsAfter,
  dueAt,
  checkInUrl,
  template,
}: EmailProps<CheckInDuePayload> & { template: "check-in-due" | "check-in-reminder" }) {
  const { common, templates } = EMAIL_MESSAGES[locale];
  const copy = templates[template];
  const dueAtText = formatEmailDateTime(dueAt, locale);
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={interpolate(copy.preview, { dueAt: dueAtText })}>
      <Paragraph>
        {richText(copy.intro, { projectName: <strong>{projectName}</strong>, cohortName, months: String(monthsAfter) })}
      </Paragraph>
      <DetailsBlock
        rows={[
          { label: common.labels.project, value: projectName },
          { label: common.labels.cohort, value: cohortName },
          { label: common.labels.dueAt, value: dueAtText },
        ]}
      />
      <Paragraph>{copy.body}</Paragraph>
      <EmailButton href={checkInUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}

export function CheckInDueEmail(props: EmailProps<CheckInDuePayload>) {
  return <CheckInEmail {...props} template="check-in-due" />;
}

export function CheckInReminderEmail(props: EmailProps<CheckInDuePayload>) {
  return <CheckInEmail {...props} template="check-in-reminder" />;
}
