import { isTeamMember } from "./team.server.ts";
import { db } from "~/db/client.server.ts";
import { lockName } from "~/db/locks.server.ts";
import { MAX_OTHER_ATTACHMENTS } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import { isEditableByFounder } from "~/domain/lifecycle.ts";
import { ALLOWED_TYPES, kindOfUploadField, MAX_UPLOAD_BYTES, type AttachmentKind } from "~/storage/file-type.ts";
import { discardStagedFile, placeStagedFile } from "~/storage/files.server.ts";
import { parseUploadForm } from "~/storage/multipart.server.ts";
import { answerErrorParams, ELIGIBILITY_STEP, visibleQuestions } from "~/domain/call-questions.ts";
import { answerField } from "~/schemas/answers.ts";
import type { Tx } from "~/db/client.server.ts";
import type { FounderApplication } from "./application.server.ts";
import { beginFounderEdit, bumpVersion, questionContextFrom, readForFounderEdit, recordStepChange } from "./application.server.ts";
import { getQuestionnaire, readAnswers, readQuestionnaire, writeAnswers } from "./call-questions.server.ts";
import { identifyingFileIds } from "~/domain/answers-view.ts";
import { deleteUnreferencedFiles, storedFileLock } from "./stored-files.server.ts";

/**
 * Streams one uploaded file into storage and attaches it: a pitch deck replaces
 * the previous one; other files are capped; the file answering one of the call's
 * PDF questions replaces that question's previous file and becomes its answer.
 * A refusal throws a UserError. Returns the kind of file attached.
 *
 * The file is staged while it streams; the cap, the application's state and
 * the version are checked in the transaction that records the attachment,
 * which also places the file. A refused upload leaves no file behind and never
 * touches a stored file another application shares.
 */
export async function addAttachment(
  application: FounderApplication,
  request: Request,
  now = new Date(),
  editorId: string = application.founderId,
): Promise<AttachmentKind> {
  if (!isEditableByFounder(application.status, application.call, now)) throw new UserError("lifecycle.readOnly", 409);
  const upload = await parseUploadForm(request, {
    maxFiles: 1,
    maxBytes: MAX_UPLOAD_BYTES,
    allowedFor: (field) => {
      const upload = kindOfUploadField(field);
      return upload ? ALLOWED_TYPES[upload.kind] : null;
    },
  });
  try {
    if (upload.error) throw upload.error;
    const [file] = upload.files;
    if (!file) throw new UserError("errors.fileRequired", 400);
    const { kind, questionKey } = kindOfUploadField(file.field)!;
    const replaced = await db.$transaction(async (tx) => {
      const current = await readForFounderEdit(tx, application.id, now);
      if (kind === "OTHER" && (await tx.attachment.count({ where: { applicationId: application.id, kind } })) >= MAX_OTHER_ATTACHMENTS) {
        throw new UserError("errors.tooManyFiles", 400);
      }
      const answered = kind === "ANSWER" ? await fileQuestionToAnswer(tx, application, current, questionKey ?? "", file.staged.size) : null;
      await bumpVersion(tx, application.id, current.version);
      await recordStepChange(tx, application.id, kind === "ANSWER" ? "questions" : "documents", editorId, now);
      // A new pitch deck replaces the previous one (a question's file is replaced with its answer, below).
      const previous =
        kind === "PITCH_DECK"
          ? await tx.attachment.findMany({ where: { applicationId: application.id, kind }, select: { id: true, storageKey: true } })
          : [];
      await tx.attachment.deleteMany({ where: { id: { in: previous.map((p) => p.id) } } });
      const created = await tx.attachment.create({
        data: {
          applicationId: application.id,
          kind,
          fileName: file.fileName,
          mimeType: file.staged.mimeType,
          size: file.staged.size,
          sha256: file.staged.sha256,
          storageKey: file.staged.storageKey,
        },
        select: { id: true },
      });
      const { removedFiles } = answered
        ? await writeAnswers(tx, application.id, answered.questions, { [answered.key]: created.id }, { saved: answered.saved })
        : { removedFiles: [] };
      await tx.auditEvent.create({
        data: {
          actorId: application.founderId,
          subjectType: "Application",
          subjectId: application.id,
          type: "ATTACHMENT_ADDED",
          details: JSON.stringify({
            kind,
            fileName: file.fileName,
            sha256: file.staged.sha256,
            ...(answered ? { question: answered.key } : {}),
          }),
        },
      });
      // File work last, just before the commit: placed under the file's lock, held until the commit.
      await lockName(tx, storedFileLock(file.staged.storageKey));
      await placeStagedFile(file.staged);
      return [...previous.map((old) => old.storageKey), ...removedFiles].filter((key) => key !== file.staged.storageKey);
    });
    await deleteUnreferencedFiles(replaced);
    return kind;
  } finally {
    // The staged copies go, placed or not (a placed file lives on under its key).
    for (const file of upload.files) await discardStagedFile(file.staged);
  }
}

/**
 * The PDF question a file is uploaded for, checked in the transaction that attaches it, on the
 * questionnaire and answers `tx` reads: a question of the application's call, of the wizard, shown
 * to the application, whose size cap the file keeps. Anything else refuses the upload.
 */
async function fileQuestionToAnswer(
  tx: Tx,
  application: FounderApplication,
  current: Awaited<ReturnType<typeof readForFounderEdit>>,
  key: string,
  size: number,
) {
  const { questions } = await readQuestionnaire(application.call.id, tx);
  const saved = await readAnswers(application.id, tx);
  const question = visibleQuestions(questions, questionContextFrom(current, saved)).find((q) => q.key === key);
  if (!question || question.type !== "PDF" || question.step === ELIGIBILITY_STEP) throw new UserError("errors.formUnreadable", 400);
  if (size > question.maxBytes) {
    throw new UserError("questions.fileTooLarge", 413, { field: answerField(key), params: answerErrorParams(question) });
  }
  return { key, questions, saved };
}

/**
 * Removes one of the application's files. Decided on what the transaction
 * reads: a submitted application keeps its pitch deck (it may be replaced, not
 * removed), also when it was submitted after this request started, and the file
 * answering a required question it is shown; a file answer goes with its file.
 * The stored file goes only if no attachment references it any more.
 */
export async function removeAttachment(
  application: FounderApplication,
  attachmentId: string,
  now = new Date(),
  editorId: string = application.founderId,
): Promise<AttachmentKind | null> {
  if (!isEditableByFounder(application.status, application.call, now)) throw new UserError("lifecycle.readOnly", 409);
  const removed = await db.$transaction(async (tx) => {
    const attachment = await tx.attachment.findFirst({ where: { id: attachmentId, applicationId: application.id } });
    if (!attachment) return null;
    const current = await beginFounderEdit(tx, application.id, now);
    if (current.status === "SUBMITTED" && attachment.kind === "PITCH_DECK") throw new UserError("errors.pitchDeckRequired", 409);
    await recordStepChange(tx, application.id, attachment.kind === "ANSWER" ? "questions" : "documents", editorId, now);
    if (attachment.kind === "ANSWER") {
      const { questions } = await readQuestionnaire(application.call.id, tx);
      const saved = await readAnswers(application.id, tx);
      const shown = visibleQuestions(questions, questionContextFrom(current, saved));
      const question = questions.find((q) => q.type === "PDF" && saved[q.key] === attachment.id);
      if (question && current.status === "SUBMITTED" && question.required && shown.includes(question)) {
        throw new UserError("questions.required", 409, { field: answerField(question.key) });
      }
      // Emptying the answer deletes its file (writeAnswers).
      if (question) await writeAnswers(tx, application.id, questions, { [question.key]: null }, { saved });
    }
    await tx.attachment.deleteMany({ where: { id: attachment.id } });
    await tx.auditEvent.create({
      data: {
        actorId: application.founderId,
        subjectType: "Application",
        subjectId: application.id,
        type: "ATTACHMENT_REMOVED",
        details: JSON.stringify({ kind: attachment.kind, fileName: attachment.fileName }),
      },
    });
    return attachment;
  });
  if (removed) await deleteUnreferencedFiles([removed.storageKey]);
  return (removed?.kind as AttachmentKind | undefined) ?? null;
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
      application: { select: { id: true, founderId: true, callId: true, call: { select: { blindReview: true } } } },
    },
  });
  if (!attachment) return null;
  if (user.roles.includes("ADMIN") || (await isTeamMember(attachment.application.id, user.id))) return attachment;
  if (user.roles.includes("REVIEWER")) {
    const assigned = await db.reviewAssignment.count({
      where: { applicationId: attachment.application.id, reviewerId: user.id, status: { not: "CONFLICT" } },
    });
    // Under blind review a file name may name the founders: reviewers get a neutral one.
    if (assigned > 0 && attachment.application.call.blindReview) {
      // The file answering an identifying question is withheld with the other identifying answers.
      if (attachment.kind === "ANSWER") {
        const [{ questions }, answers] = await Promise.all([
          getQuestionnaire(attachment.application.callId),
          readAnswers(attachment.application.id),
        ]);
        if (identifyingFileIds(questions, answers).has(attachmentId)) return null;
      }
      const extension = attachment.mimeType === "application/pdf" ? "pdf" : attachment.mimeType === "image/png" ? "png" : "jpg";
      return { ...attachment, fileName: `${attachment.kind === "PITCH_DECK" ? "pitch-deck" : "document"}.${extension}` };
    }
    if (assigned > 0) return attachment;
  }
  return null;
}
