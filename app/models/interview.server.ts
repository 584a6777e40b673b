// Pitch day (issue 19): interview days and their slots, jurors' availability and panels, teams' bookings, the
// emails each step sends (with the calendar invitation), the reminders, and the pages' reads. Every write is
// one transaction with its audit event and its emails; the rules that must hold under concurrency are held by
// the database: a slot's booking is unique (InterviewBooking.slotId), a team has one booking (applicationId),
// a booked slot cannot be deleted (the foreign key restricts it), a juror sits once per half-day
// (InterviewPanelJuror's unique key).
import { env } from "~/config/env.server.ts";
import { db, type Tx } from "~/db/client.server.ts";
import { cachedUntilChange } from "~/db/read-cache.server.ts";
import { conflictBetween } from "~/domain/assignment.ts";
import { toLocale, type Locale } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import { BOOKING_CHANGE_NOTICE_MS, bookingRefusal } from "~/domain/interview-booking.ts";
import { generateSlots, halfDayOf, validateInterviewDay, type InterviewBreak } from "~/domain/interview-slots.ts";
import { HALF_DAYS, PANEL_SIZE_LIMITS, proposePanels, type HalfDay, type PanelJuror, type PanelProject } from "~/domain/panels.ts";
import { callTitleForEmail, enqueueEmail } from "~/email/outbox.server.ts";
import { siteName } from "~/i18n/format.ts";
import { CALL_TITLE_SELECT } from "./reference-data.server.ts";
import { emailTeam, isTeamMember } from "./team.server.ts";
import { isUniqueViolation } from "./user.server.ts";

/** Before this long ahead of an interview, its team gets each reminder (hours, largest first). */
export const REMINDER_HOURS = [48, 2] as const;
const HOUR_MS = 3600_000;

export type InterviewDayInput = {
  siteId: string;
  date: string;
  start: string;
  end: string;
  slotMinutes: number;
  breaks: InterviewBreak[];
  room: string;
  videoLink: string;
};

/** A write refused by a foreign key (e.g. a slot booked while its day was being deleted). */
function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2003";
}

function audit(tx: Tx, actorId: string | null, subjectType: string, subjectId: string, type: string, details: object, now = new Date()) {
  return tx.auditEvent.create({
    data: { actorId, subjectType, subjectId, type, details: JSON.stringify(details), createdAt: now },
  });
}

/** The place a team is told: the room (an address) and, when the day has one, the video link. */
export function interviewPlace(day: { room: string; videoLink: string }): string {
  return [day.room.trim(), day.videoLink.trim()].filter(Boolean).join(" — ") || "—";
}

function bookingUrl(applicationId: string): string {
  return `${env().APP_URL}/founder/applications/${applicationId}/interview`;
}

/** The UID of a booking's calendar event: the same across its changes and its cancellation. */
function calendarUid(bookingId: string): string {
  const host = URL.canParse(env().APP_URL) ? new URL(env().APP_URL).hostname : "tremplin.localhost";
  return `interview-${bookingId}@${host}`;
}

// ---------------------------------------------------------------------------------------------------- days

async function interviewCall(tx: Tx, callId: string) {
  const call = await tx.call.findUnique({ where: { id: callId }, select: { id: true, hasInterview: true } });
  if (!call) throw new UserError("errors.title404", 404);
  if (!call.hasInterview) throw new UserError("interviewDays.errors.noInterviewStage", 409);
  return call;
}

/** An admin adds an interview day to a call: its slots are cut at once (app/domain/interview-slots.ts). */
export async function createInterviewDay(
  callId: string,
  input: InterviewDayInput,
  actorId: string,
): Promise<{ id: string; slots: number }> {
  const errors = validateInterviewDay({
    date: input.date,
    start: input.start,
    end: input.end,
    slotMinutes: input.slotMinutes,
    breaks: input.breaks,
  });
  const first = errors[0];
  if (first) throw new UserError(first.key, 400, { field: first.field, params: first.params });
  const slots = generateSlots(input);
  return db.$transaction(async (tx) => {
    await interviewCall(tx, callId);
    const site = await tx.site.findUnique({ where: { id: input.siteId }, select: { status: true } });
    if (!site) throw new UserError("interviewDays.errors.siteRequired", 400, { field: "siteId" });
    const day = await tx.interviewDay.create({
      data: {
        callId,
        siteId: input.siteId,
        date: input.date,
        startTime: input.start,
        endTime: input.end,
        slotMinutes: input.slotMinutes,
        breaks: JSON.stringify(input.breaks),
        room: input.room,
        videoLink: input.videoLink,
        slots: { create: slots.map((slot) => ({ startsAt: slot.startsAt, endsAt: slot.endsAt })) },
      },
      select: { id: true },
    });
    await audit(tx, actorId, "Call", callId, "INTERVIEW_DAY_CREATED", { dayId: day.id, date: input.date, slots: slots.length });
    return { id: day.id, slots: slots.length };
  });
}

/**
 * An admin removes a day. Its booked teams must be moved first (each is emailed then): a day with bookings is
 * refused, and the foreign key keeps a booking made meanwhile from being lost — its slot cannot be deleted.
 */
export async function deleteInterviewDay(dayId: string, actorId: string): Promise<{ callId: string }> {
  const hasBookings = (count: number) => new UserError("interviewDays.errors.hasBookings", 409, { params: { count } });
  try {
    return await db.$transaction(async (tx) => {
      const day = await tx.interviewDay.findUnique({ where: { id: dayId }, select: { id: true, callId: true, date: true } });
      if (!day) throw new UserError("errors.title404", 404);
      const booked = await tx.interviewBooking.count({ where: { slot: { dayId } } });
      if (booked > 0) throw hasBookings(booked);
      await tx.interviewDay.delete({ where: { id: dayId } });
      await audit(tx, actorId, "Call", day.callId, "INTERVIEW_DAY_DELETED", { dayId, date: day.date });
      return { callId: day.callId };
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw hasBookings(1);
    throw error;
  }
}

export type InterviewSettings = { remoteInterviews: boolean; interviewBlind: boolean; interviewBookBy: Date | null };

export async function saveInterviewSettings(callId: string, settings: InterviewSettings, actorId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await interviewCall(tx, callId);
    await tx.call.update({ where: { id: callId }, data: settings });
    await audit(tx, actorId, "Call", callId, "INTERVIEW_SETTINGS_SAVED", {
      ...settings,
      interviewBookBy: settings.interviewBookBy?.toISOString() ?? null,
    });
  });
}

// ------------------------------------------------------------------------------------------------ bookings

export type Booker = { kind: "team" | "admin"; userId: string };

const BOOKING_APPLICATION_SELECT = {
  id: true,
  status: true,
  callId: true,
  projectName: true,
  preferredSiteId: true,
  founder: { select: { email: true, name: true, locale: true } },
  call: { select: { remoteInterviews: true, ...CALL_TITLE_SELECT } },
} as const;

const SLOT_SELECT = {
  id: true,
  startsAt: true,
  endsAt: true,
  day: { select: { id: true, callId: true, siteId: true, room: true, videoLink: true, site: { select: { name: true, nameAr: true } } } },
  booking: { select: { applicationId: true } },
} as const;

type EmailedSlot = {
  startsAt: Date;
  endsAt: Date;
  day: { room: string; videoLink: string; site: { name: string; nameAr: string } };
};

function slotPayload(slot: EmailedSlot, locale: Locale) {
  return {
    siteName: siteName(slot.day.site, locale),
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    place: interviewPlace(slot.day),
  };
}

/**
 * A team books (or moves) its interview; an admin assigns one by hand. A team is held to bookingRefusal (its
 * site, the 48-hour notice); an admin may choose any site and a slot within the notice, never a past or taken
 * one. The unique key on a slot's booking decides between two teams taking the same slot at the same moment:
 * the second is told the slot is taken, and nothing of its request is written.
 */
export async function bookInterviewSlot(input: {
  applicationId: string;
  slotId: string;
  by: Booker;
  now?: Date;
}): Promise<{ sequence: number }> {
  const now = input.now ?? new Date();
  try {
    return await db.$transaction((tx) => bookInTransaction(tx, input, now));
  } catch (error) {
    if (isUniqueViolation(error) || isForeignKeyViolation(error)) throw new UserError("booking.errors.taken", 409, { field: "slotId" });
    throw error;
  }
}

async function bookInTransaction(tx: Tx, input: { applicationId: string; slotId: string; by: Booker }, now: Date) {
  const application = await tx.application.findUnique({ where: { id: input.applicationId }, select: BOOKING_APPLICATION_SELECT });
  if (!application) throw new UserError("errors.title404", 404);
  if (input.by.kind === "team" && !(await isTeamMember(application.id, input.by.userId, tx))) throw new UserError("errors.title404", 404);
  if (application.status !== "INTERVIEW") throw new UserError("booking.errors.notInvited", 409);
  const slot = await tx.interviewSlot.findUnique({ where: { id: input.slotId }, select: SLOT_SELECT });
  if (!slot || slot.day.callId !== application.callId) throw new UserError("booking.errors.unknownSlot", 404, { field: "slotId" });
  const current = await tx.interviewBooking.findUnique({
    where: { applicationId: application.id },
    select: { id: true, slotId: true, slot: { select: { startsAt: true } } },
  });
  const held = current?.slotId && current.slot ? { slotId: current.slotId, startsAt: current.slot.startsAt } : null;
  const refusal = bookingRefusal({
    applicationId: application.id,
    preferredSiteId: application.preferredSiteId ?? "",
    // An admin assigns any site's slot, and inside the notice: the team is told at once.
    remoteAllowed: application.call.remoteInterviews || input.by.kind === "admin",
    slot: { id: slot.id, siteId: slot.day.siteId, startsAt: slot.startsAt, takenByApplicationId: slot.booking?.applicationId ?? null },
    current: held,
    now: input.by.kind === "admin" ? new Date(Math.min(now.getTime(), slot.startsAt.getTime() - BOOKING_CHANGE_NOTICE_MS)) : now,
  });
  // The admin's clock above only lifts the notice; a past slot stays refused.
  if (input.by.kind === "admin" && slot.startsAt.getTime() <= now.getTime())
    throw new UserError("booking.errors.pastSlot", 409, { field: "slotId" });
  if (refusal && !(input.by.kind === "admin" && refusal === "booking.errors.currentTooSoon"))
    throw new UserError(refusal, 409, { field: "slotId" });

  // A reminder whose moment has already come is not sent for this slot: the confirmation says it all.
  const untilSlot = slot.startsAt.getTime() - now.getTime();
  const reminders = {
    reminded48At: untilSlot <= 48 * HOUR_MS ? now : null,
    reminded2At: untilSlot <= 2 * HOUR_MS ? now : null,
  };
  const assignedById = input.by.kind === "admin" ? input.by.userId : null;
  const booking = current
    ? await tx.interviewBooking.update({
        where: { id: current.id },
        data: { slotId: slot.id, sequence: { increment: 1 }, bookedAt: now, assignedById, noShowAt: null, cancelledAt: null, ...reminders },
        select: { id: true, sequence: true },
      })
    : await tx.interviewBooking.create({
        data: { applicationId: application.id, slotId: slot.id, bookedAt: now, assignedById, ...reminders },
        select: { id: true, sequence: true },
      });
  await audit(
    tx,
    input.by.userId,
    "Application",
    application.id,
    input.by.kind === "admin" ? "INTERVIEW_ASSIGNED" : current?.slotId ? "INTERVIEW_REBOOKED" : "INTERVIEW_BOOKED",
    { slotId: slot.id, previousSlotId: current?.slotId ?? null, startsAt: slot.startsAt.toISOString() },
    now,
  );
  await emailTeam(
    tx,
    application.id,
    application.founder,
    "interview-booked",
    `interview-booked:${booking.id}:${booking.sequence}`,
    (recipient, locale) => ({
      name: recipient.name,
      projectName: application.projectName,
      callTitle: callTitleForEmail(application.call, locale),
      ...slotPayload(slot, locale),
      changeUntil: new Date(slot.startsAt.getTime() - BOOKING_CHANGE_NOTICE_MS).toISOString(),
      bookingUrl: bookingUrl(application.id),
      changed: Boolean(current?.slotId),
      calendar: { uid: calendarUid(booking.id), sequence: booking.sequence, stamp: now.toISOString() },
    }),
  );
  await syncInterviewAssignments(tx, application.id);
  return { sequence: booking.sequence };
}

/**
 * The application left the interview stage (withdrawn, moved on, rejected) before its interview: the slot is
 * freed and the team gets the calendar's cancellation. Called by the lifecycle function, in its transaction.
 */
export async function cancelUpcomingInterview(tx: Tx, applicationId: string, now: Date, actorId: string | null): Promise<boolean> {
  const booking = await tx.interviewBooking.findUnique({
    where: { applicationId },
    select: { id: true, slotId: true, slot: { select: SLOT_SELECT } },
  });
  if (!booking?.slot || booking.slot.startsAt.getTime() <= now.getTime()) return false;
  const slot = booking.slot;
  const cancelled = await tx.interviewBooking.update({
    where: { id: booking.id },
    data: { slotId: null, sequence: { increment: 1 }, cancelledAt: now },
    select: { sequence: true },
  });
  const application = await tx.application.findUniqueOrThrow({ where: { id: applicationId }, select: BOOKING_APPLICATION_SELECT });
  await audit(
    tx,
    actorId,
    "Application",
    applicationId,
    "INTERVIEW_CANCELLED",
    { slotId: slot.id, startsAt: slot.startsAt.toISOString() },
    now,
  );
  await emailTeam(
    tx,
    applicationId,
    application.founder,
    "interview-cancelled",
    `interview-cancelled:${booking.id}:${cancelled.sequence}`,
    (recipient, locale) => ({
      name: recipient.name,
      projectName: application.projectName,
      callTitle: callTitleForEmail(application.call, locale),
      ...slotPayload(slot, locale),
      bookingUrl: bookingUrl(applicationId),
      calendar: { uid: calendarUid(booking.id), sequence: cancelled.sequence, stamp: now.toISOString() },
    }),
  );
  // The panel that would have heard it no longer has it to score.
  await tx.reviewAssignment.deleteMany({ where: { applicationId, stage: "INTERVIEW", status: "PENDING", review: { is: null } } });
  return true;
}

/** Whether shortlisting for `callId` invites teams to book a slot (the call has interview days) rather than naming one. */
export async function callHasInterviewDays(tx: Tx, callId: string): Promise<boolean> {
  return (await tx.interviewDay.findFirst({ where: { callId }, select: { id: true } })) !== null;
}

/** callHasInterviewDays for a page's move form, kept until the next write (the admin list reads it on every page). */
export function callHasInterviewDaysCached(callId: string): Promise<boolean> {
  return cachedUntilChange(`interview-days:${callId}`, () => callHasInterviewDays(db, callId));
}

/** The link and deadline of a shortlisted team's invitation to book. */
export async function slotInvitationFacts(tx: Tx, applicationId: string, callId: string, now: Date) {
  const call = await tx.call.findUniqueOrThrow({ where: { id: callId }, select: { interviewBookBy: true } });
  // Without a date set by the admin, the team is asked to book within a week.
  const bookBy = call.interviewBookBy ?? new Date(now.getTime() + 7 * 24 * HOUR_MS);
  return { bookingUrl: bookingUrl(applicationId), bookBy: bookBy.toISOString() };
}

// ------------------------------------------------------------------------------------------------ jurors

/**
 * A booked application's interview assignments follow its panel: each juror of the panel of its slot's
 * half-day (except one in conflict with the project) has one; a juror no longer on it loses a pending one.
 */
async function syncInterviewAssignments(tx: Tx, applicationId: string): Promise<void> {
  const booking = await tx.interviewBooking.findUnique({
    where: { applicationId },
    select: { slot: { select: { startsAt: true, endsAt: true, dayId: true } } },
  });
  if (!booking?.slot) return;
  const panel = await tx.interviewPanel.findUnique({
    where: { dayId_halfDay: { dayId: booking.slot.dayId, halfDay: halfDayOf(booking.slot.startsAt) } },
    select: { jurors: { select: { reviewer: { select: { id: true, email: true } } } } },
  });
  const facts = await conflictFacts(tx, [applicationId]);
  const project = facts.get(applicationId)!;
  const wanted = new Set(
    (panel?.jurors ?? [])
      .map((seat) => seat.reviewer)
      .filter((juror) => conflictBetween(juror, project) === null)
      .map((j) => j.id),
  );
  const existing = await tx.reviewAssignment.findMany({
    where: { applicationId, stage: "INTERVIEW" },
    select: { id: true, reviewerId: true, status: true, review: { select: { submittedAt: true } } },
  });
  for (const assignment of existing) {
    if (wanted.has(assignment.reviewerId) || assignment.status !== "PENDING" || assignment.review?.submittedAt) continue;
    await tx.reviewAssignment.delete({ where: { id: assignment.id } });
  }
  const have = new Set(existing.map((assignment) => assignment.reviewerId));
  for (const reviewerId of wanted) {
    if (have.has(reviewerId)) continue;
    await tx.reviewAssignment.create({ data: { applicationId, reviewerId, stage: "INTERVIEW", dueAt: booking.slot.endsAt } });
  }
}

/** What conflictBetween needs of each application: its team's addresses, declared and overridden conflicts. */
async function conflictFacts(tx: Tx, applicationIds: string[]) {
  const rows = await tx.application.findMany({
    where: { id: { in: applicationIds } },
    select: {
      id: true,
      sector: true,
      projectName: true,
      teamMembers: { select: { email: true } },
      conflicts: { select: { reviewerId: true } },
      conflictOverrides: { select: { reviewerId: true } },
    },
  });
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        sector: row.sector,
        projectName: row.projectName,
        teamEmails: row.teamMembers.map((member) => member.email),
        declaredConflictReviewerIds: row.conflicts.map((c) => c.reviewerId),
        overriddenConflictReviewerIds: row.conflictOverrides.map((o) => o.reviewerId),
      } satisfies PanelProject & { projectName: string },
    ]),
  );
}

/** An admin invites reviewers to a call's interview stage; each newly invited one is asked for their availability. */
export async function inviteJurors(callId: string, reviewerIds: string[], actorId: string): Promise<{ invited: number }> {
  return db.$transaction(async (tx) => {
    await interviewCall(tx, callId);
    const call = await tx.call.findUniqueOrThrow({
      where: { id: callId },
      select: { ...CALL_TITLE_SELECT, _count: { select: { interviewDays: true } } },
    });
    const reviewers = await tx.user.findMany({
      where: { id: { in: reviewerIds }, active: true, roles: { some: { role: "REVIEWER" } }, interviewJuries: { none: { callId } } },
      select: { id: true, email: true, name: true, locale: true },
    });
    for (const reviewer of reviewers) {
      await tx.interviewJuror.create({ data: { callId, reviewerId: reviewer.id } });
      const locale = toLocale(reviewer.locale);
      await enqueueEmail(tx, {
        to: reviewer.email,
        template: "jury-availability-request",
        locale,
        payload: {
          name: reviewer.name,
          callTitle: callTitleForEmail(call, locale),
          availabilityUrl: `${env().APP_URL}/reviewer/interviews`,
          dayCount: call._count.interviewDays,
        },
        dedupeKey: `jury-availability-request:${callId}:${reviewer.id}`,
      });
    }
    if (reviewers.length > 0)
      await audit(tx, actorId, "Call", callId, "INTERVIEW_JURORS_INVITED", { reviewerIds: reviewers.map((r) => r.id) });
    return { invited: reviewers.length };
  });
}

export type AvailabilityChoice = { dayId: string; halfDay: HalfDay };

/**
 * A juror says which half-days of a call's interview days they can attend (the whole list: what is not in it
 * they cannot). A half-day they already sit on a panel for cannot be taken back: the admin frees the seat first.
 */
export async function saveAvailability(reviewerId: string, callId: string, choices: AvailabilityChoice[]): Promise<void> {
  await db.$transaction(async (tx) => {
    const juror = await tx.interviewJuror.findUnique({ where: { callId_reviewerId: { callId, reviewerId } } });
    if (!juror) throw new UserError("errors.title404", 404);
    const days = await tx.interviewDay.findMany({ where: { callId }, select: { id: true, date: true } });
    const dayIds = new Set(days.map((day) => day.id));
    const chosen = new Set(choices.filter((c) => dayIds.has(c.dayId)).map((c) => `${c.dayId}:${c.halfDay}`));
    const seats = await tx.interviewPanelJuror.findMany({
      where: { reviewerId, panel: { dayId: { in: [...dayIds] } } },
      select: { date: true, halfDay: true, panel: { select: { dayId: true } } },
    });
    const seated = seats.find((seat) => !chosen.has(`${seat.panel.dayId}:${seat.halfDay}`));
    if (seated) throw new UserError("availability.errors.seated", 409, { params: { date: seated.date } });
    await tx.interviewAvailability.deleteMany({ where: { reviewerId, dayId: { in: [...dayIds] } } });
    for (const key of chosen) {
      const [dayId, halfDay] = key.split(":");
      await tx.interviewAvailability.create({ data: { dayId, reviewerId, halfDay } });
    }
  });
}

/** The half-days of a day that have slots: the panels it needs. */
async function dayHalves(tx: Tx, dayId: string): Promise<HalfDay[]> {
  const slots = await tx.interviewSlot.findMany({ where: { dayId }, select: { startsAt: true } });
  const halves = new Set(slots.map((slot) => halfDayOf(slot.startsAt)));
  return HALF_DAYS.filter((half) => halves.has(half));
}

/** The projects booked in each half-day of a day, with their conflict facts. */
async function bookedByHalf(tx: Tx, dayId: string) {
  const bookings = await tx.interviewBooking.findMany({
    where: { slot: { dayId } },
    select: { applicationId: true, slot: { select: { startsAt: true } } },
  });
  const facts = await conflictFacts(
    tx,
    bookings.map((b) => b.applicationId),
  );
  const byHalf = new Map<HalfDay, Array<PanelProject & { projectName: string }>>(HALF_DAYS.map((half) => [half, []]));
  for (const booking of bookings) byHalf.get(halfDayOf(booking.slot!.startsAt))!.push(facts.get(booking.applicationId)!);
  return byHalf;
}

/** The day's invited jurors as the proposal needs them: expertise, availability, conflict facts. */
async function dayJurors(tx: Tx, dayId: string, callId: string) {
  const jurors = await tx.interviewJuror.findMany({
    where: { callId },
    select: {
      reviewer: {
        select: {
          id: true,
          name: true,
          email: true,
          reviewerProfile: { select: { sectors: true } },
          interviewAvailability: { where: { dayId }, select: { halfDay: true } },
        },
      },
    },
    orderBy: { reviewer: { name: "asc" } },
  });
  return jurors.map(({ reviewer }) => ({
    id: reviewer.id,
    name: reviewer.name,
    email: reviewer.email,
    sectors: reviewer.reviewerProfile?.sectors.split(",").filter(Boolean) ?? [],
    availability: reviewer.interviewAvailability
      .map((a) => a.halfDay)
      .filter((h): h is HalfDay => (HALF_DAYS as readonly string[]).includes(h)),
  }));
}

/** Tremplin's proposal of the day's panels (app/domain/panels.ts), with each juror's name for the page. */
export async function proposeDayPanels(dayId: string) {
  const day = await db.interviewDay.findUnique({ where: { id: dayId }, select: { id: true, callId: true } });
  if (!day) throw new UserError("errors.title404", 404);
  const [halves, byHalf, jurors] = await Promise.all([dayHalves(db, dayId), bookedByHalf(db, dayId), dayJurors(db, dayId, day.callId)]);
  const proposal = proposePanels({
    panels: halves.map((half) => ({ id: half, halfDay: half, projects: byHalf.get(half)! })),
    jurors: jurors.map((j): PanelJuror => ({ id: j.id, email: j.email, sectors: j.sectors, availability: j.availability })),
  });
  const projectNames = new Map([...byHalf.values()].flat().map((p) => [p.id, p.projectName]));
  return { proposal, jurors: jurors.map(({ id, name }) => ({ id, name })), projectNames: Object.fromEntries(projectNames) };
}

export type PanelSeats = Array<{ halfDay: HalfDay; jurorIds: string[] }>;

/**
 * An admin saves the day's panels (the proposal as edited, or by hand). Each half-day with slots has no panel
 * or one of 2–5 jurors, each invited, available then, and in no conflict with a project booked then; a juror
 * seated on another panel of the same date and half-day (another site, another call) is refused by the key.
 */
export async function savePanels(dayId: string, seats: PanelSeats, actorId: string): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      const day = await tx.interviewDay.findUnique({ where: { id: dayId }, select: { id: true, callId: true, date: true } });
      if (!day) throw new UserError("errors.title404", 404);
      const [halves, byHalf, jurors] = await Promise.all([dayHalves(tx, dayId), bookedByHalf(tx, dayId), dayJurors(tx, dayId, day.callId)]);
      const jurorById = new Map(jurors.map((j) => [j.id, j]));
      for (const half of halves) {
        const jurorIds = [...new Set(seats.find((s) => s.halfDay === half)?.jurorIds ?? [])];
        const field = `panel.${half}`;
        if (jurorIds.length > 0 && (jurorIds.length < PANEL_SIZE_LIMITS.min || jurorIds.length > PANEL_SIZE_LIMITS.max))
          throw new UserError("panels.errors.size", 400, { field, params: PANEL_SIZE_LIMITS });
        for (const jurorId of jurorIds) {
          const juror = jurorById.get(jurorId);
          if (!juror) throw new UserError("panels.errors.notJuror", 400, { field });
          if (!juror.availability.includes(half))
            throw new UserError("panels.errors.unavailable", 409, { field, params: { name: juror.name } });
          const conflicted = byHalf.get(half)!.find((project) => conflictBetween(juror, project) !== null);
          if (conflicted)
            throw new UserError("panels.errors.conflict", 409, { field, params: { name: juror.name, project: conflicted.projectName } });
        }
        // No juror ticked: no panel for this half-day (its pending interview assignments go with it, below).
        if (jurorIds.length === 0) {
          await tx.interviewPanel.deleteMany({ where: { dayId, halfDay: half } });
          continue;
        }
        const panel = await tx.interviewPanel.upsert({
          where: { dayId_halfDay: { dayId, halfDay: half } },
          create: { dayId, halfDay: half },
          update: {},
          select: { id: true },
        });
        await tx.interviewPanelJuror.deleteMany({ where: { panelId: panel.id } });
        for (const reviewerId of jurorIds)
          await tx.interviewPanelJuror.create({ data: { panelId: panel.id, reviewerId, date: day.date, halfDay: half } });
      }
      for (const project of [...byHalf.values()].flat()) await syncInterviewAssignments(tx, project.id);
      await audit(tx, actorId, "Call", day.callId, "INTERVIEW_PANELS_SAVED", { dayId, seats });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError("panels.errors.seatedElsewhere", 409);
    throw error;
  }
}

/** A juror of the panel marks that a team did not come (or takes it back). */
export async function markNoShow(input: {
  panelId: string;
  reviewerId: string;
  applicationId: string;
  noShow: boolean;
  now?: Date;
}): Promise<void> {
  const now = input.now ?? new Date();
  await db.$transaction(async (tx) => {
    const panel = await panelOfJuror(tx, input.panelId, input.reviewerId);
    const booking = await tx.interviewBooking.findUnique({
      where: { applicationId: input.applicationId },
      select: { id: true, slot: { select: { dayId: true, startsAt: true } } },
    });
    if (!booking?.slot || booking.slot.dayId !== panel.dayId || halfDayOf(booking.slot.startsAt) !== panel.halfDay)
      throw new UserError("errors.title404", 404);
    if (input.noShow && booking.slot.startsAt.getTime() > now.getTime()) throw new UserError("panels.errors.noShowTooEarly", 409);
    await tx.interviewBooking.update({ where: { id: booking.id }, data: { noShowAt: input.noShow ? now : null } });
    await audit(
      tx,
      input.reviewerId,
      "Application",
      input.applicationId,
      input.noShow ? "INTERVIEW_NO_SHOW" : "INTERVIEW_NO_SHOW_UNDONE",
      {},
      now,
    );
  });
}

async function panelOfJuror(tx: Tx, panelId: string, reviewerId: string) {
  const panel = await tx.interviewPanel.findFirst({
    where: { id: panelId, jurors: { some: { reviewerId } } },
    select: { id: true, dayId: true, halfDay: true },
  });
  if (!panel) throw new UserError("errors.title404", 404);
  return panel;
}

// ------------------------------------------------------------------------------------------------ reminders

/**
 * Sends each booked team its reminders: 48 hours and 2 hours before the interview, once per slot held (a
 * change clears the marks). The mark is set by a compare-and-set in the transaction that queues the email,
 * so two servers running the job together send one.
 */
export async function sendInterviewReminders(now = new Date()): Promise<number> {
  let sent = 0;
  for (const hours of REMINDER_HOURS) {
    const mark = hours === 48 ? "reminded48At" : "reminded2At";
    const due = await db.interviewBooking.findMany({
      // The 48-hour reminder is no longer worth sending once the 2-hour one is due.
      where: {
        [mark]: null,
        slot: {
          startsAt: { gt: new Date(now.getTime() + (hours === 48 ? 2 * HOUR_MS : 0)), lte: new Date(now.getTime() + hours * HOUR_MS) },
        },
      },
      select: { id: true },
      take: 200,
    });
    for (const { id } of due) {
      const queued = await db.$transaction(async (tx) => {
        const { count } = await tx.interviewBooking.updateMany({
          where: { id, [mark]: null, slotId: { not: null } },
          data: { [mark]: now },
        });
        if (count === 0) return false;
        const booking = await tx.interviewBooking.findUniqueOrThrow({
          where: { id },
          select: { sequence: true, applicationId: true, slot: { select: SLOT_SELECT } },
        });
        const application = await tx.application.findUniqueOrThrow({
          where: { id: booking.applicationId },
          select: BOOKING_APPLICATION_SELECT,
        });
        await emailTeam(
          tx,
          application.id,
          application.founder,
          "interview-reminder",
          `interview-reminder:${id}:${booking.sequence}:${hours}`,
          (recipient, locale) => ({
            name: recipient.name,
            projectName: application.projectName,
            callTitle: callTitleForEmail(application.call, locale),
            ...slotPayload(booking.slot!, locale),
            bookingUrl: bookingUrl(application.id),
            hoursBefore: hours,
          }),
        );
        return true;
      });
      if (queued) sent += 1;
    }
  }
  return sent;
}
