// Follow-up after enrollment (issue 17): what became of the projects a cohort took in, and whether
// the selection's scores foresaw it. Pure: the check-in schedule, the reminder job and the outcomes
// dashboard share these functions and hand them plain figures; none reads the database or the clock.

/**
 * One project's follow-up as survival analysis reads it: `time` months after follow-up began, the
 * project either ceased activity (`event`) or was last known to operate (`event` false: censored —
 * what became of it later is not known yet, which is not the same as "it survived").
 */
export type Observation = { time: number; event: boolean };

/**
 * One step of a Kaplan–Meier curve: at `time`, `atRisk` projects were still followed (observed that
 * long), `events` of them ceased and `censored` left the follow-up; `survival` is the estimated share
 * still operating just after `time`.
 */
export type SurvivalStep = { time: number; atRisk: number; events: number; censored: number; survival: number };

/**
 * The Kaplan–Meier product-limit estimate: at each time something happens, survival is multiplied by
 * the share of the projects at risk that did not cease then. A censored project counts in the
 * denominators up to its time and no further, so a project that joined the follow-up recently
 * neither counts as a success nor drags the curve down. At a tie, events come first: a project
 * censored at t was known to operate at t, so it was at risk at t.
 * Throws on a negative or non-finite time: months since follow-up began cannot be either.
 */
export function kaplanMeier(observations: readonly Observation[]): SurvivalStep[] {
  for (const { time } of observations) {
    if (!Number.isFinite(time) || time < 0) throw new RangeError(`observation time must be a finite number ≥ 0, got ${time}`);
  }
  const sorted = [...observations].sort((a, b) => a.time - b.time);
  const steps: SurvivalStep[] = [];
  let survival = 1;
  let index = 0;
  while (index < sorted.length) {
    const time = sorted[index].time;
    // Every observation from here on lasted at least `time`: those are the projects at risk.
    const atRisk = sorted.length - index;
    let events = 0;
    let censored = 0;
    for (; index < sorted.length && sorted[index].time === time; index++) {
      if (sorted[index].event) events++;
      else censored++;
    }
    survival *= 1 - events / atRisk;
    steps.push({ time, atRisk, events, censored, survival });
  }
  return steps;
}

/**
 * The curve read at `time` months: the survival of the last step at or before `time` (1 before any
 * step) and the projects still at risk then (observed at least that long). Null when no project was
 * observed that long: the data does not reach that age. That holds even past a curve that fell to 0
 * (every project ceased): a reader who wants 0 there finds it in the curve's last step.
 */
export function survivalAt(curve: readonly SurvivalStep[], time: number): { survival: number; atRisk: number } | null {
  let survival = 1;
  for (const step of curve) {
    if (step.time > time) break;
    survival = step.survival;
  }
  // Every observation ends at a step's time, so those observed at least `time` are those at risk at
  // the first step at or after it.
  const next = curve.find((step) => step.time >= time);
  return next ? { survival, atRisk: next.atRisk } : null;
}

/** An enrolled project as the 18-month measure reads it. */
export type FollowedProject = { startedAt: Date; graduated: boolean; ceasedAt: Date | null };

/** The horizon of the network's headline measure: a project counts once it started this long ago. */
const SUCCESS_HORIZON_MONTHS = 18;

/**
 * One project's success at 18 months: whether it graduated and still operated 18 months after it started,
 * and the day that becomes known (`knownAt`). Until then the project is left out of the rate rather than
 * counted as a failure (or a success): its outcome is not known yet. The dashboard counts, as of its
 * `now`, the projects whose `knownAt` has come, and among them the successes.
 */
export function outcomeAt18Months(project: FollowedProject): { knownAt: Date; success: boolean } {
  const knownAt = addMonths(project.startedAt, SUCCESS_HORIZON_MONTHS);
  const ceasedByThen = project.ceasedAt !== null && project.ceasedAt.getTime() <= knownAt.getTime();
  return { knownAt, success: project.graduated && !ceasedByThen };
}

/** A submitted check-in as the follow-up figures read it. */
export type AnsweredCheckIn = {
  dueAt: Date;
  operating: boolean | null;
  ceasedOn: Date | null;
  fullTimeJobs: number | null;
  partTimeJobs: number | null;
  exportShare: number | null;
  fundingAmount: number | null;
};

/**
 * What the outcomes dashboard needs of one followed project, from its start, the lifecycle's dates and
 * its answered check-ins: its survival observation (months until it ceased — the day its team reported,
 * else the day an admin recorded — or until it was last known to operate, censored), its 18-month
 * outcome, its funding and the figures of its latest check-in. Independent of the clock: stored per
 * project when any of those changes, the dashboard only adds them up.
 */
export function followUpSummary(project: {
  startedAt: Date;
  graduatedAt: Date | null;
  ceasedAt: Date | null;
  checkIns: readonly AnsweredCheckIn[];
}) {
  const reported = project.checkIns
    .filter((checkIn) => checkIn.operating === false && checkIn.ceasedOn !== null)
    .map((checkIn) => checkIn.ceasedOn!.getTime());
  const ceasedAt = reported.length > 0 ? new Date(Math.min(...reported)) : project.ceasedAt;
  const lastSeen = Math.max(
    project.startedAt.getTime(),
    project.graduatedAt?.getTime() ?? 0,
    ...project.checkIns.filter((checkIn) => checkIn.operating === true).map((checkIn) => checkIn.dueAt.getTime()),
  );
  const latest = project.checkIns.reduce<AnsweredCheckIn | null>(
    (last, checkIn) => (last === null || checkIn.dueAt > last.dueAt ? checkIn : last),
    null,
  );
  const outcome = outcomeAt18Months({ startedAt: project.startedAt, graduated: project.graduatedAt !== null, ceasedAt });
  return {
    survivalMonths: calendarMonthsBetween(project.startedAt, ceasedAt ?? new Date(lastSeen)),
    ceased: ceasedAt !== null,
    outcomeKnownAt: outcome.knownAt,
    succeeded: outcome.success,
    answered: project.checkIns.length,
    funding: project.checkIns.reduce((sum, checkIn) => sum + (checkIn.fundingAmount ?? 0), 0),
    latestFullTimeJobs: latest ? (latest.fullTimeJobs ?? 0) : null,
    latestPartTimeJobs: latest ? (latest.partTimeJobs ?? 0) : null,
    latestExportShare: latest ? (latest.exportShare ?? 0) : null,
  };
}

/**
 * `date` moved by whole calendar months in UTC, the time of day kept. A day the target month lacks
 * becomes its last day (31 January + 1 month = 28 or 29 February): a check-in is never pushed into
 * the month after. Throws on a fractional number of months, which names no calendar day.
 */
export function addMonths(date: Date, months: number): Date {
  if (!Number.isInteger(months)) throw new RangeError(`addMonths takes whole months, got ${months}`);
  const result = new Date(date.getTime());
  // From the first of the month: moving the 31st first would overflow into the month after the target.
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  // Day 0 of the month after is the target month's last day.
  const lastDay = new Date(result.getTime());
  lastDay.setUTCMonth(lastDay.getUTCMonth() + 1, 0);
  result.setUTCDate(Math.min(date.getUTCDate(), lastDay.getUTCDate()));
  return result;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The mean Gregorian month (365.25 / 12 days): months between two instants as survival times. */
const DAYS_PER_MONTH = 30.4375;

/** The months elapsed from `from` to `to` as a decimal (days / 30.4375); 0 when `to` is not after `from`. */
/**
 * Calendar months from `from` to `to` (UTC), the part of a month as a fraction of its days: the check-in due
 * addMonths(start, 60) is exactly 60 months after the start, whatever the months' lengths. Never negative.
 */
export function calendarMonthsBetween(from: Date, to: Date): number {
  if (to <= from) return 0;
  const whole = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  const anchor = addMonths(from, whole);
  const months = anchor > to ? whole - 1 : whole;
  const start = addMonths(from, months);
  const next = addMonths(from, months + 1);
  return months + (to.getTime() - start.getTime()) / (next.getTime() - start.getTime());
}

export function monthsBetween(from: Date, to: Date): number {
  return Math.max(0, (to.getTime() - from.getTime()) / DAY_MS / DAYS_PER_MONTH);
}

/** The median of `values` (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export type Quintile = 1 | 2 | 3 | 4 | 5;
export type QuintileOutcome = {
  quintile: Quintile;
  count: number;
  successes: number;
  rate: number | null;
  minScore: number | null;
  maxScore: number | null;
};

/**
 * Success by selection score, in five groups of the items ranked by score (quintile 1: the lowest).
 * Groups differ in size by one at most. An item goes to the fifth of the ranking its middle falls in
 * (rank k of n: quintile ⌊(k + ½)·5 / n⌋ + 1), so the extra items spread symmetrically: with 7, the
 * sizes are 1, 2, 1, 2, 1; with 3, the lowest is in quintile 1, the middle in 3, the highest in 5
 * (2 and 4 empty) — the top score never lands in a middle quintile for want of items. Equal scores
 * keep their given order and may straddle two quintiles. Always five entries; an empty one has null
 * rate and scores. The dashboard applies the same grouping in the database (outcomes.server.ts); the
 * integration test of follow-up holds the two equal.
 */
export function successByScoreQuintile(items: ReadonlyArray<{ score: number; success: boolean }>): QuintileOutcome[] {
  const sorted = [...items].sort((a, b) => a.score - b.score);
  const groups: Array<Array<{ score: number; success: boolean }>> = [[], [], [], [], []];
  sorted.forEach((item, rank) => {
    // Whole-number arithmetic: (2k + 1)·5 / 2n is exact at the boundaries, where a float could round either way.
    groups[Math.floor(((2 * rank + 1) * 5) / (2 * sorted.length))].push(item);
  });
  return quintileOutcomes(
    groups.flatMap((group, index) =>
      group.length === 0
        ? []
        : [
            {
              quintile: (index + 1) as Quintile,
              count: group.length,
              successes: group.filter((item) => item.success).length,
              // Sorted: the first and last of a group are its lowest and highest scores.
              minScore: group[0].score,
              maxScore: group[group.length - 1].score,
            },
          ],
    ),
  );
}

/**
 * The five quintiles' figures from the groups that have projects (as the database counts them, see
 * outcomes.server.ts): every quintile present, with its success rate; an empty one has null rate and scores.
 */
export function quintileOutcomes(
  groups: ReadonlyArray<{ quintile: Quintile; count: number; successes: number; minScore: number; maxScore: number }>,
): QuintileOutcome[] {
  return ([1, 2, 3, 4, 5] as const).map((quintile) => {
    const group = groups.find((candidate) => candidate.quintile === quintile);
    if (!group || group.count === 0) return { quintile, count: 0, successes: 0, rate: null, minScore: null, maxScore: null };
    return { ...group, rate: group.successes / group.count };
  });
}

/** What a correlation needs of a group of values: how many, their sum and sum of squares, least and greatest. */
export type Moments = { count: number; sum: number; sumOfSquares: number; min: number; max: number };

/**
 * Pearson's correlation of a value with success (1) or not (0) — the point-biserial correlation — from
 * the moments of the values of the successes and of the others, as the database adds them up. Null
 * with fewer than 3 projects (two points always lie on a line) or when either side never varies (all
 * succeeded, or none; every value equal: a reviewer who gave everyone the same score foresaw nothing,
 * nor failed to). Equal values are recognized by their least and greatest, not by the sums: the mean
 * of equal decimals is not always exactly that decimal.
 */
export function correlationWithSuccess(successes: Moments, failures: Moments): number | null {
  const n = successes.count + failures.count;
  if (n < 3 || successes.count === 0 || failures.count === 0) return null;
  if (Math.min(successes.min, failures.min) === Math.max(successes.max, failures.max)) return null;
  const sum = successes.sum + failures.sum;
  const sumOfSquares = successes.sumOfSquares + failures.sumOfSquares;
  // Σxy = the successes' sum; Σy = Σy² = their count.
  const covariance = n * successes.sum - sum * successes.count;
  const varianceX = n * sumOfSquares - sum * sum;
  const varianceY = n * successes.count - successes.count * successes.count;
  if (varianceX <= 0) return null;
  // Rounding may push a perfect correlation a hair past ±1.
  return Math.max(-1, Math.min(1, covariance / Math.sqrt(varianceX * varianceY)));
}

const NO_VALUES: Moments = { count: 0, sum: 0, sumOfSquares: 0, min: Infinity, max: -Infinity };

/** The moments of groups of values, split by success, keyed as the caller groups them (a criterion, a reviewer). */
export function correlationsWithSuccess<K>(
  groups: ReadonlyArray<Moments & { key: K; success: boolean }>,
): Map<K, { count: number; correlation: number | null }> {
  const split = new Map<K, { successes: Moments; failures: Moments }>();
  for (const group of groups) {
    const entry = split.get(group.key) ?? { successes: NO_VALUES, failures: NO_VALUES };
    const { key: _key, success, ...moments } = group;
    if (success) entry.successes = moments;
    else entry.failures = moments;
    split.set(group.key, entry);
  }
  return new Map(
    [...split].map(([key, { successes, failures }]) => [
      key,
      { count: successes.count + failures.count, correlation: correlationWithSuccess(successes, failures) },
    ]),
  );
}

/** Below this many followed projects, a figure is shown with a warning that it may be chance. */
export const SMALL_SAMPLE = 30;
/** Below this many followed projects, a reviewer's agreement with outcomes is not shown at all. */
export const REVIEWER_MIN_FOLLOWED = 10;

/**
 * How far each reviewer's scores went with the outcomes of the projects they reviewed: the
 * correlation of score with success (1) or not (0), the point-biserial correlation, from the moments of
 * each reviewer's scores of the projects that succeeded and of the others. Only reviewers
 * with REVIEWER_MIN_FOLLOWED followed reviews at least; under SMALL_SAMPLE the figure is flagged.
 * Most reviewed first, then by id, so the order is stable.
 */
export function reviewerAgreement(
  groups: ReadonlyArray<Moments & { reviewerId: string; success: boolean }>,
): Array<{ reviewerId: string; count: number; correlation: number | null; smallSample: boolean }> {
  const byReviewer = correlationsWithSuccess(groups.map(({ reviewerId, ...group }) => ({ ...group, key: reviewerId })));
  return [...byReviewer]
    .filter(([, entry]) => entry.count >= REVIEWER_MIN_FOLLOWED)
    .map(([reviewerId, entry]) => ({
      reviewerId,
      count: entry.count,
      correlation: entry.correlation,
      smallSample: entry.count < SMALL_SAMPLE,
    }))
    .sort((a, b) => b.count - a.count || (a.reviewerId < b.reviewerId ? -1 : a.reviewerId > b.reviewerId ? 1 : 0));
}

/** When a cohort's projects are asked how they are doing: 6, 12 and 18 months after it starts, then yearly up to 5 years. */
export const DEFAULT_CHECK_IN_MONTHS = [6, 12, 18, 24, 36, 48, 60] as const;

/** The days a check-in falls due, `months` after the cohort starts: in order, each day once. */
export function checkInDueDates(cohortStartsAt: Date, months: readonly number[]): Date[] {
  const times = new Set(months.map((count) => addMonths(cohortStartsAt, count).getTime()));
  return [...times].sort((a, b) => a - b).map((time) => new Date(time));
}

/** Days after a check-in falls due when the team is reminded of it, if still unanswered: once a week, twice. */
export const REMINDER_DAYS = [7, 14] as const;

/**
 * Whether the next reminder of an unanswered check-in is due: there is one left (the
 * `remindersSent`-th of REMINDER_DAYS) and its day has come, counted from `openedAt`, when the team was
 * emailed the form (its due date, unless the servers were down then: a late first email is not followed
 * by its reminders at once). A reminder the job missed is sent when it next runs, and only one per run,
 * since sending raises `remindersSent`.
 */
export function reminderDue(openedAt: Date, remindersSent: number, now: Date): boolean {
  if (!Number.isInteger(remindersSent) || remindersSent < 0 || remindersSent >= REMINDER_DAYS.length) return false;
  return now.getTime() >= openedAt.getTime() + REMINDER_DAYS[remindersSent] * DAY_MS;
}

/** The bounds of a check-in schedule an admin types: up to 10 years, 20 check-ins. */
const CHECK_IN_MONTHS_MAX = 120;
const CHECK_INS_MAX = 20;

/**
 * A check-in schedule as an admin types it, "6, 12, 18" or "6 12 18": whole numbers of months from 1
 * to 120, at least one and at most 20 different ones; returned in order, each once ("12, 6, 12" is
 * [6, 12]). Anything else — a decimal, a word, 0, 121 — refuses the whole list rather than dropping a part.
 */
export function parseCheckInMonths(text: string): { months: number[] } | { error: "followUp.errors.monthsInvalid" } {
  const invalid = { error: "followUp.errors.monthsInvalid" } as const;
  const words = text.split(/[\s,]+/).filter((word) => word !== "");
  if (words.length === 0) return invalid;
  const months = new Set<number>();
  for (const word of words) {
    if (!/^\d{1,3}$/.test(word)) return invalid;
    const count = Number(word);
    if (count < 1 || count > CHECK_IN_MONTHS_MAX) return invalid;
    months.add(count);
  }
  if (months.size > CHECK_INS_MAX) return invalid;
  return { months: [...months].sort((a, b) => a - b) };
}
