// The network's own figures (issue 17): what became of the projects it followed after enrollment — success
// at 18 months, survival (Kaplan–Meier), jobs, exports, funding — for any cohorts filtered by site, sector
// and call, and how those outcomes relate to the scores that selected them. The arithmetic is pure
// (app/domain/outcomes.ts); this file reads the rows, a few grouped queries whatever the number of projects.
import { db } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { FOLLOW_UP_STATUSES, type ApplicationStatus, type Sector } from "~/domain/constants.ts";
import {
  correlation,
  kaplanMeier,
  median,
  calendarMonthsBetween,
  reviewerAgreement,
  successAt18Months,
  successOf,
  successByScoreQuintile,
  survivalAt,
  type Observation,
} from "~/domain/outcomes.ts";

import type { OutcomeFilters } from "~/schemas/outcome-filters.ts";

export type { OutcomeFilters };

/** The survival figures the dashboard reports, in years. */
export const SURVIVAL_YEARS = [1, 2, 3, 5] as const;

/** The projects the filters pick, as SQL on Application `a` joined to its cohort `c`. */
function followedWhere(filters: OutcomeFilters): Prisma.Sql {
  const conditions = [Prisma.sql`a."status" IN (${Prisma.join([...FOLLOW_UP_STATUSES])})`];
  if (filters.siteId) conditions.push(Prisma.sql`c."siteId" = ${filters.siteId}`);
  if (filters.sector) conditions.push(Prisma.sql`a."sector" = ${filters.sector}`);
  if (filters.callId) conditions.push(Prisma.sql`a."callId" = ${filters.callId}`);
  return Prisma.join(conditions, " AND ");
}

type ProjectRow = {
  id: string;
  status: ApplicationStatus;
  sector: Sector | null;
  siteId: string;
  siteName: string;
  startsAt: Date;
  graduatedAt: Date | null;
  ceasedAt: Date | null;
  score: number | null;
};
type CheckInTotals = {
  applicationId: string;
  ceasedOn: Date | string | null;
  lastOperatingAt: Date | string | null;
  funding: number | null;
  answered: number | bigint;
  missing: number | bigint;
};
type LatestCheckIn = { applicationId: string; fullTimeJobs: number | null; partTimeJobs: number | null; exportShare: number | null };

const asDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/** Every figure of the outcomes dashboard for the projects the filters pick, as of `now`. */
export async function outcomesDashboard(filters: OutcomeFilters, now = new Date()) {
  const where = followedWhere(filters);
  const [projects, totals, latest, jobsByMonth, reviews, criteria] = await Promise.all([
    db.$queryRaw<ProjectRow[]>`
      SELECT a."id", a."status", a."sector", c."siteId", s."name" AS "siteName", c."startsAt", a."graduatedAt", a."ceasedAt",
        COALESCE(a."normalizedScore", a."rawScore") AS "score"
      FROM "Application" a JOIN "Cohort" c ON c."id" = a."enrolledCohortId" JOIN "Site" s ON s."id" = c."siteId"
      WHERE ${where}`,
    db.$queryRaw<CheckInTotals[]>`
      SELECT ci."applicationId",
        MIN(CASE WHEN ci."operating" = false THEN ci."ceasedOn" END) AS "ceasedOn",
        MAX(CASE WHEN ci."operating" = true THEN ci."dueAt" END) AS "lastOperatingAt",
        SUM(ci."fundingAmount") AS "funding",
        COUNT(ci."submittedAt") AS "answered",
        SUM(CASE WHEN ci."submittedAt" IS NULL AND ci."dueAt" <= ${now} THEN 1 ELSE 0 END) AS "missing"
      FROM "CheckIn" ci JOIN "Application" a ON a."id" = ci."applicationId" JOIN "Cohort" c ON c."id" = a."enrolledCohortId"
      WHERE ${where}
      GROUP BY ci."applicationId"`,
    db.$queryRaw<LatestCheckIn[]>`
      SELECT "applicationId", "fullTimeJobs", "partTimeJobs", "exportShare" FROM (
        SELECT ci."applicationId", ci."fullTimeJobs", ci."partTimeJobs", ci."exportShare",
          ROW_NUMBER() OVER (PARTITION BY ci."applicationId" ORDER BY ci."dueAt" DESC) AS "rank"
        FROM "CheckIn" ci JOIN "Application" a ON a."id" = ci."applicationId" JOIN "Cohort" c ON c."id" = a."enrolledCohortId"
        WHERE ${where} AND ci."submittedAt" IS NOT NULL
      ) latest WHERE "rank" = 1`,
    db.$queryRaw<
      Array<{ monthsAfter: number; fullTime: number | bigint | null; partTime: number | bigint | null; answered: number | bigint }>
    >`
      SELECT ci."monthsAfter", SUM(ci."fullTimeJobs") AS "fullTime", SUM(ci."partTimeJobs") AS "partTime", COUNT(*) AS "answered"
      FROM "CheckIn" ci JOIN "Application" a ON a."id" = ci."applicationId" JOIN "Cohort" c ON c."id" = a."enrolledCohortId"
      WHERE ${where} AND ci."submittedAt" IS NOT NULL
      GROUP BY ci."monthsAfter" ORDER BY ci."monthsAfter"`,
    db.$queryRaw<Array<{ applicationId: string; reviewerId: string; reviewerName: string; score: number }>>`
      SELECT ra."applicationId", ra."reviewerId", u."name" AS "reviewerName", r."score"
      FROM "Review" r JOIN "ReviewAssignment" ra ON ra."id" = r."assignmentId" JOIN "User" u ON u."id" = ra."reviewerId"
        JOIN "Application" a ON a."id" = ra."applicationId" JOIN "Cohort" c ON c."id" = a."enrolledCohortId"
      WHERE ${where} AND r."submittedAt" IS NOT NULL AND r."score" IS NOT NULL AND ra."stage" = 'REVIEW'`,
    db.$queryRaw<Array<{ applicationId: string; criterion: string; label: string; value: number }>>`
      SELECT ra."applicationId", cr."key" AS "criterion", MIN(cr."label") AS "label", AVG(rs."value") AS "value"
      FROM "ReviewScore" rs JOIN "Review" r ON r."id" = rs."reviewId" JOIN "ReviewAssignment" ra ON ra."id" = r."assignmentId"
        JOIN "Criterion" cr ON cr."id" = rs."criterionId"
        JOIN "Application" a ON a."id" = ra."applicationId" JOIN "Cohort" c ON c."id" = a."enrolledCohortId"
      WHERE ${where} AND r."submittedAt" IS NOT NULL AND ra."stage" = 'REVIEW'
      GROUP BY ra."applicationId", cr."key"`,
  ]);

  const totalsById = new Map(totals.map((row) => [row.applicationId, row]));
  const latestById = new Map(latest.map((row) => [row.applicationId, row]));
  const followed = projects.map((project) => {
    const total = totalsById.get(project.id);
    const reported = asDate(total?.ceasedOn ?? null);
    // The day it stopped: as the team said in a check-in, else when an admin recorded it.
    const ceasedAt = reported ?? asDate(project.ceasedAt);
    const startedAt = new Date(project.startsAt);
    const lastSeen = [asDate(total?.lastOperatingAt ?? null), asDate(project.graduatedAt)]
      .filter((date): date is Date => date !== null)
      .reduce((last, date) => (date > last ? date : last), startedAt);
    return {
      ...project,
      startedAt,
      graduated: project.graduatedAt !== null,
      ceasedAt,
      // Months until it ceased (an event), or until it was last known to operate (censored: not a failure).
      observation: (ceasedAt
        ? { time: calendarMonthsBetween(startedAt, ceasedAt), event: true }
        : { time: calendarMonthsBetween(startedAt, lastSeen), event: false }) as Observation,
      latest: latestById.get(project.id) ?? null,
      funding: Number(total?.funding ?? 0),
      missing: Number(total?.missing ?? 0),
      answered: Number(total?.answered ?? 0),
    };
  });

  const success = successAt18Months(followed, now);
  const curve = kaplanMeier(followed.map((project) => project.observation));
  const survival = SURVIVAL_YEARS.map((years) => ({ years, point: survivalAt(curve, years * 12) }));
  const withLatest = followed.filter((project) => project.latest !== null);
  const fullTimeJobs = withLatest.map((project) => project.latest?.fullTimeJobs ?? 0);
  const exporting = withLatest.filter((project) => (project.latest?.exportShare ?? 0) > 0).length;

  /** Survival curves per site and per sector, for the charts and their tables. */
  const curvesBy = (groupOf: (project: (typeof followed)[number]) => string) => {
    const groups = new Map<string, Observation[]>();
    for (const project of followed) {
      const group = groups.get(groupOf(project));
      if (group) group.push(project.observation);
      else groups.set(groupOf(project), [project.observation]);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, observations]) => {
        const groupCurve = kaplanMeier(observations);
        return {
          group,
          projects: observations.length,
          points: SURVIVAL_YEARS.map((years) => ({ years, point: survivalAt(groupCurve, years * 12) })),
        };
      });
  };

  // Did the selection predict it? Only projects old enough to have a success at 18 months count.
  const succeeded = new Map(
    followed.flatMap((project) => {
      const outcome = successOf(project, now);
      return outcome === null ? [] : [[project.id, outcome] as const];
    }),
  );
  const scored = followed.filter((project) => succeeded.has(project.id) && project.score !== null);
  const criterionValues = new Map<string, { label: string; values: number[]; successes: number[] }>();
  for (const row of criteria) {
    const outcome = succeeded.get(row.applicationId);
    if (outcome === undefined) continue;
    const entry = criterionValues.get(row.criterion) ?? { label: row.label, values: [], successes: [] };
    entry.values.push(Number(row.value));
    entry.successes.push(outcome ? 1 : 0);
    criterionValues.set(row.criterion, entry);
  }
  const reviewerNames = new Map(reviews.map((review) => [review.reviewerId, review.reviewerName]));

  return {
    projects: followed.length,
    checkInsMissing: followed.reduce((sum, project) => sum + project.missing, 0),
    checkInsAnswered: followed.reduce((sum, project) => sum + project.answered, 0),
    success,
    survival,
    survivalBySite: curvesBy((project) => project.siteName),
    survivalBySector: curvesBy((project) => project.sector ?? ""),
    jobs: {
      projects: withLatest.length,
      fullTime: fullTimeJobs.reduce((sum, jobs) => sum + jobs, 0),
      partTime: withLatest.reduce((sum, project) => sum + (project.latest?.partTimeJobs ?? 0), 0),
      medianFullTime: median(fullTimeJobs),
    },
    jobsByMonth: jobsByMonth.map((row) => ({
      monthsAfter: Number(row.monthsAfter),
      fullTime: Number(row.fullTime ?? 0),
      partTime: Number(row.partTime ?? 0),
      answered: Number(row.answered),
    })),
    exporting: { projects: withLatest.length, exporting, share: withLatest.length > 0 ? exporting / withLatest.length : null },
    funding: { total: followed.reduce((sum, project) => sum + project.funding, 0), projects: followed.filter((p) => p.funding > 0).length },
    prediction: {
      projects: scored.length,
      quintiles: successByScoreQuintile(scored.map((project) => ({ score: project.score!, success: succeeded.get(project.id)! }))),
      criteria: [...criterionValues.entries()].map(([key, entry]) => ({
        key,
        label: entry.label,
        projects: entry.values.length,
        correlation: correlation(entry.values, entry.successes),
      })),
      reviewers: reviewerAgreement(
        reviews
          .filter((review) => succeeded.has(review.applicationId))
          .map((review) => ({ reviewerId: review.reviewerId, score: Number(review.score), success: succeeded.get(review.applicationId)! })),
      ).map((agreement) => ({ ...agreement, name: reviewerNames.get(agreement.reviewerId) ?? "" })),
    },
  };
}

export type OutcomesDashboard = Awaited<ReturnType<typeof outcomesDashboard>>;

export const CHECK_INS_CSV_HEADER = [
  "project",
  "site",
  "sector",
  "cohort",
  "months_after",
  "due_at",
  "submitted_at",
  "recorded_for_team",
  "operating",
  "ceased_on",
  "ceased_reason",
  "legal_form",
  "registered_on",
  "full_time_jobs",
  "part_time_jobs",
  "revenue_band",
  "export_share",
  "funding_amount",
  "funding_types",
  "customers",
  "support_networking",
  "support_funding_access",
  "support_skills",
  "support_market_access",
  "comments",
];

/** Every submitted check-in of the projects the filters pick, one row each, in batches (the CSV export). */
export function checkInRows(filters: OutcomeFilters) {
  const where = followedWhere(filters);
  return async function* () {
    let after = "";
    for (;;) {
      const batch = await db.$queryRaw<
        Array<{
          id: string;
          projectName: string;
          siteName: string;
          sector: string | null;
          cohortName: string;
          monthsAfter: number;
          dueAt: Date;
          submittedAt: Date;
          onBehalf: boolean | number;
          answers: string;
        }>
      >`
        SELECT ci."id", a."projectName", s."name" AS "siteName", a."sector", c."name" AS "cohortName", ci."monthsAfter", ci."dueAt",
          ci."submittedAt", ci."onBehalf", ci."answers"
        FROM "CheckIn" ci JOIN "Application" a ON a."id" = ci."applicationId" JOIN "Cohort" c ON c."id" = a."enrolledCohortId"
          JOIN "Site" s ON s."id" = c."siteId"
        WHERE ${where} AND ci."submittedAt" IS NOT NULL AND ci."id" > ${after}
        ORDER BY ci."id" LIMIT 500`;
      if (batch.length === 0) return;
      for (const row of batch) {
        const answers = JSON.parse(row.answers) as Record<string, unknown> & { support?: Record<string, number | null> };
        const cell = (value: unknown) => (value === null || value === undefined ? "" : value);
        yield [
          row.projectName,
          row.siteName,
          row.sector ?? "",
          row.cohortName,
          Number(row.monthsAfter),
          new Date(row.dueAt),
          new Date(row.submittedAt),
          Boolean(row.onBehalf),
          answers.operating === true ? "yes" : "no",
          cell(answers.ceasedOn),
          cell(answers.ceasedReason),
          cell(answers.legalForm),
          cell(answers.registeredOn),
          cell(answers.fullTimeJobs),
          cell(answers.partTimeJobs),
          cell(answers.revenueBand),
          cell(answers.exportShare),
          cell(answers.fundingAmount),
          Array.isArray(answers.fundingTypes) ? answers.fundingTypes.join("; ") : "",
          cell(answers.customers),
          cell(answers.support?.NETWORKING),
          cell(answers.support?.FUNDING_ACCESS),
          cell(answers.support?.SKILLS),
          cell(answers.support?.MARKET_ACCESS),
          cell(answers.comments),
        ] as Array<string | number | Date | boolean>;
      }
      after = batch[batch.length - 1].id;
    }
  };
}

export const OUTCOME_TABLES_CSV_HEADER = ["table", "group", "measure", "value", "projects"];

/**
 * The outcomes page's tables as one CSV, a row per figure (table, group, measure, value, projects it rests
 * on): the network's figures, survival by site and by sector, jobs by check-in, and what the selection
 * predicted. Rates are fractions (0.86), left empty where nothing could be computed.
 */
export function outcomeTableRows(figures: OutcomesDashboard) {
  const rate = (value: number | null | undefined) => (value === null || value === undefined ? "" : value);
  return async function* () {
    yield ["figures", "", "projects_followed", figures.projects, figures.projects];
    yield ["figures", "", "check_ins_missing", figures.checkInsMissing, figures.projects];
    yield ["figures", "", "success_18_months", rate(figures.success.rate), figures.success.reached];
    for (const { years, point } of figures.survival)
      yield ["figures", "", `survival_${years}_years`, rate(point?.survival), point?.atRisk ?? 0];
    yield ["figures", "", "full_time_jobs", figures.jobs.fullTime, figures.jobs.projects];
    yield ["figures", "", "part_time_jobs", figures.jobs.partTime, figures.jobs.projects];
    yield ["figures", "", "median_full_time_jobs", rate(figures.jobs.medianFullTime), figures.jobs.projects];
    yield ["figures", "", "exporting_share", rate(figures.exporting.share), figures.exporting.projects];
    yield ["figures", "", "funding_raised_mad", figures.funding.total, figures.funding.projects];
    for (const [table, groups] of [
      ["survival_by_site", figures.survivalBySite],
      ["survival_by_sector", figures.survivalBySector],
    ] as const) {
      for (const group of groups)
        for (const { years, point } of group.points)
          yield [table, group.group, `survival_${years}_years`, rate(point?.survival), point?.atRisk ?? 0];
    }
    for (const row of figures.jobsByMonth) {
      yield ["jobs_by_check_in", `${row.monthsAfter}`, "full_time_jobs", row.fullTime, row.answered];
      yield ["jobs_by_check_in", `${row.monthsAfter}`, "part_time_jobs", row.partTime, row.answered];
    }
    for (const row of figures.prediction.quintiles)
      yield ["success_by_score_quintile", `${row.quintile}`, "success_18_months", rate(row.rate), row.count];
    for (const row of figures.prediction.criteria)
      yield ["criterion_correlation", row.key, "correlation_with_success", rate(row.correlation), row.projects];
    for (const row of figures.prediction.reviewers)
      yield ["reviewer_agreement", row.name, "correlation_with_success", rate(row.correlation), row.count];
  };
}
