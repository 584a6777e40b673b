import { Button } from "@react-email/button";
import { Heading } from "@react-email/heading";
import { Link } from "@react-email/link";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import { Fragment, type ReactNode } from "react";
import { formatEmailDate, formatEmailDateTime } from "./format";
import { EMAIL_COLORS, useEmailLocale } from "./layout";
import { interpolateParts } from "./messages";

/** Fills a message's placeholders with text or elements (e.g. a bold project name); React escapes the text. */
export function richText(template: string, values: Readonly<Record<string, ReactNode>>): ReactNode {
  return interpolateParts(template, values).map((part, index) => <Fragment key={index}>{part}</Fragment>);
}

/** Web links in text someone typed, made clickable; nothing else in it is markup. */
const WEB_LINK = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)»]/g;

function withLinks(line: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of line.matchAll(WEB_LINK)) {
    if (match.index > last) parts.push(line.slice(last, match.index));
    parts.push(
      <Link
        key={match.index}
        href={match[0]}
        dir="ltr"
        style={{ color: EMAIL_COLORS.brand, textDecoration: "underline", wordBreak: "break-all" }}
      >
        {match[0]}
      </Link>,
    );
    last = match.index + match[0].length;
  }
  if (last < line.length) parts.push(line.slice(last));
  return parts;
}

/**
 * Plain text a person wrote (an admin's wording of an email, an announcement, a consensus feedback) as the
 * email's paragraphs: a blank line starts a paragraph, a line break stays one, web links become links. React
 * escapes everything else, so no markup typed in it ever becomes markup.
 */
export function PlainTextBody({ text }: { text: string }) {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "");
  return (
    <>
      {paragraphs.map((paragraph, index) => (
        <Paragraph key={index}>
          {paragraph.split("\n").map((line, lineIndex) => (
            <Fragment key={lineIndex}>
              {lineIndex > 0 ? <br /> : null}
              {withLinks(line)}
            </Fragment>
          ))}
        </Paragraph>
      ))}
    </>
  );
}

/**
 * The reviewers' feedback a decision email carries: the one text they all approved (consensus feedback), its
 * paragraphs as the drafter wrote them; nothing when there is none.
 */
export function ReviewerFeedback({ heading, intro, text }: { heading: string; intro: string; text?: string }) {
  if ((text ?? "").trim() === "") return null;
  return (
    <>
      <SectionHeading>{heading}</SectionHeading>
      <Paragraph>{intro}</Paragraph>
      <PlainTextBody text={text ?? ""} />
    </>
  );
}

export function Paragraph({ children, muted = false }: { children: ReactNode; muted?: boolean }) {
  const { align } = useEmailLocale();
  return (
    <Text
      style={{
        color: muted ? EMAIL_COLORS.muted : EMAIL_COLORS.text,
        fontSize: muted ? "14px" : "16px",
        lineHeight: muted ? "22px" : "26px",
        textAlign: align,
      }}
    >
      {children}
    </Text>
  );
}

export function SectionHeading({ children }: { children: ReactNode }) {
  const { align } = useEmailLocale();
  return (
    <Heading as="h2" style={{ color: EMAIL_COLORS.text, fontSize: "18px", lineHeight: "26px", margin: "24px 0 0", textAlign: align }}>
      {children}
    </Heading>
  );
}

/** The call to action, followed by the raw link for clients that break buttons. */
export function EmailButton({ href, children }: { href: string; children: ReactNode }) {
  const { align, messages } = useEmailLocale();
  return (
    <Section style={{ margin: "24px 0 8px", textAlign: align }}>
      <Button
        href={href}
        style={{
          backgroundColor: EMAIL_COLORS.brand,
          borderRadius: "6px",
          color: EMAIL_COLORS.onBrand,
          fontSize: "16px",
          fontWeight: 600,
          lineHeight: "24px",
          padding: "12px 24px",
          textDecoration: "none",
        }}
      >
        {children}
      </Button>
      {/* The plain-text part already prints the button's URL; don't repeat it there. */}
      <Text
        data-skip-in-text
        style={{ color: EMAIL_COLORS.muted, fontSize: "13px", lineHeight: "20px", margin: "16px 0 0", textAlign: align }}
      >
        {messages.common.buttonFallback}
        <br />
        <Link href={href} dir="ltr" style={{ color: EMAIL_COLORS.brand, textDecoration: "underline", wordBreak: "break-all" }}>
          {href}
        </Link>
      </Text>
    </Section>
  );
}

export interface DetailRow {
  label: string;
  value: ReactNode;
}

/** Key facts (project, cohort, dates…) as label-over-value pairs in a tinted box. */
export function DetailsBlock({ rows }: { rows: DetailRow[] }) {
  const { dir, align } = useEmailLocale();
  const startBorder = dir === "rtl" ? "borderRight" : "borderLeft";
  return (
    <Section
      style={{
        backgroundColor: EMAIL_COLORS.brandTint,
        [startBorder]: `4px solid ${EMAIL_COLORS.brand}`,
        borderRadius: "4px",
        margin: "16px 0",
        padding: "4px 16px",
      }}
    >
      {rows.map(({ label, value }) => (
        <Text key={label} style={{ color: EMAIL_COLORS.text, fontSize: "16px", lineHeight: "24px", margin: "12px 0", textAlign: align }}>
          <span style={{ color: EMAIL_COLORS.muted, fontSize: "13px" }}>{label}</span>
          <br />
          <strong>{value}</strong>
        </Text>
      ))}
    </Section>
  );
}

/** Only web links become clickable: `place` is typed by staff, and a `javascript:` link must stay inert text. */
function isWebLink(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const { protocol } = new URL(text);
  return protocol === "https:" || protocol === "http:";
}

/** Where an interview takes place: a room or an address as written, or a video-call link made clickable. */
export function InterviewPlace({ place }: { place: string }) {
  if (!isWebLink(place)) return <>{place}</>;
  return (
    <Link href={place} dir="ltr" style={{ color: EMAIL_COLORS.brand, textDecoration: "underline", wordBreak: "break-all" }}>
      {place}
    </Link>
  );
}

/** An interview slot (issue 19), as its booking, reminder and cancellation emails show it. */
export interface InterviewSlotFacts {
  projectName: string;
  callTitle: string;
  siteName: string;
  /** ISO date-times of the slot. */
  startsAt: string;
  endsAt: string;
  /** A room, an address or a video-call link. */
  place: string;
}

/** The facts of an interview slot, its times in Casablanca time; `extra` rows go after them. */
export function InterviewSlotDetails({ slot, extra = [] }: { slot: InterviewSlotFacts; extra?: DetailRow[] }) {
  const { locale, messages } = useEmailLocale();
  const { labels } = messages.common;
  return (
    <DetailsBlock
      rows={[
        { label: labels.project, value: slot.projectName },
        { label: labels.call, value: slot.callTitle },
        { label: labels.site, value: slot.siteName },
        { label: labels.interviewAt, value: formatEmailDateTime(slot.startsAt, locale) },
        { label: labels.endsAt, value: formatEmailDateTime(slot.endsAt, locale) },
        { label: labels.place, value: <InterviewPlace place={slot.place} /> },
        ...extra,
      ]}
    />
  );
}

export interface SeatOfferDetails {
  projectName: string;
  cohortName: string;
  siteName: string;
  startsAt: string;
  respondBy: string;
  offerUrl: string;
}

/** The part shared by a first offer and an offer after the waitlist: facts, deadline, answer button. */
export function SeatOfferBlock({ projectName, cohortName, siteName, startsAt, respondBy, offerUrl }: SeatOfferDetails) {
  const { locale, messages } = useEmailLocale();
  const { labels, seatOffer } = messages.common;
  const respondByText = formatEmailDateTime(respondBy, locale);
  return (
    <>
      <DetailsBlock
        rows={[
          { label: labels.project, value: projectName },
          { label: labels.cohort, value: cohortName },
          { label: labels.site, value: siteName },
          { label: labels.startsAt, value: formatEmailDate(startsAt, locale) },
          { label: labels.respondBy, value: respondByText },
        ]}
      />
      <Paragraph>{richText(seatOffer.respondBy, { respondBy: <strong>{respondByText}</strong> })}</Paragraph>
      <EmailButton href={offerUrl}>{seatOffer.cta}</EmailButton>
    </>
  );
}
