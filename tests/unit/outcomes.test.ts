// Follow-up after enrollment (app/domain/outcomes.ts): the Kaplan–Meier curve, the 18-month measure,
// the scores against the outcomes, and the check-in schedule. Expected values are worked out by hand
// in the comments, not taken from the code's own output.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_CHECK_IN_MONTHS,
  REMINDER_DAYS,
  REVIEWER_MIN_FOLLOWED,
  SMALL_SAMPLE,
  addMonths,
  calendarMonthsBetween,
  checkInDueDates,
  correlationWithSuccess,
  followUpSummary,
  kaplanMeier,
  median,
  monthsBetween,
  parseCheckInMonths,
  reminderDue,
  outcomeAt18Months,
  quintileOutcomes,
  reviewerAgreement,
  successByScoreQuintile,
  survivalAt,
  type AnsweredCheckIn,
  type Moments,
  type Observation,
} from "~/domain/outcomes.ts";

const ceased = (time: number): Observation => ({ time, event: true });
const operating = (time: number): Observation => ({ time, event: false });
const day = (iso: string) => new Date(iso);
const DAY_MS = 24 * 60 * 60 * 1000;

/** The moments of a list of values, as the database adds them up. */
const momentsOf = (values: readonly number[]): Moments => ({
  count: values.length,
  sum: values.reduce((sum, value) => sum + value, 0),
  sumOfSquares: values.reduce((sum, value) => sum + value * value, 0),
  min: Math.min(...values),
  max: Math.max(...values),
});
/** Pearson's r of paired values, the textbook two-pass way: the reference correlationWithSuccess must match. */
function pearson(xs: readonly number[], ys: readonly number[]): number {
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - meanX) * (ys[i] - meanY);
    sxx += (x - meanX) ** 2;
    syy += (ys[i] - meanY) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}
/** correlationWithSuccess of paired values and outcomes. */
const correlationOf = (values: readonly number[], outcomes: readonly boolean[]) =>
  correlationWithSuccess(momentsOf(values.filter((_, i) => outcomes[i])), momentsOf(values.filter((_, i) => !outcomes[i])));

describe("kaplanMeier", () => {
  // Five projects: ceased at 2, 5 and 8; last known operating at 3 and 10.
  //   t=2:  5 at risk, 1 ceases  → S = 4/5             = 0.8
  //   t=3:  4 at risk, 1 censored → S stays 0.8
  //   t=5:  3 at risk, 1 ceases  → S = 0.8 × 2/3       = 0.5333…
  //   t=8:  2 at risk, 1 ceases  → S = 0.5333… × 1/2   = 0.2666…
  //   t=10: 1 at risk, 1 censored → S stays 0.2666…
  // (Counting the censored as survivors would say 2/5 = 0.4, as failures 0.)
  const censoredCurve = kaplanMeier([operating(10), ceased(5), ceased(2), ceased(8), operating(3)]);

  it("keeps a censored project in the denominators up to its time only", () => {
    expect(censoredCurve.map(({ survival, ...step }) => step)).toEqual([
      { time: 2, atRisk: 5, events: 1, censored: 0 },
      { time: 3, atRisk: 4, events: 0, censored: 1 },
      { time: 5, atRisk: 3, events: 1, censored: 0 },
      { time: 8, atRisk: 2, events: 1, censored: 0 },
      { time: 10, atRisk: 1, events: 0, censored: 1 },
    ]);
    const survival = censoredCurve.map((step) => step.survival);
    expect(survival[0]).toBeCloseTo(0.8, 12);
    expect(survival[1]).toBeCloseTo(0.8, 12);
    expect(survival[2]).toBeCloseTo(8 / 15, 12);
    expect(survival[3]).toBeCloseTo(4 / 15, 12);
    expect(survival[4]).toBeCloseTo(4 / 15, 12);
  });

  it("counts the events of a tie before its censorings", () => {
    // At 4: two cease and one is last seen operating; then one ceases at 6, one is censored at 9.
    //   t=4: 5 at risk (the censored one included), 2 cease → S = 3/5 = 0.6
    //        (had the censoring come first: 4 at risk, S = 2/4 = 0.5)
    //   t=6: 2 at risk, 1 ceases → S = 0.6 × 1/2 = 0.3
    //   t=9: 1 at risk, censored → S stays 0.3
    const curve = kaplanMeier([ceased(4), operating(4), ceased(6), ceased(4), operating(9)]);
    expect(curve.map((step) => [step.time, step.atRisk, step.events, step.censored])).toEqual([
      [4, 5, 2, 1],
      [6, 2, 1, 0],
      [9, 1, 0, 1],
    ]);
    expect(curve[0].survival).toBeCloseTo(0.6, 12);
    expect(curve[1].survival).toBeCloseTo(0.3, 12);
    expect(curve[2].survival).toBeCloseTo(0.3, 12);
  });

  it("stays at 1 when no project ceased", () => {
    // Censored at 3, 6, 6 and 12: one step per distinct time, nobody ceases, every factor is 1 - 0/n.
    expect(kaplanMeier([operating(6), operating(3), operating(12), operating(6)])).toEqual([
      { time: 3, atRisk: 4, events: 0, censored: 1, survival: 1 },
      { time: 6, atRisk: 3, events: 0, censored: 2, survival: 1 },
      { time: 12, atRisk: 1, events: 0, censored: 1, survival: 1 },
    ]);
  });

  it("reaches 0 when every project ceased", () => {
    // Ceased at 1, 1, 2 and 7:
    //   t=1: 4 at risk, 2 cease → 1/2;  t=2: 2 at risk, 1 ceases → 1/4;  t=7: 1 at risk, 1 ceases → 0.
    expect(kaplanMeier([ceased(7), ceased(1), ceased(2), ceased(1)])).toEqual([
      { time: 1, atRisk: 4, events: 2, censored: 0, survival: 0.5 },
      { time: 2, atRisk: 2, events: 1, censored: 0, survival: 0.25 },
      { time: 7, atRisk: 1, events: 1, censored: 0, survival: 0 },
    ]);
  });

  it("gives no step for no observation, and refuses a time that cannot be", () => {
    expect(kaplanMeier([])).toEqual([]);
    expect(() => kaplanMeier([ceased(-1)])).toThrow(RangeError);
    expect(() => kaplanMeier([operating(Number.NaN)])).toThrow(RangeError);
  });

  it("counts a project censored later in the denominators of the earlier steps", () => {
    // One project ceased at 1: S(1) = 1 - 1/1 = 0. Add one last seen operating at 5: it was at risk
    // at 1 too, so S(1) = 1 - 1/2 = 0.5. A later censoring does change the survival at an earlier time.
    expect(survivalAt(kaplanMeier([ceased(1)]), 1)).toEqual({ survival: 0, atRisk: 1 });
    expect(survivalAt(kaplanMeier([ceased(1), operating(5)]), 1)).toEqual({ survival: 0.5, atRisk: 2 });
  });
});

describe("survivalAt", () => {
  // The censoring example above: steps at 2 (S 0.8), 3, 5 (8/15), 8 (4/15), 10; times observed 2, 3, 5, 8, 10.
  const curve = kaplanMeier([ceased(2), operating(3), ceased(5), ceased(8), operating(10)]);

  it("is 1 before the first event, every project at risk", () => {
    expect(survivalAt(curve, 0)).toEqual({ survival: 1, atRisk: 5 });
    expect(survivalAt(curve, 1.5)).toEqual({ survival: 1, atRisk: 5 });
  });

  it("takes a step's survival at its own time, and the last step's between two", () => {
    // At 2: the step at 2 counts (S 0.8), and all 5 were observed at least 2 months.
    expect(survivalAt(curve, 2)).toEqual({ survival: curve[0].survival, atRisk: 5 });
    // At 4: last step at or before is 3 (S 0.8); observed ≥ 4 months: those at 5, 8, 10.
    expect(survivalAt(curve, 4)).toEqual({ survival: curve[1].survival, atRisk: 3 });
    expect(survivalAt(curve, 4)?.survival).toBeCloseTo(0.8, 12);
    // At 6: last step 5 (S 8/15); observed ≥ 6: those at 8 and 10.
    expect(survivalAt(curve, 6)?.survival).toBeCloseTo(8 / 15, 12);
    expect(survivalAt(curve, 6)?.atRisk).toBe(2);
    // At 10: the last project, still at risk on its own day.
    expect(survivalAt(curve, 10)?.survival).toBeCloseTo(4 / 15, 12);
    expect(survivalAt(curve, 10)?.atRisk).toBe(1);
  });

  it("is null beyond the data", () => {
    expect(survivalAt(curve, 10.01)).toBeNull();
    expect(survivalAt(curve, 18)).toBeNull();
    expect(survivalAt([], 0)).toBeNull();
    // Every project ceased by 7: 0 on the last day observed, and no data beyond it.
    const allCeased = kaplanMeier([ceased(1), ceased(7)]);
    expect(survivalAt(allCeased, 7)).toEqual({ survival: 0, atRisk: 1 });
    expect(survivalAt(allCeased, 8)).toBeNull();
  });
});

describe("kaplanMeier properties", () => {
  // Half-month times from 0 to 24: small enough for many ties.
  const time = fc.integer({ min: 0, max: 48 }).map((halves) => halves / 2);
  const observation = fc.record({ time, event: fc.boolean() });
  const observations = fc.array(observation, { maxLength: 40 });
  /** Every time worth reading a curve at: each observed time, and the half-way points around them. */
  const readingTimes = (list: readonly Observation[]) => [...new Set(list.flatMap((o) => [o.time - 0.25, o.time, o.time + 0.25]))];

  it("never lets survival increase with time", () => {
    fc.assert(
      fc.property(observations, (list) => {
        const curve = kaplanMeier(list);
        let previous = 1;
        for (const step of curve) {
          expect(step.survival).toBeLessThanOrEqual(previous);
          expect(step.survival).toBeGreaterThanOrEqual(0);
          previous = step.survival;
        }
        // Read through survivalAt too, at increasing times.
        let read = 1;
        for (const t of readingTimes(list).sort((a, b) => a - b)) {
          const at = survivalAt(curve, t);
          if (!at) continue;
          expect(at.survival).toBeLessThanOrEqual(read);
          read = at.survival;
        }
      }),
    );
  });

  it("counts at risk at t exactly the projects observed at least t, null when there are none", () => {
    fc.assert(
      fc.property(observations, (list) => {
        const curve = kaplanMeier(list);
        for (const t of readingTimes(list)) {
          const observedThatLong = list.filter((o) => o.time >= t).length;
          const at = survivalAt(curve, t);
          if (observedThatLong === 0) expect(at).toBeNull();
          else expect(at?.atRisk).toBe(observedThatLong);
        }
      }),
    );
  });

  // What the brief asked as "adding a censoring later than t never changes the survival at t" is not
  // true of Kaplan–Meier (see "counts a project censored later…" above: 0 becomes 0.5). What holds:
  // what happens after t leaves the survival at t alone, and one more project known to operate past t
  // is one more at risk at t, never lowering the survival there.

  it("leaves the survival at t alone whatever becomes later of a project observed past t", () => {
    fc.assert(
      fc.property(observations, time, fc.nat(), fc.integer({ min: 1, max: 48 }), fc.boolean(), (list, t, pick, later, event) => {
        const pastT = list.flatMap((o, index) => (o.time > t ? [index] : []));
        fc.pre(pastT.length > 0);
        const index = pastT[pick % pastT.length];
        // The same project, ceased or censored at another time after t.
        const changed = list.map((o, i) => (i === index ? { time: t + later / 2, event } : o));
        expect(survivalAt(kaplanMeier(changed), t)).toEqual(survivalAt(kaplanMeier(list), t));
      }),
    );
  });

  it("adds one at risk and never lowers the survival before a censoring added later", () => {
    fc.assert(
      fc.property(observations, time, (list, censoredAt) => {
        const before = kaplanMeier(list);
        const after = kaplanMeier([...list, operating(censoredAt)]);
        for (const t of [0, ...readingTimes(list)].filter((t) => t <= censoredAt)) {
          const was = survivalAt(before, t);
          const now = survivalAt(after, t);
          expect(now?.atRisk).toBe((was?.atRisk ?? 0) + 1);
          // Before, no data reached t: nothing to compare the survival with.
          if (!was) continue;
          const ceasedByT = list.some((o) => o.event && o.time <= t);
          // No event yet: 1 before and after. After an event, each factor 1 - d/n becomes 1 - d/(n + 1).
          if (ceasedByT) expect(now?.survival).toBeGreaterThan(was.survival);
          else expect(now?.survival).toBe(was.survival);
        }
      }),
    );
  });

  it("does not depend on the order of the observations", () => {
    fc.assert(
      fc.property(
        observations.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length }))),
        ([list, shuffled]) => {
          expect(kaplanMeier(shuffled)).toEqual(kaplanMeier(list));
        },
      ),
    );
  });
});

describe("outcomeAt18Months", () => {
  const start = day("2024-01-15T00:00:00Z");
  it("is a success when graduated and still operating at 18 months, known on that day", () => {
    // 2024-01-15 + 18 months = 2025-07-15.
    expect(outcomeAt18Months({ startedAt: start, graduated: true, ceasedAt: null })).toEqual({
      knownAt: day("2025-07-15T00:00:00Z"),
      success: true,
    });
    // Ceased on the 18-month day itself: not a success; a day after: still one at 18 months.
    expect(outcomeAt18Months({ startedAt: start, graduated: true, ceasedAt: day("2025-07-15T00:00:00Z") }).success).toBe(false);
    expect(outcomeAt18Months({ startedAt: start, graduated: true, ceasedAt: day("2025-07-16T00:00:00Z") }).success).toBe(true);
    // Not graduated: no success, whatever became of it.
    expect(outcomeAt18Months({ startedAt: start, graduated: false, ceasedAt: null }).success).toBe(false);
  });

  it("measures 18 calendar months, clamped at a month's end", () => {
    // 2024-08-31 + 18 months = 2026-02-31, clamped to 2026-02-28: known on the 28th, not on 3 March.
    expect(outcomeAt18Months({ startedAt: day("2024-08-31T00:00:00Z"), graduated: true, ceasedAt: null }).knownAt).toEqual(
      day("2026-02-28T00:00:00Z"),
    );
  });
});

describe("followUpSummary", () => {
  const start = day("2022-01-10T00:00:00Z");
  const checkIn = (months: number, answers: Partial<AnsweredCheckIn>): AnsweredCheckIn => ({
    dueAt: addMonths(start, months),
    operating: true,
    ceasedOn: null,
    fullTimeJobs: 2,
    partTimeJobs: 0,
    exportShare: 0,
    fundingAmount: 0,
    ...answers,
  });

  it("censors an operating project at its last operating check-in or graduation, whichever is later", () => {
    const summary = followUpSummary({
      startedAt: start,
      graduatedAt: addMonths(start, 18),
      ceasedAt: null,
      // Given out of order: the latest is the 24-month one whatever the order.
      checkIns: [
        checkIn(24, { fullTimeJobs: 7, partTimeJobs: 2, exportShare: 15, fundingAmount: 50_000 }),
        checkIn(6, { fullTimeJobs: 3, fundingAmount: 20_000 }),
        checkIn(12, { fullTimeJobs: 4 }),
      ],
    });
    expect(summary).toEqual({
      survivalMonths: 24,
      ceased: false,
      outcomeKnownAt: day("2023-07-10T00:00:00Z"),
      succeeded: true,
      answered: 3,
      funding: 70_000,
      latestFullTimeJobs: 7,
      latestPartTimeJobs: 2,
      latestExportShare: 15,
    });
    // Graduated at 18 months with only a 6-month check-in: known to operate until graduation.
    expect(
      followUpSummary({ startedAt: start, graduatedAt: addMonths(start, 18), ceasedAt: null, checkIns: [checkIn(6, {})] }).survivalMonths,
    ).toBe(18);
    // Nothing known since the start: censored at 0, no latest figures.
    expect(followUpSummary({ startedAt: start, graduatedAt: null, ceasedAt: null, checkIns: [] })).toMatchObject({
      survivalMonths: 0,
      ceased: false,
      succeeded: false,
      answered: 0,
      funding: 0,
      latestFullTimeJobs: null,
      latestExportShare: null,
    });
  });

  it("dates a ceasing by the team's report first, else by the admin's record", () => {
    // Reported ceased on 2023-04-10 (15 months) at the 18-month check-in; the admin recorded it later.
    const reported = followUpSummary({
      startedAt: start,
      graduatedAt: null,
      ceasedAt: day("2023-08-01T00:00:00Z"),
      checkIns: [checkIn(12, {}), checkIn(18, { operating: false, ceasedOn: day("2023-04-10T00:00:00Z"), fullTimeJobs: 0 })],
    });
    expect(reported).toMatchObject({ survivalMonths: 15, ceased: true, succeeded: false, latestFullTimeJobs: 0 });
    const recorded = followUpSummary({
      startedAt: start,
      graduatedAt: null,
      ceasedAt: day("2022-11-20T00:00:00Z"),
      checkIns: [checkIn(6, {})],
    });
    // 2022-01-10 to 2022-11-20: 10 calendar months and the 10 days of a 30-day month after 2022-11-10.
    expect(recorded.ceased).toBe(true);
    expect(recorded.survivalMonths).toBeCloseTo(10 + 10 / 30, 12);
    // Graduated, then ceased after 18 months: a success at 18 months all the same.
    const late = followUpSummary({ startedAt: start, graduatedAt: addMonths(start, 18), ceasedAt: addMonths(start, 30), checkIns: [] });
    expect(late).toMatchObject({ survivalMonths: 30, ceased: true, succeeded: true });
  });
});

describe("addMonths and monthsBetween", () => {
  it.each([
    ["2024-01-31T00:00:00.000Z", 1, "2024-02-29T00:00:00.000Z"], // leap year
    ["2023-01-31T00:00:00.000Z", 1, "2023-02-28T00:00:00.000Z"],
    ["2024-01-30T00:00:00.000Z", 1, "2024-02-29T00:00:00.000Z"],
    ["2024-05-31T00:00:00.000Z", 1, "2024-06-30T00:00:00.000Z"],
    ["2024-03-31T00:00:00.000Z", -1, "2024-02-29T00:00:00.000Z"],
    ["2024-08-31T00:00:00.000Z", 18, "2026-02-28T00:00:00.000Z"],
    ["2024-10-15T09:30:00.000Z", 3, "2025-01-15T09:30:00.000Z"], // into the next year, time of day kept
    ["2024-12-31T23:59:59.999Z", 2, "2025-02-28T23:59:59.999Z"],
    ["2024-02-29T00:00:00.000Z", 12, "2025-02-28T00:00:00.000Z"],
    ["2024-06-15T12:00:00.000Z", 0, "2024-06-15T12:00:00.000Z"],
  ])("%s + %i months = %s", (from, months, expected) => {
    expect(addMonths(new Date(from), months).toISOString()).toBe(expected);
  });

  it("leaves its argument alone and refuses a fraction of a month", () => {
    const date = day("2024-01-31T00:00:00Z");
    addMonths(date, 1);
    expect(date.toISOString()).toBe("2024-01-31T00:00:00.000Z");
    expect(() => addMonths(date, 1.5)).toThrow(RangeError);
  });

  it("counts months of 30.4375 days, never negative", () => {
    const from = day("2024-01-01T00:00:00Z");
    // 2 × 30.4375 days = 60.875 days = 60 days 21 hours.
    expect(monthsBetween(from, new Date(from.getTime() + 60 * DAY_MS + 21 * 3600_000))).toBe(2);
    // A year: 366 days in 2024 / 30.4375 = 12.0246…
    expect(monthsBetween(from, day("2025-01-01T00:00:00Z"))).toBeCloseTo(366 / 30.4375, 12);
    expect(monthsBetween(from, from)).toBe(0);
    expect(monthsBetween(from, day("2023-12-01T00:00:00Z"))).toBe(0);
  });
});

describe("median", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([])).toBeNull();
    expect(median([3])).toBe(3);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const values = [9, 2, 7];
    expect(median(values)).toBe(7);
    expect(values).toEqual([9, 2, 7]);
  });
});

describe("successByScoreQuintile", () => {
  it("splits 7 items 1, 2, 1, 2, 1 from the lowest scores up", () => {
    // Ranked by score: 1 ✗ | 2 ✓, 3 ✗ | 4 ✓ | 5 ✓, 6 ✓ | 7 ✓ (rank k goes to ⌊(2k + 1)·5 / 14⌋ + 1:
    // k = 0 → 0.36, 1 → 1.07, 2 → 1.79, 3 → 2.5, 4 → 3.21, 5 → 3.93, 6 → 4.64).
    const items = [5, 1, 7, 3, 2, 6, 4].map((score) => ({ score, success: score !== 1 && score !== 3 }));
    expect(successByScoreQuintile(items)).toEqual([
      { quintile: 1, count: 1, successes: 0, rate: 0, minScore: 1, maxScore: 1 },
      { quintile: 2, count: 2, successes: 1, rate: 0.5, minScore: 2, maxScore: 3 },
      { quintile: 3, count: 1, successes: 1, rate: 1, minScore: 4, maxScore: 4 },
      { quintile: 4, count: 2, successes: 2, rate: 1, minScore: 5, maxScore: 6 },
      { quintile: 5, count: 1, successes: 1, rate: 1, minScore: 7, maxScore: 7 },
    ]);
  });

  it("puts 3 items in the lowest, middle and highest quintiles, the others empty", () => {
    // k = 0 → 5/6 → 1; k = 1 → 15/6 = 2.5 → 3; k = 2 → 25/6 → 5.
    const items = [
      { score: 3.5, success: true },
      { score: 1.25, success: false },
      { score: 2, success: true },
    ];
    expect(successByScoreQuintile(items)).toEqual([
      { quintile: 1, count: 1, successes: 0, rate: 0, minScore: 1.25, maxScore: 1.25 },
      { quintile: 2, count: 0, successes: 0, rate: null, minScore: null, maxScore: null },
      { quintile: 3, count: 1, successes: 1, rate: 1, minScore: 2, maxScore: 2 },
      { quintile: 4, count: 0, successes: 0, rate: null, minScore: null, maxScore: null },
      { quintile: 5, count: 1, successes: 1, rate: 1, minScore: 3.5, maxScore: 3.5 },
    ]);
  });

  it("gives five empty quintiles for no item, and groups within one of each other", () => {
    expect(successByScoreQuintile([]).map((q) => [q.quintile, q.count, q.rate])).toEqual([
      [1, 0, null],
      [2, 0, null],
      [3, 0, null],
      [4, 0, null],
      [5, 0, null],
    ]);
    fc.assert(
      fc.property(fc.array(fc.record({ score: fc.integer({ min: 1, max: 5 }), success: fc.boolean() }), { maxLength: 60 }), (items) => {
        const quintiles = successByScoreQuintile(items);
        const counts = quintiles.map((q) => q.count);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(items.length);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        // Never a lower score above a higher quintile's.
        const filled = quintiles.filter((q) => q.count > 0);
        for (let i = 1; i < filled.length; i++) expect(filled[i].minScore).toBeGreaterThanOrEqual(filled[i - 1].maxScore as number);
      }),
    );
  });
});

describe("quintileOutcomes", () => {
  it("lists the five quintiles from the groups the database counted, an absent one empty", () => {
    expect(
      quintileOutcomes([
        { quintile: 5, count: 4, successes: 3, minScore: 4.1, maxScore: 4.9 },
        { quintile: 1, count: 2, successes: 0, minScore: 1.2, maxScore: 1.5 },
      ]),
    ).toEqual([
      { quintile: 1, count: 2, successes: 0, rate: 0, minScore: 1.2, maxScore: 1.5 },
      { quintile: 2, count: 0, successes: 0, rate: null, minScore: null, maxScore: null },
      { quintile: 3, count: 0, successes: 0, rate: null, minScore: null, maxScore: null },
      { quintile: 4, count: 0, successes: 0, rate: null, minScore: null, maxScore: null },
      { quintile: 5, count: 4, successes: 3, rate: 0.75, minScore: 4.1, maxScore: 4.9 },
    ]);
  });
});

describe("correlationWithSuccess", () => {
  it("computes the point-biserial r from each side's moments", () => {
    // x 1..10, success from 6: mean x 5.5, Σdx² = 82.5; mean y 0.5, Σdy² = 2.5;
    // Σdxdy = 0.5 × (0.5 + 1.5 + 2.5 + 3.5 + 4.5) + 0.5 × 12.5 = 12.5 → r = 12.5 / √(82.5 × 2.5) = 0.87039…
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(
      correlationOf(
        values,
        values.map((x) => x >= 6),
      ),
    ).toBeCloseTo(12.5 / Math.sqrt(206.25), 12);
    expect(
      correlationOf(
        values,
        values.map((x) => x < 6),
      ),
    ).toBeCloseTo(-12.5 / Math.sqrt(206.25), 12);
    // Perfectly separated two values: r = 1 exactly, never a hair past it.
    expect(correlationOf([1, 1, 2, 2], [false, false, true, true])).toBe(1);
  });

  it("is null under 3 projects or when a side never varies", () => {
    expect(correlationOf([1, 2], [false, true])).toBeNull();
    expect(correlationOf([3, 3, 3], [false, true, true])).toBeNull();
    expect(correlationOf([1, 2, 3], [true, true, true])).toBeNull();
    expect(correlationOf([1, 2, 3], [false, false, false])).toBeNull();
    // Equal decimals: their sums do not cancel exactly in binary, yet there is no variance.
    expect(correlationOf([0.1, 0.1, 0.1, 0.1], [false, true, false, true])).toBeNull();
  });

  it("agrees with Pearson's r computed pair by pair", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ value: fc.double({ min: 1, max: 5, noNaN: true }), success: fc.boolean() }), { minLength: 3, maxLength: 80 }),
        (pairs) => {
          const values = pairs.map((pair) => pair.value);
          const outcomes = pairs.map((pair) => pair.success);
          const r = correlationOf(values, outcomes);
          const varies = new Set(outcomes).size === 2 && new Set(values).size > 1;
          if (!varies) {
            expect(r).toBeNull();
            return;
          }
          const reference = pearson(values, outcomes.map(Number));
          // Nearly equal values leave the sums' rounding visible: compare where the variance is real.
          if (Math.max(...values) - Math.min(...values) > 1e-6) expect(r).toBeCloseTo(reference, 6);
        },
      ),
    );
  });
});

describe("reviewerAgreement", () => {
  /** `count` reviews by `reviewerId`, scored 1, 2, …, a success from score `from` up. */
  const reviews = (reviewerId: string, count: number, from: number) =>
    Array.from({ length: count }, (_, i) => ({ reviewerId, score: i + 1, success: i + 1 >= from }));
  /** Those reviews as the database adds them up: the moments per reviewer and outcome. */
  const grouped = (list: ReadonlyArray<{ reviewerId: string; score: number; success: boolean }>) => {
    const groups = new Map<string, { reviewerId: string; success: boolean; scores: number[] }>();
    for (const review of list) {
      const key = `${review.reviewerId} ${review.success}`;
      const group = groups.get(key) ?? { reviewerId: review.reviewerId, success: review.success, scores: [] };
      group.scores.push(review.score);
      groups.set(key, group);
    }
    return [...groups.values()].map(({ scores, ...group }) => ({ ...group, ...momentsOf(scores) }));
  };

  it("keeps reviewers with enough followed projects, flags small samples, most reviewed first", () => {
    expect(REVIEWER_MIN_FOLLOWED).toBe(10);
    expect(SMALL_SAMPLE).toBe(30);
    const result = reviewerAgreement(
      grouped([
        ...reviews("r2", 9, 5), // 9: left out
        ...reviews("r1", 10, 6),
        ...reviews("r3", SMALL_SAMPLE, 16),
        ...reviews("r0", 10, 6).map((review) => ({ ...review, success: !review.success })),
        ...reviews("r4", 10, 1).map((review) => ({ ...review, score: 4 })), // every score 4: no correlation
      ]),
    );
    expect(result.map(({ reviewerId, count, smallSample }) => [reviewerId, count, smallSample])).toEqual([
      ["r3", 30, false],
      ["r0", 10, true],
      ["r1", 10, true],
      ["r4", 10, true],
    ]);
    // r1: scores 1..10 (mean 5.5, Σdx² = 82.5), success from 6 (mean 0.5, Σdy² = 10 × 0.25 = 2.5),
    // Σdxdy = 0.5 × (0.5 + 1.5 + 2.5 + 3.5 + 4.5) + 0.5 × 12.5 = 12.5 → r = 12.5 / √(82.5 × 2.5) = 0.87039…
    expect(result[2].correlation).toBeCloseTo(12.5 / Math.sqrt(206.25), 12);
    expect(result[2].correlation).toBeCloseTo(0.8704, 4);
    // r0: the same with the outcomes swapped.
    expect(result[1].correlation).toBeCloseTo(-0.8704, 4);
    expect(result[3].correlation).toBeNull();
    expect(result[0].correlation).toBeGreaterThan(0);
  });

  it("shows nobody below the minimum", () => {
    expect(reviewerAgreement(grouped(reviews("r1", REVIEWER_MIN_FOLLOWED - 1, 3)))).toEqual([]);
  });
});

describe("check-in schedule", () => {
  it("sets the default check-ins at 6, 12, 18 months then yearly to 5 years", () => {
    expect(checkInDueDates(day("2025-09-15T00:00:00Z"), DEFAULT_CHECK_IN_MONTHS).map((date) => date.toISOString().slice(0, 10))).toEqual([
      "2026-03-15",
      "2026-09-15",
      "2027-03-15",
      "2027-09-15",
      "2028-09-15",
      "2029-09-15",
      "2030-09-15",
    ]);
  });

  it("orders the days, counts each once and clamps to the month's end", () => {
    // From 31 January 2025: +1 → 28 February, +6 → 31 July, +12 → 31 January 2026; 6 twice.
    expect(checkInDueDates(day("2025-01-31T08:00:00Z"), [12, 6, 1, 6]).map((date) => date.toISOString())).toEqual([
      "2025-02-28T08:00:00.000Z",
      "2025-07-31T08:00:00.000Z",
      "2026-01-31T08:00:00.000Z",
    ]);
    expect(checkInDueDates(day("2025-01-31T08:00:00Z"), [])).toEqual([]);
  });

  it("reminds 7 days, then 14 days after the due day, and no more", () => {
    expect(REMINDER_DAYS).toEqual([7, 14]);
    const dueAt = day("2026-03-01T08:00:00Z");
    const after = (days: number) => new Date(dueAt.getTime() + days * DAY_MS);
    expect(reminderDue(dueAt, 0, after(6))).toBe(false);
    expect(reminderDue(dueAt, 0, new Date(after(7).getTime() - 1))).toBe(false);
    expect(reminderDue(dueAt, 0, after(7))).toBe(true);
    expect(reminderDue(dueAt, 1, after(7))).toBe(false);
    expect(reminderDue(dueAt, 1, after(13))).toBe(false);
    expect(reminderDue(dueAt, 1, after(14))).toBe(true);
    // The first one missed (the job did not run): it goes out late, the second one after it.
    expect(reminderDue(dueAt, 0, after(14))).toBe(true);
    expect(reminderDue(dueAt, 2, after(60))).toBe(false);
    expect(reminderDue(dueAt, -1, after(60))).toBe(false);
  });
});

describe("parseCheckInMonths", () => {
  it.each([
    ["6, 12, 18", [6, 12, 18]],
    ["18 6 12 6", [6, 12, 18]],
    ["  24,36 , 48 ", [24, 36, 48]],
    ["6,,12", [6, 12]],
    ["1\u202f120", [1, 120]],
    ["03", [3]],
    [Array.from({ length: 20 }, (_, i) => i + 1).join(","), Array.from({ length: 20 }, (_, i) => i + 1)],
  ])("reads %j", (text, months) => {
    expect(parseCheckInMonths(text)).toEqual({ months });
  });

  it.each(["", "  , ", "0", "121", "6.5", "6, six", "6;12", "-6", "1e2", Array.from({ length: 21 }, (_, i) => i + 1).join(" ")])(
    "refuses %j",
    (text) => {
      expect(parseCheckInMonths(text)).toEqual({ error: "followUp.errors.monthsInvalid" });
    },
  );
});

describe("calendarMonthsBetween", () => {
  it("counts calendar months, so a check-in due addMonths(start, n) is exactly n months after the start", () => {
    const start = new Date("2021-01-31T09:00:00Z");
    for (const months of [1, 6, 12, 18, 60]) expect(calendarMonthsBetween(start, addMonths(start, months))).toBe(months);
    // Half of February 2024 (29 days) after 2024-02-01.
    expect(calendarMonthsBetween(new Date("2024-02-01T00:00:00Z"), new Date("2024-02-15T12:00:00Z"))).toBeCloseTo(0.5, 5);
    expect(calendarMonthsBetween(new Date("2024-03-15T00:00:00Z"), new Date("2024-03-01T00:00:00Z"))).toBe(0);
  });
});
