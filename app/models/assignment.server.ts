import crypto from "node:crypto";
import { env } from "~/config/env.server.ts";
import { db, type Tx } from "~/db/client.server.ts";
import { cachedUntilChange } from "~/db/read-cache.server.ts";
import { toLocale } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import {
  conflictBetween,
  OVERRIDABLE_CONFLICTS,
  planAssignments,
  type AssignmentApplication,
  type AssignmentPlan,
  type AssignmentReviewer,
  type ConflictReason,
} from "~/domain/assignment.ts";
import { enqueueEmail } from "~/email/outbox.server.ts";
import { APPLICATION_NAME_SELECT } from "./application-select.server.ts";

export const REVIEW_DUE_DAYS = 14;

/** What the assignment planner needs for one call's applications in a stage. */
async function gatherInputs(callId: string, stage: "REVIEW" | "INTERVIEW", applicationIds?: string[]) {
  const [reviewers, applications] = await Promise.all([
    db.user.findMany({
      where: { roles: { some: { role: "REVIEWER" } } },
      select: {
        id: true,
        email: true,
        active: true,
        reviewerProfile: { select: { sectors: true, maxLoad: true, sites: { select: { id: true } } } },
        _count: { select: { assignments: { where: { status: "PENDING" } } } },
      },
    }),
    db.application.findMany({
      where: { callId, status: stage, ...(applicationIds ? { id: { in: applicationIds } } : {}) },
      select: {
        id: true,
        sector: true,
        preferredSiteId: true,
        teamMembers: { select: { email: true } },
        assignments: { where: { stage, status: { not: "CONFLICT" } }, select: { reviewerId: true } },
        conflicts: { select: { reviewerId: true } },
        conflictOverrides: { select: { reviewerId: true } },
      },
    }),
  ]);
  const plannerReviewers: AssignmentReviewer[] = reviewers.map((r) => ({
    id: r.id,
    email: r.email,
    active: r.active,
    maxLoad: r.reviewerProfile?.maxLoad ?? 0,
    currentLoad: r._count.assignments,
    sectors: r.reviewerProfile?.sectors.split(",").filter(Boolean) ?? [],
    siteIds: r.reviewerProfile?.sites.map((s) => s.id) ?? [],
  }));
  const plannerApplications: AssignmentApplication[] = applications.map((a) => ({
    id: a.id,
    sector: a.sector,
    preferredSiteId: a.preferredSiteId,
    teamEmails: a.teamMembers.map((m) => m.email),
    existingReviewerIds: a.assignments.map((x) => x.reviewerId),
    declaredConflictReviewerIds: a.conflicts.map((c) => c.reviewerId),
    overriddenConflictReviewerIds: a.conflictOverrides.map((o) => o.reviewerId),
  }));
  return { reviewers: plannerReviewers, applications: plannerApplications };
}

/**
 * Staffs every application of the call in REVIEW up to the call's number of
 * reviewers, records the run, and sends each reviewer one digest email.
 */
export async function runAssignment(callId: string, actorId: string, stage: "REVIEW" | "INTERVIEW" = "REVIEW"): Promise<AssignmentPlan> {
  const call = await db.call.findUniqueOrThrow({ where: { id: callId }, select: { reviewersPerApplication: true } });
  const inputs = await gatherInputs(callId, stage);
  const plan = planAssignments({ reviewersPerApplication: call.reviewersPerApplication, ...inputs });
  const runId = crypto.randomUUID();
  const dueAt = new Date(Date.now() + REVIEW_DUE_DAYS * 86_400_000);
  await db.$transaction(async (tx) => {
    if (plan.assignments.length > 0) {
      await tx.reviewAssignment.createMany({
        data: plan.assignments.map((a) => ({ applicationId: a.applicationId, reviewerId: a.reviewerId, stage, dueAt })),
      });
    }
    await tx.auditEvent.create({
      data: {
        actorId,
        subjectType: "Call",
        subjectId: callId,
        type: "ASSIGNMENT_RUN",
        details: JSON.stringify({ runId, stage, assigned: plan.assignments.length, unstaffed: plan.unstaffed }),
      },
    });
    await enqueueDigests(tx, plan.assignments, runId, dueAt);
  });
  return plan;
}

async function enqueueDigests(tx: Tx, assignments: AssignmentPlan["assignments"], runId: string, dueAt: Date) {
  const byReviewer = new Map<string, string[]>();
  for (const a of assignments) byReviewer.set(a.reviewerId, [...(byReviewer.get(a.reviewerId) ?? []), a.applicationId]);
  if (byReviewer.size === 0) return;
  // One after another: statements of a transaction share its connection (on PostgreSQL, node-postgres deprecates a
  // query sent while another is running on the same client).
  const reviewers = await tx.user.findMany({
    where: { id: { in: [...byReviewer.keys()] } },
    select: { id: true, name: true, email: true, locale: true },
  });
  const applications = await tx.application.findMany({
    where: { id: { in: assignments.map((a) => a.applicationId) } },
    select: APPLICATION_NAME_SELECT,
  });
  const projectName = new Map(applications.map((a) => [a.id, a.projectName]));
  for (const reviewer of reviewers) {
    const ids = byReviewer.get(reviewer.id) ?? [];
    await enqueueEmail(tx, {
      to: reviewer.email,
      template: "review-assignments",
      locale: toLocale(reviewer.locale),
      payload: {
        name: reviewer.name,
        count: ids.length,
        items: ids.map((id) => ({
          reference: id.slice(-6).toUpperCase(),
          projectName: projectName.get(id) ?? "",
          dueAt: dueAt.toISOString(),
        })),
        queueUrl: `${env().APP_URL}/reviewer`,
      },
      dedupeKey: `review-assignments:${runId}:${reviewer.id}`,
    });
  }
}

/** The facts a conflict is judged on, read in the transaction that acts on it. */
async function conflictFacts(tx: Tx, applicationId: string, reviewerId: string) {
  // One after another: statements of a transaction share its connection (on PostgreSQL, node-postgres deprecates a
  // query sent while another is running on the same client).
  const application = await tx.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: {
      status: true,
      teamMembers: { select: { email: true } },
      conflicts: { select: { reviewerId: true } },
      conflictOverrides: { where: { reviewerId }, select: { reviewerId: true } },
    },
  });
  const reviewer = await tx.user.findFirst({
    where: { id: reviewerId, active: true, roles: { some: { role: "REVIEWER" } } },
    select: { id: true, email: true },
  });
  const team = {
    teamEmails: application.teamMembers.map((m) => m.email),
    declaredConflictReviewerIds: application.conflicts.map((c) => c.reviewerId),
    overriddenConflictReviewerIds: application.conflictOverrides.map((o) => o.reviewerId),
  };
  return { application, reviewer, team };
}

/**
 * An admin adds one reviewer by hand; conflicts (unless overridden) and duplicates are still
 * refused — judged inside the transaction that writes the assignment.
 */
export async function addAssignment(applicationId: string, reviewerId: string, actorId: string) {
  await db.$transaction(async (tx) => {
    const { application, reviewer, team } = await conflictFacts(tx, applicationId, reviewerId);
    if (!reviewer) throw new UserError("assignments.reviewerUnavailable", 409);
    const stage = application.status === "INTERVIEW" ? "INTERVIEW" : "REVIEW";
    const conflict = conflictBetween(reviewer, team);
    if (conflict) throw new UserError(`assignments.conflict.${conflict}`, 409);
    const existing = await tx.reviewAssignment.findUnique({
      where: { applicationId_reviewerId_stage: { applicationId, reviewerId, stage } },
      select: { id: true },
    });
    if (existing) throw new UserError("assignments.alreadyAssigned", 409);
    await tx.reviewAssignment.create({
      data: { applicationId, reviewerId, stage, dueAt: new Date(Date.now() + REVIEW_DUE_DAYS * 86_400_000) },
    });
    await tx.auditEvent.create({
      data: {
        actorId,
        subjectType: "Application",
        subjectId: applicationId,
        type: "ASSIGNMENT_ADDED",
        details: JSON.stringify({ reviewerId, stage }),
      },
    });
  });
}

/**
 * An admin overrides a conflict the assignment detected between a reviewer and an application
 * (OVERRIDABLE_CONFLICTS: a shared email domain), with a reason: the reviewer may then be assigned,
 * by hand or by a run. Checked and written in one transaction with its audit event; an override
 * is made once (the primary key on application and reviewer holds under concurrent requests).
 */
export async function overrideConflict(input: { applicationId: string; reviewerId: string; reason: string; actorId: string }) {
  const { applicationId, reviewerId, reason, actorId } = input;
  await db
    .$transaction(async (tx) => {
      const { reviewer, team } = await conflictFacts(tx, applicationId, reviewerId);
      if (!reviewer) throw new UserError("assignments.reviewerUnavailable", 409);
      if (team.overriddenConflictReviewerIds.length > 0) throw new UserError("assignments.override.already", 409);
      const detected = conflictBetween(reviewer, { ...team, overriddenConflictReviewerIds: [] });
      if (!detected) throw new UserError("assignments.override.notDetected", 409);
      if (!OVERRIDABLE_CONFLICTS.includes(detected)) throw new UserError("assignments.override.notOverridable", 409);
      await tx.conflictOverride.create({ data: { applicationId, reviewerId, reason, createdById: actorId } });
      await tx.auditEvent.create({
        data: {
          actorId,
          subjectType: "Application",
          subjectId: applicationId,
          type: "CONFLICT_OVERRIDDEN",
          details: JSON.stringify({ reviewerId, conflict: detected, reason }),
        },
      });
    })
    .catch((error: unknown) => {
      // Two overrides at once: the second meets the first's row.
      if (isUniqueViolation(error)) throw new UserError("assignments.override.already", 409);
      throw error;
    });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

export type DetectedConflict = {
  reviewerId: string;
  name: string;
  reason: ConflictReason;
  overridable: boolean;
  override: { reason: string; createdAt: Date; createdBy: string | null } | null;
};

/** Every active reviewer with the email conflict detection compares a team's against, kept until the next commit. */
function listActiveReviewers() {
  return cachedUntilChange("reviewers:active", async () =>
    (
      await db.userRole.findMany({
        where: { role: "REVIEWER", user: { active: true } },
        select: { user: { select: { id: true, name: true, email: true } } },
      })
    ).map((r) => r.user),
  );
}

/**
 * Every active reviewer the assignment would exclude from this application, with why, and the
 * admin's override where there is one (such a reviewer is no longer excluded).
 *
 * Read on every view of the admin application page, from the team and declared conflicts the page
 * has already read (getAdminApplication): the reviewers from the read cache, the overrides in one
 * plain statement (the client's per-query work cost several times the SQL).
 */
export async function listDetectedConflicts(application: {
  id: string;
  teamMembers: ReadonlyArray<{ email: string }>;
  conflicts: ReadonlyArray<{ reviewerId: string }>;
}): Promise<DetectedConflict[]> {
  const applicationId = application.id;
  const [overrideRows, reviewers] = await Promise.all([
    db.$queryRaw<Array<{ reviewerId: string; reason: string; createdAt: Date; createdBy: string | null }>>`
      SELECT o."reviewerId", o."reason", o."createdAt", u."name" AS "createdBy"
      FROM "ConflictOverride" o LEFT JOIN "User" u ON u."id" = o."createdById"
      WHERE o."applicationId" = ${applicationId}`,
    listActiveReviewers(),
  ]);
  const team = {
    teamEmails: application.teamMembers.map((m) => m.email),
    declaredConflictReviewerIds: application.conflicts.map((c) => c.reviewerId),
  };
  const overrides = new Map(overrideRows.map((o) => [o.reviewerId, o]));
  const detected: DetectedConflict[] = [];
  for (const user of reviewers) {
    const reason = conflictBetween(user, team);
    if (!reason) continue;
    const override = overrides.get(user.id);
    detected.push({
      reviewerId: user.id,
      name: user.name,
      reason,
      overridable: OVERRIDABLE_CONFLICTS.includes(reason),
      // An override lifts only the conflict it was made for: a conflict declared since then stands.
      override:
        override && OVERRIDABLE_CONFLICTS.includes(reason)
          ? { reason: override.reason, createdAt: override.createdAt, createdBy: override.createdBy }
          : null,
    });
  }
  return detected.sort((a, b) => a.name.localeCompare(b.name) || (a.reviewerId < b.reviewerId ? -1 : 1));
}

/** An admin removes an assignment that has no submitted review. */
export async function removeAssignment(applicationId: string, assignmentId: string, actorId: string) {
  // Only an assignment of the application the admin is looking at.
  const assignment = await db.reviewAssignment.findFirst({
    where: { id: assignmentId, applicationId },
    select: { id: true, applicationId: true, reviewerId: true, status: true },
  });
  if (!assignment) return;
  if (assignment.status === "SUBMITTED") throw new UserError("assignments.alreadySubmitted", 409);
  await db.$transaction([
    db.reviewAssignment.delete({ where: { id: assignment.id } }),
    db.auditEvent.create({
      data: {
        actorId,
        subjectType: "Application",
        subjectId: assignment.applicationId,
        type: "ASSIGNMENT_REMOVED",
        details: JSON.stringify({ reviewerId: assignment.reviewerId }),
      },
    }),
  ]);
}

/** Reviewers who could replace one (e.g. after a declared conflict): the planner's pick for one more seat. */
export async function suggestReplacements(applicationId: string, callId: string): Promise<string[]> {
  const inputs = await gatherInputs(callId, "REVIEW", [applicationId]);
  const application = inputs.applications[0];
  if (!application) return [];
  const plan = planAssignments({ reviewersPerApplication: application.existingReviewerIds.length + 1, ...inputs });
  return plan.assignments.map((a) => a.reviewerId);
}
