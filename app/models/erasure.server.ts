// Erasure on request (issue 20, point 3). A person asks, from their account page, for their account and personal
// data to be erased: at once when none of their applications (as lead or team member) is in an active selection or
// an enrolled cohort (app/domain/erasure.ts), else the request waits for an admin, who approves (the erasure is
// then carried out) or refuses with a reason. Every step is audited; a decision is a compare-and-set on the
// request's PENDING status, so two admins deciding at once decide once.
//
// Erasing an account (eraseAccount) anonymizes the applications the person leads as retention does
// (app/models/anonymizer.server.ts, reason ERASURE), takes them off the other teams they are on, and anonymizes the
// account itself: name and address replaced (the address by a unique one nobody can receive mail at), password,
// sessions, tokens, consents, notifications, copies of their data and reviewer profile gone; the emails addressed to
// them redacted (never sent if not yet), those naming them elsewhere cleared of their name and address, and the audit
// details naming them emptied. The reviews they wrote keep their scores (they feed the ranking), not their comments.
// Files are deleted once the transaction has committed, each only when nothing references it any more.
import fsp from "node:fs/promises";
import path from "node:path";
import { db, type Tx } from "~/db/client.server.ts";
import { callText, type LocalizedText } from "~/domain/call-texts.ts";
import type { ApplicationStatus } from "~/domain/constants.ts";
import {
  blockingApplications,
  ERASED_NAME,
  erasedEmail,
  ERASURE_REASON_MAX,
  type ErasureBlock,
  type ErasureStatus,
} from "~/domain/erasure.ts";
import { UserError } from "~/domain/errors.ts";
import { ANONYMIZED_ADDRESS, anonymizeApplication } from "./anonymizer.server.ts";
import { exportsDir } from "./data-export.server.ts";
import { deleteUnreferencedFiles } from "./stored-files.server.ts";
import { onTeamWhere } from "./team.server.ts";

/** A name or address shorter than this is not searched for in other rows' texts: it would match far too much. */
const MIN_SEARCHED_LENGTH = 4;

/** What replaces the person's name or address inside a text that names them (another person's email). */
const REDACTED = "—";

export type PersonApplication = {
  id: string;
  projectName: string;
  status: ApplicationStatus;
  lead: boolean;
  callTitle: LocalizedText;
};
export type BlockingApplication = PersonApplication & { block: ErasureBlock };

/** The applications `userId` is on, as lead (founderId) or as a member of the team (TeamMembership), oldest first. */
async function applicationsOf(client: Tx, userId: string) {
  const rows = await client.application.findMany({
    where: onTeamWhere(userId),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      projectName: true,
      status: true,
      anonymizedAt: true,
      founderId: true,
      call: { select: { title: true, titleEn: true, titleAr: true } },
    },
  });
  return rows.map(({ call, founderId, ...application }) => ({
    ...application,
    lead: founderId === userId,
    callTitle: callText(call, "title"),
  }));
}

/** Those of the person's applications that block an immediate erasure, each with why. */
async function blockingOf(client: Tx, userId: string): Promise<BlockingApplication[]> {
  return blockingApplications(await applicationsOf(client, userId)).map(({ anonymizedAt: _anonymizedAt, ...application }) => application);
}

// ---------------------------------------------------------------------------
// Erasing an account

export type Erased = {
  /** False when the account was erased already (or does not exist): nothing was changed. */
  erased: boolean;
  /** The applications this erasure anonymized. */
  applications: number;
  /** Stored files (uploads, message PDFs) some removed row referenced: for deleteUnreferencedFiles after the commit. */
  storageKeys: string[];
  /** The person's data exports' ZIPs, under exportsDir(): deleted after the commit. */
  exportFiles: string[];
};

/**
 * Erases the account `userId` inside `tx` (the caller's transaction), unless it is already: see the file's comment.
 * The account row stays (applications, reviews and the audit trail point at it), named "—" at an address nobody
 * has, unable to sign in. Audited (ERASURE_DONE, by `actorId`). Returns the files to delete after the commit
 * (removeErasedFiles).
 */
export async function eraseAccount(tx: Tx, userId: string, now: Date, actorId: string | null): Promise<Erased> {
  const person = await tx.user.findUnique({ where: { id: userId }, select: { email: true, name: true, anonymizedAt: true } });
  if (!person || person.anonymizedAt) return { erased: false, applications: 0, storageKeys: [], exportFiles: [] };
  // The claim: of two erasures at once, the one whose write lands erases, the other finds it done.
  const { count } = await tx.user.updateMany({
    where: { id: userId, anonymizedAt: null },
    data: {
      name: ERASED_NAME,
      email: erasedEmail(userId),
      passwordHash: null,
      active: false,
      emailVerifiedAt: null,
      anonymizedAt: now,
    },
  });
  if (count === 0) return { erased: false, applications: 0, storageKeys: [], exportFiles: [] };
  const email = person.email.trim().toLowerCase();
  const name = person.name.trim();
  const storageKeys: string[] = [];

  // The applications they lead: anonymized as retention does (texts, team, answers, files, messages, emails about them).
  const led = await tx.application.findMany({ where: { founderId: userId }, select: { id: true }, orderBy: { id: "asc" } });
  let applications = 0;
  for (const { id } of led) {
    const result = await anonymizeApplication(tx, id, now, "ERASURE", actorId);
    if (result.anonymized) applications += 1;
    storageKeys.push(...result.storageKeys);
  }

  // The other teams: their membership (with their phone, bio, link), their row on each team's list (matched by
  // address, whatever case it was typed in), the invitations to their address, which steps they last changed.
  await tx.teamMembership.deleteMany({ where: { userId } });
  const listed = await tx.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "TeamMember" WHERE lower("email") = ${email}`;
  if (listed.length > 0) await tx.teamMember.deleteMany({ where: { id: { in: listed.map((row) => row.id) } } });
  const invited = await tx.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "TeamInvitation" WHERE lower("email") = ${email}`;
  if (invited.length > 0) await tx.teamInvitation.deleteMany({ where: { id: { in: invited.map((row) => row.id) } } });
  await tx.draftStepChange.deleteMany({ where: { userId } });

  // What they wrote on teams' threads: the messages stay (the thread's order and counts), their texts and files go.
  const ownMessageFiles = await tx.messageAttachment.findMany({
    where: { message: { authorId: userId, fromStaff: false } },
    select: { id: true, storageKey: true },
  });
  if (ownMessageFiles.length > 0) {
    await tx.messageAttachment.deleteMany({ where: { id: { in: ownMessageFiles.map((file) => file.id) } } });
    storageKeys.push(...ownMessageFiles.map((file) => file.storageKey));
  }
  await tx.message.updateMany({ where: { authorId: userId, fromStaff: false }, data: { body: "" } });

  // As a reviewer: the reviews stay with their scores and recommendations (the ranking reads them); their free
  // texts go, and so do their discussion posts' and consensus answers' texts and their conflict declarations' reasons.
  await tx.review.updateMany({ where: { assignment: { reviewerId: userId } }, data: { privateComment: "", founderFeedback: "" } });
  await tx.discussionPost.updateMany({ where: { authorId: userId }, data: { body: "" } });
  await tx.consensusResponse.updateMany({ where: { reviewerId: userId }, data: { comment: "" } });
  await tx.conflictDeclaration.updateMany({ where: { reviewerId: userId }, data: { reason: "" } });
  await tx.reviewerProfile.deleteMany({ where: { userId } });

  // The account's own records.
  const exports = await tx.dataExport.findMany({ where: { userId, storageKey: { not: null } }, select: { storageKey: true } });
  await tx.dataExport.deleteMany({ where: { userId } });
  await tx.session.deleteMany({ where: { userId } });
  await tx.token.deleteMany({ where: { userId } });
  // An erased account can never sign in again: its second factor goes with its password.
  await tx.twoFactor.deleteMany({ where: { userId } });
  await tx.backupCode.deleteMany({ where: { userId } });
  await tx.signInChallenge.deleteMany({ where: { userId } });
  await tx.consent.deleteMany({ where: { userId } });
  await tx.notification.deleteMany({ where: { userId } });
  // Rate-limit counters keyed by their address (sign-in, sign-up, password reset).
  await tx.rateLimit.deleteMany({ where: { key: { contains: email } } });

  // Emails addressed to them: redacted, and one not sent yet never will be.
  const addressed = (await tx.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "OutboxEmail" WHERE lower("to") = ${email}`).map(
    (row) => row.id,
  );
  if (addressed.length > 0) {
    await tx.outboxEmail.updateMany({
      where: { id: { in: addressed }, status: { in: ["PENDING", "FAILED", "SENDING"] } },
      data: { status: "DEAD", leaseUntil: null },
    });
    await tx.outboxEmail.updateMany({ where: { id: { in: addressed } }, data: { to: ANONYMIZED_ADDRESS, payload: "{}", lastError: null } });
  }
  // Emails to others that name them (a teammate's notice, an invitation they sent): their name and address replaced
  // in the text, the email otherwise as it was (one not sent yet still goes, without them).
  const needles = [...new Set([email, name])].filter((text) => text.length >= MIN_SEARCHED_LENGTH);
  if (needles.length > 0) {
    const naming = await tx.outboxEmail.findMany({
      where: { OR: needles.flatMap((needle) => [{ payload: { contains: needle } }, { lastError: { contains: needle } }]) },
      select: { id: true, payload: true, lastError: true },
    });
    for (const row of naming) {
      const payload = redact(row.payload, needles);
      const lastError = row.lastError === null ? null : redact(row.lastError, needles);
      if (payload !== row.payload || lastError !== row.lastError)
        await tx.outboxEmail.update({ where: { id: row.id }, data: { payload, lastError } });
    }
    // The audit trail keeps what happened (type, actor, dates, states); the details that name them go.
    await tx.auditEvent.updateMany({
      where: { OR: needles.map((needle) => ({ details: { contains: needle } })) },
      data: { details: "{}" },
    });
    // A refusal's reason may have named them: it goes, the refusal stays.
    await tx.erasureRequest.updateMany({
      where: { userId, OR: needles.map((needle) => ({ reason: { contains: needle } })) },
      data: { reason: "" },
    });
  }

  await tx.auditEvent.create({
    data: {
      actorId,
      subjectType: "User",
      subjectId: userId,
      type: "ERASURE_DONE",
      details: JSON.stringify({ applications }),
      createdAt: now,
    },
  });
  return {
    erased: true,
    applications,
    storageKeys,
    exportFiles: exports.flatMap((row) => (row.storageKey ? [row.storageKey] : [])),
  };
}

/** `text` with every occurrence of each of `needles` (case folded) replaced by "—". */
function redact(text: string, needles: readonly string[]): string {
  return needles.reduce((result, needle) => result.replace(new RegExp(escapeRegExp(needle), "gi"), REDACTED), text);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Deletes, once the erasure's transaction has committed, its stored files nothing references any more and its ZIPs. */
export async function removeErasedFiles(erased: Erased): Promise<void> {
  await deleteUnreferencedFiles(erased.storageKeys);
  for (const file of erased.exportFiles) await fsp.rm(path.join(exportsDir(), path.basename(file)), { force: true });
}

// ---------------------------------------------------------------------------
// Asking and deciding

export type ErasureRequested = { status: "DONE" } | { status: "PENDING"; blocking: BlockingApplication[] };

/**
 * The person `userId` asks for erasure. In one transaction: refused when the account is erased already or a
 * request of theirs is waiting (one at a time); else the request is recorded (ERASURE_REQUESTED) and, when none of
 * their applications blocks, carried out at once (status DONE, ERASURE_DONE); otherwise it waits for an admin.
 */
export async function requestErasure(userId: string, now = new Date()): Promise<ErasureRequested> {
  const result = await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { anonymizedAt: true } });
    if (!user || user.anonymizedAt) throw new UserError("erasure.errors.alreadyErased", 409);
    const pending = await tx.erasureRequest.findFirst({ where: { userId, status: "PENDING" }, select: { id: true } });
    if (pending) throw new UserError("erasure.errors.alreadyPending", 409);
    const blocking = await blockingOf(tx, userId);
    const request = await tx.erasureRequest.create({
      data: { userId, requestedAt: now, status: blocking.length > 0 ? "PENDING" : "DONE", decidedAt: blocking.length > 0 ? null : now },
      select: { id: true },
    });
    await tx.auditEvent.create({
      data: {
        actorId: userId,
        subjectType: "User",
        subjectId: userId,
        type: "ERASURE_REQUESTED",
        details: JSON.stringify({
          requestId: request.id,
          blocking: blocking.map((application) => ({
            applicationId: application.id,
            status: application.status,
            block: application.block,
          })),
        }),
        createdAt: now,
      },
    });
    if (blocking.length > 0) return { status: "PENDING" as const, blocking, erased: null };
    return { status: "DONE" as const, blocking, erased: await eraseAccount(tx, userId, now, userId) };
  });
  if (result.erased) await removeErasedFiles(result.erased);
  return result.status === "DONE" ? { status: "DONE" } : { status: "PENDING", blocking: result.blocking };
}

/**
 * An admin decides on a waiting request: approved, the account is erased (status DONE, ERASURE_APPROVED then
 * ERASURE_DONE); refused, it is kept (status REFUSED with the reason, which the person sees; ERASURE_REFUSED). A
 * refusal needs a reason. A compare-and-set on PENDING: of two decisions at once, one decides, the other is told
 * it was decided. Nobody decides on their own request.
 */
export async function decideErasure(
  requestId: string,
  admin: { id: string },
  approve: boolean,
  reason: string,
  now = new Date(),
): Promise<{ status: Exclude<ErasureStatus, "PENDING"> }> {
  const text = reason.trim();
  if (!approve && text.length === 0) throw new UserError("erasureAdmin.errors.reasonRequired", 400, { field: "reason" });
  if (text.length > ERASURE_REASON_MAX) throw new UserError("erasureAdmin.errors.reasonTooLong", 400, { field: "reason" });
  const erased = await db.$transaction(async (tx) => {
    const request = await tx.erasureRequest.findUnique({ where: { id: requestId }, select: { userId: true } });
    if (!request) throw new UserError("errors.title404", 404);
    if (request.userId === admin.id) throw new UserError("erasureAdmin.errors.ownRequest", 403);
    const { count } = await tx.erasureRequest.updateMany({
      where: { id: requestId, status: "PENDING" },
      data: { status: approve ? "DONE" : "REFUSED", decidedAt: now, decidedById: admin.id, reason: approve ? "" : text },
    });
    if (count === 0) throw new UserError("erasureAdmin.errors.alreadyDecided", 409);
    await tx.auditEvent.create({
      data: {
        actorId: admin.id,
        subjectType: "User",
        subjectId: request.userId,
        type: approve ? "ERASURE_APPROVED" : "ERASURE_REFUSED",
        details: JSON.stringify(approve ? { requestId } : { requestId, reason: text }),
        createdAt: now,
      },
    });
    return approve ? eraseAccount(tx, request.userId, now, admin.id) : null;
  });
  if (erased) await removeErasedFiles(erased);
  return { status: approve ? "DONE" : "REFUSED" };
}

// ---------------------------------------------------------------------------
// Reading

/** The requests waiting for an admin, oldest first, each with its person and the applications blocking it now. */
export async function pendingErasures() {
  const requests = await db.erasureRequest.findMany({
    where: { status: "PENDING" },
    orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
    select: { id: true, requestedAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  return Promise.all(requests.map(async (request) => ({ ...request, blocking: await blockingOf(db, request.user.id) })));
}

/** What the account page shows of erasure: the person's latest request (if any), and what would block one now. */
export async function erasureStateOf(userId: string) {
  const [request, blocking] = await Promise.all([
    db.erasureRequest.findFirst({
      where: { userId },
      orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
      select: { status: true, requestedAt: true, decidedAt: true, reason: true },
    }),
    blockingOf(db, userId),
  ]);
  return { request: request ? { ...request, status: request.status as ErasureStatus } : null, blocking };
}
