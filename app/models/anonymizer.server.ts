// Retention per call and the anonymizer (issue 20, DESIGN.md §9 "Privacy"). Each call keeps its rejected and
// withdrawn applications, and the drafts never submitted, for a period (app/domain/retention.ts); a run, once a
// day (app/jobs/scheduler.server.ts) or when an admin asks (admin/retention), anonymizes what is past it.
//
// Anonymizing removes what the application says about its people and keeps what the statistics count: its
// status, dates, sector, stage, sites, scores and rank, its reviews' scores and recommendations, its choice
// answers (AnswerChoice, the call dashboard's distributions), its cohort links and offers. The accounts of its
// lead and members are not erased (only an erasure request does that): the lead stays `founderId`, the members
// are detached. One transaction per application, which decides again that it is due; its stored files are
// deleted once that transaction has committed, each only when no attachment references it any more.
import { db, type Tx } from "~/db/client.server.ts";
import { callText, type LocalizedText } from "~/domain/call-texts.ts";
import type { ApplicationStatus } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import { addMonths } from "~/domain/outcomes.ts";
import {
  RETENTION_BATCH,
  retentionCandidatesUntil,
  retentionDue,
  retentionPeriodsErrors,
  selectDue,
  type RetentionPeriods,
  type RetentionReason,
} from "~/domain/retention.ts";
import { deleteUnreferencedFiles } from "./stored-files.server.ts";

/** What an anonymized application's name becomes (its other texts are emptied). */
export const ANONYMIZED_PROJECT_NAME = "—";
/** The address an anonymized email keeps: none, and nothing that could be sent to. */
export const ANONYMIZED_ADDRESS = "—";

/** Why an application is anonymized: past its retention period, or (later) at its person's request. */
export type AnonymizationReason = RetentionReason | "ERASURE";

/** The question types whose answers are picks among the call's choices: kept, with their AnswerChoice rows. */
const CHOICE_QUESTION_TYPES = ["SINGLE_CHOICE", "MULTIPLE_CHOICE", "YES_NO"];

/** Names shorter than this are not searched for in other rows' texts: they would match far too much. */
const MIN_SEARCHED_LENGTH = 4;

// ---------------------------------------------------------------------------
// The plan

export type RetentionPlanItem = {
  id: string;
  callId: string;
  callTitle: LocalizedText;
  projectName: string;
  status: ApplicationStatus;
  reason: RetentionReason;
  dueSince: Date;
};

const PLAN_SELECT = {
  id: true,
  callId: true,
  projectName: true,
  status: true,
  decisionReleasedAt: true,
  withdrawnAt: true,
  submittedAt: true,
  anonymizedAt: true,
} as const;

/**
 * What a run at `now` anonymizes: the applications past their call's period, oldest due first, at most `limit`
 * (the rest wait for the next run). Plain reads; the run decides again on each, in its transaction.
 */
export async function planRetention(now = new Date(), limit = RETENTION_BATCH): Promise<RetentionPlanItem[]> {
  const calls = await db.call.findMany({
    select: { id: true, title: true, titleEn: true, titleAr: true, closesAt: true, retainRejectedMonths: true, retainDraftMonths: true },
  });
  const batches = await Promise.all(
    calls.flatMap((call) => {
      // The dates up to which an application may be due (retentionDue decides on each).
      const until = retentionCandidatesUntil(now, call.retainRejectedMonths);
      const reads = [
        db.application.findMany({
          where: { callId: call.id, status: "REJECTED", anonymizedAt: null, decisionReleasedAt: { lte: until } },
          orderBy: [{ decisionReleasedAt: "asc" }, { id: "asc" }],
          take: limit,
          select: PLAN_SELECT,
        }),
        db.application.findMany({
          where: { callId: call.id, status: "WITHDRAWN", anonymizedAt: null, withdrawnAt: { lte: until } },
          orderBy: [{ withdrawnAt: "asc" }, { id: "asc" }],
          take: limit,
          select: PLAN_SELECT,
        }),
      ];
      // A call's drafts all fall due at once, its deadline plus the period.
      if (addMonths(call.closesAt, call.retainDraftMonths) <= now) {
        reads.push(
          db.application.findMany({
            where: { callId: call.id, status: "DRAFT", submittedAt: null, anonymizedAt: null },
            orderBy: { id: "asc" },
            take: limit,
            select: PLAN_SELECT,
          }),
        );
      }
      return reads.map(async (read) => (await read).map((application) => ({ ...application, call })));
    }),
  );
  return selectDue(batches.flat(), now, limit).map((due) => ({
    id: due.id,
    callId: due.callId,
    callTitle: callText(due.call, "title"),
    projectName: due.projectName,
    status: due.status,
    reason: due.reason,
    dueSince: due.dueSince,
  }));
}

// ---------------------------------------------------------------------------
// The anonymizer

export type Anonymized = {
  /** False when the application was anonymized already (or does not exist): nothing was changed. */
  anonymized: boolean;
  /** The stored files it referenced: for deleteUnreferencedFiles once the transaction has committed. */
  storageKeys: string[];
};

/**
 * Anonymizes one application inside `tx` (the caller's transaction, one per application), unless it is already:
 * its texts emptied, its team (list, memberships, invitations) and files removed, its answers other than choice
 * picks removed, the texts written about it (messages, discussion, feedback, review comments, override and
 * allocation reasons) emptied, its notifications deleted, the emails about it redacted (and never sent, if not
 * yet), and the audit trail's details that name it or its people emptied. What the statistics count stays.
 * Audited (APPLICATION_ANONYMIZED, its reason). Returns the storage keys to delete after the commit.
 */
export async function anonymizeApplication(
  tx: Tx,
  applicationId: string,
  now: Date,
  reason: AnonymizationReason,
  actorId: string | null = null,
): Promise<Anonymized> {
  // First, the claim: of two runs at once, the one whose write lands anonymizes, the other finds it done.
  const { count } = await tx.application.updateMany({
    where: { id: applicationId, anonymizedAt: null },
    data: {
      anonymizedAt: now,
      projectName: ANONYMIZED_PROJECT_NAME,
      projectNameKey: "",
      tagline: "",
      problem: "",
      solution: "",
      market: "",
      traction: "",
      decisionReason: null,
      // The admins' inbox would list a thread nobody can read any more.
      messageAwaitingSince: null,
      // A form opened before is now stale.
      version: { increment: 1 },
    },
  });
  if (count === 0) return { anonymized: false, storageKeys: [] };

  // Who the application named, read before the rows that hold them go.
  const [application, teamMembers, invitations, memberships, attachments, messageFiles] = await Promise.all([
    tx.application.findUniqueOrThrow({ where: { id: applicationId }, select: { founder: { select: { email: true, name: true } } } }),
    tx.teamMember.findMany({ where: { applicationId }, select: { name: true, email: true } }),
    tx.teamInvitation.findMany({ where: { applicationId }, select: { id: true, name: true, email: true } }),
    tx.teamMembership.findMany({ where: { applicationId }, select: { user: { select: { email: true, name: true } } } }),
    tx.attachment.findMany({ where: { applicationId }, select: { storageKey: true } }),
    tx.messageAttachment.findMany({ where: { message: { applicationId } }, select: { storageKey: true } }),
  ]);

  // The team: its list, its members' part (the lead stays founderId), its invitations, who changed which step.
  await tx.teamMember.deleteMany({ where: { applicationId } });
  await tx.teamMembership.deleteMany({ where: { applicationId } });
  await tx.teamInvitation.deleteMany({ where: { applicationId } });
  await tx.draftStepChange.deleteMany({ where: { applicationId } });

  // Answers: the choice picks stay (AnswerChoice and their answers); texts, numbers, dates, links and files go.
  await tx.applicationAnswer.deleteMany({ where: { applicationId, question: { type: { notIn: CHOICE_QUESTION_TYPES } } } });
  await tx.attachment.deleteMany({ where: { applicationId } });

  // What was written about it or to it: the rows stay (counts, dates, authors), their texts go.
  await tx.message.updateMany({ where: { applicationId }, data: { body: "" } });
  await tx.messageAttachment.deleteMany({ where: { message: { applicationId } } });
  await tx.discussionPost.updateMany({ where: { applicationId }, data: { body: "" } });
  await tx.consensusFeedback.updateMany({ where: { applicationId }, data: { text: "" } });
  await tx.consensusResponse.updateMany({ where: { applicationId }, data: { comment: "" } });
  await tx.review.updateMany({ where: { assignment: { applicationId } }, data: { privateComment: "", founderFeedback: "" } });
  // An admin's reasons may name the team (an override cites a member's address); the decisions stay.
  await tx.conflictOverride.updateMany({ where: { applicationId }, data: { reason: "" } });
  await tx.allocationPin.updateMany({ where: { applicationId }, data: { reason: "" } });
  // Every notification about it leads to one of its pages.
  await tx.notification.deleteMany({ where: { path: { contains: applicationId } } });

  // Emails about it: each names its application in its dedupe key or in a link of its payload, except a team
  // invitation, which names the invitation. Redacted, and one not sent yet never will be.
  const emails = await tx.outboxEmail.findMany({
    where: {
      OR: [
        { dedupeKey: { contains: applicationId } },
        { payload: { contains: applicationId } },
        ...invitations.map((invitation) => ({ dedupeKey: { startsWith: `team-invitation:${invitation.id}:` } })),
      ],
    },
    select: { id: true },
  });
  const emailIds = emails.map((email) => email.id);
  if (emailIds.length > 0) {
    await tx.outboxEmail.updateMany({
      where: { id: { in: emailIds }, status: { in: ["PENDING", "FAILED", "SENDING"] } },
      data: { status: "DEAD", leaseUntil: null },
    });
    await tx.outboxEmail.updateMany({ where: { id: { in: emailIds } }, data: { to: ANONYMIZED_ADDRESS, payload: "{}", lastError: null } });
  }

  // The audit trail keeps what happened (type, actor, dates, states): its own events' details go, and so do
  // those of the events about something else than an application (a call, a user…) that name it or a person of
  // its team who has no account. An account's own events are the account's, kept until its erasure; another
  // application's are that application's, whose team the same person may be on.
  await tx.auditEvent.updateMany({ where: { subjectType: "Application", subjectId: applicationId }, data: { details: "{}" } });
  const accounts = new Set(
    [application.founder, ...memberships.map((membership) => membership.user)].flatMap((user) => [user.email, user.name]).map(folded),
  );
  const named = [...teamMembers, ...invitations].flatMap((person) => [person.email, person.name]).map((text) => text.trim());
  const candidates = [...new Set(named)].filter((text) => text.length >= MIN_SEARCHED_LENGTH && !accounts.has(folded(text)));
  const otherAccounts = candidates.length
    ? await tx.user.findMany({
        where: { OR: [{ email: { in: candidates } }, { name: { in: candidates } }] },
        select: { email: true, name: true },
      })
    : [];
  const ofAccounts = new Set(otherAccounts.flatMap((user) => [user.email, user.name]).map(folded));
  const searched = [applicationId, ...candidates.filter((text) => !ofAccounts.has(folded(text)))];
  await tx.auditEvent.updateMany({
    where: {
      subjectType: { not: "Application" },
      OR: searched.map((text) => ({ details: { contains: text } })),
    },
    data: { details: "{}" },
  });
  await tx.auditEvent.create({
    data: {
      actorId,
      subjectType: "Application",
      subjectId: applicationId,
      type: "APPLICATION_ANONYMIZED",
      details: JSON.stringify({ reason }),
      createdAt: now,
    },
  });
  return { anonymized: true, storageKeys: [...attachments, ...messageFiles].map((file) => file.storageKey) };
}

const folded = (text: string) => text.trim().toLowerCase();

/**
 * Anonymizes the application if it is still due at `now`, decided in its own transaction on what that
 * transaction reads (a period lengthened, a decision changed since the plan was read: left alone); then deletes
 * its files that nothing references any more. True when this call anonymized it.
 */
export async function anonymizeIfDue(applicationId: string, now: Date, actorId: string | null = null): Promise<boolean> {
  const result = await db.$transaction(async (tx) => {
    const application = await tx.application.findUnique({
      where: { id: applicationId },
      select: {
        status: true,
        decisionReleasedAt: true,
        withdrawnAt: true,
        submittedAt: true,
        anonymizedAt: true,
        call: { select: { closesAt: true, retainRejectedMonths: true, retainDraftMonths: true } },
      },
    });
    const due = application ? retentionDue(application, now) : null;
    return due ? anonymizeApplication(tx, applicationId, now, due.reason, actorId) : null;
  });
  if (!result?.anonymized) return false;
  await deleteUnreferencedFiles(result.storageKeys);
  return true;
}

/**
 * A retention run: anonymizes every application of the plan at `now`, each in its own transaction, and records
 * the run (RETENTION_RUN: how many, who asked — null for the scheduled run). Returns how many it anonymized.
 * A failure stops the run (what was done stays done) and is recorded with it before it propagates.
 */
export async function runRetention(now: Date, actorId: string | null): Promise<number> {
  const plan = await planRetention(now);
  let count = 0;
  let failed = false;
  try {
    for (const item of plan) if (await anonymizeIfDue(item.id, now, actorId)) count += 1;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    await db.auditEvent.create({
      data: {
        actorId,
        subjectType: "Retention",
        subjectId: "retention",
        type: "RETENTION_RUN",
        details: JSON.stringify({ count, planned: plan.length, scheduled: actorId === null, ...(failed ? { failed } : {}) }),
        createdAt: now,
      },
    });
  }
  return count;
}

// ---------------------------------------------------------------------------
// The periods

/** Every call with its retention periods, newest first, for the retention page. */
export function listRetentionPeriods() {
  return db.call.findMany({
    orderBy: [{ opensAt: "desc" }, { id: "asc" }],
    select: { id: true, title: true, titleEn: true, titleAr: true, status: true, retainRejectedMonths: true, retainDraftMonths: true },
  });
}

/** An admin sets a call's two periods (whole months, checked by the domain's rule). Audited with the former ones. */
export async function saveRetentionPeriods(callId: string, periods: RetentionPeriods, actorId: string): Promise<void> {
  const errors = retentionPeriodsErrors(periods);
  if (errors) {
    const [field, key] = Object.entries(errors)[0];
    throw new UserError(key, 400, { field });
  }
  await db.$transaction(async (tx) => {
    const before = await tx.call.findUnique({ where: { id: callId }, select: { retainRejectedMonths: true, retainDraftMonths: true } });
    if (!before) throw new UserError("errors.title404", 404);
    const after = { retainRejectedMonths: periods.retainRejectedMonths, retainDraftMonths: periods.retainDraftMonths };
    await tx.call.update({ where: { id: callId }, data: after });
    await tx.auditEvent.create({
      data: {
        actorId,
        subjectType: "Call",
        subjectId: callId,
        type: "RETENTION_PERIODS_SAVED",
        details: JSON.stringify({ before, after }),
      },
    });
  });
}
