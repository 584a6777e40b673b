// Each followed project's figures as the outcomes dashboard adds them up (issue 17): its survival
// observation, 18-month outcome, funding and latest check-in (followUpSummary, app/domain/outcomes.ts);
// and, per cohort and sector, the moments of the selection's scores split by outcome and the jobs at each
// check-in month. Rewritten in the transaction of every change they depend on, so the dashboard reads
// narrow rows and small groups instead of every project's check-ins and reviews.
import type { Tx } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { FOLLOW_UP_STATUSES, type ApplicationStatus } from "~/domain/constants.ts";
import { followUpSummary } from "~/domain/outcomes.ts";

/**
 * Which projects to refresh: one application (whatever its status: one that left the follow-up loses its
 * row), the followed projects of a call or a cohort, or the followed projects without a row yet (a
 * database that had followed projects before the summaries existed).
 */
export type SummaryScope = { applicationId: string } | { callId: string } | { cohortId: string } | { missing: true };

const BATCH = 500;
const FOLLOWED: ApplicationStatus[] = [...FOLLOW_UP_STATUSES];

function scopeWhere(scope: SummaryScope) {
  if ("applicationId" in scope) return { id: scope.applicationId };
  if ("callId" in scope) return { callId: scope.callId, status: { in: FOLLOWED } };
  if ("cohortId" in scope) return { enrolledCohortId: scope.cohortId, status: { in: FOLLOWED } };
  return { status: { in: FOLLOWED }, followUpSummary: { is: null } };
}

/**
 * Rewrites the summaries of the projects in `scope`, in batches, then the figures of the cohorts and sectors
 * they belong to (or belonged to); returns how many projects it summarized.
 */
export async function refreshFollowUpSummaries(client: Tx, scope: SummaryScope): Promise<number> {
  let after = "";
  let summarized = 0;
  const groups = new Map<string, { cohortId: string; sectorKey: string }>();
  for (;;) {
    const applications = await client.application.findMany({
      where: { ...scopeWhere(scope), id: { gt: after } },
      orderBy: { id: "asc" },
      take: BATCH,
      select: {
        id: true,
        status: true,
        callId: true,
        sector: true,
        rawScore: true,
        normalizedScore: true,
        graduatedAt: true,
        ceasedAt: true,
        enrolledCohort: { select: { id: true, siteId: true, startsAt: true } },
        checkIns: {
          where: { submittedAt: { not: null } },
          select: {
            dueAt: true,
            operating: true,
            ceasedOn: true,
            fullTimeJobs: true,
            partTimeJobs: true,
            exportShare: true,
            fundingAmount: true,
          },
        },
      },
    });
    if (applications.length === 0) break;
    after = applications[applications.length - 1].id;
    const ids = applications.map((application) => application.id);
    // The groups these projects leave count again too (a project that left the follow-up, a changed sector).
    for (const previous of await client.followUpSummary.findMany({
      where: { applicationId: { in: ids } },
      select: { cohortId: true, sector: true },
    }))
      groups.set(`${previous.cohortId} ${previous.sector ?? ""}`, { cohortId: previous.cohortId, sectorKey: previous.sector ?? "" });
    await client.followUpSummary.deleteMany({ where: { applicationId: { in: ids } } });

    const summaries = [];
    for (const application of applications) {
      const cohort = application.enrolledCohort;
      if (!cohort || !FOLLOWED.includes(application.status)) continue;
      summaries.push({
        applicationId: application.id,
        callId: application.callId,
        cohortId: cohort.id,
        siteId: cohort.siteId,
        sector: application.sector,
        score: application.normalizedScore ?? application.rawScore,
        ...followUpSummary({
          startedAt: cohort.startsAt,
          graduatedAt: application.graduatedAt,
          ceasedAt: application.ceasedAt,
          checkIns: application.checkIns,
        }),
      });
      groups.set(`${cohort.id} ${application.sector ?? ""}`, { cohortId: cohort.id, sectorKey: application.sector ?? "" });
    }
    if (summaries.length > 0) await client.followUpSummary.createMany({ data: summaries });
    summarized += summaries.length;
    if (applications.length < BATCH) break;
  }
  for (const group of groups.values()) await refreshGroupFigures(client, group);
  return summarized;
}

/**
 * Rewrites a cohort and sector's moments and jobs by month from its projects' summaries: the mean score each
 * project got on each criterion (its submitted reviews'), each reviewer's score, and the answered check-ins.
 */
async function refreshGroupFigures(client: Tx, { cohortId, sectorKey }: { cohortId: string; sectorKey: string }) {
  const inGroup = Prisma.sql`s."cohortId" = ${cohortId} AND COALESCE(CAST(s."sector" AS TEXT), '') = ${sectorKey}`;
  const groupColumns = Prisma.sql`MIN(s."callId"), MIN(s."siteId")`;
  await client.followUpCriterionMoments.deleteMany({ where: { cohortId, sectorKey } });
  await client.followUpReviewerMoments.deleteMany({ where: { cohortId, sectorKey } });
  await client.followUpJobsByMonth.deleteMany({ where: { cohortId, sectorKey } });
  await client.$executeRaw`
    INSERT INTO "FollowUpCriterionMoments" ("cohortId", "sectorKey", "succeeded", "criterionKey", "criterionLabel", "callId", "siteId",
      "outcomeKnownAt", "count", "sum", "sumOfSquares", "min", "max")
    SELECT ${cohortId}, ${sectorKey}, s."succeeded", v."key", MIN(v."label"), ${groupColumns}, MIN(s."outcomeKnownAt"),
      COUNT(*), SUM(v."value"), SUM(v."value" * v."value"), MIN(v."value"), MAX(v."value")
    FROM (
      SELECT ra."applicationId", cr."key", MIN(cr."label") AS "label", AVG(rs."value") AS "value"
      FROM "ReviewScore" rs JOIN "Review" r ON r."id" = rs."reviewId" JOIN "ReviewAssignment" ra ON ra."id" = r."assignmentId"
        JOIN "Criterion" cr ON cr."id" = rs."criterionId" JOIN "FollowUpSummary" s ON s."applicationId" = ra."applicationId"
      WHERE ${inGroup} AND r."submittedAt" IS NOT NULL AND ra."stage" = 'REVIEW'
      GROUP BY ra."applicationId", cr."key"
    ) v JOIN "FollowUpSummary" s ON s."applicationId" = v."applicationId"
    GROUP BY s."succeeded", v."key"`;
  await client.$executeRaw`
    INSERT INTO "FollowUpReviewerMoments" ("cohortId", "sectorKey", "succeeded", "reviewerId", "callId", "siteId", "outcomeKnownAt",
      "count", "sum", "sumOfSquares", "min", "max")
    SELECT ${cohortId}, ${sectorKey}, s."succeeded", ra."reviewerId", ${groupColumns}, MIN(s."outcomeKnownAt"),
      COUNT(*), SUM(r."score"), SUM(r."score" * r."score"), MIN(r."score"), MAX(r."score")
    FROM "Review" r JOIN "ReviewAssignment" ra ON ra."id" = r."assignmentId" JOIN "FollowUpSummary" s ON s."applicationId" = ra."applicationId"
    WHERE ${inGroup} AND r."submittedAt" IS NOT NULL AND r."score" IS NOT NULL AND ra."stage" = 'REVIEW'
    GROUP BY s."succeeded", ra."reviewerId"`;
  await client.$executeRaw`
    INSERT INTO "FollowUpJobsByMonth" ("cohortId", "sectorKey", "monthsAfter", "callId", "siteId", "fullTime", "partTime", "answered")
    SELECT ${cohortId}, ${sectorKey}, ci."monthsAfter", ${groupColumns},
      COALESCE(SUM(ci."fullTimeJobs"), 0), COALESCE(SUM(ci."partTimeJobs"), 0), COUNT(*)
    FROM "CheckIn" ci JOIN "FollowUpSummary" s ON s."applicationId" = ci."applicationId"
    WHERE ${inGroup} AND ci."submittedAt" IS NOT NULL
    GROUP BY ci."monthsAfter"`;
}
