// The calendar invitation a booking email carries, and the cancellation a cancelled interview's carries (issue 19),
// parsed back with another library (ical.js): the method, the UID and SEQUENCE of the payload, the slot's UTC
// instants, the recipient as attendee and the sender's address as organizer, in each language.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { emailAttachments } from "../../emails/attachments";
import { BRAND_NAME } from "../../emails/layout";
import { EMAIL_LOCALES } from "../../emails/messages";
import { EMAIL_TEMPLATES, SAMPLE_PAYLOADS } from "../../emails/render";

const PEOPLE = { to: "mehdi.tazi@example.ma", from: "Tremplin <no-reply@tremplin.ma>" };

function parsed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent");
  const event = events[0]!;
  return { calendar, events, event, view: new ICAL.Event(event) };
}

const mailto = (property: ICAL.Property | null) => String(property?.getFirstValue()).toLowerCase();

const CALENDAR_EMAILS = [
  ["interview-booked", "REQUEST", "CONFIRMED"],
  ["interview-cancelled", "CANCEL", "CANCELLED"],
] as const;

describe("emailAttachments", () => {
  it.each(
    CALENDAR_EMAILS.flatMap(([template, method, status]) => EMAIL_LOCALES.map((locale) => [template, locale, method, status] as const)),
  )(
    "%s in %s carries one invite.ics with METHOD:%s, the payload's UID, SEQUENCE and instants, and its people",
    (template, locale, method, status) => {
      const payload = SAMPLE_PAYLOADS[template];
      const attachments = emailAttachments(template, locale, payload, PEOPLE);
      expect(attachments).toHaveLength(1);
      const [invite] = attachments;
      expect(invite.filename).toBe("invite.ics");
      expect(invite.contentType).toBe(`text/calendar; charset=utf-8; method=${method}`);
      expect(invite.method).toBe(method);

      const { calendar, events, event, view } = parsed(invite.content);
      expect(calendar.getFirstPropertyValue("method")).toBe(method);
      expect(events).toHaveLength(1);
      expect(view.uid).toBe(payload.calendar.uid);
      expect(view.sequence).toBe(payload.calendar.sequence);
      expect(view.startDate.toJSDate().toISOString()).toBe(new Date(payload.startsAt).toISOString());
      expect(view.endDate.toJSDate().toISOString()).toBe(new Date(payload.endsAt).toISOString());
      expect((event.getFirstPropertyValue("dtstamp") as ICAL.Time).toJSDate().toISOString()).toBe(
        new Date(payload.calendar.stamp).toISOString(),
      );
      expect(event.getFirstPropertyValue("status")).toBe(status);
      expect(view.location).toBe(payload.place);
      expect(view.summary).toContain(payload.projectName);
      expect(view.description).toContain(payload.callTitle);
      expect(view.description).toContain(payload.siteName);

      // A URI's scheme is case-insensitive (RFC 3986): compared in lower case.
      const organizer = event.getFirstProperty("organizer");
      expect(mailto(organizer)).toBe("mailto:no-reply@tremplin.ma");
      expect(organizer?.getParameter("cn")).toBe(BRAND_NAME);
      const attendees = event.getAllProperties("attendee");
      expect(attendees.map(mailto)).toEqual([`mailto:${PEOPLE.to}`]);
      expect(attendees[0].getParameter("cn")).toBe(payload.name);
    },
  );

  it("names the event in the recipient's language", () => {
    const payload = SAMPLE_PAYLOADS["interview-booked"];
    const summaries = EMAIL_LOCALES.map(
      (locale) => parsed(emailAttachments("interview-booked", locale, payload, PEOPLE)[0].content).view.summary,
    );
    expect(summaries).toEqual(["Entretien (pitch) — Argan Trace", "Interview (pitch) — Argan Trace", "مقابلة (عرض) — Argan Trace"]);
  });

  it("takes the organizer's address from a bare MAIL_FROM too, and the attendee from `to`", () => {
    const payload = {
      ...SAMPLE_PAYLOADS["interview-booked"],
      calendar: { uid: "interview-x@tremplin.ma", sequence: 3, stamp: "2027-03-01T12:00:00Z" },
    };
    const [invite] = emailAttachments("interview-booked", "en", payload, { to: "team@example.org", from: "pitch@technopark.ma" });
    const { event, view } = parsed(invite.content);
    expect(mailto(event.getFirstProperty("organizer"))).toBe("mailto:pitch@technopark.ma");
    expect(event.getAllProperties("attendee").map(mailto)).toEqual(["mailto:team@example.org"]);
    expect([view.uid, view.sequence]).toEqual(["interview-x@tremplin.ma", 3]);
  });

  it("puts the slot at its exact instant during Ramadan's UTC+0 month as outside it", () => {
    for (const startsAt of ["2027-02-16T09:00:00Z", "2027-04-06T08:00:00Z"]) {
      const endsAt = new Date(new Date(startsAt).getTime() + 30 * 60_000).toISOString();
      const payload = { ...SAMPLE_PAYLOADS["interview-cancelled"], startsAt, endsAt };
      const { view } = parsed(emailAttachments("interview-cancelled", "ar", payload, PEOPLE)[0].content);
      expect(view.startDate.toJSDate().toISOString()).toBe(new Date(startsAt).toISOString());
      expect(view.endDate.toJSDate().toISOString()).toBe(endsAt);
    }
  });

  it("refuses a slot that does not end after it starts, rather than send a broken invitation", () => {
    const payload = SAMPLE_PAYLOADS["interview-booked"];
    expect(() => emailAttachments("interview-booked", "fr", { ...payload, endsAt: payload.startsAt }, PEOPLE)).toThrow(RangeError);
  });

  it.each(EMAIL_TEMPLATES.filter((template) => template !== "interview-booked" && template !== "interview-cancelled"))(
    "attaches nothing to %s",
    (template) => {
      for (const locale of EMAIL_LOCALES) expect(emailAttachments(template, locale, SAMPLE_PAYLOADS[template], PEOPLE)).toEqual([]);
    },
  );
});
