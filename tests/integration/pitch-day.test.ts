// Pitch day (issue 19) against a real database, SQLite and PostgreSQL: interview days cut into slots, the
// shortlisting email inviting a team to book, bookings (the rules, the emails with their calendar event, the
// race between teams for one slot), cancellation when an application leaves the stage, deleting a day, the
// reminders, jurors' availability, panels and the interview assignments that follow them, no-shows.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { BOOKING_CHANGE_NOTICE_MS } from "~/domain/interview-booking.ts";
import { utcToZonedWallTime } from "~/domain/time.ts";
import { applyTransition } from "~/models/lifecycle.server.ts";
import {
  bookInterviewSlot,
  createInterviewDay,
  deleteInterviewDay,
  inviteJurors,
  markNoShow,
  proposeDayPanels,
  saveAvailability,
  savePanels,
  sendInterviewReminders,
  type InterviewDayInput,
} from "~/models/interview.server.ts";
import { adminInterviewOverview, founderInterviewView, interviewDayView, scheduleRows } from "~/models/interview-pages.server.ts";
import { getReviewWorkspace } from "~/models/review.server.ts";
import { action as bookingAction } from "~/routes/founder.applications.$id.interview.tsx";
import { createCandidate } from "../support/enrollment-factories.ts";
import { createTestUser, refusalOf } from "../support/factories.ts";
import { createSite, DAY_MS } from "../support/intake-factories.ts";
import { callRoute } from "../support/remix.ts";
import { createReviewer, signIn } from "../support/review-factories.ts";

beforeAll(async () => {
  await dbReady;
});

const HOUR_MS = 3600_000;

/** The Casablanca date `days` from now. */
const dateIn = (days: number) => utcToZonedWallTime(new Date(Date.now() + days * DAY_MS)).slice(0, 10);

async function setup(options: { remote?: boolean; teams?: number } = {}) {
  const [site, otherSite] = [await createSite(), await createSite()];
  const admin = await createTestUser({ roles: ["ADMIN"] });
  const call = await db.call.create({
    data: {
      slug: `pitch-${crypto.randomUUID()}`,
      title: "Appel pitch",
      description: "Appel avec entretiens.",
      opensAt: new Date(Date.now() - 40 * DAY_MS),
      closesAt: new Date(Date.now() - 7 * DAY_MS),
      status: "CLOSED",
      hasInterview: true,
      remoteInterviews: options.remote ?? false,
    },
  });
  const teams = [];
  for (let i = 0; i < (options.teams ?? 2); i++) teams.push(await createCandidate({ call, site, status: "INTERVIEW" }));
  return { site, otherSite, admin, call, teams };
}

function dayInput(siteId: string, overrides: Partial<InterviewDayInput> = {}): InterviewDayInput {
  return {
    siteId,
    date: dateIn(10),
    start: "09:00",
    end: "17:00",
    slotMinutes: 30,
    breaks: [{ start: "12:30", end: "14:00" }],
    room: "Salle Atlas",
    videoLink: "",
    ...overrides,
  };
}

async function slotsOf(dayId: string) {
  return db.interviewSlot.findMany({ where: { dayId }, orderBy: { startsAt: "asc" } });
}

const outbox = (template: string, to?: string) =>
  db.outboxEmail.findMany({ where: { template, ...(to ? { to } : {}) }, orderBy: { createdAt: "asc" } });

describe("interview days", () => {
  it("cuts a day into slots around its break, in Casablanca time", async () => {
    const { site, admin, call } = await setup({ teams: 0 });
    const input = dayInput(site.id);
    const { id, slots } = await createInterviewDay(call.id, input, admin.id);
    const stored = await slotsOf(id);
    // 09:00–12:30 is seven slots, 14:00–17:00 six.
    expect(slots).toBe(13);
    expect(stored).toHaveLength(13);
    expect(utcToZonedWallTime(stored[0].startsAt)).toBe(`${input.date}T09:00`);
    expect(utcToZonedWallTime(stored[6].endsAt)).toBe(`${input.date}T12:30`);
    expect(utcToZonedWallTime(stored[7].startsAt)).toBe(`${input.date}T14:00`);
    expect(await db.auditEvent.count({ where: { subjectId: call.id, type: "INTERVIEW_DAY_CREATED" } })).toBe(1);
  });

  it("refuses a day that cannot be cut, and a call without an interview stage, writing nothing", async () => {
    const { site, admin, call } = await setup({ teams: 0 });
    expect(await refusalOf(createInterviewDay(call.id, dayInput(site.id, { end: "08:00" }), admin.id))).toMatchObject({
      key: "interviewDays.errors.endBeforeStart",
      status: 400,
    });
    await db.call.update({ where: { id: call.id }, data: { hasInterview: false } });
    expect(await refusalOf(createInterviewDay(call.id, dayInput(site.id), admin.id))).toMatchObject({
      key: "interviewDays.errors.noInterviewStage",
      status: 409,
    });
    expect(await db.interviewDay.count({ where: { callId: call.id } })).toBe(0);
  });
});

describe("shortlisting", () => {
  it("invites the team to book a slot once the call has interview days, and needs a time and place before", async () => {
    const { site, admin, call } = await setup({ teams: 0 });
    const actor = { kind: "user" as const, id: admin.id, roles: ["ADMIN" as const] };
    const early = await createCandidate({ call, site, status: "REVIEW" });
    expect(
      await refusalOf(applyTransition({ applicationId: early.application.id, name: "shortlist", actor, override: true, reason: "Pitch" })),
    ).toMatchObject({
      key: "admin.interviewAtRequired",
    });
    await createInterviewDay(call.id, dayInput(site.id), admin.id);
    await db.call.update({ where: { id: call.id }, data: { interviewBookBy: new Date("2030-01-15T12:00:00Z") } });
    await applyTransition({ applicationId: early.application.id, name: "shortlist", actor, override: true, reason: "Pitch" });
    const [invitation] = await outbox("interview-slot-invitation", early.founder.email);
    const payload = JSON.parse(invitation.payload);
    expect(payload.bookingUrl).toMatch(new RegExp(`/founder/applications/${early.application.id}/interview$`));
    expect(payload.bookBy).toBe("2030-01-15T12:00:00.000Z");
    expect(await outbox("interview-invitation", early.founder.email)).toHaveLength(0);
  });
});

describe("booking", () => {
  it("books, emails the calendar event, and moves it with the same UID and a growing SEQUENCE", async () => {
    const { site, admin, call, teams } = await setup();
    const day = await createInterviewDay(call.id, dayInput(site.id), admin.id);
    const [first, second] = await slotsOf(day.id);
    const [{ application, founder }] = teams;
    await bookInterviewSlot({ applicationId: application.id, slotId: first.id, by: { kind: "team", userId: founder.id } });
    await bookInterviewSlot({ applicationId: application.id, slotId: second.id, by: { kind: "team", userId: founder.id } });
    const emails = (await outbox("interview-booked", founder.email)).map((email) => JSON.parse(email.payload));
    expect(emails).toHaveLength(2);
    expect(emails.map((e) => e.calendar.sequence)).toEqual([0, 1]);
    expect(emails[1].calendar.uid).toBe(emails[0].calendar.uid);
    expect(emails.map((e) => e.changed)).toEqual([false, true]);
    expect(emails[1].startsAt).toBe(second.startsAt.toISOString());
    expect(emails[1].place).toBe("Salle Atlas");
    const booking = await db.interviewBooking.findUniqueOrThrow({ where: { applicationId: application.id } });
    expect(booking.slotId).toBe(second.id);
    // The first slot is free again for another team.
    await bookInterviewSlot({
      applicationId: teams[1].application.id,
      slotId: first.id,
      by: { kind: "team", userId: teams[1].founder.id },
    });
  });

  it("refuses another site's slot, a past one, one within 48 hours, a taken one, and a move within 48 hours — nothing changed", async () => {
    const { site, otherSite, admin, call, teams } = await setup();
    const here = await slotsOf((await createInterviewDay(call.id, dayInput(site.id), admin.id)).id);
    const there = await slotsOf((await createInterviewDay(call.id, dayInput(otherSite.id), admin.id)).id);
    const [{ application, founder }, other] = teams;
    const by = { kind: "team" as const, userId: founder.id };
    const book = (slotId: string, now?: Date) => bookInterviewSlot({ applicationId: application.id, slotId, by, now });
    expect(await refusalOf(book(there[0].id))).toMatchObject({ key: "booking.errors.otherSite", status: 409 });
    expect(await refusalOf(book(here[0].id, new Date(here[0].startsAt.getTime() + 60_000)))).toMatchObject({
      key: "booking.errors.pastSlot",
    });
    expect(await refusalOf(book(here[0].id, new Date(here[0].startsAt.getTime() - BOOKING_CHANGE_NOTICE_MS + 60_000)))).toMatchObject({
      key: "booking.errors.tooLate",
    });
    await bookInterviewSlot({ applicationId: other.application.id, slotId: here[1].id, by: { kind: "team", userId: other.founder.id } });
    expect(await refusalOf(book(here[1].id))).toMatchObject({ key: "booking.errors.taken" });
    expect(await db.interviewBooking.count({ where: { applicationId: application.id } })).toBe(0);
    await book(here[2].id);
    const later = await slotsOf((await createInterviewDay(call.id, dayInput(site.id, { date: dateIn(14) }), admin.id)).id);
    // A day and a half before the interview: it stays as it is, even for a slot days later.
    expect(await refusalOf(book(later[0].id, new Date(here[2].startsAt.getTime() - 36 * HOUR_MS)))).toMatchObject({
      key: "booking.errors.currentTooSoon",
    });
    expect((await db.interviewBooking.findUniqueOrThrow({ where: { applicationId: application.id } })).slotId).toBe(here[2].id);
    // Someone not on the team, and an application not at the interview stage, are refused.
    const stranger = await createTestUser({ roles: ["FOUNDER"] });
    expect(
      await refusalOf(bookInterviewSlot({ applicationId: application.id, slotId: here[6].id, by: { kind: "team", userId: stranger.id } })),
    ).toMatchObject({
      status: 404,
    });
    await db.application.update({ where: { id: other.application.id }, data: { status: "COMMITTEE" } });
    expect(
      await refusalOf(
        bookInterviewSlot({ applicationId: other.application.id, slotId: here[7].id, by: { kind: "team", userId: other.founder.id } }),
      ),
    ).toMatchObject({ key: "booking.errors.notInvited" });
  });

  it("lets an admin assign any site's slot, within the notice too, but not a past or taken one", async () => {
    const { site, otherSite, admin, call, teams } = await setup();
    const there = await slotsOf((await createInterviewDay(call.id, dayInput(otherSite.id), admin.id)).id);
    await slotsOf((await createInterviewDay(call.id, dayInput(site.id), admin.id)).id);
    const by = { kind: "admin" as const, userId: admin.id };
    const soon = new Date(there[0].startsAt.getTime() - 3 * HOUR_MS);
    await bookInterviewSlot({ applicationId: teams[0].application.id, slotId: there[0].id, by, now: soon });
    const booking = await db.interviewBooking.findUniqueOrThrow({ where: { applicationId: teams[0].application.id } });
    expect(booking.assignedById).toBe(admin.id);
    // Booked within 48 hours: the 48-hour reminder is not sent on top of the confirmation.
    expect(booking.reminded48At).not.toBeNull();
    expect(booking.reminded2At).toBeNull();
    expect(await refusalOf(bookInterviewSlot({ applicationId: teams[1].application.id, slotId: there[0].id, by }))).toMatchObject({
      key: "booking.errors.taken",
    });
    expect(
      await refusalOf(
        bookInterviewSlot({
          applicationId: teams[1].application.id,
          slotId: there[1].id,
          by,
          now: new Date(there[1].startsAt.getTime() + 1),
        }),
      ),
    ).toMatchObject({ key: "booking.errors.pastSlot" });
  });

  it("gives a slot to exactly one of many teams booking it at the same moment, round after round", async () => {
    const { site, admin, call, teams } = await setup({ teams: 6 });
    const slots = await slotsOf((await createInterviewDay(call.id, dayInput(site.id), admin.id)).id);
    for (let round = 0; round < 8; round++) {
      const slot = slots[round];
      const results = await Promise.allSettled(
        teams.map(({ application, founder }) =>
          bookInterviewSlot({ applicationId: application.id, slotId: slot.id, by: { kind: "team", userId: founder.id } }),
        ),
      );
      const won = results.filter((r) => r.status === "fulfilled");
      expect(won).toHaveLength(1);
      for (const lost of results.filter((r) => r.status === "rejected"))
        expect((lost as PromiseRejectedResult).reason).toMatchObject({ key: expect.stringMatching(/^booking\.errors\.(taken|sameSlot)$/) });
      const holders = await db.interviewBooking.findMany({ where: { slotId: slot.id } });
      expect(holders).toHaveLength(1);
      // Free the teams for the next round: the winner moves on to the next slot's race like the others.
      await db.interviewBooking.updateMany({ where: { slotId: slot.id }, data: { slotId: null } });
    }
  });

  it("keeps one booking per team when a team books several slots at once", async () => {
    const { site, admin, call, teams } = await setup({ teams: 1 });
    const slots = await slotsOf((await createInterviewDay(call.id, dayInput(site.id), admin.id)).id);
    const [{ application, founder }] = teams;
    for (let round = 0; round < 5; round++) {
      await Promise.allSettled(
        slots
          .slice(round * 2, round * 2 + 3)
          .map((slot) => bookInterviewSlot({ applicationId: application.id, slotId: slot.id, by: { kind: "team", userId: founder.id } })),
      );
      expect(await db.interviewBooking.count({ where: { applicationId: application.id } })).toBe(1);
      expect(await db.interviewBooking.count({ where: { application: { callId: call.id }, slotId: { not: null } } })).toBe(1);
    }
  });
});

describe("leaving the interview stage and deleting a day", () => {
  it("cancels an upcoming interview when the application moves on: slot freed, METHOD:CANCEL email with the next SEQUENCE", async () => {
    const { site, admin, call, teams } = await setup({ teams: 1 });
    const [slot] = await slotsOf((await createInterviewDay(call.id, dayInput(site.id), admin.id)).id);
    const [{ application, founder }] = teams;
    await bookInterviewSlot({ applicationId: application.id, slotId: slot.id, by: { kind: "team", userId: founder.id } });
    await applyTransition({ applicationId: application.id, name: "withdraw", actor: { kind: "user", id: founder.id, roles: ["FOUNDER"] } });
    const booking = await db.interviewBooking.findUniqueOrThrow({ where: { applicationId: application.id } });
    expect(booking.slotId).toBeNull();
    expect(booking.sequence).toBe(1);
    const [cancelled] = (await outbox("interview-cancelled", founder.email)).map((email) => JSON.parse(email.payload));
    const [booked] = (await outbox("interview-booked", founder.email)).map((email) => JSON.parse(email.payload));
    expect(cancelled.calendar).toMatchObject({ uid: booked.calendar.uid, sequence: 1 });
    expect(cancelled.startsAt).toBe(slot.startsAt.toISOString());
  });

  it("refuses to delete a day with bookings until they are moved, then deletes it", async () => {
    const { site, admin, call, teams } = await setup({ teams: 1 });
    const doomed = await createInterviewDay(call.id, dayInput(site.id), admin.id);
    const other = await createInterviewDay(call.id, dayInput(site.id, { date: dateIn(12) }), admin.id);
    const [slot] = await slotsOf(doomed.id);
    const [{ application, founder }] = teams;
    await bookInterviewSlot({ applicationId: application.id, slotId: slot.id, by: { kind: "team", userId: founder.id } });
    expect(await refusalOf(deleteInterviewDay(doomed.id, admin.id))).toMatchObject({
      key: "interviewDays.errors.hasBookings",
      status: 409,
    });
    const [target] = await slotsOf(other.id);
    await bookInterviewSlot({ applicationId: application.id, slotId: target.id, by: { kind: "admin", userId: admin.id } });
    expect((await outbox("interview-booked", founder.email)).map((e) => JSON.parse(e.payload).changed)).toEqual([false, true]);
    await deleteInterviewDay(doomed.id, admin.id);
    expect(await db.interviewSlot.count({ where: { dayId: doomed.id } })).toBe(0);
  });

  it("never loses a booking made while its day is being deleted", async () => {
    const { site, admin, call, teams } = await setup({ teams: 1 });
    const [{ application, founder }] = teams;
    for (let round = 0; round < 6; round++) {
      const day = await createInterviewDay(call.id, dayInput(site.id, { date: dateIn(10 + round) }), admin.id);
      const [slot] = await slotsOf(day.id);
      await db.interviewBooking.updateMany({ where: { applicationId: application.id }, data: { slotId: null } });
      const [booked, deleted] = await Promise.allSettled([
        bookInterviewSlot({ applicationId: application.id, slotId: slot.id, by: { kind: "team", userId: founder.id } }),
        deleteInterviewDay(day.id, admin.id),
      ]);
      const dayLeft = await db.interviewDay.count({ where: { id: day.id } });
      // Exactly one wins: the booking (the day stays) or the deletion (the booking is refused and not written).
      expect([booked.status, deleted.status].filter((s) => s === "fulfilled")).toHaveLength(1);
      if (booked.status === "fulfilled") expect(dayLeft).toBe(1);
      else {
        expect(dayLeft).toBe(0);
        expect((await db.interviewBooking.findUnique({ where: { applicationId: application.id } }))?.slotId ?? null).toBeNull();
      }
    }
  });
});

describe("reminders", () => {
  it("sends the 48-hour and the 2-hour reminders once each, however many servers run the job together", async () => {
    const { site, admin, call, teams } = await setup({ teams: 1 });
    const [slot] = await slotsOf((await createInterviewDay(call.id, dayInput(site.id), admin.id)).id);
    const [{ application, founder }] = teams;
    await bookInterviewSlot({ applicationId: application.id, slotId: slot.id, by: { kind: "team", userId: founder.id } });
    const at = (hoursBefore: number) => new Date(slot.startsAt.getTime() - hoursBefore * HOUR_MS);
    // Other tests' bookings share the database: this team's emails are what is checked.
    const reminders = async () => (await outbox("interview-reminder", founder.email)).map((email) => JSON.parse(email.payload).hoursBefore);
    await sendInterviewReminders(at(49));
    expect(await reminders()).toEqual([]);
    await Promise.all([1, 2, 3, 4].map(() => sendInterviewReminders(at(47))));
    expect(await reminders()).toEqual([48]);
    await sendInterviewReminders(at(3));
    expect(await reminders()).toEqual([48]);
    await Promise.all([1, 2, 3].map(() => sendInterviewReminders(at(1.5))));
    expect(await reminders()).toEqual([48, 2]);
    await sendInterviewReminders(new Date(slot.startsAt.getTime() + 60_000));
    expect(await reminders()).toEqual([48, 2]);
  });
});

describe("jurors and panels", () => {
  async function juryDay() {
    const base = await setup({ teams: 3 });
    const day = await createInterviewDay(base.call.id, dayInput(base.site.id), base.admin.id);
    const slots = await slotsOf(day.id);
    for (const [index, { application, founder }] of base.teams.entries())
      await bookInterviewSlot({ applicationId: application.id, slotId: slots[index].id, by: { kind: "team", userId: founder.id } });
    const jurors = [
      await createReviewer({ name: "Amina" }),
      await createReviewer({ name: "Badr" }),
      await createReviewer({ name: "Chama" }),
    ];
    await inviteJurors(
      base.call.id,
      jurors.map((j) => j.id),
      base.admin.id,
    );
    return { ...base, day, slots, jurors };
  }

  it("asks invited jurors for their availability once, and keeps each juror's half-days", async () => {
    const { call, admin, day, jurors } = await juryDay();
    expect(await outbox("jury-availability-request", jurors[0].email)).toHaveLength(1);
    expect((await inviteJurors(call.id, [jurors[0].id], admin.id)).invited).toBe(0);
    await saveAvailability(jurors[0].id, call.id, [
      { dayId: day.id, halfDay: "AM" },
      { dayId: day.id, halfDay: "PM" },
    ]);
    await saveAvailability(jurors[0].id, call.id, [{ dayId: day.id, halfDay: "AM" }]);
    expect(await db.interviewAvailability.findMany({ where: { reviewerId: jurors[0].id }, select: { halfDay: true } })).toEqual([
      { halfDay: "AM" },
    ]);
    const outsider = await createReviewer();
    expect(await refusalOf(saveAvailability(outsider.id, call.id, [{ dayId: day.id, halfDay: "AM" }]))).toMatchObject({ status: 404 });
  });

  it("proposes and saves panels; the morning's jurors get the morning's interviews to score, never a conflicted one", async () => {
    const { call, admin, day, jurors, teams } = await juryDay();
    for (const juror of jurors) await saveAvailability(juror.id, call.id, [{ dayId: day.id, halfDay: "AM" }]);
    // Chama declared a conflict with the first team's project.
    await db.conflictDeclaration.create({
      data: { applicationId: teams[0].application.id, reviewerId: jurors[2].id, reason: "Ancienne associée" },
    });
    const { proposal } = await proposeDayPanels(day.id);
    const morning = proposal.panels.find((panel) => panel.halfDay === "AM")!;
    expect(morning.jurorIds).not.toContain(jurors[2].id);
    expect(proposal.explanations).toContainEqual(
      expect.objectContaining({ jurorId: jurors[2].id, reason: expect.objectContaining({ code: "CONFLICT" }) }),
    );
    expect(await refusalOf(savePanels(day.id, [{ halfDay: "AM", jurorIds: jurors.map((j) => j.id) }], admin.id))).toMatchObject({
      key: "panels.errors.conflict",
    });
    expect(await refusalOf(savePanels(day.id, [{ halfDay: "AM", jurorIds: [jurors[0].id] }], admin.id))).toMatchObject({
      key: "panels.errors.size",
    });
    await savePanels(day.id, [{ halfDay: "AM", jurorIds: morning.jurorIds }], admin.id);
    const assignments = await db.reviewAssignment.findMany({ where: { stage: "INTERVIEW", application: { callId: call.id } } });
    expect(assignments).toHaveLength(teams.length * morning.jurorIds.length);
    // Removing a half-day one sits on is refused until the seat is freed.
    expect(await refusalOf(saveAvailability(morning.jurorIds[0], call.id, []))).toMatchObject({ key: "availability.errors.seated" });
    // No juror ticked for the morning: no morning panel, and its pending interview assignments go with it.
    await savePanels(day.id, [{ halfDay: "AM", jurorIds: [] }], admin.id);
    expect(await db.interviewPanel.count({ where: { dayId: day.id } })).toBe(0);
    expect(await db.reviewAssignment.count({ where: { stage: "INTERVIEW", application: { callId: call.id } } })).toBe(0);
    await saveAvailability(morning.jurorIds[0], call.id, []);
  });

  it("keeps a juror on one panel per half-day across calls, whatever two admins save at once", async () => {
    const first = await juryDay();
    const second = await setup({ teams: 0 });
    const otherDay = await createInterviewDay(second.call.id, dayInput(second.site.id), second.admin.id);
    const shared = first.jurors.slice(0, 2);
    await inviteJurors(
      second.call.id,
      shared.map((j) => j.id),
      second.admin.id,
    );
    for (const juror of shared) {
      await saveAvailability(juror.id, first.call.id, [{ dayId: first.day.id, halfDay: "AM" }]);
      await saveAvailability(juror.id, second.call.id, [{ dayId: otherDay.id, halfDay: "AM" }]);
    }
    const seats = [{ halfDay: "AM" as const, jurorIds: shared.map((j) => j.id) }];
    const results = await Promise.allSettled([
      savePanels(first.day.id, seats, first.admin.id),
      savePanels(otherDay.id, seats, second.admin.id),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({
      key: "panels.errors.seatedElsewhere",
    });
    expect(await db.interviewPanelJuror.count({ where: { reviewerId: shared[0].id } })).toBe(1);
  });

  it("lets a juror of the panel mark a no-show once the interview has started, and nobody else", async () => {
    const { call, admin, day, jurors, teams, slots } = await juryDay();
    for (const juror of jurors) await saveAvailability(juror.id, call.id, [{ dayId: day.id, halfDay: "AM" }]);
    await savePanels(day.id, [{ halfDay: "AM", jurorIds: [jurors[0].id, jurors[1].id] }], admin.id);
    const panel = await db.interviewPanel.findUniqueOrThrow({ where: { dayId_halfDay: { dayId: day.id, halfDay: "AM" } } });
    const input = { panelId: panel.id, applicationId: teams[0].application.id, noShow: true };
    expect(await refusalOf(markNoShow({ ...input, reviewerId: jurors[0].id }))).toMatchObject({ key: "panels.errors.noShowTooEarly" });
    expect(await refusalOf(markNoShow({ ...input, reviewerId: jurors[2].id, now: slots[0].startsAt }))).toMatchObject({ status: 404 });
    await markNoShow({ ...input, reviewerId: jurors[0].id, now: new Date(slots[0].startsAt.getTime() + 5 * 60_000) });
    expect((await db.interviewBooking.findUniqueOrThrow({ where: { applicationId: teams[0].application.id } })).noShowAt).not.toBeNull();
  });
});

describe("the pages' reads and refusals", () => {
  it("offers a team only its site's free slots beyond the notice, any site's when the call takes remote interviews", async () => {
    const { site, otherSite, admin, call, teams } = await setup();
    const here = await slotsOf((await createInterviewDay(call.id, dayInput(site.id), admin.id)).id);
    await createInterviewDay(call.id, dayInput(otherSite.id), admin.id);
    const soon = await slotsOf((await createInterviewDay(call.id, dayInput(site.id, { date: dateIn(1) }), admin.id)).id);
    const [{ application, founder }, other] = teams;
    await bookInterviewSlot({ applicationId: other.application.id, slotId: here[0].id, by: { kind: "team", userId: other.founder.id } });
    const offered = async () =>
      (await founderInterviewView(application.id, founder.id, "fr"))!.days.flatMap((day) => day.slots.map((slot) => slot.id));
    const ids = await offered();
    expect(ids).toHaveLength(here.length - 1);
    expect(ids).not.toContain(here[0].id);
    expect(ids.some((id) => soon.some((slot) => slot.id === id))).toBe(false);
    await db.call.update({ where: { id: call.id }, data: { remoteInterviews: true } });
    expect(await offered()).toHaveLength(2 * here.length - 1);
    // Nobody off the team reads it.
    const stranger = await createTestUser({ roles: ["FOUNDER"] });
    expect(await founderInterviewView(application.id, stranger.id, "fr")).toBeNull();
  });

  it("lists the teams without a slot, and says when the booking deadline has passed", async () => {
    const { site, admin, call, teams } = await setup({ teams: 3 });
    const [slot] = await slotsOf((await createInterviewDay(call.id, dayInput(site.id), admin.id)).id);
    await bookInterviewSlot({ applicationId: teams[0].application.id, slotId: slot.id, by: { kind: "team", userId: teams[0].founder.id } });
    await db.call.update({ where: { id: call.id }, data: { interviewBookBy: new Date(Date.now() - DAY_MS) } });
    const overview = (await adminInterviewOverview(call.id, "en"))!;
    expect(overview.unbooked.map((team) => team.id).sort()).toEqual([teams[1].application.id, teams[2].application.id].sort());
    expect(overview.call.bookByPassed).toBe(true);
    expect(overview.days[0]).toMatchObject({ slots: 13, booked: 1 });
  });

  it("counts a day's bookings, free slots, no-shows and missing interview scores", async () => {
    const { site, admin, call, teams } = await setup({ teams: 2 });
    const day = await createInterviewDay(call.id, dayInput(site.id), admin.id);
    const slots = await slotsOf(day.id);
    const juror = await createReviewer();
    await inviteJurors(call.id, [juror.id], admin.id);
    const second = await createReviewer();
    await inviteJurors(call.id, [second.id], admin.id);
    for (const person of [juror, second]) await saveAvailability(person.id, call.id, [{ dayId: day.id, halfDay: "AM" }]);
    await savePanels(day.id, [{ halfDay: "AM", jurorIds: [juror.id, second.id] }], admin.id);
    for (const [index, { application, founder }] of teams.entries())
      await bookInterviewSlot({ applicationId: application.id, slotId: slots[index].id, by: { kind: "team", userId: founder.id } });
    const panel = await db.interviewPanel.findUniqueOrThrow({ where: { dayId_halfDay: { dayId: day.id, halfDay: "AM" } } });
    await markNoShow({
      panelId: panel.id,
      reviewerId: juror.id,
      applicationId: teams[1].application.id,
      noShow: true,
      now: slots[1].endsAt,
    });
    const view = (await interviewDayView(day.id, "ar"))!;
    // Two jurors for the team that came, none submitted yet; the no-show's scores are not missing.
    expect(view.counts).toEqual({ slots: 13, booked: 2, free: 11, noShows: 1, scoresMissing: 2 });
    const rows = (await scheduleRows(day.id, "fr"))!.rows;
    expect(rows).toHaveLength(13);
    expect(rows[1]).toMatchObject({ project: teams[1].application.projectName, noShow: true, halfDay: "AM" });
  });

  it("keeps an interview blind for its jurors only where the call says so", async () => {
    const { site, admin, call, teams } = await setup({ teams: 1 });
    const day = await createInterviewDay(call.id, dayInput(site.id), admin.id);
    const [slot] = await slotsOf(day.id);
    const jurors = [await createReviewer(), await createReviewer()];
    await inviteJurors(
      call.id,
      jurors.map((j) => j.id),
      admin.id,
    );
    for (const juror of jurors) await saveAvailability(juror.id, call.id, [{ dayId: day.id, halfDay: "AM" }]);
    await savePanels(day.id, [{ halfDay: "AM", jurorIds: jurors.map((j) => j.id) }], admin.id);
    const [{ application, founder }] = teams;
    await bookInterviewSlot({ applicationId: application.id, slotId: slot.id, by: { kind: "team", userId: founder.id } });
    const assignment = await db.reviewAssignment.findFirstOrThrow({
      where: { applicationId: application.id, reviewerId: jurors[0].id, stage: "INTERVIEW" },
    });
    // The written review is blind (the call's default); the interview is not, unless the call says so.
    const open = (await getReviewWorkspace(assignment.id, jurors[0].id, "fr"))!;
    expect(open.blind).toBe(false);
    expect(open.application.team.some((member) => "name" in member && member.name === founder.name)).toBe(true);
    await db.call.update({ where: { id: call.id }, data: { interviewBlind: true } });
    const blind = (await getReviewWorkspace(assignment.id, jurors[0].id, "fr"))!;
    expect(blind.blind).toBe(true);
    expect(blind.application.team.every((member) => !("name" in member))).toBe(true);
  });

  it("answers a refused booking with its translated message and the status it deserves, writing nothing", async () => {
    const { site, otherSite, admin, call, teams } = await setup({ teams: 1 });
    await createInterviewDay(call.id, dayInput(site.id), admin.id);
    const [elsewhere] = await slotsOf((await createInterviewDay(call.id, dayInput(otherSite.id), admin.id)).id);
    const [{ application, founder }] = teams;
    const cookie = await signIn(founder);
    const response = await callRoute(bookingAction, {
      path: `/founder/applications/${application.id}/interview`,
      params: { id: application.id },
      form: { slotId: elsewhere.id },
      cookie,
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ message: "booking.errors.otherSite", errors: { slotId: "booking.errors.otherSite" } });
    expect(await db.interviewBooking.count({ where: { applicationId: application.id } })).toBe(0);
  });
});
