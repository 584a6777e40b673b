// Messages between an application's team and the staff (issue 18). The team writes from its application (any
// member), the admins answer from the admin side; reviewers never see the thread. Each message emails the other
// side in each reader's language, with a link and never the message. `Application.messageAwaitingSince` holds
// the oldest team message the staff has not answered, written in each message's transaction: the admins' inbox
// lists those threads oldest first, and its count shows in their navigation.
//
// A message may carry one PDF, uploaded with the checks of an application's files and kept in the same
// content-addressed storage (a MessageAttachment row references it, see stored-files.server.ts). Only the
// team and the admins download it; the emails still carry the link alone, never the file.
import { notify, teamUserIds } from "./notification.server.ts";
import { hitRateLimit, RATE_LIMITS } from "~/auth/rate-limit.server.ts";
import { env } from "~/config/env.server.ts";
import { db, type Tx } from "~/db/client.server.ts";
import { lockName } from "~/db/locks.server.ts";
import { cachedUntilChange } from "~/db/read-cache.server.ts";
import { toLocale } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import { enqueueEmail } from "~/email/outbox.server.ts";
import type { Locale } from "~/domain/constants.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { parseForm, readFormData, type FieldErrors } from "~/schemas/form-data.ts";
import { MESSAGE_FILE_FIELD, MESSAGE_FILE_TYPES, messageSchema, type MessageInput } from "~/schemas/message.ts";
import { MAX_UPLOAD_BYTES } from "~/storage/file-type.ts";
import { discardStagedFile, placeStagedFile } from "~/storage/files.server.ts";
import { parseUploadForm, type UploadedFile } from "~/storage/multipart.server.ts";
import { storedFileLock } from "./stored-files.server.ts";
import { emailTeam, isTeamMember } from "./team.server.ts";

/** A message as posted: its text and, optionally, its PDF, staged while the form streamed in (parseUploadForm). */
export type MessagePost = MessageInput & { file?: UploadedFile | null };

export const teamThreadPath = (applicationId: string) => `/founder/applications/${applicationId}/messages`;
export const staffThreadPath = (applicationId: string) => `/admin/applications/${applicationId}/messages`;

/**
 * The thread, oldest first, as either side's page shows it: who wrote (a name, and whether from the staff), and
 * when, written in the reader's language on the server; null when there is no such application.
 */
export async function threadPage(applicationId: string, locale: Locale) {
  const [application, messages] = await Promise.all([
    db.application.findUnique({ where: { id: applicationId }, select: { id: true, projectName: true } }),
    db.message.findMany({
      where: { applicationId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        body: true,
        fromStaff: true,
        createdAt: true,
        author: { select: { name: true } },
        attachments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, fileName: true, size: true } },
      },
    }),
  ]);
  if (!application) return null;
  return {
    application,
    messages: messages.map(({ author, createdAt, ...message }) => ({
      ...message,
      authorName: author.name,
      createdAtText: formatDate(createdAt, locale, "dateTime"),
    })),
  };
}

/** A member of the team writes to the staff; each active admin is emailed, in their language. */
export async function postTeamMessage(applicationId: string, userId: string, input: MessagePost, now = new Date()) {
  return db.$transaction(async (tx) => {
    // Who may write, decided by what the transaction reads (a member removed meanwhile is refused).
    if (!(await isTeamMember(applicationId, userId, tx))) throw new UserError("errors.title404", 404);
    const application = await tx.application.findUniqueOrThrow({ where: { id: applicationId }, select: { projectName: true } });
    const message = await tx.message.create({
      data: { applicationId, authorId: userId, fromStaff: false, body: input.body, createdAt: now },
      select: { id: true },
    });
    const file = await attachFile(tx, message.id, input.file, now);
    // The thread waits from its oldest unanswered message: set unless it waits since earlier already.
    await tx.application.updateMany({
      where: { id: applicationId, OR: [{ messageAwaitingSince: null }, { messageAwaitingSince: { gt: now } }] },
      data: { messageAwaitingSince: now },
    });
    const admins = await tx.user.findMany({
      where: { active: true, roles: { some: { role: "ADMIN" } } },
      orderBy: { id: "asc" },
      select: { id: true, name: true, email: true, locale: true },
    });
    for (const admin of admins) {
      await enqueueEmail(tx, {
        to: admin.email,
        template: "message-from-team",
        locale: toLocale(admin.locale),
        payload: { name: admin.name, projectName: application.projectName, threadUrl: `${env().APP_URL}${staffThreadPath(applicationId)}` },
        dedupeKey: `message:${message.id}:${admin.id}`,
      });
    }
    await notify(
      tx,
      admins.map((admin) => admin.id),
      { kind: "MESSAGE", projectName: application.projectName, path: staffThreadPath(applicationId) },
      now,
    );
    await tx.auditEvent.create({
      data: {
        actorId: userId,
        subjectType: "Application",
        subjectId: applicationId,
        type: "MESSAGE_FROM_TEAM",
        details: JSON.stringify({ messageId: message.id, ...file }),
        createdAt: now,
      },
    });
    await placeFile(tx, input.file);
    return message;
  });
}

/** An admin answers the team: the thread no longer waits, and every member of the team is emailed in their language. */
export async function postStaffMessage(applicationId: string, adminId: string, input: MessagePost, now = new Date()) {
  return db.$transaction(async (tx) => {
    const application = await tx.application.findUnique({
      where: { id: applicationId },
      select: { projectName: true, founder: { select: { email: true, name: true, locale: true } } },
    });
    if (!application) throw new UserError("errors.title404", 404);
    const message = await tx.message.create({
      data: { applicationId, authorId: adminId, fromStaff: true, body: input.body, createdAt: now },
      select: { id: true },
    });
    const file = await attachFile(tx, message.id, input.file, now);
    await tx.application.update({ where: { id: applicationId }, data: { messageAwaitingSince: null } });
    await emailTeam(tx, applicationId, application.founder, "message-from-staff", `message:${message.id}`, (recipient) => ({
      name: recipient.name,
      projectName: application.projectName,
      threadUrl: `${env().APP_URL}${teamThreadPath(applicationId)}`,
    }));
    await notify(
      tx,
      await teamUserIds(tx, applicationId),
      { kind: "MESSAGE", projectName: application.projectName, path: teamThreadPath(applicationId) },
      now,
    );
    await tx.auditEvent.create({
      data: {
        actorId: adminId,
        subjectType: "Application",
        subjectId: applicationId,
        type: "MESSAGE_FROM_STAFF",
        details: JSON.stringify({ messageId: message.id, ...file }),
        createdAt: now,
      },
    });
    await placeFile(tx, input.file);
    return message;
  });
}

/**
 * Records the message's PDF, if it carries one, in the transaction that writes the message; returns what
 * the audit trail keeps of it (its name and hash, as for an application's files).
 */
async function attachFile(tx: Tx, messageId: string, file: UploadedFile | null | undefined, now: Date) {
  if (!file) return {};
  await tx.messageAttachment.create({
    data: {
      messageId,
      fileName: file.fileName,
      mimeType: file.staged.mimeType,
      size: file.staged.size,
      sha256: file.staged.sha256,
      storageKey: file.staged.storageKey,
      createdAt: now,
    },
  });
  return { fileName: file.fileName, sha256: file.staged.sha256 };
}

/**
 * Puts the message's PDF in its place, last in the transaction that references it and under the file's
 * lock, held until the commit: a removal of the same bytes elsewhere (deleteUnreferencedFiles) waits, then
 * sees this reference, so the file is never deleted between being placed and being referenced.
 */
async function placeFile(tx: Tx, file: UploadedFile | null | undefined) {
  if (!file) return;
  await lockName(tx, storedFileLock(file.staged.storageKey));
  await placeStagedFile(file.staged);
}

/** A message form refused: each error beside its field, and the text as typed, so that nothing typed is lost. */
export type MessageFormRefusal = { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * Reads a message form of either side and, if it is sound, posts it with `post` (postTeamMessage or
 * postStaffMessage, bound to the thread and the writer). The forms are multipart: the PDF streams into a
 * staged file with the checks of an application's uploads (a PDF by its bytes, MAX_UPLOAD_BYTES at most,
 * not empty), counted in the writer's uploads like those. A post without a file may also come urlencoded.
 * A refused file leaves nothing stored: the staged copy goes here whatever happens (once placed by
 * `post`'s transaction, the file lives on under its key).
 */
export async function postMessageForm(
  request: Request,
  writerId: string,
  post: (input: MessagePost) => Promise<unknown>,
): Promise<{ ok: true } | MessageFormRefusal> {
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const parsed = parseForm(messageSchema, await readFormData(request));
    if (!parsed.ok) return parsed;
    await post(parsed.data);
    return { ok: true };
  }
  const upload = await parseUploadForm(request, {
    maxFiles: 1,
    maxBytes: MAX_UPLOAD_BYTES,
    allowedFor: (field) => (field === MESSAGE_FILE_FIELD ? MESSAGE_FILE_TYPES : null),
  });
  try {
    const fields = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) fields.append(name, value);
    const parsed = parseForm(messageSchema, fields);
    const errors: FieldErrors = {};
    // A text the refusal stopped before reading (a body declared too large is refused unread) is not blank.
    if (!parsed.ok && !(upload.error && upload.fields.body === undefined)) Object.assign(errors, parsed.errors);
    // An over-long text field is the message's fault; anything else the upload's, shown beside the file.
    if (upload.error) errors[upload.error.key === "errors.tooLong" ? "body" : MESSAGE_FILE_FIELD] ??= upload.error.key;
    const [file = null] = upload.files;
    if (parsed.ok && !upload.error && file && !(await hitRateLimit(`upload:user:${writerId}`, RATE_LIMITS.uploadsPerUser)).allowed) {
      errors[MESSAGE_FILE_FIELD] = "errors.tooManyUploads";
    }
    if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors, values: upload.fields };
    await post({ ...parsed.data, file });
    return { ok: true };
  } finally {
    for (const file of upload.files) await discardStagedFile(file.staged);
  }
}

/**
 * A message's PDF the user may download: the application's team (any member) and the admins, like the
 * thread itself; reviewers never see the thread, so never its files. Anyone else gets null (and so a 404).
 */
export async function findDownloadableMessageFile(id: string, user: { id: string; roles: readonly string[] }) {
  const file = await db.messageAttachment.findUnique({
    where: { id },
    select: { fileName: true, mimeType: true, size: true, storageKey: true, message: { select: { applicationId: true } } },
  });
  if (!file) return null;
  if (user.roles.includes("ADMIN") || (await isTeamMember(file.message.applicationId, user.id))) return file;
  return null;
}

/** The threads awaiting the staff's answer, the longest waiting first (the admins' inbox). */
export function awaitingThreads() {
  return db.application.findMany({
    where: { messageAwaitingSince: { not: null } },
    orderBy: [{ messageAwaitingSince: "asc" }, { id: "asc" }],
    select: { id: true, projectName: true, messageAwaitingSince: true, founder: { select: { name: true } } },
  });
}

/** How many threads await an answer, for the admins' navigation: read once per database state. */
export function awaitingThreadCount(): Promise<number> {
  // Raw: Prisma's count selects the rows' ids in a subquery, which the index on messageAwaitingSince does not
  // cover, and SQLite then scanned every application (20–27 ms at 20,000, on every admin page after each write).
  return cachedUntilChange("messages:awaiting", async () => {
    const [row] = await db.$queryRaw<Array<{ count: number | bigint }>>`
      SELECT COUNT(*) AS "count" FROM "Application" WHERE "messageAwaitingSince" IS NOT NULL`;
    return Number(row?.count ?? 0);
  });
}
