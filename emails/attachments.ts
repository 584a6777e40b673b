// The files an email carries besides its text (issue 19): a booking's calendar invitation (.ics), or the
// cancellation of one. The event's UID and SEQUENCE come with the payload, so a calendar replaces (or removes)
// the event it already holds rather than adding a second one.
import { calendarInvite } from "../app/domain/calendar-invite.ts";
import { BRAND_NAME } from "./layout";
import { EMAIL_MESSAGES, interpolate, type EmailLocale } from "./messages";
import type { EmailPayloads, EmailTemplate } from "./render";

export interface EmailAttachment {
  filename: string;
  content: string;
  contentType: string;
  /** Set on a calendar invitation (iTIP method): the outbox worker sends it as one (app/email/worker.server.ts). */
  method?: "REQUEST" | "CANCEL";
}

export const CALENDAR_FILENAME = "invite.ics";

/** The address of a mailbox written `Name <a@b>` or `a@b`. */
function addressOf(mailbox: string): string {
  const bracketed = /<([^<>]*)>\s*$/.exec(mailbox);
  return (bracketed ? bracketed[1] : mailbox).trim();
}

type CalendarPayload = EmailPayloads["interview-booked"] | EmailPayloads["interview-cancelled"];

function calendarAttachment(
  method: "REQUEST" | "CANCEL",
  locale: EmailLocale,
  payload: CalendarPayload,
  people: { to: string; from: string },
): EmailAttachment {
  const { common } = EMAIL_MESSAGES[locale];
  const content = calendarInvite({
    uid: payload.calendar.uid,
    sequence: payload.calendar.sequence,
    stamp: new Date(payload.calendar.stamp),
    method,
    startsAt: new Date(payload.startsAt),
    endsAt: new Date(payload.endsAt),
    summary: interpolate(common.calendar.summary, { projectName: payload.projectName }),
    description: interpolate(common.calendar.description, {
      callTitle: payload.callTitle,
      siteName: payload.siteName,
      bookingUrl: payload.bookingUrl,
    }),
    location: payload.place,
    organizer: { name: BRAND_NAME, email: addressOf(people.from) },
    attendees: [{ name: payload.name, email: people.to }],
  });
  return { filename: CALENDAR_FILENAME, content, contentType: `text/calendar; charset=utf-8; method=${method}`, method };
}

/**
 * What `template` attaches for its recipient `to`, sent from `from` (MAIL_FROM, possibly `Name <a@b>`): the
 * calendar invitation of a booked interview, its cancellation, and nothing for the other emails.
 */
export function emailAttachments(
  template: EmailTemplate,
  locale: EmailLocale,
  payload: unknown,
  people: { to: string; from: string },
): EmailAttachment[] {
  switch (template) {
    case "interview-booked":
      return [calendarAttachment("REQUEST", locale, payload as EmailPayloads["interview-booked"], people)];
    case "interview-cancelled":
      return [calendarAttachment("CANCEL", locale, payload as EmailPayloads["interview-cancelled"], people)];
    default:
      return [];
  }
}
