import { Fragment } from "react";
import { EmailButton, Paragraph, richText } from "../components";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

/** An application's reviews disagree: its discussion opened, to each reviewer who submitted (issue 18). */
export interface DiscussionOpenedPayload extends RecipientPayload {
  projectName: string;
  discussionUrl: string;
}

/** Someone mentioned the recipient in an application's discussion (issue 18). */
export interface DiscussionMentionPayload extends RecipientPayload {
  projectName: string;
  /** The writer as the recipient sees them on the page: a name, or a reviewer's letter in blind discussions. */
  author: { name?: string; reviewerLetter?: string };
  /** The post, plain text: React escapes it, and line breaks are kept. */
  text: string;
  discussionUrl: string;
}

export function DiscussionOpenedEmail({ locale, name, projectName, discussionUrl }: EmailProps<DiscussionOpenedPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["discussion-opened"];
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={copy.preview}>
      <Paragraph>{richText(copy.intro, { projectName: <strong>{projectName}</strong> })}</Paragraph>
      <Paragraph>{copy.body}</Paragraph>
      <EmailButton href={discussionUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}

export function DiscussionMentionEmail({ locale, name, projectName, author, text, discussionUrl }: EmailProps<DiscussionMentionPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["discussion-mention"];
  const authorText = author.name ?? (author.reviewerLetter ? interpolate(copy.reviewer, { letter: author.reviewerLetter }) : copy.system);
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={interpolate(copy.preview, { projectName })}>
      <Paragraph>{richText(copy.intro, { author: <strong>{authorText}</strong>, projectName: <strong>{projectName}</strong> })}</Paragraph>
      <Paragraph muted>
        <span dir="auto">
          {/* Line breaks as <br>: kept by every mail client and by the plain-text part. */}
          {text.split("\n").map((line, index) => (
            <Fragment key={index}>
              {index > 0 ? <br /> : null}
              {line}
            </Fragment>
          ))}
        </span>
      </Paragraph>
      <EmailButton href={discussionUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
