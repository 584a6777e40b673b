import { EmailButton, Paragraph, ReviewerFeedback, richText } from "../components";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

export interface DecisionWaitlistedPayload extends RecipientPayload {
  projectName: string;
  callTitle: string;
  /** The consensus feedback the reviewers approved; the section is left out without one. */
  feedback?: string;
  applicationUrl: string;
}

export function DecisionWaitlistedEmail({
  locale,
  name,
  projectName,
  callTitle,
  feedback,
  applicationUrl,
}: EmailProps<DecisionWaitlistedPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["decision-waitlisted"];
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={interpolate(copy.preview, { callTitle })}>
      <Paragraph>{richText(copy.intro, { projectName: <strong>{projectName}</strong>, callTitle })}</Paragraph>
      <Paragraph>{copy.nextSteps}</Paragraph>
      <ReviewerFeedback heading={copy.feedbackHeading} intro={copy.feedbackIntro} text={feedback} />
      <EmailButton href={applicationUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
