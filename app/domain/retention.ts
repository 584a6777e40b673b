// Retention per call (issue 20, DESIGN.md §9 "Privacy"): which applications are past the period their call keeps
// them for, and since when. Pure: the planner (app/models/anonymizer.server.ts) reads the rows and the clock, the
// anonymizer acts. Also the rule for the periods an admin sets.
//
// - A rejected application is kept `retainRejectedMonths` after its decision was told: `decisionReleasedAt`, set
//   by the release of the committee's decisions and by a rejection at screening. A rejection not yet told (staged,
//   not released) is never due.
// - A withdrawn one, the same period after `withdrawnAt`.
// - A draft never submitted, `retainDraftMonths` after its call's deadline (`closesAt`).
// - An application already anonymized is never due again.
//
// Months are calendar months in UTC (addMonths: 31 January + 1 month = the last day of February). The network's
// dates are Casablanca dates, an hour or so from UTC: a period of months may end an hour apart from a Casablanca
// calendar's, which for a retention period counted in months or years changes nothing worth a time-zone rule.
import type { ApplicationStatus } from "./constants.ts";
import { addMonths } from "./outcomes.ts";

/** Why an application is anonymized by retention: its status when it became due. */
export const RETENTION_REASONS = ["REJECTED", "WITHDRAWN", "DRAFT"] as const;
export type RetentionReason = (typeof RETENTION_REASONS)[number];

/** The periods an admin may set, in whole months. */
export const RETENTION_MIN_MONTHS = 1;
export const RETENTION_MAX_MONTHS = 120;

/** Most applications one run anonymizes (and its preview lists): the rest wait for the next day's run. */
export const RETENTION_BATCH = 500;

export type RetentionPeriods = { retainRejectedMonths: number; retainDraftMonths: number };

/** What decides whether an application is due: its status and dates, and its call's deadline and periods. */
export type RetentionFacts = {
  status: ApplicationStatus;
  decisionReleasedAt: Date | null;
  withdrawnAt: Date | null;
  submittedAt: Date | null;
  anonymizedAt: Date | null;
  call: RetentionPeriods & { closesAt: Date };
};

export type RetentionDue = { reason: RetentionReason; dueSince: Date };

/**
 * When the application's period ends and why, whether or not that moment has come; null when no period applies
 * (a status retention does not reach, a rejection not yet told, an application already anonymized).
 */
export function retentionEnd(application: RetentionFacts): RetentionDue | null {
  if (application.anonymizedAt) return null;
  const { call } = application;
  switch (application.status) {
    case "REJECTED":
      return application.decisionReleasedAt
        ? { reason: "REJECTED", dueSince: addMonths(application.decisionReleasedAt, call.retainRejectedMonths) }
        : null;
    case "WITHDRAWN":
      return application.withdrawnAt
        ? { reason: "WITHDRAWN", dueSince: addMonths(application.withdrawnAt, call.retainRejectedMonths) }
        : null;
    case "DRAFT":
      return application.submittedAt === null ? { reason: "DRAFT", dueSince: addMonths(call.closesAt, call.retainDraftMonths) } : null;
    default:
      return null;
  }
}

/** Whether the application is due for anonymization at `now` (its period has ended), why and since when; else null. */
export function retentionDue(application: RetentionFacts, now: Date): RetentionDue | null {
  const end = retentionEnd(application);
  return end && end.dueSince.getTime() <= now.getTime() ? end : null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An instant every date due after `months` at `now` is at or before: a calendar month is at least 28 days long,
 * and addMonths(d, months) is never earlier than d + 28 × months days (31 January + 1 month = 28 February, the
 * shortest step). The planner's queries read the dates up to it, and retentionDue decides on each.
 */
export function retentionCandidatesUntil(now: Date, months: number): Date {
  return new Date(now.getTime() - months * 28 * DAY_MS);
}

/** The due ones among `applications`, oldest due first (then by id), at most `limit`. */
export function selectDue<A extends RetentionFacts & { id: string }>(
  applications: readonly A[],
  now: Date,
  limit = RETENTION_BATCH,
): Array<A & RetentionDue> {
  return applications
    .flatMap((application) => {
      const due = retentionDue(application, now);
      return due ? [{ ...application, ...due }] : [];
    })
    .sort((a, b) => a.dueSince.getTime() - b.dueSince.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}

export type RetentionMonthsError = "retention.errors.monthsWhole" | "retention.errors.monthsRange";

/**
 * A period as an admin typed it (or a number): whole months from RETENTION_MIN_MONTHS to RETENTION_MAX_MONTHS,
 * else the translated error to show beside the field.
 */
export function parseRetentionMonths(value: unknown): { months: number } | { error: RetentionMonthsError } {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  if (!/^-?\d+$/.test(text)) return { error: "retention.errors.monthsWhole" };
  const months = Number(text);
  if (months < RETENTION_MIN_MONTHS || months > RETENTION_MAX_MONTHS) return { error: "retention.errors.monthsRange" };
  return { months };
}

/** The errors of a call's two periods, by field; null when both are sound. */
export function retentionPeriodsErrors(
  periods: Record<keyof RetentionPeriods, unknown>,
): Partial<Record<keyof RetentionPeriods, RetentionMonthsError>> | null {
  const errors: Partial<Record<keyof RetentionPeriods, RetentionMonthsError>> = {};
  for (const field of ["retainRejectedMonths", "retainDraftMonths"] as const) {
    const parsed = parseRetentionMonths(periods[field]);
    if ("error" in parsed) errors[field] = parsed.error;
  }
  return Object.keys(errors).length > 0 ? errors : null;
}
