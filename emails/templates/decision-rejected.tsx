import { EmailButton, Paragraph, richText, SectionHeading } from "../components";
import { EMAIL_COLORS, EmailLayout, useEmailLocale, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

export interface DecisionRejectedPayload extends RecipientPayload {
  projectName: string;
  callTitle: string;
  /** Comments reviewers chose to share with the founder; the section is left out when there are none. */
  feedback?: string[];
  applicationUrl: string;
}

function FeedbackList({ heading, intro, comments }: { heading: string; intro: string; comments: string[] }) {
  const { dir, align } = useEmailLocale();
  return (
    <>
      <SectionHeading>{heading}</SectionHeading>
      <Paragraph>{intro}</Paragraph>
      <ul
        dir={dir}
        style={{
          color: EMAIL_COLORS.text,
          fontSize: "16px",
          lineHeight: "26px",
          margin: "0 0 16px",
          padding: dir === "rtl" ? "0 24px 0 0" : "0 0 0 24px",
          textAlign: align,
        }}
      >
        {comments.map((comment, index) => (
          <li key={index} style={{ margin: "0 0 8px" }}>
            {comment}
          </li>
        ))}
      </ul>
    </>
  );
}

export function DecisionRejectedEmail({
  locale,
  name,
  projectName,
  callTitle,
  feedback = [],
  applicationUrl,
}: EmailProps<DecisionRejectedPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["decision-rejected"];
  const comments = feedback.map((comment) => comment.trim()).filter((comment) => comment !== "");
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={interpolate(copy.preview, { callTitle })}>
      <Paragraph>{richText(copy.intro, { projectName: <strong>{projectName}</strong>, callTitle })}</Paragraph>
      {comments.length > 0 && <FeedbackList heading={copy.feedbackHeading} intro={copy.feedbackIntro} comments={comments} />}
      <Paragraph>{copy.nextSteps}</Paragraph>
      <EmailButton href={applicationUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
