import { db } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import type { ApplicationStatus, AssignmentStatus, Locale, ReviewStage, Sector } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import { weightedScore } from "~/domain/scoring.ts";
import type { ReviewInput } from "~/schemas/review.ts";
import { listCallTitles } from "./reference-data.server.ts";
import { rankingRequested, requestRankingRefresh } from "./scores.server.ts";

type LocalizedText = Partial<Record<Locale, string>>;
type LocalizedAnchors = Partial<Record<Locale, string[]>>;

/** A criterion in the reader's language (falling back to French). */
export function localizeCriterion(criterion: { id: string; key: string; label: string; anchors: string; weight: number }, locale: Locale) {
  const label = JSON.parse(criterion.label) as LocalizedText;
  const anchors = JSON.parse(criterion.anchors) as LocalizedAnchors;
  return {
    id: criterion.id,
    key: criterion.key,
    weight: criterion.weight,
    label: label[locale] ?? label.fr ?? criterion.key,
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

/**
 * One page of the reviewer's assignments in a status, in queue order (earliest due first).
 * One query with its joins: Prisma's nested select sent three (assignments, then their
 * reviews, then their applications), each through the query compiler.
 */
export async function listReviewerQueue(reviewerId: string, status: "PENDING" | "SUBMITTED", page = 1) {
  const [rows, calls] = await Promise.all([
    db.$queryRaw<QueueRow[]>`
      SELECT ra."id", ra."stage", ra."status", ra."dueAt",
             r."id" AS "reviewId", r."submittedAt" AS "reviewSubmittedAt",
             a."id" AS "applicationId", a."projectName", a."status" AS "applicationStatus", a."sector", a."callId"
      FROM "ReviewAssignment" ra
      JOIN "Application" a ON a."id" = ra."applicationId"
      LEFT JOIN "Review" r ON r."assignmentId" = ra."id"
      WHERE ra."reviewerId" = ${reviewerId} AND ra."status" = ${status}
      ORDER BY ${QUEUE_ORDER_SQL}
      LIMIT ${QUEUE_PAGE_SIZE} OFFSET ${(page - 1) * QUEUE_PAGE_SIZE}`,
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
      callTitle: calls.get(row.callId) ?? "",
    },
  }));
}

/**
 * One assignment as its reviewer sees it. With blind review on, nothing that
 * identifies the founders reaches the reviewer: no names, no emails, no file names.
 */
export async function getReviewWorkspace(assignmentId: string, reviewerId: string, locale: Locale) {
  const assignment = await db.reviewAssignment.findFirst({
    where: { id: assignmentId, reviewerId, status: { not: "CONFLICT" } },
    select: {
      id: true,
      stage: true,
      status: true,
      dueAt: true,
      review: {
        select: {
          privateComment: true,
          founderFeedback: true,
          recommendation: true,
          submittedAt: true,
          scores: { select: { criterionId: true, value: true } },
        },
      },
      application: {
        select: {
          id: true,
          status: true,
          projectName: true,
          tagline: true,
          problem: true,
          solution: true,
          market: true,
          traction: true,
          stage: true,
          sector: true,
          preferredSite: { select: { name: true, nameAr: true } },
          alternateSite: { select: { name: true, nameAr: true } },
          teamMembers: { orderBy: { position: "asc" }, select: { name: true, email: true, role: true } },
          attachments: { orderBy: { createdAt: "asc" }, select: { id: true, kind: true, fileName: true, size: true } },
          call: {
            select: {
              title: true,
              blindReview: true,
              criteria: { orderBy: { position: "asc" }, select: { id: true, key: true, label: true, anchors: true, weight: true } },
            },
          },
        },
      },
    },
  });
  if (!assignment) return null;
  const { application } = assignment;
  const blind = application.call.blindReview;
  const ownSubmitted = Boolean(assignment.review?.submittedAt);
  const neighbours = await queueNeighbours(reviewerId, assignment.id);
  const otherReviews = ownSubmitted ? await listOtherReviews(application.id, assignment.id, assignment.stage, blind) : [];
  return {
    assignment: { id: assignment.id, stage: assignment.stage, status: assignment.status, dueAt: assignment.dueAt },
    editable: stageIsOpen(assignment.stage, application.status),
    review: assignment.review,
    application: {
      projectName: application.projectName,
      tagline: application.tagline,
      problem: application.problem,
      solution: application.solution,
      market: application.market,
      traction: application.traction,
      stage: application.stage,
      sector: application.sector,
      preferredSite: application.preferredSite,
      alternateSite: application.alternateSite,
      // Roles say what the team can do without saying who they are.
      team: application.teamMembers.map((member) => (blind ? { role: member.role } : member)),
      attachments: application.attachments.map((a, index) => ({
        id: a.id,
        kind: a.kind,
        size: a.size,
        fileName: blind ? null : a.fileName,
        index,
      })),
    },
    callTitle: application.call.title,
    blind,
    criteria: application.call.criteria.map((c) => localizeCriterion(c, locale)),
    otherReviews,
    previousId: neighbours.previousId,
    nextId: neighbours.nextId,
  };
}

/**
 * The assignments before and after this one in the reviewer's queue (every status but CONFLICT). Found by
 * the database with a window over the queue order: reading the whole queue's ids through Prisma to pick two
 * cost about a third of the scoring page's CPU for a reviewer with 690 assignments (5.9 → 2.2 ms).
 */
async function queueNeighbours(reviewerId: string, assignmentId: string): Promise<{ previousId: string | null; nextId: string | null }> {
  const [row] = await db.$queryRaw<Array<{ previousId: string | null; nextId: string | null }>>`
    SELECT "previousId", "nextId" FROM (
      SELECT ra."id", LAG(ra."id") OVER queue AS "previousId", LEAD(ra."id") OVER queue AS "nextId"
      FROM "ReviewAssignment" ra
      WHERE ra."reviewerId" = ${reviewerId} AND ra."status" <> 'CONFLICT'
      WINDOW queue AS (ORDER BY ${QUEUE_ORDER_SQL})
    ) AS "ordered"
    WHERE "id" = ${assignmentId}`;
  return { previousId: row?.previousId ?? null, nextId: row?.nextId ?? null };
}

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
