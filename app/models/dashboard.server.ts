import { db } from "~/db/client.server.ts";
import { APPLICATION_STATUSES, SECTORS } from "~/domain/constants.ts";
import { listCallsForAdmin } from "./admin-application.server.ts";
import { listSites } from "./reference-data.server.ts";
import { callText } from "~/domain/call-texts.ts";
import { answerDistributions } from "~/domain/answers-view.ts";
import type { Locale } from "~/domain/constants.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { answerWriting, getQuestionnaire } from "./call-questions.server.ts";

const OFFERED = ["ACCEPTED", "ENROLLED", "DECLINED"];
const DECIDED = [...OFFERED, "WAITLISTED", "REJECTED"];

/** A call's numbers for the dashboard, each computed by one grouped query. */
export async function callDashboard(callId: string) {
  const [byStatus, bySectorSite, assignments, cohorts, sites] = await Promise.all([
    db.application.groupBy({ by: ["status"], where: { callId }, _count: { _all: true } }),
    db.application.groupBy({
      by: ["sector", "preferredSiteId", "status"],
      where: { callId, status: { not: "DRAFT" } },
      _count: { _all: true },
    }),
    db.reviewAssignment.groupBy({ by: ["status"], where: { application: { callId } }, _count: { _all: true } }),
    db.cohort.findMany({
      where: { callId },
      select: {
        id: true,
        name: true,
        capacity: true,
        site: { select: { name: true } },
        _count: { select: { enrolled: true, offers: { where: { status: "PENDING" } } } },
      },
    }),
    listSites(),
  ]);
  const count = (rows: Array<{ _count: { _all: number } }>) => rows.reduce((sum, r) => sum + r._count._all, 0);
  const rate = (rows: typeof bySectorSite) => {
    const decided = count(rows.filter((r) => DECIDED.includes(r.status)));
    return { decided, accepted: count(rows.filter((r) => OFFERED.includes(r.status))) };
  };
  const usedSites = sites.filter((site) => bySectorSite.some((r) => r.preferredSiteId === site.id));
  return {
    funnel: APPLICATION_STATUSES.map((status) => ({ status, count: byStatus.find((r) => r.status === status)?._count._all ?? 0 })),
    sectorSite: {
      sites: usedSites.map((s) => ({ id: s.id, name: s.name })),
      rows: SECTORS.map((sector) => ({
        sector,
        bySite: usedSites.map((site) => count(bySectorSite.filter((r) => r.sector === sector && r.preferredSiteId === site.id))),
      })),
    },
    reviews: {
      submitted: assignments.find((a) => a.status === "SUBMITTED")?._count._all ?? 0,
      total: count(assignments.filter((a) => a.status !== "CONFLICT")),
    },
    acceptanceBySector: SECTORS.map((sector) => ({ key: sector, ...rate(bySectorSite.filter((r) => r.sector === sector)) })),
    acceptanceBySite: usedSites.map((site) => ({ key: site.name, ...rate(bySectorSite.filter((r) => r.preferredSiteId === site.id)) })),
    seats: cohorts.map((c) => ({
      name: `${c.name} (${c.site.name})`,
      capacity: c.capacity,
      enrolled: c._count.enrolled,
      offered: c._count.offers,
    })),
  };
}

/**
 * How many of the call's submitted applications picked each choice (or "yes"/"no"), by question id: the
 * picks of the call's questions read off AnswerChoice's primary key (questionId, choice, applicationId),
 * so the groups arrive in its order, never sorted; drafts left out by a lookup of each pick's application
 * (a scalar subquery: never turned into a join the planner could start from, as PostgreSQL did with few applications).
 */
export function pickedChoiceCountsQuery(callId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT ac."questionId", ac."choice", COUNT(*) AS "count"
    FROM "AnswerChoice" ac
    WHERE ac."questionId" IN (SELECT "id" FROM "CallQuestion" WHERE "callId" = ${callId})
      AND (SELECT a."status" FROM "Application" a WHERE a."id" = ac."applicationId") <> 'DRAFT'
    GROUP BY ac."questionId", ac."choice"`;
}

/**
 * For the call dashboard: how the call's submitted applications answered each choice and yes/no
 * question (app/domain/answers-view.ts, answerDistributions), labels in `locale`. One grouped query.
 */
export async function answerDistributionsOfCall(callId: string, locale: Locale) {
  const [{ questions }, rows] = await Promise.all([
    getQuestionnaire(callId),
    db.$queryRaw<Array<{ questionId: string; choice: string; count: number | bigint }>>(pickedChoiceCountsQuery(callId)),
  ]);
  const keyOf = new Map(questions.map((question) => [question.id, question.key]));
  const counts = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const key = keyOf.get(row.questionId);
    if (key === undefined) continue;
    let byChoice = counts.get(key);
    if (!byChoice) counts.set(key, (byChoice = new Map()));
    byChoice.set(row.choice, Number(row.count));
  }
  const { yes, no } = answerWriting(locale);
  return answerDistributions(questions, counts, { locale, yes, no });
}

/** The admin home: calls, and counts of what waits for an admin. */
export async function adminOverview() {
  const [calls, toScreen, deadEmails, conflicts] = await Promise.all([
    listCallsForAdmin(),
    db.application.count({ where: { status: { in: ["SUBMITTED", "SCREENING"] } } }),
    db.outboxEmail.count({ where: { status: "DEAD" } }),
    db.conflictDeclaration.count(),
  ]);
  return {
    calls: calls.map((call) => ({ id: call.id, title: callText(call, "title"), status: call.status })),
    toScreen,
    deadEmails,
    conflicts,
  };
}
