// Pitch day (issue 19): an admin describes an interview day in Casablanca wall time — its date, opening
// and closing times, the length of a slot and the breaks — and the day is cut into interview slots.
// Pure: the wall times become UTC instants through app/domain/time.ts (the tz database, so Morocco's
// UTC+0 month around Ramadan is followed), and nothing here formats a date for people.
import { NETWORK_TIME_ZONE } from "./constants.ts";
import type { MessageParams } from "./errors.ts";
import { utcToZonedWallTime, zonedWallTimeToUtc } from "./time.ts";
import { isIsoDate } from "./typed-values.ts";

/** Shortest and longest slot an admin may choose, in minutes (bounds included). */
export const SLOT_MINUTES_MIN = 10;
export const SLOT_MINUTES_MAX = 180;

/** A pause in the day, wall times "HH:MM" in Casablanca. */
export type InterviewBreak = { start: string; end: string };

/** An interview day as an admin describes it: date "YYYY-MM-DD", wall times "HH:MM" in Casablanca. */
export type InterviewDay = {
  date: string;
  start: string;
  end: string;
  slotMinutes: number;
  breaks: readonly InterviewBreak[];
};

/** One interview: UTC instants, `endsAt` excluded (the next slot may start at it). */
export type InterviewSlot = { startsAt: Date; endsAt: Date };

export type InterviewDayErrorKey =
  | "interviewDays.errors.dateInvalid"
  | "interviewDays.errors.timeInvalid"
  | "interviewDays.errors.timeSkipped"
  | "interviewDays.errors.endBeforeStart"
  | "interviewDays.errors.slotLength"
  | "interviewDays.errors.breakOutside"
  | "interviewDays.errors.breaksOverlap"
  | "interviewDays.errors.noSlot";

/**
 * What is wrong with a day: the form field (e.g. "end", "breaks.1.start"), a translation key and the
 * values its message interpolates (the times as the admin typed them, never an instant to format).
 */
export type InterviewDayError = { field: string; key: InterviewDayErrorKey; params?: MessageParams };

const MINUTE_MS = 60 * 1000;
// Two digits each, a real time of day: "9:5", "24:00" and "12:60" are refused.
const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

type Interval = { start: number; end: number };
type Checked = { errors: InterviewDayError[]; slots: InterviewSlot[] };

/**
 * The UTC instant of a wall time on the day, or the error to show. A time the clock skips that day
 * (Morocco moves its clocks at night, around Ramadan) has no instant: the admin is told rather than
 * the time being moved silently. A time the clock shows twice takes the one time.ts chooses.
 */
function instantOf(date: string, time: unknown, field: string): { at: number } | { error: InterviewDayError } {
  if (typeof time !== "string" || !WALL_TIME.test(time)) return { error: { field, key: "interviewDays.errors.timeInvalid" } };
  const local = `${date}T${time}`;
  const instant = zonedWallTimeToUtc(local, NETWORK_TIME_ZONE);
  if (!instant) return { error: { field, key: "interviewDays.errors.timeInvalid" } };
  if (utcToZonedWallTime(instant, NETWORK_TIME_ZONE) !== local)
    return { error: { field, key: "interviewDays.errors.timeSkipped", params: { date, time } } };
  return { at: instant.getTime() };
}

/**
 * Greedy cut of [start, end): each slot starts where the previous one ended, unless it would overlap a
 * break, in which case it starts again at that break's end; a slot that would end past `end` is not
 * made. `breaks` are sorted by start and do not overlap. Real durations, not wall-clock differences:
 * an interview lasts `slotMinutes` even on a night the clocks change.
 */
function cut(day: Interval, slotMs: number, breaks: readonly Interval[]): InterviewSlot[] {
  const slots: InterviewSlot[] = [];
  let cursor = day.start;
  while (cursor + slotMs <= day.end) {
    const slotEnd = cursor + slotMs;
    const blocking = breaks.find((pause) => pause.start < slotEnd && pause.end > cursor);
    if (blocking) {
      cursor = blocking.end;
      continue;
    }
    slots.push({ startsAt: new Date(cursor), endsAt: new Date(slotEnd) });
    cursor = slotEnd;
  }
  return slots;
}

/** Every problem of the day, and its slots when there is none (the two must never disagree). */
function check(day: InterviewDay): Checked {
  const errors: InterviewDayError[] = [];
  const { slotMinutes } = day;
  const slotOk = Number.isInteger(slotMinutes) && slotMinutes >= SLOT_MINUTES_MIN && slotMinutes <= SLOT_MINUTES_MAX;
  if (!slotOk)
    errors.push({ field: "slotMinutes", key: "interviewDays.errors.slotLength", params: { min: SLOT_MINUTES_MIN, max: SLOT_MINUTES_MAX } });

  if (typeof day.date !== "string" || !isIsoDate(day.date)) {
    // Without a date no time has an instant; the times' own format can still be checked.
    errors.push({ field: "date", key: "interviewDays.errors.dateInvalid" });
    const times = [
      ["start", day.start],
      ["end", day.end],
      ...day.breaks.flatMap((pause, i) => [
        [`breaks.${i}.start`, pause.start],
        [`breaks.${i}.end`, pause.end],
      ]),
    ];
    for (const [field, time] of times)
      if (typeof time !== "string" || !WALL_TIME.test(time)) errors.push({ field, key: "interviewDays.errors.timeInvalid" });
    return { errors, slots: [] };
  }

  /** [start, end) of a pair of wall times, or null after recording why there is none. */
  const interval = (pair: { start: unknown; end: unknown }, prefix: string): Interval | null => {
    const start = instantOf(day.date, pair.start, `${prefix}start`);
    const end = instantOf(day.date, pair.end, `${prefix}end`);
    for (const side of [start, end]) if ("error" in side) errors.push(side.error);
    if ("error" in start || "error" in end) return null;
    // An empty interval is as wrong as a reversed one: a day or a break must last.
    if (end.at <= start.at) {
      errors.push({ field: `${prefix}end`, key: "interviewDays.errors.endBeforeStart" });
      return null;
    }
    return { start: start.at, end: end.at };
  };

  const bounds = interval(day, "");
  const breaks = day.breaks.map((pause, index) => ({ index, pause, at: interval(pause, `breaks.${index}.`) }));

  if (bounds) {
    for (const { index, at } of breaks) {
      if (!at || (at.start >= bounds.start && at.end <= bounds.end)) continue;
      const field = at.start < bounds.start ? `breaks.${index}.start` : `breaks.${index}.end`;
      errors.push({ field, key: "interviewDays.errors.breakOutside", params: { start: day.start, end: day.end } });
    }
  }

  // In order of start, each break is compared with the one reaching furthest so far: one error per
  // overlapping break, on the later one, naming the earlier. Breaks that only touch do not overlap.
  const ordered = breaks
    .flatMap(({ index, pause, at }) => (at ? [{ index, pause, at }] : []))
    .sort((a, b) => a.at.start - b.at.start || a.index - b.index);
  let furthest: (typeof ordered)[number] | undefined;
  for (const current of ordered) {
    if (furthest && current.at.start < furthest.at.end)
      errors.push({
        field: `breaks.${current.index}.start`,
        key: "interviewDays.errors.breaksOverlap",
        params: { start: furthest.pause.start, end: furthest.pause.end },
      });
    if (!furthest || current.at.end > furthest.at.end) furthest = current;
  }

  if (errors.length > 0 || !bounds) return { errors, slots: [] };
  const slots = cut(
    bounds,
    slotMinutes * MINUTE_MS,
    ordered.map(({ at }) => at),
  );
  if (slots.length === 0)
    return { errors: [{ field: "slotMinutes", key: "interviewDays.errors.noSlot", params: { minutes: slotMinutes } }], slots };
  return { errors: [], slots };
}

/**
 * Every problem of an interview day as an admin typed it; an empty list when its slots can be made.
 * Malformed values ("25:00", "9:5", "2026-02-30", a slot of 7.5 minutes) are reported, never thrown.
 * `noSlot` comes alone, once everything else is right: no whole slot fits between the breaks.
 */
export function validateInterviewDay(day: InterviewDay): InterviewDayError[] {
  return check(day).errors;
}

/**
 * The day's slots as UTC instants, in order: consecutive from `start`, each `slotMinutes` long, a slot
 * that would overlap a break starting again at the break's end, and only whole slots before `end`.
 * Callers validate first (validateInterviewDay) and show its errors: called on an invalid day, this
 * throws a RangeError, since making slots out of it would be a bug rather than an admin's typo.
 */
export function generateSlots(day: InterviewDay): InterviewSlot[] {
  const { errors, slots } = check(day);
  if (errors.length > 0) throw new RangeError(`invalid interview day: ${errors.map((e) => `${e.field} ${e.key}`).join(", ")}`);
  return slots;
}

/** Interviews starting before this Casablanca wall time are the morning's ("AM"); the others, the afternoon's. */
export const AFTERNOON_STARTS = "13:00";

/** The half-day ("AM" | "PM") a slot starting at `startsAt` belongs to: the panel that hears it and the availability it needs. */
export function halfDayOf(startsAt: Date): "AM" | "PM" {
  return utcToZonedWallTime(startsAt, NETWORK_TIME_ZONE).slice(11, 16) < AFTERNOON_STARTS ? "AM" : "PM";
}
