// Pitch day (issue 19): the calendar invitation (.ics, RFC 5545) a team's booking email carries. Written by
// ical-generator; times in UTC, which every calendar converts to its reader's zone without needing a VTIMEZONE
// for Casablanca (whose offset the tz database moves around Ramadan). One booking keeps one UID across its
// changes, with a SEQUENCE that grows, so a calendar replaces the event rather than adding a second one.
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";

export type CalendarInvite = {
  /** Stable for the booking across changes and its cancellation (e.g. `interview-<application id>@<host>`). */
  uid: string;
  /** 0 for the first invitation, then one more at each change (and at the cancellation). */
  sequence: number;
  method: "REQUEST" | "CANCEL";
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  location: string;
  organizer: { name: string; email: string };
  attendees: Array<{ name: string; email: string }>;
  /** When this version of the invitation was written (DTSTAMP). */
  stamp: Date;
};

export const CALENDAR_PRODUCT = { company: "Technopark", product: "Tremplin", language: "FR" } as const;

/** The invitation (or its cancellation) as the text of an .ics file. */
export function calendarInvite(invite: CalendarInvite): string {
  if (!(invite.endsAt > invite.startsAt)) throw new RangeError("A calendar event must end after it starts");
  if (!Number.isInteger(invite.sequence) || invite.sequence < 0) throw new RangeError("SEQUENCE is a whole number from 0");
  const calendar = ical({
    prodId: CALENDAR_PRODUCT,
    method: invite.method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: invite.uid,
    sequence: invite.sequence,
    stamp: invite.stamp,
    start: invite.startsAt,
    end: invite.endsAt,
    summary: invite.summary,
    description: invite.description,
    location: invite.location,
    organizer: invite.organizer,
    attendees: invite.attendees.map((attendee) => ({ ...attendee, rsvp: false })),
    status: invite.method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
