// Pitch day (issue 19): what the admin's, the jurors' and the teams' interview pages read. Dates are written
// here, on the server, in the reader's language and Casablanca time (app/i18n/dates.server.ts).
import { db } from "~/db/client.server.ts";
import type { Locale } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import { bookingRefusal, BOOKING_CHANGE_NOTICE_MS } from "~/domain/interview-booking.ts";
import { halfDayOf, type InterviewBreak } from "~/domain/interview-slots.ts";
import { HALF_DAYS, type HalfDay } from "~/domain/panels.ts";
import { formatDate, formatDay } from "~/i18n/dates.server.ts";
import { siteName } from "~/i18n/format.ts";
import { interviewPlace } from "./interview.server.ts";
import { isTeamMember } from "./team.server.ts";
import { CALL_TITLE_SELECT } from "./reference-data.server.ts";

const time = (at: Date, locale: Locale) => formatDate(at, locale, "time");

function dayLabel(day: { date: string; site: { name: string; nameAr: string } }, locale: Locale) {
  return `${formatDay(day.date, locale)} — ${siteName(day.site, locale)}`;
}

const DAY_SELECT = {
  id: true,
  date: true,
  startTime: true,
  endTime: true,
  slotMinutes: true,
  breaks: true,
  room: true,
  videoLink: true,
  site: { select: { id: true, name: true, nameAr: true } },
} as const;

/** The call's interview page for admins: settings, days with their counts, jurors, teams still to book. */
export async function adminInterviewOverview(callId: string, locale: Locale, now = new Date()) {
  const call = await db.call.findUnique({
    where: { id: callId },
    select: { id: true, hasInterview: true, remoteInterviews: true, interviewBlind: true, interviewBookBy: true, ...CALL_TITLE_SELECT },
  });
  if (!call) return null;
  const [days, jurors, reviewers, unbooked, sites] = await Promise.all([
    db.interviewDay.findMany({
      where: { callId },
      orderBy: [{ date: "asc" }, { startTime: "asc" }],
      select: {
        ...DAY_SELECT,
        _count: { select: { slots: true } },
        slots: { where: { booking: { isNot: null } }, select: { id: true } },
      },
    }),
    db.interviewJuror.findMany({
      where: { callId },
      select: {
        reviewer: {
          select: {
            id: true,
            name: true,
            email: true,
            interviewAvailability: { where: { day: { callId } }, select: { dayId: true, halfDay: true } },
          },
        },
      },
      orderBy: { reviewer: { name: "asc" } },
    }),
    db.user.findMany({
      where: { active: true, roles: { some: { role: "REVIEWER" } }, interviewJuries: { none: { callId } } },
      select: { id: true, name: true, email: true },
      orderBy: { name: "asc" },
    }),
    db.application.findMany({
      where: { callId, status: "INTERVIEW", OR: [{ interviewBooking: { is: null } }, { interviewBooking: { is: { slotId: null } } }] },
      select: { id: true, projectName: true, preferredSite: { select: { name: true, nameAr: true } } },
      orderBy: { projectName: "asc" },
    }),
    db.site.findMany({ select: { id: true, name: true, nameAr: true }, orderBy: { sortOrder: "asc" } }),
  ]);
  const freeSlots = await freeSlotsOfCall(callId, locale, now);
  return {
    call: {
      id: call.id,
      hasInterview: call.hasInterview,
      remoteInterviews: call.remoteInterviews,
      interviewBlind: call.interviewBlind,
      interviewBookBy: call.interviewBookBy ? call.interviewBookBy.toISOString().slice(0, 10) : "",
      bookByText: call.interviewBookBy ? formatDate(call.interviewBookBy, locale) : null,
      bookByPassed: call.interviewBookBy !== null && call.interviewBookBy.getTime() < now.getTime(),
    },
    days: days.map((day) => ({
      id: day.id,
      label: dayLabel(day, locale),
      hours: `${day.startTime}–${day.endTime}`,
      slotMinutes: day.slotMinutes,
      place: interviewPlace(day),
      slots: day._count.slots,
      booked: day.slots.length,
    })),
    jurors: jurors.map(({ reviewer }) => ({
      id: reviewer.id,
      name: reviewer.name,
      email: reviewer.email,
      availability: reviewer.interviewAvailability.length,
    })),
    reviewers,
    unbooked: unbooked.map((a) => ({
      id: a.id,
      projectName: a.projectName,
      site: a.preferredSite ? siteName(a.preferredSite, locale) : "—",
    })),
    freeSlots,
    sites: sites.map((site) => ({ id: site.id, name: siteName(site, locale) })),
  };
}

/** A call's free slots still ahead, as the admin's pickers list them (assigning a team, moving a booking). */
export async function freeSlotsOfCall(callId: string, locale: Locale, now = new Date()) {
  const slots = await db.interviewSlot.findMany({
    where: { day: { callId }, booking: { is: null }, startsAt: { gt: now } },
    select: { id: true, startsAt: true, day: { select: { site: { select: { name: true, nameAr: true } } } } },
    orderBy: { startsAt: "asc" },
    take: 500,
  });
  return slots.map((slot) => ({
    id: slot.id,
    label: `${formatDate(slot.startsAt, locale, "dateTime")} — ${siteName(slot.day.site, locale)}`,
  }));
}

type ScheduleRow = {
  slotId: string;
  startsAt: Date;
  endsAt: Date;
  halfDay: HalfDay;
  booking: {
    applicationId: string;
    projectName: string;
    lead: string;
    noShow: boolean;
    assignedByAdmin: boolean;
    scoresSubmitted: number;
    scoresExpected: number;
  } | null;
};

/** A day's slots in order, each with its booking, the team and where its interview scores stand. */
async function daySchedule(dayId: string): Promise<ScheduleRow[]> {
  const slots = await db.interviewSlot.findMany({
    where: { dayId },
    orderBy: { startsAt: "asc" },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      booking: {
        select: {
          noShowAt: true,
          assignedById: true,
          application: {
            select: {
              id: true,
              projectName: true,
              founder: { select: { name: true } },
              assignments: { where: { stage: "INTERVIEW", status: { not: "CONFLICT" } }, select: { status: true } },
            },
          },
        },
      },
    },
  });
  return slots.map((slot) => ({
    slotId: slot.id,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    halfDay: halfDayOf(slot.startsAt),
    booking: slot.booking
      ? {
          applicationId: slot.booking.application.id,
          projectName: slot.booking.application.projectName,
          lead: slot.booking.application.founder.name,
          noShow: slot.booking.noShowAt !== null,
          assignedByAdmin: slot.booking.assignedById !== null,
          scoresSubmitted: slot.booking.application.assignments.filter((a) => a.status === "SUBMITTED").length,
          scoresExpected: slot.booking.application.assignments.length,
        }
      : null,
  }));
}

/** One interview day for admins: its slots (booked, free, no-shows, scores missing), its panels, its jurors. */
export async function interviewDayView(dayId: string, locale: Locale) {
  const day = await db.interviewDay.findUnique({
    where: { id: dayId },
    select: {
      ...DAY_SELECT,
      callId: true,
      call: { select: CALL_TITLE_SELECT },
      panels: { select: { id: true, halfDay: true, jurors: { select: { reviewer: { select: { id: true, name: true } } } } } },
    },
  });
  if (!day) return null;
  const [schedule, jurors] = await Promise.all([
    daySchedule(dayId),
    db.interviewJuror.findMany({
      where: { callId: day.callId },
      select: { reviewer: { select: { id: true, name: true, interviewAvailability: { where: { dayId }, select: { halfDay: true } } } } },
      orderBy: { reviewer: { name: "asc" } },
    }),
  ]);
  const booked = schedule.filter((row) => row.booking);
  const halves = HALF_DAYS.filter((half) => schedule.some((row) => row.halfDay === half));
  return {
    day: {
      id: day.id,
      callId: day.callId,
      label: dayLabel(day, locale),
      hours: `${day.startTime}–${day.endTime}`,
      slotMinutes: day.slotMinutes,
      breaks: (JSON.parse(day.breaks) as InterviewBreak[]).map((pause) => `${pause.start}–${pause.end}`),
      place: interviewPlace(day),
    },
    counts: {
      slots: schedule.length,
      booked: booked.length,
      free: schedule.length - booked.length,
      noShows: booked.filter((row) => row.booking!.noShow).length,
      scoresMissing: booked
        .filter((row) => !row.booking!.noShow)
        .reduce((sum, row) => sum + (row.booking!.scoresExpected - row.booking!.scoresSubmitted), 0),
    },
    schedule: schedule.map((row) => ({
      ...row,
      startsAt: undefined,
      endsAt: undefined,
      time: `${time(row.startsAt, locale)}–${time(row.endsAt, locale)}`,
    })),
    halves,
    panels: halves.map((half) => {
      const panel = day.panels.find((p) => p.halfDay === half);
      return { halfDay: half, id: panel?.id ?? null, jurors: panel?.jurors.map((seat) => seat.reviewer) ?? [] };
    }),
    jurors: jurors.map(({ reviewer }) => ({
      id: reviewer.id,
      name: reviewer.name,
      availability: reviewer.interviewAvailability.map((a) => a.halfDay),
    })),
  };
}

/** The day's schedule as CSV rows (the admin's export): one row per slot. */
export async function scheduleRows(dayId: string, locale: Locale) {
  const day = await db.interviewDay.findUnique({ where: { id: dayId }, select: { ...DAY_SELECT } });
  if (!day) return null;
  const schedule = await daySchedule(dayId);
  return {
    fileName: `interviews-${day.date}-${day.site.name}`,
    rows: schedule.map((row) => ({
      date: day.date,
      site: siteName(day.site, locale),
      start: time(row.startsAt, locale),
      end: time(row.endsAt, locale),
      halfDay: row.halfDay,
      place: interviewPlace(day),
      project: row.booking?.projectName ?? "",
      lead: row.booking?.lead ?? "",
      noShow: row.booking?.noShow ?? false,
      scores: row.booking ? `${row.booking.scoresSubmitted}/${row.booking.scoresExpected}` : "",
    })),
  };
}

/** A panel's agenda (the printable page): its day, place, jurors and interviews in order. */
export async function panelAgenda(panelId: string, locale: Locale) {
  const panel = await db.interviewPanel.findUnique({
    where: { id: panelId },
    select: {
      id: true,
      halfDay: true,
      dayId: true,
      day: { select: { ...DAY_SELECT, call: { select: CALL_TITLE_SELECT } } },
      jurors: { select: { reviewer: { select: { id: true, name: true } } }, orderBy: { reviewer: { name: "asc" } } },
    },
  });
  if (!panel) return null;
  const schedule = (await daySchedule(panel.dayId)).filter((row) => row.halfDay === panel.halfDay);
  return {
    id: panel.id,
    halfDay: panel.halfDay as HalfDay,
    dayId: panel.dayId,
    label: dayLabel(panel.day, locale),
    place: interviewPlace(panel.day),
    call: panel.day.call,
    jurors: panel.jurors.map((seat) => seat.reviewer.name),
    interviews: schedule.map((row) => ({
      slotId: row.slotId,
      time: `${time(row.startsAt, locale)}–${time(row.endsAt, locale)}`,
      projectName: row.booking?.projectName ?? null,
      lead: row.booking?.lead ?? null,
    })),
  };
}

/** A juror's interview page: the calls that invited them with each day's half-days (ticked when available), and their panels. */
export async function jurorInterviews(reviewerId: string, locale: Locale) {
  const calls = await db.interviewJuror.findMany({
    where: { reviewerId },
    select: {
      call: {
        select: {
          id: true,
          ...CALL_TITLE_SELECT,
          interviewDays: {
            orderBy: [{ date: "asc" }, { startTime: "asc" }],
            select: {
              ...DAY_SELECT,
              slots: { select: { startsAt: true } },
              availability: { where: { reviewerId }, select: { halfDay: true } },
            },
          },
        },
      },
    },
  });
  const panels = await db.interviewPanel.findMany({
    where: { jurors: { some: { reviewerId } } },
    select: {
      id: true,
      halfDay: true,
      day: { select: { date: true, startTime: true, site: { select: { name: true, nameAr: true } }, call: { select: CALL_TITLE_SELECT } } },
    },
    orderBy: [{ day: { date: "asc" } }, { halfDay: "asc" }],
  });
  return {
    calls: calls.map(({ call }) => ({
      id: call.id,
      title: { title: call.title, titleEn: call.titleEn, titleAr: call.titleAr },
      days: call.interviewDays.map((day) => ({
        id: day.id,
        label: dayLabel(day, locale),
        hours: `${day.startTime}–${day.endTime}`,
        halves: HALF_DAYS.filter((half) => day.slots.some((slot) => halfDayOf(slot.startsAt) === half)),
        available: day.availability.map((a) => a.halfDay),
      })),
    })),
    panels: panels.map((panel) => ({
      id: panel.id,
      halfDay: panel.halfDay as HalfDay,
      label: dayLabel(panel.day, locale),
      call: panel.day.call,
    })),
  };
}

/**
 * A panel as one of its jurors sees it on the day: the interviews in order, each with the juror's own
 * assignment (to score it here) and whether the team came. Not a juror of the panel: nothing (404).
 */
export async function jurorPanelView(panelId: string, reviewerId: string, locale: Locale) {
  const agenda = await panelAgenda(panelId, locale);
  const seated = await db.interviewPanelJuror.findUnique({ where: { panelId_reviewerId: { panelId, reviewerId } } });
  if (!agenda || !seated) return null;
  const schedule = (await daySchedule(agenda.dayId)).filter((row) => row.halfDay === agenda.halfDay);
  const applicationIds = schedule.flatMap((row) => (row.booking ? [row.booking.applicationId] : []));
  const own = await db.reviewAssignment.findMany({
    where: { reviewerId, stage: "INTERVIEW", applicationId: { in: applicationIds } },
    select: { id: true, applicationId: true, status: true },
  });
  const ownByApplication = new Map(own.map((a) => [a.applicationId, a]));
  return {
    id: agenda.id,
    halfDay: agenda.halfDay,
    label: agenda.label,
    place: agenda.place,
    call: agenda.call,
    jurors: agenda.jurors,
    interviews: schedule.map((row) => ({
      slotId: row.slotId,
      time: `${time(row.startsAt, locale)}–${time(row.endsAt, locale)}`,
      applicationId: row.booking?.applicationId ?? null,
      projectName: row.booking?.projectName ?? null,
      noShow: row.booking?.noShow ?? false,
      assignment: row.booking ? (ownByApplication.get(row.booking.applicationId) ?? null) : null,
    })),
  };
}

/**
 * A team's interview page: its booking (if any), whether it may still change it, and the slots it may take —
 * of its preferred site unless the call takes remote interviews, not past, not within the notice, free.
 */
export async function founderInterviewView(applicationId: string, userId: string, locale: Locale, now = new Date()) {
  if (!(await isTeamMember(applicationId, userId))) return null;
  const application = await db.application.findUnique({
    where: { id: applicationId },
    select: {
      id: true,
      status: true,
      projectName: true,
      callId: true,
      preferredSiteId: true,
      call: { select: { remoteInterviews: true, interviewBookBy: true, ...CALL_TITLE_SELECT } },
      interviewBooking: {
        select: { slotId: true, slot: { select: { id: true, startsAt: true, endsAt: true, day: { select: { ...DAY_SELECT } } } } },
      },
    },
  });
  if (!application) return null;
  const held = application.interviewBooking?.slot ?? null;
  const invited = application.status === "INTERVIEW";
  const slots = invited
    ? await db.interviewSlot.findMany({
        where: {
          day: { callId: application.callId, ...(application.call.remoteInterviews ? {} : { siteId: application.preferredSiteId ?? "" }) },
          startsAt: { gt: new Date(now.getTime() + BOOKING_CHANGE_NOTICE_MS) },
          booking: { is: null },
        },
        orderBy: { startsAt: "asc" },
        select: { id: true, startsAt: true, endsAt: true, day: { select: { ...DAY_SELECT } } },
        take: 300,
      })
    : [];
  const changeRefusal =
    held &&
    bookingRefusal({
      applicationId,
      preferredSiteId: application.preferredSiteId ?? "",
      remoteAllowed: true,
      slot: { id: "", siteId: "", startsAt: new Date(now.getTime() + 2 * BOOKING_CHANGE_NOTICE_MS), takenByApplicationId: null },
      current: { slotId: held.id, startsAt: held.startsAt },
      now,
    });
  const byDay = new Map<string, { label: string; place: string; slots: Array<{ id: string; time: string }> }>();
  for (const slot of slots) {
    const entry = byDay.get(slot.day.id) ?? { label: dayLabel(slot.day, locale), place: interviewPlace(slot.day), slots: [] };
    entry.slots.push({ id: slot.id, time: `${time(slot.startsAt, locale)}–${time(slot.endsAt, locale)}` });
    byDay.set(slot.day.id, entry);
  }
  return {
    application: { id: application.id, projectName: application.projectName, status: application.status },
    invited,
    bookByText: application.call.interviewBookBy ? formatDate(application.call.interviewBookBy, locale) : null,
    booking: held
      ? {
          slotId: held.id,
          when: `${formatDate(held.startsAt, locale, "dateTime")}–${time(held.endsAt, locale)}`,
          site: siteName(held.day.site, locale),
          place: interviewPlace(held.day),
          changeUntilText: formatDate(new Date(held.startsAt.getTime() - BOOKING_CHANGE_NOTICE_MS), locale, "dateTime"),
          changeable: invited && changeRefusal === null,
        }
      : null,
    days: [...byDay.entries()].map(([id, day]) => ({ id, ...day })),
  };
}

/** Refuses (404) a page of an interview day that does not exist. */
export function requireDay<T>(value: T | null): T {
  if (!value) throw new UserError("errors.title404", 404);
  return value;
}
