// A call's questions and eligibility rules (issue 15), and an application's answers to them.
// The rules are app/domain/call-questions.ts, call-questions-editor.ts and eligibility.ts; this
// file reads and writes them. Every change to a call's questionnaire is checked — definitions,
// and the freezing rules once the call has a submitted application — inside the transaction that
// writes it, with its audit event.
import { db, type Tx } from "~/db/client.server.ts";
import { cachedUntilChange } from "~/db/read-cache.server.ts";
import {
  ELIGIBILITY_STEP,
  questionColumns,
  questionView,
  type AnswerValue,
  type AnswerValues,
  type ParsedAnswers,
  type QuestionDefinition,
  type QuestionDefinitionInput,
} from "~/domain/call-questions.ts";
import { showText, type ShownText } from "~/domain/call-texts.ts";
import type { Locale, Sector } from "~/domain/constants.ts";
import { formatDay } from "~/i18n/dates.server.ts";
import {
  freezeViolations,
  validateEligibilityRules,
  validateQuestionDefinitions,
  type DefinitionProblem,
  type Questionnaire,
} from "~/domain/call-questions-editor.ts";
import { describeRule, ruleColumns, type EligibilityRule, type EligibilityRuleInput, type RuleDescription } from "~/domain/eligibility.ts";
import { UserError } from "~/domain/errors.ts";
import { showAnswers, type AnswersShown, type AnswerWriting } from "~/domain/answers-view.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import { deleteUnreferencedFiles } from "./stored-files.server.ts";

type QuestionRow = { id: string; key: string; position: number; step: string; type: string; definition: string };
type RuleRow = { id: string; questionKey: string; definition: string };

/** What the JSON column holds: the definition but for the columns of its own. */
type StoredDefinition = Omit<QuestionDefinitionInput, "key" | "step" | "type">;

function toQuestion(row: QuestionRow): QuestionDefinition {
  const stored = JSON.parse(row.definition) as StoredDefinition;
  return { ...stored, id: row.id, key: row.key, position: Number(row.position), step: row.step, type: row.type } as QuestionDefinition;
}

function toRule(row: RuleRow): EligibilityRule {
  return { ...JSON.parse(row.definition), id: row.id, questionKey: row.questionKey } as EligibilityRule;
}

/** A call's questions in asking order and its eligibility rules in order, read with `client`. */
export async function readQuestionnaire(callId: string, client: Tx = db): Promise<Questionnaire> {
  const questions = await client.callQuestion.findMany({
    where: { callId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, key: true, position: true, step: true, type: true, definition: true },
  });
  const rules = await client.eligibilityRule.findMany({
    where: { callId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, questionKey: true, definition: true },
  });
  return { questions: questions.map(toQuestion), rules: rules.map(toRule) };
}

/** A call's questionnaire as its pages read it: the same for every applicant, kept until the next commit. */
export function getQuestionnaire(callId: string): Promise<Questionnaire> {
  return cachedUntilChange(`call:questionnaire:${callId}`, () => readQuestionnaire(callId));
}

/** Answers keep their meaning once anyone has submitted: from then on the questionnaire freezes (DESIGN.md §9). */
export async function callHasSubmission(callId: string, client: Tx = db): Promise<boolean> {
  return (await client.application.count({ where: { callId, submittedAt: { not: null } } })) > 0;
}

/** The questions of the call answered by a submitted application: they cannot be removed once frozen. */
async function answeredQuestionIds(tx: Tx, callId: string): Promise<Set<string>> {
  const rows = await tx.applicationAnswer.findMany({
    where: { question: { callId }, application: { submittedAt: { not: null } } },
    distinct: ["questionId"],
    select: { questionId: true },
  });
  return new Set(rows.map((row) => row.questionId));
}

/** The first problem found, as the error shown beside its field (a path of the editor's form, e.g. "choices.1.value"). */
function refuse(problem: DefinitionProblem, fieldOf: (path: string) => string): never {
  throw new UserError(problem.key, 422, { field: fieldOf(problem.path), params: problem.params });
}

type Change = { before: Questionnaire; after: Questionnaire; fieldOf: (path: string) => string };

/**
 * Checks a change of the questionnaire inside the writing transaction: the definitions as a whole, then,
 * once the call has a submitted application, what may no longer change. Refuses with the first problem.
 */
async function checkChange(tx: Tx, callId: string, { before, after, fieldOf }: Change): Promise<void> {
  const problems = [...validateQuestionDefinitions(after.questions), ...validateEligibilityRules(after.rules, after.questions)];
  if (problems.length > 0) refuse(problems[0], fieldOf);
  if (!(await callHasSubmission(callId, tx))) return;
  const violations = freezeViolations(before, after, await answeredQuestionIds(tx, callId));
  if (violations.length > 0) refuse(violations[0], fieldOf);
}

function audit(tx: Tx, actorId: string, callId: string, type: string, details: unknown) {
  return tx.auditEvent.create({ data: { actorId, subjectType: "Call", subjectId: callId, type, details: JSON.stringify(details) } });
}

/** The path of a problem of question `index`, as the question's own form names the field. */
const questionField = (index: number) => (path: string) => {
  const prefix = `questions.${index}.`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : "form";
};
const ruleField = (index: number) => (path: string) => {
  const prefix = `rules.${index}.`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : "form";
};

/** Adds a question at the end of the call's questions, or replaces question `questionId`; audited. */
export async function saveQuestion(callId: string, questionId: string | null, input: QuestionDefinitionInput, actorId: string) {
  const removedFiles = await db.$transaction(async (tx) => {
    const before = await readQuestionnaire(callId, tx);
    const index = questionId ? before.questions.findIndex((q) => q.id === questionId) : before.questions.length;
    if (index < 0) throw new UserError("errors.title404", 404);
    const position = questionId ? before.questions[index].position : (before.questions.at(-1)?.position ?? -1) + 1;
    const saved = { ...input, id: questionId ?? "new", position } as QuestionDefinition;
    const questions = [...before.questions];
    questions.splice(index, questionId ? 1 : 0, saved);
    await checkChange(tx, callId, { before, after: { ...before, questions }, fieldOf: questionField(index) });
    const data = questionColumns(input);
    if (questionId) await tx.callQuestion.update({ where: { id: questionId, callId }, data });
    else await tx.callQuestion.create({ data: { ...data, callId, position } });
    const previous = questionId ? before.questions[index] : null;
    // Answers of another type mean nothing to the new one (drafts' only: a submitted answer freezes the type).
    const removedFiles = previous && previous.type !== input.type ? await deleteAnswersOf(tx, previous) : [];
    await audit(tx, actorId, callId, questionId ? "QUESTION_UPDATED" : "QUESTION_ADDED", {
      key: input.key,
      ...(previous && previous.key !== input.key ? { previousKey: previous.key } : {}),
      type: input.type,
    });
    return removedFiles;
  });
  await deleteUnreferencedFiles(removedFiles);
}

/** Removes a question (and, before any submission, the drafts' answers to it, files included); audited. */
export async function removeQuestion(callId: string, questionId: string, actorId: string) {
  const removedFiles = await db.$transaction(async (tx) => {
    const before = await readQuestionnaire(callId, tx);
    const index = before.questions.findIndex((q) => q.id === questionId);
    if (index < 0) throw new UserError("errors.title404", 404);
    const questions = before.questions.filter((q) => q.id !== questionId);
    await checkChange(tx, callId, { before, after: { ...before, questions }, fieldOf: questionField(index) });
    const removedFiles = await deleteAnswersOf(tx, before.questions[index]);
    await tx.callQuestion.delete({ where: { id: questionId, callId } });
    await audit(tx, actorId, callId, "QUESTION_REMOVED", { key: before.questions[index].key });
    return removedFiles;
  });
  await deleteUnreferencedFiles(removedFiles);
}

/** Moves a question one place earlier or later in the asking order (conditions still only look back); audited. */
export async function moveQuestion(callId: string, questionId: string, direction: "up" | "down", actorId: string) {
  await db.$transaction(async (tx) => {
    const before = await readQuestionnaire(callId, tx);
    const index = before.questions.findIndex((q) => q.id === questionId);
    if (index < 0) throw new UserError("errors.title404", 404);
    const other = direction === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= before.questions.length) return;
    const questions = before.questions.map((q, i) => (i === index ? before.questions[other] : i === other ? before.questions[index] : q));
    const renumbered = questions.map((q, position) => ({ ...q, position }));
    await checkChange(tx, callId, { before, after: { ...before, questions: renumbered }, fieldOf: questionField(other) });
    for (const question of renumbered) {
      if (before.questions.find((q) => q.id === question.id)?.position !== question.position)
        await tx.callQuestion.update({ where: { id: question.id, callId }, data: { position: question.position } });
    }
    await audit(tx, actorId, callId, "QUESTION_MOVED", { key: before.questions[index].key, direction });
  });
}

/** Adds an eligibility rule at the end, or replaces rule `ruleId`; audited. */
export async function saveEligibilityRule(callId: string, ruleId: string | null, input: EligibilityRuleInput, actorId: string) {
  await db.$transaction(async (tx) => {
    const before = await readQuestionnaire(callId, tx);
    const index = ruleId ? before.rules.findIndex((r) => r.id === ruleId) : before.rules.length;
    if (index < 0) throw new UserError("errors.title404", 404);
    const rules = [...before.rules];
    rules.splice(index, ruleId ? 1 : 0, { ...input, id: ruleId ?? "new" } as EligibilityRule);
    await checkChange(tx, callId, { before, after: { ...before, rules }, fieldOf: ruleField(index) });
    const data = ruleColumns(input);
    if (ruleId) await tx.eligibilityRule.update({ where: { id: ruleId, callId }, data });
    else await tx.eligibilityRule.create({ data: { ...data, callId, position: index } });
    await audit(tx, actorId, callId, ruleId ? "ELIGIBILITY_RULE_UPDATED" : "ELIGIBILITY_RULE_ADDED", input);
  });
}

/** Removes an eligibility rule; audited. */
export async function removeEligibilityRule(callId: string, ruleId: string, actorId: string) {
  await db.$transaction(async (tx) => {
    const before = await readQuestionnaire(callId, tx);
    const index = before.rules.findIndex((r) => r.id === ruleId);
    if (index < 0) throw new UserError("errors.title404", 404);
    const rules = before.rules.filter((r) => r.id !== ruleId);
    await checkChange(tx, callId, { before, after: { ...before, rules }, fieldOf: ruleField(index) });
    await tx.eligibilityRule.delete({ where: { id: ruleId, callId } });
    await audit(tx, actorId, callId, "ELIGIBILITY_RULE_REMOVED", { questionKey: before.rules[index].questionKey });
  });
}

// ——— Answers ———

/** An application's saved answers by question key, read with `client`. */
export async function readAnswers(applicationId: string, client: Tx = db): Promise<AnswerValues> {
  const rows = await client.$queryRaw<Array<{ key: string; value: string }>>`
    SELECT q."key", aa."value" FROM "ApplicationAnswer" aa JOIN "CallQuestion" q ON q."id" = aa."questionId"
    WHERE aa."applicationId" = ${applicationId}`;
  return Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as AnswerValue]));
}

/** The choices an answer picked, as the admin list filters them: a choice's value, or "yes"/"no". */
function pickedChoices(question: QuestionDefinition, value: AnswerValue): string[] {
  if (question.type === "SINGLE_CHOICE" && typeof value === "string") return [value];
  if (question.type === "MULTIPLE_CHOICE" && Array.isArray(value)) return value;
  if (question.type === "YES_NO" && typeof value === "boolean") return [value ? "yes" : "no"];
  return [];
}

/**
 * Writes parsed answers (buildAnswersSchema's output) with `tx`, inside the caller's transaction: a value
 * replaces the saved answer, null removes it, and each answer's picked choices are rewritten with it;
 * `hidden` are the keys of questions no longer shown, whose saved answers are removed (not stored).
 * Only what differs from `saved` (the answers as `tx` reads them: read here when not given) is written,
 * in a handful of statements whatever the number of questions: an autosave posts every answer of the step
 * each time, most of them unchanged. A file question's answer is its file: the file an answer no longer
 * names (replaced, emptied, or its question hidden) is deleted with it. Returns the keys whose answers
 * changed, and the storage keys of the deleted files, for deleteUnreferencedFiles once committed.
 */
export async function writeAnswers(
  tx: Tx,
  applicationId: string,
  questions: readonly QuestionDefinition[],
  parsed: ParsedAnswers,
  options: { hidden?: readonly string[]; saved?: AnswerValues } = {},
): Promise<{ changed: string[]; removedFiles: string[] }> {
  const saved = options.saved ?? (await readAnswers(applicationId, tx));
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const changes = [...Object.entries(parsed), ...(options.hidden ?? []).map((key) => [key, null] as const)].flatMap(([key, value]) => {
    const question = byKey.get(key);
    const before = Object.hasOwn(saved, key) ? JSON.stringify(saved[key]) : null;
    const after = value === null ? null : JSON.stringify(value);
    return question && before !== after ? [{ key, question, value, stored: after }] : [];
  });
  if (changes.length === 0) return { changed: [], removedFiles: [] };
  const replacedFiles = changes.flatMap(({ key, question }) =>
    question.type === "PDF" && typeof saved[key] === "string" ? [saved[key] as string] : [],
  );
  const removedFiles = await deleteAnswerFiles(tx, { applicationId, id: { in: replacedFiles } });
  const changedIds = changes.map((change) => change.question.id);
  await tx.answerChoice.deleteMany({ where: { applicationId, questionId: { in: changedIds } } });
  await tx.applicationAnswer.deleteMany({ where: { applicationId, questionId: { in: changedIds } } });
  const written = changes.filter((change) => change.stored !== null);
  if (written.length > 0) {
    await tx.applicationAnswer.createMany({
      data: written.map((change) => ({ applicationId, questionId: change.question.id, value: change.stored! })),
    });
    const choices = written.flatMap((change) =>
      pickedChoices(change.question, change.value!).map((choice) => ({ applicationId, questionId: change.question.id, choice })),
    );
    if (choices.length > 0) await tx.answerChoice.createMany({ data: choices });
  }
  return { changed: changes.map((change) => change.key), removedFiles };
}

/** Deletes the files answering file questions that `where` picks (none when it picks no id); returns their storage keys. */
async function deleteAnswerFiles(tx: Tx, where: { applicationId?: string; id: { in: string[] } }): Promise<string[]> {
  if (where.id.in.length === 0) return [];
  const files = await tx.attachment.findMany({ where: { ...where, kind: "ANSWER" }, select: { id: true, storageKey: true } });
  await tx.attachment.deleteMany({ where: { id: { in: files.map((file) => file.id) } } });
  return files.map((file) => file.storageKey);
}

/**
 * Deletes the answers to question `questionId` (its type changed, or it is removed: no submitted application
 * holds one, the freezing rules see to it), and a file question's files with them. Returns the files' storage keys.
 */
async function deleteAnswersOf(tx: Tx, question: QuestionDefinition): Promise<string[]> {
  const answers = await tx.applicationAnswer.findMany({ where: { questionId: question.id }, select: { value: true } });
  const fileIds =
    question.type === "PDF" ? answers.map((answer) => JSON.parse(answer.value) as unknown).filter((id) => typeof id === "string") : [];
  await tx.answerChoice.deleteMany({ where: { questionId: question.id } });
  await tx.applicationAnswer.deleteMany({ where: { questionId: question.id } });
  return deleteAnswerFiles(tx, { id: { in: fileIds as string[] } });
}

/** An eligibility rule as the call page and Apply word it: the admin's message, or describeRule's sentence. */
export type RuleInWords = { id: string; questionKey: string; message: ShownText | null; sentence: RuleDescription | null };

/** The call's rules in words in `locale` (a rule's days written by formatDay: this runs on the server). */
export function rulesInWords({ questions, rules }: Questionnaire, locale: Locale): RuleInWords[] {
  return rules.flatMap((rule) => {
    const question = questions.find((q) => q.key === rule.questionKey);
    if (!question) return [];
    const message = rule.message?.fr ? showText(rule.message, locale) : null;
    return [
      { id: rule.id, questionKey: rule.questionKey, message, sentence: message ? null : describeRule(rule, question, locale, formatDay) },
    ];
  });
}

/** What a founder answers before a draft exists: the call's eligibility questions, for a page in `locale`, and its rules in words. */
export async function eligibilityForm(callId: string, locale: Locale) {
  const questionnaire = await getQuestionnaire(callId);
  return {
    questions: questionnaire.questions.filter((q) => q.step === ELIGIBILITY_STEP).map((q) => questionView(q, locale)),
    rules: rulesInWords(questionnaire, locale),
  };
}

// ——— Answers as the staff read them (issue 15, point 5) ———

/** How many application ids one query of readAnswersOfApplications binds (far below either database's limit). */
const ANSWERS_BATCH = 1000;

/**
 * The saved answers of several applications, by application id then question key: one query per
 * thousand applications — one for a batch of the CSV export — read off ApplicationAnswer's primary key,
 * which starts with the application's id. An application without answers has no entry.
 */
export async function readAnswersOfApplications(applicationIds: readonly string[], client: Tx = db): Promise<Map<string, AnswerValues>> {
  const byApplication = new Map<string, Record<string, AnswerValue>>();
  for (let start = 0; start < applicationIds.length; start += ANSWERS_BATCH) {
    const rows = await client.$queryRaw<Array<{ applicationId: string; key: string; value: string }>>`
      SELECT aa."applicationId", q."key", aa."value" FROM "ApplicationAnswer" aa JOIN "CallQuestion" q ON q."id" = aa."questionId"
      WHERE aa."applicationId" IN (${Prisma.join(applicationIds.slice(start, start + ANSWERS_BATCH))})`;
    for (const row of rows) {
      let answers = byApplication.get(row.applicationId);
      if (!answers) byApplication.set(row.applicationId, (answers = {}));
      answers[row.key] = JSON.parse(row.value) as AnswerValue;
    }
  }
  return byApplication;
}

/** What answers are written with for a staff page in `locale`: days by formatDay, yes and no in its words. */
export function answerWriting(locale: Locale, files?: ReadonlyMap<string, string | null>): AnswerWriting {
  const { yes, no } = catalogs[locale].questions;
  return { locale, yes, no, writeDay: formatDay, files };
}

/**
 * An application's answers as a staff page shows them, read and written on the server (see showAnswers):
 * in blind review (`hideIdentifying`) the identifying ones never leave this function. `files` names the
 * application's attachments for its file answers. None for an application that does not exist.
 */
export async function readAnswersShown(
  applicationId: string,
  locale: Locale,
  options: { hideIdentifying: boolean; files?: ReadonlyMap<string, string | null> },
): Promise<AnswersShown> {
  const [[row], answers] = await Promise.all([
    db.$queryRaw<Array<{ callId: string; sector: Sector | null; preferredSiteId: string | null; alternateSiteId: string | null }>>`
      SELECT "callId", "sector", "preferredSiteId", "alternateSiteId" FROM "Application" WHERE "id" = ${applicationId}`,
    readAnswers(applicationId),
  ]);
  if (!row) return { answers: [], hidden: 0 };
  const { questions } = await getQuestionnaire(row.callId);
  const siteIds = [row.preferredSiteId, row.alternateSiteId].filter((id): id is string => id !== null);
  return showAnswers(questions, { sector: row.sector, siteIds, answers }, answerWriting(locale, options.files), options);
}
