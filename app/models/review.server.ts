import { db } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import type { ApplicationStatus, AssignmentStatus, Locale, Recommendation, ReviewStage, Sector } from "~/domain/constants.ts";
import { nullsComeFirstAscending } from "~/db/sql-dialect.server.ts";
import {
  projectColumns,
  projectOf,
  readAttachments,
  readCriteria,
  readTeamMembers,
  type ProjectColumns,
} from "./application-parts.server.ts";
import { UserError } from "~/domain/errors.ts";
import { weightedScore } from "~/domain/scoring.ts";
import type { ReviewInput } from "~/schemas/review.ts";
import { listCallTitles } from "./reference-data.server.ts";
import { showText } from "~/domain/call-texts.ts";
import { rankingRequested, requestRankingRefresh } from "./scores.server.ts";
import { answerWriting, getQuestionnaire, readAnswers } from "./call-questions.server.ts";
import { showAnswers } from "~/domain/answers-view.ts";

type LocalizedText = Partial<Record<Locale, string>>;
type LocalizedAnchors = Partial<Record<Locale, string[]>>;

/** A criterion's label (stored as JSON by language) in the reader's language, falling back to French, then its key. */
export function criterionLabel(criterion: { key: string; label: string }, locale: Locale): string {
  const label = JSON.parse(criterion.label) as LocalizedText;
  return label[locale] ?? label.fr ?? criterion.key;
}

/** A criterion in the reader's language (falling back to French). */
export function localizeCriterion(criterion: { id: string; key: string; label: string; anchors: string; weight: number }, locale: Locale) {
  const anchors = JSON.parse(criterion.anchors) as LocalizedAnchors;
  return {
    id: criterion.id,
    key: criterion.key,
    weight: criterion.weight,
    label: criterionLabel(criterion, locale),
    anchors: anchors[locale] ?? anchors.fr ?? [],
  };
}

/** The stage an assignment belongs to is open while the application sits in that stage. */
const stageIsOpen = (stage: string, applicationStatus: string) => stage === applicationStatus;

/** A reviewer's queue, earliest due first (the database's place for an assignment with no due date): for the raw queries. */
const QUEUE_ORDER_COLUMNS = ["dueAt", "createdAt", "id"] as const;
const QUEUE_ORDER_SQL = Prisma.raw(QUEUE_ORDER_COLUMNS.map((column) => `ra."${column}" ASC`).join(", "));
export const QUEUE_PAGE_SIZE = 50;

/** How many assignments the reviewer has to do and has done. */
export async function reviewerQueueCounts(reviewerId: string) {
  const groups = await db.reviewAssignment.groupBy({ by: ["status"], where: { reviewerId }, _count: { _all: true } });
  const count = (status: string) => groups.find((g) => g.status === status)?._count._all ?? 0;
  return { todo: count("PENDING"), done: count("SUBMITTED") };
}

type QueueRow = {
  id: string;
  stage: ReviewStage;
  status: AssignmentStatus;
  dueAt: Date | null;
  reviewId: string | null;
  reviewSubmittedAt: Date | null;
  applicationId: string;
  projectName: string;
  applicationStatus: ApplicationStatus;
  sector: Sector;
  callId: string;
};

/** The query of listReviewerQueue (exported for the test of its plan): read off the index in queue order, never sorted. */
export function reviewerQueueQuery(reviewerId: string, status: "PENDING" | "SUBMITTED", page: number): Prisma.Sql {
  return Prisma.sql`
      SELECT ra."id", ra."stage", ra."status", ra."dueAt",
             r."id" AS "reviewId", r."submittedAt" AS "reviewSubmittedAt",
             a."id" AS "applicationId", a."projectName", a."status" AS "applicationStatus", a."sector", a."callId"
      FROM "ReviewAssignment" ra
      JOIN "Application" a ON a."id" = ra."applicationId"
      LEFT JOIN "Review" r ON r."assignmentId" = ra."id"
      WHERE ra."reviewerId" = ${reviewerId} AND ra."status" = ${status}
      ORDER BY ${QUEUE_ORDER_SQL}
      LIMIT ${QUEUE_PAGE_SIZE} OFFSET ${(page - 1) * QUEUE_PAGE_SIZE}`;
}

/**
 * One page of the reviewer's assignments in a status, in queue order (earliest due first).
 * One query with its joins: Prisma's nested select sent three (assignments, then their
 * reviews, then their applications), each through the query compiler.
 */
export async function listReviewerQueue(reviewerId: string, status: "PENDING" | "SUBMITTED", page = 1) {
  const [rows, calls] = await Promise.all([
    db.$queryRaw<QueueRow[]>(reviewerQueueQuery(reviewerId, status, page)),
    // Call titles from the cached list of calls rather than one more join per page.
    listCallTitles(),
  ]);
  return rows.map((row) => ({
    id: row.id,
    stage: row.stage,
    status: row.status,
    dueAt: row.dueAt,
    review: row.reviewId === null ? null : { submittedAt: row.reviewSubmittedAt },
    application: {
      id: row.applicationId,
      projectName: row.projectName,
      status: row.applicationStatus,
      sector: row.sector,
      callTitle: calls.get(row.callId) ?? { fr: "", en: null, ar: null },
    },
  }));
}

type WorkspaceRow = ProjectColumns & {
  id: string;
  assignmentStage: ReviewStage;
  status: AssignmentStatus;
  dueAt: Date | null;
  /** Null when the reviewer has not started a review. */
  reviewId: string | null;
  privateComment: string | null;
  founderFeedback: string | null;
  recommendation: Recommendation | null;
  reviewSubmittedAt: Date | null;
  applicationId: string;
  applicationStatus: ApplicationStatus;
  preferredSiteId: string | null;
  preferredSiteName: string | null;
  preferredSiteNameAr: string | null;
  alternateSiteId: string | null;
  alternateSiteName: string | null;
  alternateSiteNameAr: string | null;
  callTitle: string;
  callTitleEn: string | null;
  callTitleAr: string | null;
  blindReview: boolean;
  callId: string;
};

/** The assignment (the reviewer's own, not a conflict) with its review, its application's own columns, sites and call: one row, or none. */
function readWorkspaceRow(assignmentId: string, reviewerId: string) {
  return db.$queryRaw<WorkspaceRow[]>`
    SELECT ra."id", ra."stage" AS "assignmentStage", ra."status", ra."dueAt",
      r."id" AS "reviewId", r."privateComment", r."founderFeedback", r."recommendation", r."submittedAt" AS "reviewSubmittedAt",
      a."id" AS "applicationId", a."status" AS "applicationStatus", ${projectColumns("a")},
      ps."id" AS "preferredSiteId", ps."name" AS "preferredSiteName", ps."nameAr" AS "preferredSiteNameAr",
      alt."id" AS "alternateSiteId", alt."name" AS "alternateSiteName", alt."nameAr" AS "alternateSiteNameAr",
      c."title" AS "callTitle", c."titleEn" AS "callTitleEn", c."titleAr" AS "callTitleAr",
      -- The interview on the day is blind only where the call keeps it so (issue 19); the written review as the call says.
      CASE WHEN ra."stage" = 'INTERVIEW' THEN c."interviewBlind" ELSE c."blindReview" END AS "blindReview", a."callId"
    FROM "ReviewAssignment" ra
    JOIN "Application" a ON a."id" = ra."applicationId"
    JOIN "Call" c ON c."id" = a."callId"
    LEFT JOIN "Review" r ON r."assignmentId" = ra."id"
    LEFT JOIN "Site" ps ON ps."id" = a."preferredSiteId"
    LEFT JOIN "Site" alt ON alt."id" = a."alternateSiteId"
    WHERE ra."id" = ${assignmentId} AND ra."reviewerId" = ${reviewerId} AND ra."status" <> 'CONFLICT'`;
}

/** The criterion scores of the reviewer's own review of the assignment (none before it is started, or when it is not theirs). */
async function readOwnScores(assignmentId: string, reviewerId: string) {
  const rows = await db.$queryRaw<Array<{ criterionId: string; value: number }>>`
    SELECT s."criterionId", s."value" FROM "ReviewScore" s
    JOIN "Review" r ON r."id" = s."reviewId"
    JOIN "ReviewAssignment" ra ON ra."id" = r."assignmentId"
    WHERE r."assignmentId" = ${assignmentId} AND ra."reviewerId" = ${reviewerId} ORDER BY s."criterionId" ASC`;
  return rows.map((row) => ({ criterionId: row.criterionId, value: Number(row.value) }));
}

/**
 * One assignment as its reviewer sees it. With blind review on, nothing that
 * identifies the founders reaches the reviewer: no names, no emails, no file names,
 * no answer to an identifying question of the call (left out before the answers are written).
 * Read with plain queries (app/models/application-parts.server.ts) rather than one nested Prisma
 * select, which sent ten, each through the query compiler (about 2.5 ms of CPU for the page).
 */
export async function getReviewWorkspace(assignmentId: string, reviewerId: string, locale: Locale) {
  const [[row], scores, neighbours] = await Promise.all([
    readWorkspaceRow(assignmentId, reviewerId),
    readOwnScores(assignmentId, reviewerId),
    queueNeighbours(reviewerId, assignmentId),
  ]);
  // Nothing of the application is read unless the assignment is this reviewer's.
  if (!row) return null;
  const blind = Boolean(row.blindReview);
  const ownSubmitted = row.reviewSubmittedAt !== null;
  const [team, attachments, criteria, otherReviews, { questions }, savedAnswers] = await Promise.all([
    readTeamMembers(row.applicationId),
    readAttachments(row.applicationId),
    readCriteria(row.applicationId),
    ownSubmitted ? listOtherReviews(row.applicationId, row.id, row.assignmentStage, blind) : noOtherReviews,
    getQuestionnaire(row.callId),
    readAnswers(row.applicationId),
  ]);
  // A file answer is one of the attachments: named as they are (not at all in blind review). The file
  // answering an identifying question is that answer: in blind review it is hidden with it (showAnswers),
  // and not listed with the attachments, which leave out every file answer.
  const files = new Map(attachments.map((a) => [a.id, blind ? null : a.fileName]));
  const answers = showAnswers(
    questions,
    {
      sector: row.sector,
      siteIds: [row.preferredSiteId, row.alternateSiteId].filter((id): id is string => id !== null),
      answers: savedAnswers,
    },
    answerWriting(locale, files),
    { hideIdentifying: blind },
  );
  const site = (id: string | null, name: string | null, nameAr: string | null) =>
    id === null ? null : { name: name ?? "", nameAr: nameAr ?? "" };
  return {
    assignment: { id: row.id, stage: row.assignmentStage, status: row.status, dueAt: row.dueAt },
    editable: stageIsOpen(row.assignmentStage, row.applicationStatus),
    review:
      row.reviewId === null
        ? null
        : {
            privateComment: row.privateComment ?? "",
            founderFeedback: row.founderFeedback ?? "",
            recommendation: row.recommendation,
            submittedAt: row.reviewSubmittedAt,
            scores,
          },
    application: {
      id: row.applicationId,
      ...projectOf(row),
      preferredSite: site(row.preferredSiteId, row.preferredSiteName, row.preferredSiteNameAr),
      alternateSite: site(row.alternateSiteId, row.alternateSiteName, row.alternateSiteNameAr),
      // Roles say what the team can do without saying who they are.
      team: team.map((member) => (blind ? { role: member.role } : member)),
      attachments: attachments
        .filter((a) => a.kind !== "ANSWER")
        .map((a, index) => ({
          id: a.id,
          kind: a.kind,
          size: a.size,
          fileName: blind ? null : a.fileName,
          index,
        })),
    },
    callTitle: showText({ fr: row.callTitle, en: row.callTitleEn, ar: row.callTitleAr }, locale),
    blind,
    answers,
    criteria: criteria.map((c) => localizeCriterion(c, locale)),
    otherReviews,
    previousId: neighbours.previousId,
    nextId: neighbours.nextId,
  };
}

/**
 * One neighbour of an assignment in its reviewer's queue (every status but CONFLICT), as a scalar subquery
 * on `cur` (the assignment): the nearest one in its own group (with a due date, or without one, where
 * `(a, b) > (x, y)` compares row values), else the nearest one of the other group, which the database
 * puts before (SQLite) or after (PostgreSQL) the dated ones. Each reads one entry of an index in queue
 * order (ReviewAssignment_reviewerId_dueAt_createdAt_id_idx); a window over the whole queue sorted the
 * reviewer's 690 assignments for two ids (1.8 ms of SQLite's time per scoring page).
 */
function queueNeighbourSql(direction: "previous" | "next"): Prisma.Sql {
  const next = direction === "next";
  const after = next ? ">" : "<";
  const order = next ? "ASC" : "DESC";
  const nearest = (condition: string) => `(
      SELECT n."id" FROM "ReviewAssignment" n
      WHERE n."reviewerId" = cur."reviewerId" AND n."status" <> 'CONFLICT' AND ${condition}
      ORDER BY n."dueAt" ${order}, n."createdAt" ${order}, n."id" ${order} LIMIT 1)`;
  // Moving forwards from the group that comes first, or backwards from the one that comes second, crosses to the other.
  const fromUndated = next === nullsComeFirstAscending();
  return Prisma.raw(`COALESCE(
    ${nearest(`n."dueAt" IS NOT NULL AND (n."dueAt", n."createdAt", n."id") ${after} (cur."dueAt", cur."createdAt", cur."id")`)},
    ${nearest(`cur."dueAt" IS NULL AND n."dueAt" IS NULL AND (n."createdAt", n."id") ${after} (cur."createdAt", cur."id")`)},
    ${nearest(fromUndated ? `cur."dueAt" IS NULL AND n."dueAt" IS NOT NULL` : `cur."dueAt" IS NOT NULL AND n."dueAt" IS NULL`)})`);
}

/** The query of queueNeighbours (exported for the test of its plan). */
export function queueNeighboursQuery(reviewerId: string, assignmentId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT ${queueNeighbourSql("previous")} AS "previousId", ${queueNeighbourSql("next")} AS "nextId"
    FROM "ReviewAssignment" cur
    WHERE cur."id" = ${assignmentId} AND cur."reviewerId" = ${reviewerId}`;
}

/** The assignments before and after this one in the reviewer's queue (every status but CONFLICT). */
async function queueNeighbours(reviewerId: string, assignmentId: string): Promise<{ previousId: string | null; nextId: string | null }> {
  const [row] = await db.$queryRaw<Array<{ previousId: string | null; nextId: string | null }>>(
    queueNeighboursQuery(reviewerId, assignmentId),
  );
  return { previousId: row?.previousId ?? null, nextId: row?.nextId ?? null };
}

const noOtherReviews: Awaited<ReturnType<typeof listOtherReviews>> = [];

/** Other submitted reviews, shown to a reviewer once theirs is in (reviewers named only without blind review). */
async function listOtherReviews(applicationId: string, ownAssignmentId: string, stage: ReviewStage, blind: boolean) {
  const others = await db.review.findMany({
    where: { submittedAt: { not: null }, assignment: { applicationId, stage, id: { not: ownAssignmentId } } },
    orderBy: { submittedAt: "asc" },
    select: {
      score: true,
      recommendation: true,
      founderFeedback: true,
      scores: { select: { criterionId: true, value: true } },
      assignment: { select: { reviewer: { select: { name: true } } } },
    },
  });
  return others.map((review, index) => ({
    reviewer: blind ? null : review.assignment.reviewer.name,
    number: index + 1,
    score: review.score,
    recommendation: review.recommendation,
    scores: review.scores,
  }));
}

/**
 * Saves a review as a draft or submits it. Editable until the stage closes;
 * submitting computes the weighted score and marks the call's ranking for the
 * background job to recompute (app/models/scores.server.ts).
 */
export async function saveReview(assignmentId: string, reviewerId: string, input: ReviewInput, submit: boolean) {
  const assignment = await db.reviewAssignment.findFirst({
    where: { id: assignmentId, reviewerId, status: { not: "CONFLICT" } },
    select: {
      id: true,
      stage: true,
      applicationId: true,
      application: { select: { status: true, callId: true, call: { select: { criteria: { select: { id: true, weight: true } } } } } },
    },
  });
  if (!assignment) return null;
  if (!stageIsOpen(assignment.stage, assignment.application.status)) throw new UserError("review.stageClosed", 409);
  // A submitted review changes only as a whole (Update), so its score always matches its criteria.
  if (!submit && (await db.review.count({ where: { assignmentId: assignment.id, submittedAt: { not: null } } })) > 0) {
    throw new UserError("review.alreadySubmitted", 409);
  }
  const criteria = assignment.application.call.criteria;
  const values = Object.fromEntries(
    criteria.filter((c) => input.scores[c.id] !== undefined).map((c) => [c.id, input.scores[c.id] as number]),
  );
  const score = submit
    ? weightedScore(
        values,
        criteria.map((c) => ({ criterionId: c.id, weight: c.weight })),
      )
    : null;
  await db.$transaction(async (tx) => {
    const review = await tx.review.upsert({
      where: { assignmentId: assignment.id },
      create: {
        assignmentId: assignment.id,
        privateComment: input.privateComment,
        founderFeedback: input.founderFeedback,
        recommendation: input.recommendation ?? null,
      },
      update: {
        privateComment: input.privateComment,
        founderFeedback: input.founderFeedback,
        recommendation: input.recommendation ?? null,
      },
      select: { id: true, submittedAt: true },
    });
    await tx.reviewScore.deleteMany({ where: { reviewId: review.id } });
    await tx.reviewScore.createMany({
      data: Object.entries(values).map(([criterionId, value]) => ({ reviewId: review.id, criterionId, value })),
    });
    if (submit) {
      await tx.review.update({ where: { id: review.id }, data: { score, submittedAt: review.submittedAt ?? new Date() } });
      await tx.reviewAssignment.update({ where: { id: assignment.id }, data: { status: "SUBMITTED" } });
      await tx.auditEvent.create({
        data: {
          actorId: reviewerId,
          subjectType: "Application",
          subjectId: assignment.applicationId,
          type: review.submittedAt ? "REVIEW_UPDATED" : "REVIEW_SUBMITTED",
          details: JSON.stringify({ assignmentId: assignment.id, score }),
        },
      });
      // The call's ranking is recomputed by the background job, for every review submitted meanwhile.
      await requestRankingRefresh(tx, assignment.application.callId);
    }
  });
  if (submit) rankingRequested.notify();
  return { submitted: submit };
}

/**
 * A reviewer declares a conflict of interest: the assignment is released, the
 * declaration recorded (future runs exclude the pair) and admins see it in the audit log.
 */
export async function declareConflict(assignmentId: string, reviewerId: string, reason: string) {
  const assignment = await db.reviewAssignment.findFirst({
    where: { id: assignmentId, reviewerId, status: { not: "CONFLICT" } },
    select: { id: true, applicationId: true, status: true, application: { select: { callId: true } } },
  });
  if (!assignment) return null;
  await db.$transaction(async (tx) => {
    await tx.reviewAssignment.update({ where: { id: assignment.id }, data: { status: "CONFLICT" } });
    await tx.conflictDeclaration.upsert({
      where: { applicationId_reviewerId: { applicationId: assignment.applicationId, reviewerId } },
      create: { applicationId: assignment.applicationId, reviewerId, reason },
      update: { reason },
    });
    await tx.auditEvent.create({
      data: {
        actorId: reviewerId,
        subjectType: "Application",
        subjectId: assignment.applicationId,
        type: "CONFLICT_DECLARED",
        details: JSON.stringify({ assignmentId: assignment.id, reason, afterSubmitting: assignment.status === "SUBMITTED" }),
      },
    });
    // A review already submitted stops counting the moment its author declares a conflict.
    if (assignment.status === "SUBMITTED") await requestRankingRefresh(tx, assignment.application.callId);
  });
  if (assignment.status === "SUBMITTED") rankingRequested.notify();
  return { applicationId: assignment.applicationId };
}
