import { DetailsBlock, EmailButton, InterviewPlace, Paragraph, richText } from "../components";
import { formatEmailDateTime } from "../format";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

export interface InterviewInvitationPayload extends RecipientPayload {
  projectName: string;
  /** ISO date-time of the interview. */
  at: string;
  /** A postal address or a video-call link. */
  place: string;
  applicationUrl: string;
}

export function InterviewInvitationEmail({ locale, name, projectName, at, place, applicationUrl }: EmailProps<InterviewInvitationPayload>) {
  const { common, templates } = EMAIL_MESSAGES[locale];
  const copy = templates["interview-invitation"];
  const atText = formatEmailDateTime(at, locale);
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={interpolate(copy.preview, { at: atText })}>
      <Paragraph>{richText(copy.intro, { projectName: <strong>{projectName}</strong> })}</Paragraph>
      <DetailsBlock
        rows={[
          { label: common.labels.project, value: projectName },
          { label: common.labels.interviewAt, value: atText },
          { label: common.labels.place, value: <InterviewPlace place={place} /> },
        ]}
      />
      <Paragraph>{copy.preparation}</Paragraph>
      <EmailButton href={applicationUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
