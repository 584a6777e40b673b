import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import { EmailButton, Paragraph } from "../components";
import { formatEmailDate, formatEmailNumber } from "../format";
import { EMAIL_COLORS, EmailLayout, useEmailLocale, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

export interface ReviewAssignmentItem {
  /** The application's public reference, e.g. "TP-CASA-2026-0142". */
  reference: string;
  projectName: string;
  dueAt?: string;
}

export interface ReviewAssignmentsPayload extends RecipientPayload {
  /** Applications waiting in the reviewer's queue; may exceed the items listed. */
  count: number;
  items: ReviewAssignmentItem[];
  queueUrl: string;
}

export function AssignmentList({ items, dueByTemplate }: { items: ReviewAssignmentItem[]; dueByTemplate: string }) {
  const { locale, align } = useEmailLocale();
  const mutedStyle = { color: EMAIL_COLORS.muted, fontSize: "13px", lineHeight: "20px" } as const;
  return (
    <Section style={{ margin: "8px 0 16px" }}>
      {items.map(({ reference, projectName, dueAt }) => (
        <Text
          key={reference}
          style={{
            borderBottom: `1px solid ${EMAIL_COLORS.rule}`,
            color: EMAIL_COLORS.text,
            fontSize: "16px",
            lineHeight: "24px",
            margin: 0,
            padding: "12px 0",
            textAlign: align,
          }}
        >
          {/* References are Latin codes; keep their characters in order inside Arabic text. */}
          <span dir="ltr" style={mutedStyle}>
            {reference}
          </span>
          <br />
          <strong>{projectName}</strong>
          {dueAt && (
            <>
              <br />
              <span style={mutedStyle}>{interpolate(dueByTemplate, { dueAt: formatEmailDate(dueAt, locale) })}</span>
            </>
          )}
        </Text>
      ))}
    </Section>
  );
}

export function ReviewAssignmentsEmail({ locale, name, count, items, queueUrl }: EmailProps<ReviewAssignmentsPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["review-assignments"];
  const countText = formatEmailNumber(count, locale);
  const notListedCount = count - items.length;
  return (
    <EmailLayout locale={locale} recipientName={name} heading={copy.heading} preview={interpolate(copy.preview, { count: countText })}>
      <Paragraph>{copy.intro}</Paragraph>
      <Paragraph>
        <strong>{interpolate(copy.waitingCount, { count: countText })}</strong>
      </Paragraph>
      <AssignmentList items={items} dueByTemplate={copy.dueBy} />
      {notListedCount > 0 && (
        <Paragraph muted>{interpolate(copy.notListed, { count: formatEmailNumber(notListedCount, locale) })}</Paragraph>
      )}
      <Paragraph>{copy.conflictReminder}</Paragraph>
      <EmailButton href={queueUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
