// The network's own figures (issue 17): what became of the projects it followed after enrollment — success
// at 18 months, survival (Kaplan–Meier), jobs, exports, funding — for any cohorts filtered by site, sector
// and call, and how those outcomes relate to the scores that selected them. The arithmetic is pure
// (app/domain/outcomes.ts); each project's part of it is kept in FollowUpSummary (follow-up-summary.server.ts),
// so this file reads grouped sums of narrow rows and of figures kept per cohort and sector.
import { db } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import type { Sector } from "~/domain/constants.ts";
import {
  correlationsWithSuccess,
  kaplanMeier,
  median,
  reviewerAgreement,
  quintileOutcomes,
  survivalAt,
  type Quintile,
  type Moments,
  type Observation,
} from "~/domain/outcomes.ts";

import type { OutcomeFilters } from "~/schemas/outcome-filters.ts";

export type { OutcomeFilters };

/** The survival figures the dashboard reports, in years. */
export const SURVIVAL_YEARS = [1, 2, 3, 5] as const;
/** Where the survival curves are drawn: every 3 months from the start to 5 years. */
const CURVE_MONTHS = Array.from({ length: 21 }, (_, index) => index * 3);

/**
 * The followed projects the filters pick, as SQL on FollowUpSummary `s` — or on a table of figures per
 * cohort and sector (`g`), whose sector is a text key.
 */
function followedWhere(filters: OutcomeFilters, table: "s" | "g" = "s"): Prisma.Sql {
  const alias = Prisma.raw(table);
  const conditions = [Prisma.sql`TRUE`];
  if (filters.siteId) conditions.push(Prisma.sql`${alias}."siteId" = ${filters.siteId}`);
  if (filters.sector)
    conditions.push(table === "s" ? Prisma.sql`s."sector" = ${filters.sector}` : Prisma.sql`g."sectorKey" = ${filters.sector}`);
  if (filters.callId) conditions.push(Prisma.sql`${alias}."callId" = ${filters.callId}`);
  return Prisma.join(conditions, " AND ");
}

/** A count or sum as the drivers return it: a bigint from PostgreSQL, null for the sum of nothing. */
type Sum = number | bigint | null;
const toNumber = (value: Sum) => Number(value ?? 0);

/** The projects of one site and sector that share a survival observation, with their figures added up. */
type ProjectGroup = {
  siteId: string;
  sector: Sector | null;
  survivalMonths: number;
  ceased: boolean | number;
  projects: Sum;
  reached: Sum;
  successes: Sum;
  answered: Sum;
  funding: Sum;
  funded: Sum;
  withLatest: Sum;
  fullTime: Sum;
  partTime: Sum;
  exporting: Sum;
};
type QuintileRow = { quintile: Sum; count: Sum; successes: Sum; minScore: number; maxScore: number };
type MomentsRow = { key: string; success: boolean | number; count: Sum; sum: Sum; sumOfSquares: Sum; min: Sum; max: Sum };

const asMoments = (row: MomentsRow): Moments & { success: boolean } => ({
  success: Boolean(row.success),
  count: toNumber(row.count),
  sum: toNumber(row.sum),
  sumOfSquares: toNumber(row.sumOfSquares),
  min: toNumber(row.min),
  max: toNumber(row.max),
});

/** Every figure of the outcomes dashboard for the projects the filters pick, as of `now`. */
export async function outcomesDashboard(filters: OutcomeFilters, now = new Date()) {
  const where = followedWhere(filters);
  const groupWhere = followedWhere(filters, "g");
  // An 18-month outcome counts once its day has come.
  const known = Prisma.sql`s."outcomeKnownAt" <= ${now}`;
  const [groups, jobsHistogram, scored, criteria, reviews, missing, jobsByMonth, sites] = await Promise.all([
    db.$queryRaw<ProjectGroup[]>`
      SELECT s."siteId", s."sector", s."survivalMonths", s."ceased", COUNT(*) AS "projects",
        SUM(CASE WHEN ${known} THEN 1 ELSE 0 END) AS "reached",
        SUM(CASE WHEN ${known} AND s."succeeded" THEN 1 ELSE 0 END) AS "successes",
        SUM(s."answered") AS "answered", SUM(s."funding") AS "funding",
        SUM(CASE WHEN s."funding" > 0 THEN 1 ELSE 0 END) AS "funded",
        COUNT(s."latestFullTimeJobs") AS "withLatest", SUM(s."latestFullTimeJobs") AS "fullTime",
        SUM(s."latestPartTimeJobs") AS "partTime", SUM(CASE WHEN s."latestExportShare" > 0 THEN 1 ELSE 0 END) AS "exporting"
      FROM "FollowUpSummary" s WHERE ${where}
      GROUP BY s."siteId", s."sector", s."survivalMonths", s."ceased"`,
    db.$queryRaw<Array<{ jobs: number; projects: Sum }>>`
      SELECT s."latestFullTimeJobs" AS "jobs", COUNT(*) AS "projects" FROM "FollowUpSummary" s
      WHERE ${where} AND s."latestFullTimeJobs" IS NOT NULL GROUP BY s."latestFullTimeJobs"`,
    // successByScoreQuintile's grouping (rank k of n, from 0: quintile ⌊(2k + 1)·5 / 2n⌋ + 1, equal scores in the
    // projects' order), done where the scores are: twenty thousand rows would cost more to send than to count.
    db.$queryRaw<QuintileRow[]>`
      SELECT ranked."quintile", COUNT(*) AS "count", SUM(ranked."success") AS "successes", MIN(ranked."score") AS "minScore",
        MAX(ranked."score") AS "maxScore"
      FROM (
        SELECT s."score", CASE WHEN s."succeeded" THEN 1 ELSE 0 END AS "success",
          ((2 * ROW_NUMBER() OVER (ORDER BY s."score", s."applicationId") - 1) * 5) / (2 * COUNT(*) OVER ()) + 1 AS "quintile"
        FROM "FollowUpSummary" s WHERE ${where} AND ${known} AND s."score" IS NOT NULL
      ) ranked
      GROUP BY ranked."quintile"`,
    db.$queryRaw<Array<MomentsRow & { label: string }>>`
      SELECT g."criterionKey" AS "key", MIN(g."criterionLabel") AS "label", g."succeeded" AS "success", SUM(g."count") AS "count",
        SUM(g."sum") AS "sum", SUM(g."sumOfSquares") AS "sumOfSquares", MIN(g."min") AS "min", MAX(g."max") AS "max"
      FROM "FollowUpCriterionMoments" g WHERE ${groupWhere} AND g."outcomeKnownAt" <= ${now}
      GROUP BY g."criterionKey", g."succeeded"`,
    db.$queryRaw<Array<MomentsRow & { name: string }>>`
      SELECT byReviewer.*, u."name" FROM (
        SELECT g."reviewerId" AS "key", g."succeeded" AS "success", SUM(g."count") AS "count", SUM(g."sum") AS "sum",
          SUM(g."sumOfSquares") AS "sumOfSquares", MIN(g."min") AS "min", MAX(g."max") AS "max"
        FROM "FollowUpReviewerMoments" g WHERE ${groupWhere} AND g."outcomeKnownAt" <= ${now}
        GROUP BY g."reviewerId", g."succeeded"
      ) byReviewer JOIN "User" u ON u."id" = byReviewer."key"`,
    db.$queryRaw<Array<{ missing: Sum }>>`
      SELECT COUNT(*) AS "missing" FROM "CheckIn" ci JOIN "FollowUpSummary" s ON s."applicationId" = ci."applicationId"
      WHERE ${where} AND ci."submittedAt" IS NULL AND ci."dueAt" <= ${now}`,
    db.$queryRaw<Array<{ monthsAfter: number; fullTime: Sum; partTime: Sum; answered: Sum }>>`
      SELECT g."monthsAfter", SUM(g."fullTime") AS "fullTime", SUM(g."partTime") AS "partTime", SUM(g."answered") AS "answered"
      FROM "FollowUpJobsByMonth" g WHERE ${groupWhere}
      GROUP BY g."monthsAfter" ORDER BY g."monthsAfter"`,
    db.site.findMany({ select: { id: true, name: true } }),
  ]);

  const siteName = new Map(sites.map((site) => [site.id, site.name]));
  const total = (figure: keyof ProjectGroup) => groups.reduce((sum, group) => sum + toNumber(group[figure] as Sum), 0);
  /** Kaplan–Meier over the groups picked, one observation per project. */
  const survivalOf = (picked: readonly ProjectGroup[]) => {
    const observations: Observation[] = [];
    for (const group of picked) {
      const observation = { time: Number(group.survivalMonths), event: Boolean(group.ceased) };
      for (let index = 0; index < toNumber(group.projects); index++) observations.push(observation);
    }
    const curve = kaplanMeier(observations);
    return {
      projects: observations.length,
      points: SURVIVAL_YEARS.map((years) => ({ years, point: survivalAt(curve, years * 12) })),
      // Null past the last project observed: the curve stops where the data does.
      curve: CURVE_MONTHS.map((months) => ({ months, survival: survivalAt(curve, months)?.survival ?? null })),
    };
  };
  /** Survival curves per site and per sector, for the charts and their tables. */
  const curvesBy = (groupOf: (group: ProjectGroup) => string) => {
    const byName = new Map<string, ProjectGroup[]>();
    for (const group of groups) byName.set(groupOf(group), [...(byName.get(groupOf(group)) ?? []), group]);
    return [...byName.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, picked]) => ({ group: name, ...survivalOf(picked) }));
  };

  const projects = total("projects");
  const reached = total("reached");
  const successes = total("successes");
  const withLatest = total("withLatest");
  const exporting = total("exporting");
  const fullTimeJobs = jobsHistogram.flatMap((row) => Array<number>(toNumber(row.projects)).fill(Number(row.jobs)));
  const byCriterion = correlationsWithSuccess(criteria.map((row) => ({ ...asMoments(row), key: row.key })));
  const criterionLabels = new Map(criteria.map((row) => [row.key, row.label]));
  const reviewerNames = new Map(reviews.map((row) => [row.key, row.name]));

  return {
    projects,
    checkInsMissing: toNumber(missing[0]?.missing ?? 0),
    checkInsAnswered: total("answered"),
    success: { successes, reached, rate: reached === 0 ? null : successes / reached },
    survival: survivalOf(groups).points,
    survivalBySite: curvesBy((group) => siteName.get(group.siteId) ?? ""),
    survivalBySector: curvesBy((group) => group.sector ?? ""),
    jobs: { projects: withLatest, fullTime: total("fullTime"), partTime: total("partTime"), medianFullTime: median(fullTimeJobs) },
    jobsByMonth: jobsByMonth.map((row) => ({
      monthsAfter: Number(row.monthsAfter),
      fullTime: toNumber(row.fullTime),
      partTime: toNumber(row.partTime),
      answered: toNumber(row.answered),
    })),
    exporting: { projects: withLatest, exporting, share: withLatest > 0 ? exporting / withLatest : null },
    funding: { total: total("funding"), projects: total("funded") },
    // Did the selection predict it? Only projects old enough to have a success at 18 months count.
    prediction: {
      projects: scored.reduce((sum, row) => sum + toNumber(row.count), 0),
      quintiles: quintileOutcomes(
        scored.map((row) => ({
          quintile: toNumber(row.quintile) as Quintile,
          count: toNumber(row.count),
          successes: toNumber(row.successes),
          minScore: Number(row.minScore),
          maxScore: Number(row.maxScore),
        })),
      ),
      criteria: [...byCriterion].map(([key, entry]) => ({
        key,
        label: criterionLabels.get(key) ?? key,
        projects: entry.count,
        correlation: entry.correlation,
      })),
      reviewers: reviewerAgreement(reviews.map((row) => ({ ...asMoments(row), reviewerId: row.key }))).map((agreement) => ({
        ...agreement,
        name: reviewerNames.get(agreement.reviewerId) ?? "",
      })),
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
        SELECT ci."id", a."projectName", site."name" AS "siteName", s."sector", c."name" AS "cohortName", ci."monthsAfter", ci."dueAt",
          ci."submittedAt", ci."onBehalf", ci."answers"
        FROM "CheckIn" ci JOIN "FollowUpSummary" s ON s."applicationId" = ci."applicationId"
          JOIN "Application" a ON a."id" = ci."applicationId" JOIN "Cohort" c ON c."id" = s."cohortId" JOIN "Site" site ON site."id" = s."siteId"
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
