// Pitch day's interview slots (issue 19), cut in the domain (app/domain/interview-slots.ts).
// Offsets as the tz database of this Node has them (checked with app/domain/time.ts): Casablanca is
// UTC+1, except UTC+0 from 2026-02-15 02:00 UTC to 2026-03-22 02:00 UTC (Ramadan 2026), when the
// clocks go back from 03:00 to 02:00 and then forward from 02:00 to 03:00.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  generateSlots,
  halfDayOf,
  SLOT_MINUTES_MAX,
  SLOT_MINUTES_MIN,
  validateInterviewDay,
  type InterviewBreak,
  type InterviewDay,
  type InterviewSlot,
} from "~/domain/interview-slots.ts";
import { utcToZonedWallTime, zonedWallTimeToUtc } from "~/domain/time.ts";

const MINUTE_MS = 60 * 1000;

function day(overrides: Partial<InterviewDay> = {}): InterviewDay {
  return { date: "2026-04-15", start: "09:00", end: "12:00", slotMinutes: 30, breaks: [], ...overrides };
}

const iso = (slots: InterviewSlot[]) => slots.map((slot) => [slot.startsAt.toISOString(), slot.endsAt.toISOString()]);
/** The slots' starts as Casablanca wall times, to read a day as the admin typed it. */
const wallStarts = (slots: InterviewSlot[]) => slots.map((slot) => utcToZonedWallTime(slot.startsAt).slice(11));
const keys = (target: InterviewDay) => validateInterviewDay(target).map((error) => error.key);

describe("generateSlots", () => {
  it("cuts a plain day into consecutive slots, at the exact UTC instants (15 April 2026: UTC+1)", () => {
    expect(iso(generateSlots(day()))).toEqual([
      ["2026-04-15T08:00:00.000Z", "2026-04-15T08:30:00.000Z"],
      ["2026-04-15T08:30:00.000Z", "2026-04-15T09:00:00.000Z"],
      ["2026-04-15T09:00:00.000Z", "2026-04-15T09:30:00.000Z"],
      ["2026-04-15T09:30:00.000Z", "2026-04-15T10:00:00.000Z"],
      ["2026-04-15T10:00:00.000Z", "2026-04-15T10:30:00.000Z"],
      ["2026-04-15T10:30:00.000Z", "2026-04-15T11:00:00.000Z"],
    ]);
    expect(generateSlots(day({ start: "08:00", end: "18:00", slotMinutes: 20 }))).toHaveLength(30);
  });

  it("skips a lunch break", () => {
    const slots = generateSlots(day({ end: "17:00", slotMinutes: 60, breaks: [{ start: "12:00", end: "13:00" }] }));
    expect(wallStarts(slots)).toEqual(["09:00", "10:00", "11:00", "13:00", "14:00", "15:00", "16:00"]);
    expect(slots[3].startsAt.toISOString()).toBe("2026-04-15T12:00:00.000Z");
  });

  it("starts again at the end of a break that is not on the slot grid", () => {
    const slots = generateSlots(day({ breaks: [{ start: "10:15", end: "10:45" }] }));
    // 10:00–10:30 would overlap the break; 11:45–12:15 would end after the day.
    expect(wallStarts(slots)).toEqual(["09:00", "09:30", "10:45", "11:15"]);
    expect(iso(slots)[2]).toEqual(["2026-04-15T09:45:00.000Z", "2026-04-15T10:15:00.000Z"]);
  });

  it("keeps a slot that ends as a break starts, and moves past breaks one after the other, in any order given", () => {
    expect(wallStarts(generateSlots(day({ breaks: [{ start: "10:00", end: "10:10" }] })))).toEqual([
      "09:00",
      "09:30",
      "10:10",
      "10:40",
      "11:10",
    ]);
    const breaks: InterviewBreak[] = [
      { start: "10:30", end: "11:00" },
      { start: "10:00", end: "10:20" },
    ];
    // After 10:20, 10:20–10:50 would overlap the second break: the next slot waits for 11:00.
    expect(wallStarts(generateSlots(day({ breaks })))).toEqual(["09:00", "09:30", "11:00", "11:30"]);
  });

  it("drops a partial last slot, and keeps one ending exactly at the end of the day", () => {
    expect(wallStarts(generateSlots(day({ end: "10:40" })))).toEqual(["09:00", "09:30", "10:00"]);
    const exact = generateSlots(day({ end: "10:30" }));
    expect(wallStarts(exact)).toEqual(["09:00", "09:30", "10:00"]);
    expect(exact[2].endsAt.toISOString()).toBe("2026-04-15T09:30:00.000Z");
    expect(generateSlots(day({ end: "09:59" }))).toHaveLength(1);
  });

  it("follows Casablanca's offset: UTC+0 during Ramadan 2026, UTC+1 after", () => {
    const ramadan = generateSlots(day({ date: "2026-03-02", end: "10:00" }));
    const after = generateSlots(day({ date: "2026-04-15", end: "10:00" }));
    expect(iso(ramadan)[0]).toEqual(["2026-03-02T09:00:00.000Z", "2026-03-02T09:30:00.000Z"]);
    expect(iso(after)[0]).toEqual(["2026-04-15T08:00:00.000Z", "2026-04-15T08:30:00.000Z"]);
    // The last day on UTC+1 before Ramadan, the first on UTC+0, and the first back on UTC+1.
    expect(generateSlots(day({ date: "2026-02-14" }))[0].startsAt.toISOString()).toBe("2026-02-14T08:00:00.000Z");
    expect(generateSlots(day({ date: "2026-02-15" }))[0].startsAt.toISOString()).toBe("2026-02-15T09:00:00.000Z");
    expect(generateSlots(day({ date: "2026-03-22" }))[0].startsAt.toISOString()).toBe("2026-03-22T08:00:00.000Z");
  });

  it("gives every slot its real length on the night the clocks go forward", () => {
    // 22 March 2026: 01:00 is still UTC+0, 05:00 already UTC+1, so the day lasts three hours.
    const slots = generateSlots(day({ date: "2026-03-22", start: "01:00", end: "05:00", slotMinutes: 60 }));
    expect(iso(slots)).toEqual([
      ["2026-03-22T01:00:00.000Z", "2026-03-22T02:00:00.000Z"],
      ["2026-03-22T02:00:00.000Z", "2026-03-22T03:00:00.000Z"],
      ["2026-03-22T03:00:00.000Z", "2026-03-22T04:00:00.000Z"],
    ]);
    expect(wallStarts(slots)).toEqual(["01:00", "03:00", "04:00"]);
  });

  it("gives the same slots every time", () => {
    const target = day({ breaks: [{ start: "10:15", end: "10:45" }] });
    expect(generateSlots(target)).toEqual(generateSlots(structuredClone(target)));
  });

  it("refuses to cut an invalid day (callers validate first)", () => {
    expect(() => generateSlots(day({ end: "08:00" }))).toThrow(RangeError);
    expect(() => generateSlots(day({ start: "25:00" }))).toThrow(/start interviewDays\.errors\.timeInvalid/);
    expect(() => generateSlots(day({ end: "09:20" }))).toThrow(/noSlot/);
  });
});

describe("validateInterviewDay", () => {
  it("accepts a valid day, breaks at its very edges and breaks that touch", () => {
    expect(validateInterviewDay(day())).toEqual([]);
    const breaks = [
      { start: "09:00", end: "09:30" },
      { start: "11:00", end: "11:30" },
      { start: "11:30", end: "12:00" },
    ];
    expect(validateInterviewDay(day({ breaks }))).toEqual([]);
  });

  it("refuses a date that is not a real yyyy-mm-dd day", () => {
    for (const date of ["2026-02-30", "2026-13-01", "2026-4-15", "15/04/2026", "", "2026-04-15T09:00"]) {
      expect(validateInterviewDay(day({ date })), date).toEqual([{ field: "date", key: "interviewDays.errors.dateInvalid" }]);
    }
  });

  it("still checks the times' format without a date", () => {
    expect(validateInterviewDay(day({ date: "nope", end: "9:5", breaks: [{ start: "10:00", end: "24:00" }] }))).toEqual([
      { field: "date", key: "interviewDays.errors.dateInvalid" },
      { field: "end", key: "interviewDays.errors.timeInvalid" },
      { field: "breaks.0.end", key: "interviewDays.errors.timeInvalid" },
    ]);
  });

  it("refuses a malformed time, naming its field, without throwing", () => {
    for (const time of ["25:00", "24:00", "9:5", "09:5", "12:60", "0900", " 09:00", "09:00:00", "", "noon"]) {
      expect(validateInterviewDay(day({ start: time })), time).toEqual([{ field: "start", key: "interviewDays.errors.timeInvalid" }]);
      expect(validateInterviewDay(day({ end: time })), time).toEqual([{ field: "end", key: "interviewDays.errors.timeInvalid" }]);
      expect(validateInterviewDay(day({ breaks: [{ start: time, end: "11:00" }] })), time).toEqual([
        { field: "breaks.0.start", key: "interviewDays.errors.timeInvalid" },
      ]);
    }
    // What a form might post instead of a string.
    const posted = { ...day(), start: undefined, end: 1200 } as unknown as InterviewDay;
    expect(keys(posted)).toEqual(["interviewDays.errors.timeInvalid", "interviewDays.errors.timeInvalid"]);
  });

  it("refuses a time the clock skips that day", () => {
    // 22 March 2026: Casablanca goes from 02:00 straight to 03:00.
    expect(validateInterviewDay(day({ date: "2026-03-22", start: "02:30" }))).toEqual([
      { field: "start", key: "interviewDays.errors.timeSkipped", params: { date: "2026-03-22", time: "02:30" } },
    ]);
    // 03:00 does exist: an hour after 01:00 that morning.
    const around = day({ date: "2026-03-22", start: "01:00", end: "03:00" });
    expect(validateInterviewDay(around)).toEqual([]);
    expect(generateSlots(around)).toHaveLength(2);
  });

  it("refuses a day or a break that ends before it starts, or when it starts", () => {
    expect(validateInterviewDay(day({ end: "08:00" }))).toEqual([{ field: "end", key: "interviewDays.errors.endBeforeStart" }]);
    expect(validateInterviewDay(day({ end: "09:00" }))).toEqual([{ field: "end", key: "interviewDays.errors.endBeforeStart" }]);
    expect(validateInterviewDay(day({ breaks: [{ start: "11:00", end: "10:00" }] }))).toEqual([
      { field: "breaks.0.end", key: "interviewDays.errors.endBeforeStart" },
    ]);
    expect(validateInterviewDay(day({ breaks: [{ start: "10:00", end: "10:00" }] }))).toEqual([
      { field: "breaks.0.end", key: "interviewDays.errors.endBeforeStart" },
    ]);
  });

  it(`allows slots of ${SLOT_MINUTES_MIN} to ${SLOT_MINUTES_MAX} whole minutes`, () => {
    const error = { field: "slotMinutes", key: "interviewDays.errors.slotLength", params: { min: 10, max: 180 } };
    for (const slotMinutes of [9, 181, 0, -30, 12.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(validateInterviewDay(day({ end: "18:00", slotMinutes })), String(slotMinutes)).toEqual([error]);
    }
    for (const slotMinutes of [10, 180]) expect(validateInterviewDay(day({ end: "18:00", slotMinutes })), String(slotMinutes)).toEqual([]);
  });

  it("refuses a break that is not inside the day", () => {
    const params = { start: "09:00", end: "12:00" };
    expect(validateInterviewDay(day({ breaks: [{ start: "08:30", end: "09:30" }] }))).toEqual([
      { field: "breaks.0.start", key: "interviewDays.errors.breakOutside", params },
    ]);
    expect(
      validateInterviewDay(
        day({
          breaks: [
            { start: "10:00", end: "10:30" },
            { start: "11:30", end: "12:30" },
          ],
        }),
      ),
    ).toEqual([{ field: "breaks.1.end", key: "interviewDays.errors.breakOutside", params }]);
    expect(keys(day({ breaks: [{ start: "13:00", end: "14:00" }] }))).toEqual(["interviewDays.errors.breakOutside"]);
  });

  it("refuses breaks that overlap, once per break, naming the one it overlaps", () => {
    expect(
      validateInterviewDay(
        day({
          breaks: [
            { start: "10:30", end: "11:30" },
            { start: "10:00", end: "11:00" },
          ],
        }),
      ),
    ).toEqual([{ field: "breaks.0.start", key: "interviewDays.errors.breaksOverlap", params: { start: "10:00", end: "11:00" } }]);
    // The third lies within the first's reach, not the second's.
    const nested = [
      { start: "09:30", end: "11:30" },
      { start: "10:00", end: "10:15" },
      { start: "11:00", end: "11:45" },
    ];
    expect(validateInterviewDay(day({ breaks: nested }))).toEqual([
      { field: "breaks.1.start", key: "interviewDays.errors.breaksOverlap", params: { start: "09:30", end: "11:30" } },
      { field: "breaks.2.start", key: "interviewDays.errors.breaksOverlap", params: { start: "09:30", end: "11:30" } },
    ]);
  });

  it("refuses a day where no whole slot fits, once everything else is right", () => {
    const error = { field: "slotMinutes", key: "interviewDays.errors.noSlot", params: { minutes: 30 } };
    expect(validateInterviewDay(day({ end: "09:29" }))).toEqual([error]);
    // An hour, but the break leaves twenty minutes on either side.
    expect(validateInterviewDay(day({ end: "10:00", breaks: [{ start: "09:20", end: "09:40" }] }))).toEqual([error]);
    expect(validateInterviewDay(day({ end: "09:30" }))).toEqual([]);
    expect(keys(day({ end: "09:20", slotMinutes: 5 }))).toEqual(["interviewDays.errors.slotLength"]);
  });

  it("reports errors instead of throwing, whatever is typed", () => {
    const text = fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^\d{1,2}:\d{1,2}$/), fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    const anyDay = fc.record({
      date: text,
      start: text,
      end: text,
      slotMinutes: fc.oneof(fc.integer({ min: -10, max: 400 }), fc.double()),
      breaks: fc.array(fc.record({ start: text, end: text }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(anyDay, (target) => {
        const errors = validateInterviewDay(target);
        for (const error of errors) expect(error.key).toMatch(/^interviewDays\.errors\.[a-zA-Z]+$/);
        if (errors.length > 0) expect(() => generateSlots(target)).toThrow(RangeError);
        else expect(generateSlots(target).length).toBeGreaterThan(0);
      }),
    );
  });
});

describe("slots of any valid day", () => {
  const pad = (n: number) => String(n).padStart(2, "0");
  const wall = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  const DAY_MS = 24 * 60 * MINUTE_MS;
  const FIRST_DAY = Date.UTC(2025, 0, 1);

  // Days from 2025 to 2028 (Ramadan and the nights the clocks change included), times to the minute,
  // breaks built apart (sorted cut points, paired) and given in any order.
  const validDay = fc
    .record({
      dayIndex: fc.integer({ min: 0, max: 4 * 366 }),
      start: fc.integer({ min: 0, max: 22 * 60 }),
      length: fc.integer({ min: 10, max: 14 * 60 }),
      slotMinutes: fc.integer({ min: SLOT_MINUTES_MIN, max: SLOT_MINUTES_MAX }),
      cuts: fc.uniqueArray(fc.integer({ min: 0, max: 14 * 60 }), { maxLength: 8 }),
      reversed: fc.boolean(),
    })
    .map(({ dayIndex, start, length, slotMinutes, cuts, reversed }): InterviewDay => {
      const end = Math.min(start + length, 23 * 60 + 59);
      const points = cuts
        .map((cut) => start + (cut % (end - start + 1)))
        .filter((point, i, all) => all.indexOf(point) === i)
        .sort((a, b) => a - b);
      const breaks: InterviewBreak[] = [];
      for (let i = 0; i + 1 < points.length; i += 2) breaks.push({ start: wall(points[i]), end: wall(points[i + 1]) });
      return {
        date: new Date(FIRST_DAY + dayIndex * DAY_MS).toISOString().slice(0, 10),
        start: wall(start),
        end: wall(end),
        slotMinutes,
        breaks: reversed ? breaks.reverse() : breaks,
      };
    });

  const at = (target: InterviewDay, time: string) => zonedWallTimeToUtc(`${target.date}T${time}`)!.getTime();

  it("never overlap each other or a break, last slotMinutes each, lie within the day, in order, and leave no room for one more", () => {
    let checked = 0;
    fc.assert(
      fc.property(validDay, (target) => {
        // A time the clock skips, or a day too short for one slot: not a valid day.
        fc.pre(validateInterviewDay(target).length === 0);
        checked++;
        const slots = generateSlots(target);
        const start = at(target, target.start);
        const end = at(target, target.end);
        const breaks = target.breaks.map((pause) => ({ start: at(target, pause.start), end: at(target, pause.end) }));
        expect(slots.length).toBeGreaterThan(0);
        slots.forEach((slot, i) => {
          const [from, to] = [slot.startsAt.getTime(), slot.endsAt.getTime()];
          expect(to - from).toBe(target.slotMinutes * MINUTE_MS);
          expect(from).toBeGreaterThanOrEqual(start);
          expect(to).toBeLessThanOrEqual(end);
          if (i > 0) expect(from).toBeGreaterThanOrEqual(slots[i - 1].endsAt.getTime());
          for (const pause of breaks) expect(from < pause.end && to > pause.start, JSON.stringify({ slot, pause })).toBe(false);
          // Consecutive from the start, unless a break came first.
          const previousEnd = i === 0 ? start : slots[i - 1].endsAt.getTime();
          expect(from === previousEnd || breaks.some((pause) => pause.end === from)).toBe(true);
        });
        // Between the slots and the breaks, and before the end of the day, no gap as long as a slot is left.
        const busy = [...slots.map((slot) => ({ start: slot.startsAt.getTime(), end: slot.endsAt.getTime() })), ...breaks].sort(
          (a, b) => a.start - b.start,
        );
        let free = start;
        for (const interval of [...busy, { start: end, end }]) {
          expect(interval.start - free).toBeLessThan(target.slotMinutes * MINUTE_MS);
          free = Math.max(free, interval.end);
        }
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(100);
  });
});

describe("halfDayOf", () => {
  it("puts a slot in the morning when it starts before 13:00 in Casablanca, whatever the UTC offset of the day", () => {
    // Winter (UTC+1): 11:30 UTC is 12:30 in Casablanca, 12:00 UTC is 13:00.
    expect(halfDayOf(new Date("2026-11-10T11:30:00Z"))).toBe("AM");
    expect(halfDayOf(new Date("2026-11-10T12:00:00Z"))).toBe("PM");
    // The month around Ramadan (UTC+0 in 2026: 15 February to 22 March): 12:30 UTC is 12:30 there.
    expect(halfDayOf(new Date("2026-03-01T12:30:00Z"))).toBe("AM");
    expect(halfDayOf(new Date("2026-03-01T13:00:00Z"))).toBe("PM");
  });
});
