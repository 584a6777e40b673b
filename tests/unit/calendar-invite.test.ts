// The .ics a booking email carries (issue 19), parsed back with another library (ical.js): the method, a UID kept
// across changes with a growing SEQUENCE, the exact instants whatever Casablanca's offset that day, the
// cancellation, and text that cannot break the file's structure.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarInvite, type CalendarInvite } from "~/domain/calendar-invite.ts";
import { generateSlots } from "~/domain/interview-slots.ts";

const BASE: CalendarInvite = {
  uid: "interview-cmx7booking01@tremplin.example.ma",
  sequence: 0,
  method: "REQUEST",
  startsAt: new Date("2026-04-15T08:00:00Z"),
  endsAt: new Date("2026-04-15T08:30:00Z"),
  summary: "Entretien Tremplin — Atlas Agritech",
  description: "Présentez votre projet au jury (10 minutes), puis questions.",
  location: "Technopark Agadir, salle 2",
  organizer: { name: "Tremplin — Technoparks", email: "no-reply@tremplin.ma" },
  attendees: [{ name: "Salma Bennani", email: "salma@example.ma" }],
  stamp: new Date("2026-04-01T10:00:00Z"),
};

function parsed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent("vevent")!;
  return { calendar, event, view: new ICAL.Event(event) };
}

describe("calendarInvite", () => {
  it("writes an invitation a calendar reads back: method, UID, sequence, instants, text, people", () => {
    const { calendar, event, view } = parsed(calendarInvite(BASE));
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(view.uid).toBe(BASE.uid);
    expect(view.sequence).toBe(0);
    expect(view.startDate.toJSDate().toISOString()).toBe("2026-04-15T08:00:00.000Z");
    expect(view.endDate.toJSDate().toISOString()).toBe("2026-04-15T08:30:00.000Z");
    expect(view.summary).toBe(BASE.summary);
    expect(view.description).toBe(BASE.description);
    expect(view.location).toBe(BASE.location);
    expect(event.getFirstPropertyValue("status")).toBe("CONFIRMED");
    // A URI's scheme is case-insensitive (RFC 3986): compared in lower case.
    expect(String(event.getFirstPropertyValue("organizer")).toLowerCase()).toBe("mailto:no-reply@tremplin.ma");
    expect(event.getAllProperties("attendee").map((attendee) => String(attendee.getFirstValue()).toLowerCase())).toEqual([
      "mailto:salma@example.ma",
    ]);
  });

  it("keeps the UID and raises the sequence when the booking changes, and cancels with the same UID", () => {
    const moved = parsed(
      calendarInvite({ ...BASE, sequence: 1, startsAt: new Date("2026-04-15T09:00:00Z"), endsAt: new Date("2026-04-15T09:30:00Z") }),
    );
    expect([moved.view.uid, moved.view.sequence]).toEqual([BASE.uid, 1]);
    const cancelled = parsed(calendarInvite({ ...BASE, sequence: 2, method: "CANCEL" }));
    expect(cancelled.calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect([cancelled.view.uid, cancelled.view.sequence]).toEqual([BASE.uid, 2]);
    expect(cancelled.event.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it("puts a slot at its exact instant whatever Casablanca's offset that day (Ramadan's UTC+0 month or UTC+1)", () => {
    for (const [date, utc] of [
      ["2026-03-02", "2026-03-02T09:00:00.000Z"],
      ["2026-04-15", "2026-04-15T08:00:00.000Z"],
    ] as const) {
      const [slot] = generateSlots({ date, start: "09:00", end: "10:00", slotMinutes: 30, breaks: [] });
      const { view } = parsed(calendarInvite({ ...BASE, startsAt: slot.startsAt, endsAt: slot.endsAt }));
      expect(view.startDate.toJSDate().toISOString()).toBe(utc);
    }
  });

  it("keeps text that looks like the file's own structure inside its field", () => {
    const sneaky = "Salle 2\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Fake; x,y\\z";
    const { calendar, view } = parsed(calendarInvite({ ...BASE, location: sneaky, summary: `Entretien; ${sneaky}` }));
    expect(calendar.getAllSubcomponents("vevent")).toHaveLength(1);
    expect(view.location).toBe(sneaky.replace(/\r\n/g, "\n"));
    expect(view.summary).toBe(`Entretien; ${sneaky}`.replace(/\r\n/g, "\n"));
  });

  it("refuses an event that does not end after it starts, and a negative sequence", () => {
    expect(() => calendarInvite({ ...BASE, endsAt: BASE.startsAt })).toThrow(RangeError);
    expect(() => calendarInvite({ ...BASE, sequence: -1 })).toThrow(RangeError);
  });
});
