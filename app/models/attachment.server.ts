import { db } from "~/db/client.server.ts";
import { isEditableByFounder } from "~/domain/lifecycle.ts";
import { ALLOWED_TYPES, kindOfUploadField, MAX_UPLOAD_BYTES, type AttachmentKind } from "~/storage/file-type.ts";
import { deleteStoredFileIfUnused, type StoredFile } from "~/storage/files.server.ts";
import { parseUploadForm } from "~/storage/multipart.server.ts";
import type { FounderApplication } from "./application.server.ts";
import { MAX_OTHER_ATTACHMENTS } from "./application.server.ts";
import { TransitionError } from "./lifecycle.server.ts";


const isReferenced = (storageKey: string) => async () => (await db.attachment.count({ where: { storageKey } })) > 0;

async function discard(files: Array<{ stored: StoredFile }>) {
  for (const file of files) await deleteStoredFileIfUnused(file.stored.storageKey, isReferenced(file.stored.storageKey));
}

/**
 * Streams one uploaded file into storage and attaches it: a pitch deck replaces
 * the previous one; other files are capped. Returns an i18n error key, or null.
 */
export async function addAttachment(application: FounderApplication, request: Request, now = new Date()): Promise<string | null> {
  if (!isEditableByFounder(application.status, application.call, now)) throw new TransitionError("lifecycle.readOnly", 409);
  const upload = await parseUploadForm(request, {
    maxFiles: 1,
    maxBytes: MAX_UPLOAD_BYTES,
    allowedFor: (field) => {
      const kind = kindOfUploadField(field);
      return kind ? ALLOWED_TYPES[kind] : null;
    },
  });
  if (upload.error) {
    await discard(upload.files);
    return upload.error.messageKey;
  }
  const [file] = upload.files;
  if (!file) return "errors.fileRequired";
  const kind = kindOfUploadField(file.field) as AttachmentKind;
  const others = application.attachments.filter((a) => a.kind === "OTHER").length;
  if (kind === "OTHER" && others >= MAX_OTHER_ATTACHMENTS) {
    await discard(upload.files);
    return "errors.tooManyFiles";
  }
  const replaced = await db.$transaction(async (tx) => {
    const previous =
      kind === "PITCH_DECK" ? await tx.attachment.findMany({ where: { applicationId: application.id, kind }, select: { id: true, storageKey: true } }) : [];
    await tx.attachment.deleteMany({ where: { id: { in: previous.map((p) => p.id) } } });
    await tx.attachment.create({
      data: {
        applicationId: application.id,
        kind,
        fileName: file.fileName,
        mimeType: file.stored.mimeType,
        size: file.stored.size,
        sha256: file.stored.sha256,
        storageKey: file.stored.storageKey,
      },
    });
    await tx.auditEvent.create({
      data: {
        actorId: application.founderId,
        subjectType: "Application",
        subjectId: application.id,
        type: "ATTACHMENT_ADDED",
        details: JSON.stringify({ kind, fileName: file.fileName, sha256: file.stored.sha256 }),
      },
    });
    return previous;
  });
  for (const old of replaced) await deleteStoredFileIfUnused(old.storageKey, isReferenced(old.storageKey));
  return null;
}

export async function removeAttachment(application: FounderApplication, attachmentId: string, now = new Date()): Promise<void> {
  if (!isEditableByFounder(application.status, application.call, now)) throw new TransitionError("lifecycle.readOnly", 409);
  const attachment = await db.attachment.findFirst({ where: { id: attachmentId, applicationId: application.id } });
  if (!attachment) return;
  // A submitted application keeps its pitch deck; it may be replaced, not removed.
  if (application.status === "SUBMITTED" && attachment.kind === "PITCH_DECK") throw new TransitionError("errors.pitchDeckRequired", 409);
  await db.$transaction([
    db.attachment.delete({ where: { id: attachment.id } }),
    db.auditEvent.create({
      data: {
        actorId: application.founderId,
        subjectType: "Application",
        subjectId: application.id,
        type: "ATTACHMENT_REMOVED",
        details: JSON.stringify({ kind: attachment.kind, fileName: attachment.fileName }),
      },
    }),
  ]);
  await deleteStoredFileIfUnused(attachment.storageKey, isReferenced(attachment.storageKey));
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
