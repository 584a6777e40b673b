import { Body } from "@react-email/body";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Preview } from "@react-email/preview";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import { createContext, useContext, type CSSProperties, type ReactNode } from "react";
import { EMAIL_MESSAGES, interpolate, type EmailCatalog, type EmailLocale } from "./messages";

export const BRAND_NAME = "Tremplin — Technoparks";

/** Every pair used for text passes WCAG AA (4.5:1); tests/unit/emails.test.ts checks it. */
export const EMAIL_COLORS = {
  page: "#f3f4f6",
  surface: "#ffffff",
  text: "#1f2937",
  muted: "#4b5563",
  brand: "#0b5d4b",
  onBrand: "#ffffff",
  brandTint: "#eef6f3",
  rule: "#d1d5db",
} as const;

// Latin stacks lack good Arabic glyphs; Tahoma/Geeza Pro/Noto Naskh cover Windows, Apple and Android.
const FONT_FAMILY: Record<"ltr" | "rtl", string> = {
  ltr: '-apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  rtl: '"Segoe UI", Tahoma, "Geeza Pro", "Noto Naskh Arabic", Arial, sans-serif',
};

export type TextDirection = "ltr" | "rtl";

export interface EmailLocaleContextValue {
  locale: EmailLocale;
  dir: TextDirection;
  /** The start side, spelled out: many clients ignore `text-align: start`. */
  align: "left" | "right";
  messages: EmailCatalog;
}

export function localeContextFor(locale: EmailLocale): EmailLocaleContextValue {
  const dir = locale === "ar" ? "rtl" : "ltr";
  return { locale, dir, align: dir === "rtl" ? "right" : "left", messages: EMAIL_MESSAGES[locale] };
}

const EmailLocaleContext = createContext<EmailLocaleContextValue>(localeContextFor("fr"));

/** Locale, direction and copy for pieces rendered inside `EmailLayout`. */
export function useEmailLocale(): EmailLocaleContextValue {
  return useContext(EmailLocaleContext);
}

/** What every template receives: its payload, the recipient's name and the language to write in. */
export type EmailProps<Payload> = Payload & { locale: EmailLocale };

export interface RecipientPayload {
  /** The recipient's name, as they gave it. */
  name: string;
}

export interface EmailLayoutProps {
  locale: EmailLocale;
  recipientName: string;
  /** Inbox snippet shown after the subject; hidden in the body. */
  preview: string;
  heading: string;
  children: ReactNode;
}

export function EmailLayout({ locale, recipientName, preview, heading, children }: EmailLayoutProps) {
  const context = localeContextFor(locale);
  const { dir, align, messages } = context;
  const textStyle: CSSProperties = { color: EMAIL_COLORS.text, fontSize: "16px", lineHeight: "26px", textAlign: align };

  return (
    <EmailLocaleContext.Provider value={context}>
      <Html lang={locale} dir={dir}>
        <Head>
          <meta name="color-scheme" content="light" />
          <meta name="supported-color-schemes" content="light" />
          <title>{heading}</title>
        </Head>
        <Preview>{preview}</Preview>
        <Body style={{ backgroundColor: EMAIL_COLORS.page, margin: 0, padding: "24px 8px", fontFamily: FONT_FAMILY[dir] }}>
          {/* dir is repeated here because some webmails drop the <html> element's attributes. */}
          <Container dir={dir} style={{ backgroundColor: EMAIL_COLORS.surface, maxWidth: "600px", textAlign: align }}>
            <Section dir={dir} style={{ backgroundColor: EMAIL_COLORS.brand, padding: "20px 32px" }}>
              <Text
                style={{ color: EMAIL_COLORS.onBrand, fontSize: "20px", fontWeight: 700, lineHeight: "28px", margin: 0, textAlign: align }}
              >
                {BRAND_NAME}
              </Text>
              <Text style={{ color: EMAIL_COLORS.onBrand, fontSize: "14px", lineHeight: "20px", margin: 0, textAlign: align }}>
                {messages.layout.tagline}
              </Text>
            </Section>
            <Section dir={dir} style={{ padding: "8px 32px 16px" }}>
              <Heading
                as="h1"
                style={{ color: EMAIL_COLORS.text, fontSize: "24px", lineHeight: "32px", margin: "24px 0 8px", textAlign: align }}
              >
                {heading}
              </Heading>
              <Text style={textStyle}>{interpolate(messages.common.greeting, { name: recipientName })}</Text>
              {children}
              <Text style={textStyle}>
                {messages.layout.closing}
                <br />
                {messages.layout.signature}
              </Text>
            </Section>
            <Hr style={{ borderTop: `1px solid ${EMAIL_COLORS.rule}`, margin: 0 }} />
            <Section dir={dir} style={{ padding: "8px 32px" }}>
              <Text style={{ color: EMAIL_COLORS.muted, fontSize: "13px", lineHeight: "20px", textAlign: align }}>
                {messages.layout.footer}
              </Text>
            </Section>
          </Container>
        </Body>
      </Html>
    </EmailLocaleContext.Provider>
  );
}
