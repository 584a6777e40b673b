import { EmailButton, Paragraph } from "../components";
import { formatEmailDateTime } from "../format";
import { EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

/**
 * The right of access (issue 20): the copy of a person's data they asked for is ready. Its link works once, for
 * them signed in, until `expiresAt`.
 */
export interface DataExportReadyPayload extends RecipientPayload {
  /** The one-time download link. */
  downloadUrl: string;
  /** When the link stops working (ISO 8601), shown in Casablanca time. */
  expiresAt: string;
}

export function DataExportReadyEmail({ locale, name, downloadUrl, expiresAt }: EmailProps<DataExportReadyPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["data-export-ready"];
  const expiresAtText = formatEmailDateTime(expiresAt, locale);
  return (
    <EmailLayout
      locale={locale}
      recipientName={name}
      heading={copy.heading}
      preview={interpolate(copy.preview, { expiresAt: expiresAtText })}
    >
      <Paragraph>{copy.intro}</Paragraph>
      <Paragraph>{interpolate(copy.once, { expiresAt: expiresAtText })}</Paragraph>
      <EmailButton href={downloadUrl}>{copy.cta}</EmailButton>
      <Paragraph muted>{copy.notYou}</Paragraph>
    </EmailLayout>
  );
}
