import { Link } from "@react-email/link";
import { EmailButton, Paragraph, richText } from "../components";
import { formatEmailDateTime } from "../format";
import { EMAIL_COLORS, EmailLayout, type EmailProps, type RecipientPayload } from "../layout";
import { EMAIL_MESSAGES, interpolate } from "../messages";

/**
 * Consent per purpose (issue 20): to a person who agreed to hear about future calls, when an admin opens a
 * new call for applications. It says why they receive it and where they can withdraw that consent.
 */
export interface CallOpenedPayload extends RecipientPayload {
  callTitle: string;
  /** The call's public page. */
  callUrl: string;
  /** The call's deadline (ISO 8601), shown in Casablanca time. */
  closesAt: string;
  /** Their account page, where the consent to hear about future calls can be withdrawn. */
  accountUrl: string;
}

export function CallOpenedEmail({ locale, name, callTitle, callUrl, closesAt, accountUrl }: EmailProps<CallOpenedPayload>) {
  const copy = EMAIL_MESSAGES[locale].templates["call-opened"];
  const closesAtText = formatEmailDateTime(closesAt, locale);
  const accountLink = (
    <Link href={accountUrl} dir="ltr" style={{ color: EMAIL_COLORS.brand, textDecoration: "underline", wordBreak: "break-all" }}>
      {accountUrl}
    </Link>
  );
  return (
    <EmailLayout
      locale={locale}
      recipientName={name}
      heading={copy.heading}
      preview={interpolate(copy.preview, { closesAt: closesAtText })}
    >
      <Paragraph>{richText(copy.intro, { callTitle: <strong>{callTitle}</strong> })}</Paragraph>
      <Paragraph>{richText(copy.deadline, { closesAt: <strong>{closesAtText}</strong> })}</Paragraph>
      <EmailButton href={callUrl}>{copy.cta}</EmailButton>
      <Paragraph muted>{richText(copy.consent, { accountUrl: accountLink })}</Paragraph>
    </EmailLayout>
  );
}
