import { db, type Tx } from "~/db/client.server.ts";
import type { ApplicationStatus, CallStatus, Locale, Sector } from "~/domain/constants.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { UserError, type MessageParams } from "~/domain/errors.ts";
import { showCallText, type ShownText } from "~/domain/call-texts.ts";
import {
  answerIssueMessage,
  answerKeysToRefuse,
  buildAnswersSchema,
  ELIGIBILITY_STEP,
  inOrder,
  questionView,
  visibleQuestions,
  type AnswerValue,
  type QuestionView,
  type AnswerValues,
  type ParsedAnswers,
  type QuestionContext,
  type QuestionDefinition,
} from "~/domain/call-questions.ts";
import { answersAtSubmission, evaluateEligibility, type EligibilityRule, type FailedRule } from "~/domain/eligibility.ts";
import { mergeDraft, parseBase, type MergeValue } from "~/domain/draft-merge.ts";
import { projectNameKey } from "~/domain/duplicates.ts";
import { answerField, readPostedAnswers } from "~/schemas/answers.ts";
import { getQuestionnaire, readAnswers, readQuestionnaire, writeAnswers } from "./call-questions.server.ts";
import { deleteUnreferencedFiles } from "./stored-files.server.ts";
import type { Actor } from "~/domain/lifecycle.ts";
import { buildTimeline } from "~/domain/timeline.ts";
import { isEditableByFounder } from "~/domain/lifecycle.ts";
import { applicationDraftSchema, type ApplicationDraft } from "~/schemas/application.ts";
import { stepOfField, type WizardStep } from "~/schemas/wizard-steps.ts";
import { formDataToObject, issuesToErrors, type FieldErrors } from "~/schemas/form-data.ts";
import { applyTransition } from "./lifecycle.server.ts";
import { readSubmissionSubject, validateForSubmission, type SubmissionSubject } from "./submission.server.ts";
import { getCallForApplicants, CALL_TITLE_SELECT } from "./reference-data.server.ts";
import { applicationOfPersonInCall, memberEmails, memberResidences, onTeamSql, recordLeadConsent, teamReadiness } from "./team.server.ts";
import { projectColumns, readAttachments, readTeamMembers, type ProjectColumns } from "./application-parts.server.ts";

export { validateForSubmission };

// Shared with the wizard, which shows it: a constant of a .server module is undefined in the browser.
export { MAX_OTHER_ATTACHMENTS } from "~/domain/constants.ts";

type WizardRow = ProjectColumns & {
  id: string;
  status: ApplicationStatus;
  version: number;
  founderId: string;
  preferredSiteId: string | null;
  alternateSiteId: string | null;
  submittedAt: Date | null;
  decisionReleasedAt: Date | null;
  updatedAt: Date;
  callId: string;
};

/**
 * The founder's own application for the wizard; null when it is not theirs (routes answer 404). It carries
 * the fields the submission rule reads (SubmissionSubject), so the review step shows what Submit will check.
 * Read with plain queries (application-parts.server.ts) and the call from the read cache: Prisma's nested
 * select sent seven statements, each through its query compiler, on every wizard step, autosave and
 * application page.
 */
export async function getFounderApplication(id: string, userId: string) {
  // The team's guard: its lead, or a member who accepted an invitation.
  const [row] = await db.$queryRaw<WizardRow[]>`
    SELECT a."id", a."status", a."version", a."founderId", ${projectColumns("a")}, a."preferredSiteId", a."alternateSiteId",
      a."submittedAt", a."decisionReleasedAt", a."updatedAt", a."callId"
    FROM "Application" a WHERE a."id" = ${id} AND ${onTeamSql("a", userId)}`;
  if (!row) return null;
  const [teamMembers, attachments, call, answers, questionnaire] = await Promise.all([
    readTeamMembers(row.id),
    readAttachments(row.id),
    getCallForApplicants(row.callId),
    readAnswers(row.id),
    getQuestionnaire(row.callId),
  ]);
  if (!call) return null;
  const { callId: _callId, ...application } = row;
  return {
    ...application,
    version: Number(row.version),
    teamMembers,
    attachments,
    call: call.call,
    sites: call.sites,
    answers,
    questions: wizardQuestions(questionnaire.questions),
  };
}
export type FounderApplication = NonNullable<Awaited<ReturnType<typeof getFounderApplication>>>;

/** A call by its slug and the application to it of the founder's team (led or joined), if any (reads only). */
export async function findApplicationToCall(founderId: string, callSlug: string) {
  const call = await db.call.findUnique({
    where: { slug: callSlug },
    select: { id: true, slug: true, ...CALL_TITLE_SELECT, status: true, opensAt: true, closesAt: true },
  });
  if (!call) return null;
  const existing = await applicationOfPersonInCall(founderId, call.id);
  return { call, applicationId: existing?.id ?? null };
}

/** What Apply answers: the application to open, or why none was started (invalid answers, or rules not met). */
export type StartResult =
  | { ok: true; applicationId: string }
  | { ok: false; errors: FieldErrors; errorParams: Record<string, MessageParams>; ineligible: FailedRule[] };

/**
 * Apply resumes the founder's application to the call, or starts a draft while the call is open. A call
 * with eligibility questions (ELIGIBILITY_STEP) starts one only when `posted` answers them all and meets
 * every rule: checked, like the answers, inside the transaction that creates the draft, which stores them.
 */
export async function startOrResumeApplication(
  founderId: string,
  callSlug: string,
  posted: Record<string, unknown> = {},
  now = new Date(),
): Promise<StartResult | null> {
  const found = await findApplicationToCall(founderId, callSlug);
  if (!found) return null;
  const { call, applicationId } = found;
  if (applicationId) return { ok: true, applicationId };
  if (!isEditableByFounder("DRAFT", call, now))
    throw new UserError(now < call.opensAt ? "lifecycle.callNotOpenYet" : "lifecycle.deadlinePassed", 409);
  const founder = await db.user.findUniqueOrThrow({ where: { id: founderId }, select: { name: true, email: true } });
  try {
    return await db.$transaction(async (tx): Promise<StartResult> => {
      const { questions, rules } = await readQuestionnaire(call.id, tx);
      const asked = questions.filter((question) => question.step === ELIGIBILITY_STEP);
      const refused = answerKeysToRefuse(asked, { answers: {} }, posted);
      if (refused.unknown.length > 0 || refused.hidden.length > 0) throw new UserError("errors.formUnreadable", 400);
      const parsed = buildAnswersSchema(asked, { answers: {} }, { mode: "submit" }).safeParse(posted);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ field: answerField(String(issue.path[0])), ...answerIssueMessage(issue) }));
        return {
          ok: false,
          errors: Object.fromEntries(issues.map((issue) => [issue.field, issue.key])),
          errorParams: Object.fromEntries(issues.map((issue) => [issue.field, issue.params])),
          ineligible: [],
        };
      }
      const answers = withoutNulls(parsed.data);
      const verdict = evaluateEligibility(rules, asked, answers);
      if (!verdict.eligible) return { ok: false, errors: {}, errorParams: {}, ineligible: verdict.failed };
      const created = await tx.application.create({
        data: {
          founderId,
          callId: call.id,
          teamMembers: { create: [{ name: founder.name, email: founder.email, role: "", position: 0 }] },
          // Its lead's membership: the unique (call, person) also refuses a draft to someone on another team of the call.
          teamMemberships: { create: [{ callId: call.id, userId: founderId, lead: true }] },
        },
        select: { id: true },
      });
      await writeAnswers(tx, created.id, asked, parsed.data, { saved: {} });
      await tx.auditEvent.create({
        data: { actorId: founderId, subjectType: "Application", subjectId: created.id, type: "APPLICATION_STARTED", toState: "DRAFT" },
      });
      return { ok: true, applicationId: created.id };
    });
  } catch (error) {
    // Two Apply clicks at once (or an invitation accepted meanwhile): a unique (founder or person, call) keeps
    // one application; resume it.
    const raced = await findApplicationToCall(founderId, callSlug);
    if (raced?.applicationId) return { ok: true, applicationId: raced.applicationId };
    throw error;
  }
}

/**
 * What a founder's write (fields, files) reads inside its transaction before
 * changing anything: the status it finds there decides what is allowed.
 */
/**
 * Starts a founder's write to `applicationId` inside `tx`: re-reads the
 * application there, refuses when it can no longer be edited, and bumps
 * `version` by compare-and-set — so a submit (which reads and validates the
 * draft in its own transaction, compare-and-set on `version`) sees the write or
 * refuses, and the write sees the submission and applies its rules.
 */
export async function beginFounderEdit(tx: Tx, applicationId: string, now: Date) {
  const current = await readForFounderEdit(tx, applicationId, now);
  await bumpVersion(tx, applicationId, current.version);
  return current;
}

/** beginFounderEdit's first half: the application as `tx` reads it, refused when no longer editable. */
export async function readForFounderEdit(tx: Tx, applicationId: string, now: Date) {
  const current = await readSubmissionSubject(tx, applicationId);
  if (!current || !isEditableByFounder(current.status, current.call, now)) throw new UserError("lifecycle.readOnly", 409);
  return current;
}

/** beginFounderEdit's second half: compare-and-set on the version read, bumping it. */
export async function bumpVersion(tx: Tx, applicationId: string, version: number): Promise<void> {
  const { count } = await tx.application.updateMany({ where: { id: applicationId, version }, data: { version: { increment: 1 } } });
  if (count === 0) throw new UserError("lifecycle.stale", 409);
}

/**
 * Saves what the founder typed. Drafts and submitted applications (until the
 * deadline) are editable; a submitted one keeps every field it must have (see
 * keepSubmittable), judged on what the transaction reads — also when it was
 * submitted after this request started. Edits after submission are audited.
 */
async function saveApplicationFields(
  application: FounderApplication,
  draft: ApplicationDraft,
  postedAnswers: Record<string, unknown>,
  errors: FieldErrors,
  now = new Date(),
  base: Record<string, MergeValue> | null = null,
  editorId?: string,
): Promise<DraftMerge> {
  if (!isEditableByFounder(application.status, application.call, now)) throw new UserError("lifecycle.readOnly", 409);
  const report: DraftMerge = { conflicts: {}, updated: {}, base: {} };
  const siteIds = new Set(application.sites.filter((s) => s.status === "OPEN").map((s) => s.id));
  const posted: ApplicationDraft = { ...draft };
  for (const key of ["preferredSiteId", "alternateSiteId"] as const) {
    const value = posted[key];
    if (value && !siteIds.has(value)) {
      errors[key] = "errors.siteUnavailable";
      delete posted[key];
    }
  }
  const removedFiles = await db.$transaction(async (tx) => {
    const current = await readForFounderEdit(tx, application.id, now);
    const { team: mergedTeam, ...fields } = keepMerged(
      current.status === "SUBMITTED" ? keepSubmittable(current, posted, errors) : posted,
      base,
      { ...current, team: current.teamMembers },
      errors,
      report,
    );
    // Everyone with an account on the team keeps their row: they leave the team, nobody removes them by editing the list.
    const team = mergedTeam && (await keepsEveryMember(tx, application.id, mergedTeam, errors)) ? mergedTeam : undefined;
    const answers = await parseAnswersToSave(tx, application, { ...current, ...fields }, postedAnswers, errors, base, report);
    // Nothing left to save (every posted field refused): not an edit, the version stays.
    if (Object.keys(fields).length === 0 && !team && !answers) return [];
    await bumpVersion(tx, application.id, current.version);
    const { stage, sector, ...plainFields } = fields;
    const data = {
      ...plainFields,
      // The name as duplicate detection compares it (app/domain/duplicates.ts).
      ...(plainFields.projectName !== undefined ? { projectNameKey: projectNameKey(plainFields.projectName) } : {}),
      ...("stage" in fields ? { stage: stage === "" ? null : stage } : {}),
      ...("sector" in fields ? { sector: sector === "" ? null : sector } : {}),
      ...("preferredSiteId" in fields ? { preferredSiteId: fields.preferredSiteId === "" ? null : fields.preferredSiteId } : {}),
      ...("alternateSiteId" in fields ? { alternateSiteId: fields.alternateSiteId === "" ? null : fields.alternateSiteId } : {}),
    };
    const answered = answers
      ? await writeAnswers(tx, application.id, application.questions, answers.parsed, { hidden: answers.hidden, saved: answers.saved })
      : { changed: [], removedFiles: [] };
    const changed = [...Object.keys(fields), ...(team ? ["team"] : []), ...answered.changed.map(answerField)];
    // Who last changed each step, for the team (the lead when no editor is named).
    for (const step of new Set(changed.map(stepOfField)))
      await recordStepChange(tx, application.id, step, editorId ?? application.founderId, now);
    if (Object.keys(data).length > 0) await tx.application.update({ where: { id: application.id }, data });
    if (team) {
      await tx.teamMember.deleteMany({ where: { applicationId: application.id } });
      await tx.teamMember.createMany({
        data: team.map((member, position) => ({
          applicationId: application.id,
          position,
          name: member.name,
          email: member.email.toLowerCase(),
          role: member.role,
        })),
      });
    }
    if (current.status === "SUBMITTED" && changed.length > 0) {
      await tx.auditEvent.create({
        data: {
          actorId: application.founderId,
          subjectType: "Application",
          subjectId: application.id,
          type: "APPLICATION_EDITED",
          details: JSON.stringify({ fields: changed }),
        },
      });
    }
    return answered.removedFiles;
  });
  // The files of answers no longer given (their questions hidden by this save), once nothing references them.
  await deleteUnreferencedFiles(removedFiles);
  return report;
}

/** What a save of a shared draft found others had changed: fields in conflict, and fields the page should take. */
export type DraftMerge = {
  conflicts: Record<string, MergeValue>;
  updated: Record<string, MergeValue>;
  /** What each posted field now holds (not those in conflict): the page's next base. */
  base: Record<string, MergeValue>;
};

/**
 * The posted values a save writes, merged one by one with what the member's page started from (`base`) and
 * what the transaction reads (draft-merge.ts): a value someone else changed meanwhile is not overwritten.
 * `field` names a key as the form and the report do; `missing` is what a value not stored reads as there.
 */
function keepMerged<T extends Record<string, unknown>>(
  posted: T,
  base: Record<string, MergeValue> | null,
  stored: Record<string, MergeValue>,
  errors: FieldErrors,
  report: DraftMerge,
  { field = (key: string) => key, missing = "" as MergeValue } = {},
): T {
  const kept: Record<string, unknown> = { ...posted };
  const baseByKey = base && Object.fromEntries(Object.keys(posted).flatMap((key) => (field(key) in base ? [[key, base[field(key)]]] : [])));
  for (const [key, merge] of Object.entries(mergeDraft(posted, baseByKey, stored))) {
    const name = field(key);
    const theirs = stored[key] ?? missing;
    if (merge !== "conflict") report.base[name] = merge === "write" ? kept[key] : theirs;
    if (merge === "write") continue;
    delete kept[key];
    if (merge === "conflict") {
      errors[name] = "teams.errors.editConflict";
      report.conflicts[name] = theirs;
    } else if (merge === "theirs") report.updated[name] = theirs;
  }
  return kept as T;
}

/** Whether a posted team list still holds every member's address (else the list's error, and it is not saved). */
async function keepsEveryMember(tx: Tx, applicationId: string, team: ReadonlyArray<{ email: string }>, errors: FieldErrors) {
  const listed = new Set(team.map((member) => member.email.trim().toLowerCase()));
  const missing = (await memberEmails(tx, applicationId)).filter((email) => !listed.has(email));
  if (missing.length === 0) return true;
  errors.team = "teams.errors.memberRowRequired";
  return false;
}

export type SubmitResult = { ok: true } | { ok: false; errors: FieldErrors };

/**
 * Submits once: a double click or replayed request finds the application
 * already submitted and succeeds without a second audit event or email. The
 * draft is read and validated inside the transaction that changes the status,
 * with a compare-and-set on `expectedVersion` (the version the page showed):
 * a save, upload or removal that raced it either came first and is judged
 * here, or refused as stale ("this application changed"), never lost.
 */
export async function submitApplication(
  application: FounderApplication,
  actor: Actor,
  expectedVersion: number,
  now = new Date(),
): Promise<SubmitResult> {
  return db.$transaction(async (tx): Promise<SubmitResult> => {
    const current = await readSubmissionSubject(tx, application.id);
    if (!current) throw new UserError("errors.title404", 404);
    if (current.status === "SUBMITTED") return { ok: true };
    if (!isEditableByFounder(current.status, current.call, now)) throw new UserError("lifecycle.deadlinePassed", 409);
    // The questions as this transaction reads them: an admin's change made meanwhile counts.
    const { questions, rules } = await readQuestionnaire(application.call.id, tx);
    const savedAnswers = await readAnswers(application.id, tx);
    const errors = {
      ...validateForSubmission(current),
      ...answerErrors(wizardQuestions(questions), questionContextFrom(current, savedAnswers), {}, "submit"),
    };
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    // The team's own conditions: every invitation answered, every member's consent; the lead's is this Submit.
    const team = await teamReadiness(tx, application.id, now);
    if (team) throw new UserError(team.key, 409, { params: team.params });
    await checkTeamResidence(tx, application.id, questions, rules, savedAnswers);
    await applyTransition({ applicationId: application.id, name: "submit", actor, expectedVersion, now }, tx);
    await recordLeadConsent(tx, { id: application.id, callId: application.call.id, founderId: application.founderId }, now);
    return { ok: true };
  });
}

/**
 * The call's eligibility rules on where the team lives, checked again at Submit with what each member says
 * of themself (answersAtSubmission): refused when the members' answers fail them; the answer stored for the
 * application becomes the team's.
 */
async function checkTeamResidence(
  tx: Tx,
  applicationId: string,
  questions: readonly QuestionDefinition[],
  rules: readonly EligibilityRule[],
  savedAnswers: AnswerValues,
): Promise<void> {
  const asked = questions.filter((question) => question.step === ELIGIBILITY_STEP);
  const residenceKeys = asked.filter((question) => question.type === "YES_NO" && question.teamResidence).map((question) => question.key);
  if (residenceKeys.length === 0) return;
  const answers = answersAtSubmission(asked, savedAnswers, await memberResidences(tx, applicationId));
  const residenceRules = rules.filter((rule) => residenceKeys.includes(rule.questionKey));
  if (!evaluateEligibility(residenceRules, asked, answers).eligible) throw new UserError("teams.errors.residenceIneligible", 409);
  await writeAnswers(tx, applicationId, asked, Object.fromEntries(residenceKeys.map((key) => [key, answers[key] ?? null])), {
    saved: savedAnswers,
  });
}

/** The founder's applications with what the dashboard timeline needs. */
export async function listFounderApplications(founderId: string) {
  // One query with its join (Prisma's nested select sent two, each through its query compiler).
  const rows = await db.$queryRaw<
    Array<{
      id: string;
      projectName: string;
      status: ApplicationStatus;
      sector: Sector | null;
      submittedAt: Date | null;
      decisionReleasedAt: Date | null;
      updatedAt: Date;
      callTitle: string;
      callTitleEn: string | null;
      callTitleAr: string | null;
      callOpensAt: Date;
      callClosesAt: Date;
      callStatus: CallStatus;
      callHasInterview: boolean;
    }>
  >`
    SELECT a."id", a."projectName", a."status", a."sector", a."submittedAt", a."decisionReleasedAt", a."updatedAt",
      c."title" AS "callTitle", c."titleEn" AS "callTitleEn", c."titleAr" AS "callTitleAr", c."opensAt" AS "callOpensAt", c."closesAt" AS "callClosesAt", c."status" AS "callStatus",
      c."hasInterview" AS "callHasInterview"
    FROM "Application" a JOIN "Call" c ON c."id" = a."callId"
    WHERE ${onTeamSql("a", founderId)}
    ORDER BY a."createdAt" DESC, a."id" DESC`;
  return rows.map(({ callTitle, callTitleEn, callTitleAr, callOpensAt, callClosesAt, callStatus, callHasInterview, ...application }) => ({
    ...application,
    call: {
      title: { fr: callTitle, en: callTitleEn, ar: callTitleAr },
      opensAt: callOpensAt,
      closesAt: callClosesAt,
      status: callStatus,
      hasInterview: Boolean(callHasInterview),
    },
  }));
}

const DRAFT_KEYS = [
  "projectName",
  "tagline",
  "problem",
  "solution",
  "market",
  "traction",
  "stage",
  "team",
  "sector",
  "preferredSiteId",
  "alternateSiteId",
] as const;

/**
 * Reads a wizard step's posted fields (plain form post or autosave) into a
 * draft: invalid fields are reported and left as they were, everything else is
 * saved, so one bad field never loses the rest.
 */
export async function saveDraftFromForm(application: FounderApplication, formData: FormData, now = new Date()): Promise<FieldErrors> {
  return (await saveDraft(application, formData, now)).errors;
}

/**
 * Saves a wizard post (a step's form or its autosave): the errors of what was refused, and for a shared
 * draft, the fields in conflict with another member's change and those the page should take from them.
 */
export async function saveDraft(
  application: FounderApplication,
  formData: FormData,
  now = new Date(),
  editorId?: string,
): Promise<DraftMerge & { errors: FieldErrors }> {
  const posted = formDataToObject(formData);
  const raw: Record<string, unknown> = {};
  for (const key of DRAFT_KEYS) if (key in posted) raw[key] = posted[key];
  if (Array.isArray(raw.team)) {
    // Rows left entirely blank (the spare row of the no-JavaScript form) are not members.
    raw.team = (raw.team as Array<Record<string, string> | undefined>).filter(
      (row) => row && [row.name, row.email, row.role].some((v) => v?.trim()),
    );
  }
  let result = applicationDraftSchema.safeParse(raw);
  let errors: FieldErrors = {};
  if (!result.success) {
    errors = issuesToErrors(result.error.issues);
    for (const issue of result.error.issues) delete raw[String(issue.path[0])];
    result = applicationDraftSchema.safeParse(raw);
  }
  if (!result.success) return { errors, conflicts: {}, updated: {}, base: {} };
  const merge = await saveApplicationFields(
    application,
    result.data,
    readPostedAnswers(formData),
    errors,
    now,
    parseBase(formData.get("base")),
    editorId,
  );
  return { errors, ...merge };
}

/** The questions the wizard asks (every one but those answered before the draft existed), in order. */
function wizardQuestions(questions: readonly QuestionDefinition[]): QuestionDefinition[] {
  return questions.filter((question) => question.step !== ELIGIBILITY_STEP);
}

/** What decides which of the call's questions an application is shown. */
export function questionContextFrom(
  application: { sector: string | null; preferredSiteId: string | null; alternateSiteId: string | null },
  answers: AnswerValues,
): QuestionContext {
  const siteIds = [application.preferredSiteId, application.alternateSiteId].filter((id): id is string => Boolean(id));
  return { sector: (application.sector || null) as Sector | null, siteIds, answers };
}

/** The answers' errors as the wizard shows them, keyed by their form field (`answers.<key>`). */
function answerErrors(
  questions: readonly QuestionDefinition[],
  context: QuestionContext,
  posted: Record<string, unknown>,
  mode: "draft" | "submit",
): FieldErrors {
  const result = buildAnswersSchema(questions, context, { mode }).safeParse(posted);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [answerField(String(issue.path[0])), issue.message]));
}

/** What Submit would refuse, on what the application holds now (the wizard shows it on a refused Submit's steps). */
export function submissionErrors(application: FounderApplication): FieldErrors {
  return {
    ...validateForSubmission(application),
    ...answerErrors(application.questions, questionContextFrom(application, application.answers), {}, "submit"),
  };
}

/** The title of the application's call for a page in `locale` (a function of this module: the route's bundle needs none of it). */
export function callTitleFor(application: FounderApplication, locale: Locale): ShownText {
  return showCallText(application.call, "title", locale);
}

/** What decides which of the call's questions the application is shown now (its sector, sites and saved answers). */
export function questionContextOf(application: FounderApplication): QuestionContext {
  return questionContextFrom(application, application.answers);
}

/**
 * Every question of the wizard's questions step for a page in `locale`, in order, and the keys of those the
 * application is shown now: the step renders them all, a hidden one hidden until an answer on the page
 * shows it (useShownQuestions), so that works before any save; without JavaScript, a save shows it.
 */
export function questionStepViews(application: FounderApplication, locale: Locale): { questions: QuestionView[]; shownKeys: string[] } {
  return {
    questions: inOrder(application.questions).map((question) => questionView(question, locale, application.answers[question.key])),
    shownKeys: visibleQuestions(application.questions, questionContextOf(application)).map((question) => question.key),
  };
}

/** The wizard's questions this application is shown now (its sector, sites and saved answers), for a page in `locale`. */
export function shownQuestionViews(application: FounderApplication, locale: Locale): QuestionView[] {
  return visibleQuestions(application.questions, questionContextFrom(application, application.answers)).map((question) =>
    questionView(question, locale, application.answers[question.key]),
  );
}

function withoutNulls(answers: ParsedAnswers): AnswerValues {
  return Object.fromEntries(Object.entries(answers).filter((entry): entry is [string, AnswerValue] => entry[1] !== null));
}

/**
 * The posted answers to save, checked inside the founder's write: answers to no question of the wizard,
 * or to a question the application is not shown, refuse the whole request; an invalid answer is reported
 * and left as it was (a submitted application's required answers cannot be emptied); the saved answers
 * of questions the application no longer shows are removed. Null when no answer was posted.
 */
async function parseAnswersToSave(
  tx: Tx,
  application: FounderApplication,
  current: { sector: string | null; preferredSiteId: string | null; alternateSiteId: string | null; status: ApplicationStatus },
  posted: Record<string, unknown>,
  errors: FieldErrors,
  base: Record<string, MergeValue> | null = null,
  report: DraftMerge = { conflicts: {}, updated: {}, base: {} },
): Promise<{ parsed: ParsedAnswers; hidden: string[]; saved: AnswerValues } | null> {
  if (Object.keys(posted).length === 0) return null;
  const saved = await readAnswers(application.id, tx);
  const context = questionContextFrom(current, saved);
  const refused = answerKeysToRefuse(application.questions, context, posted);
  if (refused.unknown.length > 0 || refused.hidden.length > 0) throw new UserError("errors.formUnreadable", 400);
  const checked = buildAnswersSchema(application.questions, context, {
    mode: current.status === "SUBMITTED" ? "submit" : "draft",
  }).safeParse(posted);
  let parsed: ParsedAnswers;
  if (checked.success) parsed = checked.data;
  else {
    // Report the invalid answers, and save the others as a draft saves them.
    const invalid = Object.fromEntries(checked.error.issues.map((issue) => [answerField(String(issue.path[0])), issue.message]));
    Object.assign(errors, invalid);
    const acceptable = Object.fromEntries(Object.entries(posted).filter(([key]) => !(answerField(key) in invalid)));
    const rest = buildAnswersSchema(application.questions, context, { mode: "draft" }).safeParse(acceptable);
    if (!rest.success) return null;
    parsed = rest.data;
  }
  // Merged like the draft's other fields; a cleared answer is null in all three.
  parsed = keepMerged(parsed, base, saved, errors, report, { field: answerField, missing: null });
  const answers = { ...saved, ...withoutNulls(parsed) };
  const shown = new Set(visibleQuestions(application.questions, { ...context, answers }).map((question) => question.key));
  const hidden = Object.keys(saved).filter((key) => !shown.has(key) && application.questions.some((question) => question.key === key));
  return { parsed, hidden, saved };
}

/**
 * A submitted application must stay complete: posted fields that would break
 * the full schema are reported and not saved; the stored values stay.
 */
function keepSubmittable(application: SubmissionSubject, draft: ApplicationDraft, errors: FieldErrors): ApplicationDraft {
  const merged = {
    ...application,
    ...Object.fromEntries(Object.entries(draft).filter(([key]) => key !== "team")),
    teamMembers: draft.team ?? application.teamMembers,
  } as SubmissionSubject;
  const kept: Record<string, unknown> = { ...draft };
  for (const [path, message] of Object.entries(validateForSubmission(merged))) {
    const field = path.split(".")[0];
    if (!(field in draft)) continue;
    errors[path] ??= message;
    delete kept[field];
  }
  return kept as ApplicationDraft;
}

type TimelineSubject = { id: string; status: ApplicationStatus; decisionReleasedAt: Date | null; call: { hasInterview: boolean } };

/**
 * The founder's view of each application's progress, decisions hidden until
 * released. One query for the status history of all of them.
 */
export async function founderTimelines<A extends TimelineSubject>(applications: A[]) {
  const events =
    applications.length === 0
      ? []
      : await db.$queryRaw<Array<{ subjectId: string; toState: string; createdAt: Date }>>`
          SELECT "subjectId", "toState", "createdAt" FROM "AuditEvent"
          WHERE "subjectType" = 'Application' AND "subjectId" IN (${Prisma.join(applications.map((a) => a.id))}) AND "toState" IS NOT NULL
          ORDER BY "createdAt" ASC, "id" ASC`;
  return applications.map((application) =>
    buildTimeline({
      status: application.status,
      hasInterview: application.call.hasInterview,
      decisionReleasedAt: application.decisionReleasedAt,
      history: events.filter((e) => e.subjectId === application.id).map((e) => ({ toState: e.toState, at: e.createdAt })),
    }),
  );
}

/** Records, in the writing transaction, that `userId` changed `step` of the draft at `now`. */
export async function recordStepChange(tx: Tx, applicationId: string, step: WizardStep, userId: string, now: Date): Promise<void> {
  const change = { userId, changedAt: now };
  await tx.draftStepChange.upsert({
    where: { applicationId_step: { applicationId, step } },
    create: { applicationId, step, ...change },
    update: change,
  });
}

/** Who last changed each step of the draft, and when (the team's members see it on the step). */
export async function readStepChanges(applicationId: string) {
  const rows = await db.$queryRaw<Array<{ step: string; changedAt: Date; name: string }>>`
    SELECT c."step", c."changedAt", u."name" FROM "DraftStepChange" c JOIN "User" u ON u."id" = c."userId"
    WHERE c."applicationId" = ${applicationId}`;
  return rows;
}
