import { Link } from "@react-email/link";
import { DetailsBlock, EmailButton, Paragraph, richText } from "../components";
import { formatEmailDateTime } from "../format";
import { EMAIL_COLORS, EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

export interface InterviewInvitationPayload extends RecipientPayload {
  projectName: string;
  /** ISO date-time of the interview. */
  at: string;
  /** A postal address or a video-call link. */
  place: string;
  applicationUrl: string;
}

/** Only web links become clickable: `place` is typed by staff, and a `javascript:` link must stay inert text. */
function isWebLink(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const { protocol } = new URL(text);
  return protocol === "https:" || protocol === "http:";
}

function InterviewPlace({ place }: { place: string }) {
  if (!isWebLink(place)) return <>{place}</>;
  return (
    <Link href={place} dir="ltr" style={{ color: EMAIL_COLORS.brand, textDecoration: "underline", wordBreak: "break-all" }}>
      {place}
    </Link>
  );
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
