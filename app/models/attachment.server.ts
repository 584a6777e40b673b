import { db } from "~/db/client.server.ts";
import { lockName, withLockedName } from "~/db/locks.server.ts";
import { MAX_OTHER_ATTACHMENTS } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import { isEditableByFounder } from "~/domain/lifecycle.ts";
import { ALLOWED_TYPES, kindOfUploadField, MAX_UPLOAD_BYTES, type AttachmentKind } from "~/storage/file-type.ts";
import { deleteStoredFileIfUnused, discardStagedFile, placeStagedFile } from "~/storage/files.server.ts";
import { parseUploadForm } from "~/storage/multipart.server.ts";
import type { FounderApplication } from "./application.server.ts";
import { beginFounderEdit, bumpVersion, readForFounderEdit } from "./application.server.ts";

/** The lock held while a stored file is placed, or checked for references and deleted. */
const storedFileLock = (storageKey: string) => `stored-file:${storageKey}`;

/**
 * Deletes the stored files behind `storageKeys` that no attachment references any more: called once
 * the transaction that removed references has committed (deleted inside it, a file would stay deleted
 * when the transaction is rolled back or, on PostgreSQL, run again). Each is checked and deleted under
 * its lock, which an upload of the same bytes holds while it places the file and records its
 * attachment. A crash in between leaves a file nothing references, never a reference without a file.
 */
async function deleteUnreferencedFiles(storageKeys: Iterable<string>): Promise<void> {
  for (const storageKey of new Set(storageKeys)) {
    await withLockedName(storedFileLock(storageKey), (tx) =>
      deleteStoredFileIfUnused(storageKey, async () => (await tx.attachment.count({ where: { storageKey } })) > 0),
    );
  }
}

/**
 * Streams one uploaded file into storage and attaches it: a pitch deck replaces
 * the previous one; other files are capped. A refusal throws a UserError.
 *
 * The file is staged while it streams; the cap, the application's state and
 * the version are checked in the transaction that records the attachment,
 * which also places the file. A refused upload leaves no file behind and never
 * touches a stored file another application shares.
 */
export async function addAttachment(application: FounderApplication, request: Request, now = new Date()): Promise<void> {
  if (!isEditableByFounder(application.status, application.call, now)) throw new UserError("lifecycle.readOnly", 409);
  const upload = await parseUploadForm(request, {
    maxFiles: 1,
    maxBytes: MAX_UPLOAD_BYTES,
    allowedFor: (field) => {
      const kind = kindOfUploadField(field);
      return kind ? ALLOWED_TYPES[kind] : null;
    },
  });
  try {
    if (upload.error) throw upload.error;
    const [file] = upload.files;
    if (!file) throw new UserError("errors.fileRequired", 400);
    const kind = kindOfUploadField(file.field) as AttachmentKind;
    const replaced = await db.$transaction(async (tx) => {
      const current = await readForFounderEdit(tx, application.id, now);
      if (kind === "OTHER" && (await tx.attachment.count({ where: { applicationId: application.id, kind } })) >= MAX_OTHER_ATTACHMENTS) {
        throw new UserError("errors.tooManyFiles", 400);
      }
      await bumpVersion(tx, application.id, current.version);
      const previous =
        kind === "PITCH_DECK"
          ? await tx.attachment.findMany({ where: { applicationId: application.id, kind }, select: { id: true, storageKey: true } })
          : [];
      await tx.attachment.deleteMany({ where: { id: { in: previous.map((p) => p.id) } } });
      await tx.attachment.create({
        data: {
          applicationId: application.id,
          kind,
          fileName: file.fileName,
          mimeType: file.staged.mimeType,
          size: file.staged.size,
          sha256: file.staged.sha256,
          storageKey: file.staged.storageKey,
        },
      });
      await tx.auditEvent.create({
        data: {
          actorId: application.founderId,
          subjectType: "Application",
          subjectId: application.id,
          type: "ATTACHMENT_ADDED",
          details: JSON.stringify({ kind, fileName: file.fileName, sha256: file.staged.sha256 }),
        },
      });
      // File work last, just before the commit: placed under the file's lock, held until the commit.
      await lockName(tx, storedFileLock(file.staged.storageKey));
      await placeStagedFile(file.staged);
      return previous.map((old) => old.storageKey).filter((key) => key !== file.staged.storageKey);
    });
    await deleteUnreferencedFiles(replaced);
  } finally {
    // The staged copies go, placed or not (a placed file lives on under its key).
    for (const file of upload.files) await discardStagedFile(file.staged);
  }
}

/**
 * Removes one of the application's files. Decided on what the transaction
 * reads: a submitted application keeps its pitch deck (it may be replaced, not
 * removed), also when it was submitted after this request started. The stored
 * file goes only if no attachment references it any more.
 */
export async function removeAttachment(application: FounderApplication, attachmentId: string, now = new Date()): Promise<void> {
  if (!isEditableByFounder(application.status, application.call, now)) throw new UserError("lifecycle.readOnly", 409);
  const removed = await db.$transaction(async (tx) => {
    const attachment = await tx.attachment.findFirst({ where: { id: attachmentId, applicationId: application.id } });
    if (!attachment) return [];
    const current = await beginFounderEdit(tx, application.id, now);
    if (current.status === "SUBMITTED" && attachment.kind === "PITCH_DECK") throw new UserError("errors.pitchDeckRequired", 409);
    await tx.attachment.delete({ where: { id: attachment.id } });
    await tx.auditEvent.create({
      data: {
        actorId: application.founderId,
        subjectType: "Application",
        subjectId: application.id,
        type: "ATTACHMENT_REMOVED",
        details: JSON.stringify({ kind: attachment.kind, fileName: attachment.fileName }),
      },
    });
    return [attachment.storageKey];
  });
  await deleteUnreferencedFiles(removed);
}

/**
 * An attachment the user may download: the owning founder, a reviewer assigned
 * to the application, or an admin. Anyone else gets null (and so a 404).
 */
export async function findDownloadableAttachment(attachmentId: string, user: { id: string; roles: readonly string[] }) {
  const attachment = await db.attachment.findUnique({
    where: { id: attachmentId },
    select: {
      kind: true,
      fileName: true,
      mimeType: true,
      size: true,
      storageKey: true,
      application: { select: { id: true, founderId: true, call: { select: { blindReview: true } } } },
    },
  });
  if (!attachment) return null;
  if (user.roles.includes("ADMIN") || attachment.application.founderId === user.id) return attachment;
  if (user.roles.includes("REVIEWER")) {
    const assigned = await db.reviewAssignment.count({
      where: { applicationId: attachment.application.id, reviewerId: user.id, status: { not: "CONFLICT" } },
    });
    // Under blind review a file name may name the founders: reviewers get a neutral one.
    if (assigned > 0 && attachment.application.call.blindReview) {
      const extension = attachment.mimeType === "application/pdf" ? "pdf" : attachment.mimeType === "image/png" ? "png" : "jpg";
      return { ...attachment, fileName: `${attachment.kind === "PITCH_DECK" ? "pitch-deck" : "document"}.${extension}` };
    }
    if (assigned > 0) return attachment;
  }
  return null;
}
