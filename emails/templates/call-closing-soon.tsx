import { DetailsBlock, EmailButton, Paragraph, richText } from "../components";
import { formatEmailDateTime } from "../format";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

export interface CallClosingSoonPayload extends RecipientPayload {
  callTitle: string;
  closesAt: string;
  draftUrl: string;
}

export function CallClosingSoonEmail({ locale, name, callTitle, closesAt, draftUrl }: EmailProps<CallClosingSoonPayload>) {
  const { common, templates } = EMAIL_MESSAGES[locale];
  const copy = templates["call-closing-soon"];
  const closesAtText = formatEmailDateTime(closesAt, locale);
  return (
    <EmailLayout
      locale={locale}
      recipientName={name}
      heading={copy.heading}
      preview={interpolate(copy.preview, { closesAt: closesAtText })}
    >
      <Paragraph>{richText(copy.intro, { callTitle, closesAt: <strong>{closesAtText}</strong> })}</Paragraph>
      <DetailsBlock
        rows={[
          { label: common.labels.call, value: callTitle },
          { label: common.labels.closesAt, value: closesAtText },
        ]}
      />
      <EmailButton href={draftUrl}>{copy.cta}</EmailButton>
    </EmailLayout>
  );
}
