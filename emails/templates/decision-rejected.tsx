import { EmailButton, Paragraph, ReviewerFeedback, richText } from "../components";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

export interface DecisionRejectedPayload extends RecipientPayload {
  projectName: string;
  callTitle: string;
  /** The consensus feedback the reviewers approved; the section is left out without one. */
  feedback?: string;
  applicationUrl: string;
}

export function DecisionRejectedEmail({
  locale,
  name,
  projectName,
  callTitle,
  feedback,
  applicationUrl,
}: EmailProps<DecisionRejectedPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["decision-rejected"];
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={interpolate(copy.preview, { callTitle })}>
      <Paragraph>{richText(copy.intro, { projectName: <strong>{projectName}</strong>, callTitle })}</Paragraph>
      <ReviewerFeedback heading={copy.feedbackHeading} intro={copy.feedbackIntro} text={feedback} />
      <Paragraph>{copy.nextSteps}</Paragraph>
      <EmailButton href={applicationUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
