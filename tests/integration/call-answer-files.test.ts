// Files answering a call's PDF questions in the wizard (issue 15), the founder's side: the upload
// (`answerFile.<key>`) attaches the file and makes its id the answer, replacing the question's
// previous file; it is refused for a question the application is not shown, of another call or of
// another type, and above the question's own cap; the answer is never typed (a posted id is refused
// whole); a required file question holds Submit back, and its file stays once submitted. A file answer
// no longer given (its question hidden by a later answer, removed or retyped by the admin) goes with its
// attachment and its stored file.
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { createHash } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { MEGABYTE, type QuestionDefinitionInput } from "~/domain/call-questions.ts";
import { removeQuestion, saveQuestion } from "~/models/call-questions.server.ts";
import { action as autosaveAction } from "~/routes/founder.applications.$id.autosave.tsx";
import { action as editAction, loader as editLoader } from "~/routes/founder.applications.$id.edit.$step.tsx";
import { answerUploadField } from "~/storage/file-type.ts";
import { openStoredFile, storageDir } from "~/storage/files.server.ts";
import { json, signedIn } from "../support/enrollment-factories.ts";
import { createTestUser } from "../support/factories.ts";
import { createApplication, createIntakeSetup, createOpenCall, createSite, pdfBuffer } from "../support/intake-factories.ts";
import { callRoute, expectRedirect, expectStatusWithBody, invokeRoute } from "../support/remix.ts";
import { signIn } from "../support/review-factories.ts";

beforeAll(async () => {
  await dbReady;
});

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

const base = { step: "questions", required: false, identifying: false } as const;
const pdfQuestion = { ...base, type: "PDF", maxBytes: MEGABYTE } as const;
const QUESTIONS: QuestionDefinitionInput[] = [
  {
    ...base,
    key: "stage_detail",
    type: "SINGLE_CHOICE",
    label: { fr: "Où en est le projet ?" },
    choices: [
      { value: "idea", label: { fr: "Idée" } },
      { value: "mvp", label: { fr: "Produit minimum" } },
    ],
  },
  { ...pdfQuestion, key: "business_plan", label: { fr: "Plan d'affaires" } },
  // Shown to cultural projects only: the drafts here are green tech (createApplication).
  { ...pdfQuestion, key: "portfolio", label: { fr: "Portfolio" }, condition: { sectors: ["CULTURAL_INDUSTRIES"] } },
];

/** Runs a loader or action on a hand-built request (multipart bodies), returning thrown responses too. */
/** A complete GREEN_TECH draft (pitch deck and all) on a call that asks `questions`, and its founder's client. */
async function draftOnCallWithQuestions(questions: QuestionDefinitionInput[] = QUESTIONS) {
  const setup = await createIntakeSetup();
  const { user: admin } = await signedIn("ADMIN");
  for (const question of questions) await saveQuestion(setup.call.id, null, question, admin.id);
  return draftOn(setup, admin);
}

/** Another founder's complete GREEN_TECH draft on `founder`'s call, and its client. */
async function anotherDraftOn(founder: Founder) {
  return draftOn({ ...founder.setup, founder: await createTestUser({ roles: ["FOUNDER"] }) }, founder.admin);
}

async function draftOn(setup: Awaited<ReturnType<typeof createIntakeSetup>>, admin: { id: string }) {
  const { application, pitchDeck } = await createApplication({ ...setup, status: "DRAFT" });
  expect(application.sector).toBe("GREEN_TECH");
  const cookie = await signIn(setup.founder);
  const id = application.id;
  const path = `/founder/applications/${id}`;
  const edit = (step: string, form: Record<string, string>) =>
    callRoute(editAction, { path: `${path}/edit/${step}`, form, cookie, params: { id, step } });
  return {
    id,
    path,
    setup,
    call: setup.call,
    admin,
    pitchDeck,
    load: (step: string, query = "") => callRoute(editLoader, { path: `${path}/edit/${step}${query}`, cookie, params: { id, step } }),
    save: (form: Record<string, string>) => edit("questions", { goto: "questions", ...form }),
    autosave: (form: Record<string, string>) => callRoute(autosaveAction, { path: `${path}/autosave`, form, cookie, params: { id } }),
    submit: () => edit("review", { intent: "submit", consent: "on" }),
    deleteAttachment: (attachmentId: string) => edit("questions", { intent: "deleteAttachment", attachmentId }),
    /** Posts `content` through the questions step's file form of question `key` (or any file input `field`). */
    upload(key: string, content: Buffer, fileName = "plan.pdf", type = "application/pdf", field = answerUploadField(key)) {
      const body = new FormData();
      body.append("intent", "upload");
      body.append(field, new File([Uint8Array.from(content)], fileName, { type }));
      const request = new Request(`http://localhost${path}/edit/questions`, { method: "POST", headers: { Cookie: cookie }, body });
      return invokeRoute(editAction, request, { id, step: "questions" });
    },
  };
}
type Founder = Awaited<ReturnType<typeof draftOnCallWithQuestions>>;

async function storedAnswers(applicationId: string) {
  const rows = await db.applicationAnswer.findMany({ where: { applicationId }, include: { question: { select: { key: true } } } });
  return Object.fromEntries(rows.map((row) => [row.question.key, JSON.parse(row.value)]));
}

const answerFiles = (applicationId: string) =>
  db.attachment.findMany({ where: { applicationId, kind: "ANSWER" }, orderBy: { createdAt: "asc" } });

/** Everything an upload or a refused request could change: the attachments, answers, version and audit trail. */
async function snapshot(applicationId: string) {
  const [application, answers, auditTrail] = await Promise.all([
    db.application.findUniqueOrThrow({ where: { id: applicationId }, include: { attachments: { orderBy: { id: "asc" } } } }),
    storedAnswers(applicationId),
    db.auditEvent.findMany({ where: { subjectId: applicationId }, orderBy: { id: "asc" } }),
  ]);
  return { application, answers, auditTrail };
}

const storageKeyOf = (content: Buffer) => {
  const sha256 = createHash("sha256").update(content).digest("hex");
  return `${sha256.slice(0, 2)}/${sha256}`;
};
const isStored = (storageKey: string) => fs.existsSync(path.join(storageDir(), storageKey));

/** Every file in storage (staged ones included), as storage keys or `tmp/<name>`. */
async function filesInStorage(): Promise<string[]> {
  const entries = await fsp.readdir(storageDir(), { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(storageDir(), path.join(entry.parentPath, entry.name)));
}

/** The application's AnswerChoice rows, as `key:choice`, sorted. */
async function storedChoices(applicationId: string) {
  const rows = await db.answerChoice.findMany({ where: { applicationId }, include: { question: { select: { key: true } } } });
  return rows.map((row) => `${row.question.key}:${row.choice}`).sort();
}

const questionIdOf = async (callId: string, key: string) => (await db.callQuestion.findFirstOrThrow({ where: { callId, key } })).id;

/** A request that must be refused whole with `status` and `message`, changing nothing. */
async function expectRefusedUnchanged(founder: Founder, send: () => Promise<Response>, status: number, message: string) {
  const before = await snapshot(founder.id);
  await expectStatusWithBody(await send(), status, { ok: false, message });
  expect(await snapshot(founder.id)).toEqual(before);
}

type StepPage = {
  questions: Array<{ key: string; type: string }>;
  shownKeys: string[];
  answers: Record<string, unknown>;
  attachments: Array<{ id: string; kind: string; fileName: string }>;
  checkErrors: Record<string, string>;
};

describe("uploading the file answering a PDF question", () => {
  it("attaches it, makes its id the answer and shows it on the questions step; a second upload replaces it", async () => {
    const founder = await draftOnCallWithQuestions();
    const first = pdfBuffer();
    expectRedirect(await founder.upload("business_plan", first, "plan-v1.pdf"), `${founder.path}/edit/questions`);

    const [attachment] = await answerFiles(founder.id);
    expect(await answerFiles(founder.id)).toHaveLength(1);
    expect(attachment).toMatchObject({ kind: "ANSWER", fileName: "plan-v1.pdf", mimeType: "application/pdf", size: first.length });
    expect(attachment.storageKey).toBe(storageKeyOf(first));
    expect(await buffer(openStoredFile(attachment.storageKey))).toEqual(first);
    expect(await storedAnswers(founder.id)).toEqual({ business_plan: attachment.id });
    // The pitch deck is not what a file answer replaces.
    expect(await db.attachment.count({ where: { id: founder.pitchDeck.id } })).toBe(1);

    const page = await json<StepPage>(await founder.load("questions"));
    // The step renders every question; the portfolio (cultural projects only) is not shown to this one.
    expect(page.questions.map((q) => q.key)).toContain("business_plan");
    expect(page.shownKeys).toEqual(["stage_detail", "business_plan"]);
    expect(page.answers.business_plan).toBe(attachment.id);
    expect(page.attachments).toContainEqual(expect.objectContaining({ id: attachment.id, kind: "ANSWER", fileName: "plan-v1.pdf" }));

    const added = await db.auditEvent.findMany({ where: { subjectId: founder.id, type: "ATTACHMENT_ADDED" } });
    expect(added).toHaveLength(1);
    expect(JSON.parse(added[0].details!)).toMatchObject({ kind: "ANSWER", fileName: "plan-v1.pdf", question: "business_plan" });

    const second = pdfBuffer();
    expectRedirect(await founder.upload("business_plan", second, "plan-v2.pdf"), `${founder.path}/edit/questions`);
    const files = await answerFiles(founder.id);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ fileName: "plan-v2.pdf", storageKey: storageKeyOf(second) });
    expect(files[0].id).not.toBe(attachment.id);
    expect(await storedAnswers(founder.id)).toEqual({ business_plan: files[0].id });
    expect(isStored(attachment.storageKey)).toBe(false);
    expect(await buffer(openStoredFile(files[0].storageKey))).toEqual(second);
    expect(isStored(founder.pitchDeck.storageKey)).toBe(true);
    const page2 = await json<StepPage>(await founder.load("questions"));
    expect(page2.answers.business_plan).toBe(files[0].id);
    expect(page2.attachments.map((a) => a.id)).not.toContain(attachment.id);
    const addedAfter = await db.auditEvent.findMany({ where: { subjectId: founder.id, type: "ATTACHMENT_ADDED" }, orderBy: { id: "asc" } });
    expect(addedAfter.map((event) => JSON.parse(event.details!).question)).toEqual(["business_plan", "business_plan"]);
  });

  it("refuses a file above the question's cap with 413, storing nothing", async () => {
    const founder = await draftOnCallWithQuestions();
    // A valid PDF, padded past the question's 1 MB (well under the 10 MB of any upload).
    const big = Buffer.concat([pdfBuffer(), Buffer.alloc(1.5 * MEGABYTE, "x")]);
    const before = await snapshot(founder.id);
    const response = await founder.upload("business_plan", big, "big.pdf");
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      ok: false,
      message: "questions.fileTooLarge",
      errors: { "answers.business_plan": "questions.fileTooLarge" },
      params: { max: 1 },
    });
    expect(await snapshot(founder.id)).toEqual(before);
    expect(await answerFiles(founder.id)).toEqual([]);
    expect(await storedAnswers(founder.id)).toEqual({});
    expect(isStored(storageKeyOf(big))).toBe(false);
  });

  it("refuses a PNG: a PDF question takes PDFs only", async () => {
    const founder = await draftOnCallWithQuestions();
    await expectRefusedUnchanged(founder, () => founder.upload("business_plan", PNG, "plan.png", "image/png"), 400, "errors.fileType");
    expect(await answerFiles(founder.id)).toEqual([]);
    expect(isStored(storageKeyOf(PNG))).toBe(false);
  });

  it("refuses a file for a hidden question, an unknown key, a question of another type or of another call, storing nothing", async () => {
    const founder = await draftOnCallWithQuestions();
    // Another call asking a PDF question this one does not.
    const otherSite = await createSite();
    const otherCall = await createOpenCall({ sites: [otherSite] });
    await saveQuestion(otherCall.id, null, { ...pdfQuestion, key: "other_plan", label: { fr: "Autre plan" } }, founder.admin.id);

    for (const key of ["portfolio", "no_such_question", "stage_detail", "other_plan", ""]) {
      const content = pdfBuffer();
      await expectRefusedUnchanged(founder, () => founder.upload(key, content, "plan.pdf"), 400, "errors.formUnreadable");
      expect(isStored(storageKeyOf(content)), key).toBe(false);
    }
    expect(await answerFiles(founder.id)).toEqual([]);
    expect(await storedAnswers(founder.id)).toEqual({});
    // Nothing staged is left behind either.
    expect((await filesInStorage()).filter((file) => file.startsWith("tmp"))).toEqual([]);
  });

  it("refuses a file for a PDF question asked on the call page, before the draft (an eligibility question)", async () => {
    const founder = await draftOnCallWithQuestions([
      ...QUESTIONS,
      { ...pdfQuestion, step: "eligibility", key: "statutes", label: { fr: "Statuts" } },
    ]);
    expect(await db.callQuestion.count({ where: { callId: founder.call.id, key: "statutes" } })).toBe(1);
    await expectRefusedUnchanged(founder, () => founder.upload("statutes", pdfBuffer()), 400, "errors.formUnreadable");
  });
});

describe("a file answer is never typed", () => {
  it("refuses a posted answers.<pdfKey> whole, through the step's form and autosave, whatever id it names", async () => {
    const founder = await draftOnCallWithQuestions();
    const other = await draftOnCallWithQuestions();
    expectRedirect(await other.upload("business_plan", pdfBuffer()), `${other.path}/edit/questions`);
    const [othersFile] = await answerFiles(other.id);
    expectRedirect(await founder.upload("business_plan", pdfBuffer()), `${founder.path}/edit/questions`);
    const [ownFile] = await answerFiles(founder.id);
    await founder.autosave({ "answers.stage_detail": "idea" });
    expect(await storedAnswers(founder.id)).toEqual({ stage_detail: "idea", business_plan: ownFile.id });

    for (const attachmentId of [founder.pitchDeck.id, othersFile.id, ""]) {
      const form = { projectName: "Renamed meanwhile", "answers.stage_detail": "mvp", "answers.business_plan": attachmentId };
      await expectRefusedUnchanged(founder, () => founder.save(form), 400, "errors.formUnreadable");
      await expectRefusedUnchanged(founder, () => founder.autosave(form), 400, "errors.formUnreadable");
      // A hidden file question's key the same way.
      await expectRefusedUnchanged(founder, () => founder.autosave({ "answers.portfolio": attachmentId }), 400, "errors.formUnreadable");
    }
    expect(await storedAnswers(founder.id)).toEqual({ stage_detail: "idea", business_plan: ownFile.id });
    expect((await db.application.findUniqueOrThrow({ where: { id: founder.id } })).projectName).not.toBe("Renamed meanwhile");
    expect(await storedAnswers(other.id)).toEqual({ business_plan: othersFile.id });
  });
});

describe("a required PDF question", () => {
  const REQUIRED = [{ ...pdfQuestion, required: true, key: "business_plan", label: { fr: "Plan d'affaires" } }];

  it("holds Submit back until its file is uploaded; once submitted, its file cannot be removed", async () => {
    const founder = await draftOnCallWithQuestions(REQUIRED);
    const refused = await founder.submit();
    expect(refused.status).toBe(302);
    expect(refused.headers.get("Location")).toBe(`${founder.path}/edit/questions?check=1`);
    expect((await db.application.findUniqueOrThrow({ where: { id: founder.id } })).status).toBe("DRAFT");
    const page = await json<StepPage>(await founder.load("questions", "?check=1"));
    expect(page.checkErrors).toEqual({ "answers.business_plan": "questions.required" });

    expectRedirect(await founder.upload("business_plan", pdfBuffer()), `${founder.path}/edit/questions`);
    const [file] = await answerFiles(founder.id);
    const submitted = await founder.submit();
    expect(submitted.status).toBe(302);
    expect(submitted.headers.get("Location")).toBe(founder.path);
    expect((await db.application.findUniqueOrThrow({ where: { id: founder.id } })).status).toBe("SUBMITTED");

    const before = await snapshot(founder.id);
    const response = await founder.deleteAttachment(file.id);
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      ok: false,
      message: "questions.required",
      errors: { "answers.business_plan": "questions.required" },
    });
    expect(await snapshot(founder.id)).toEqual(before);
    expect(isStored(file.storageKey)).toBe(true);

    // It may still be replaced by another file.
    expectRedirect(await founder.upload("business_plan", pdfBuffer(), "plan-v2.pdf"), `${founder.path}/edit/questions`);
    const [replacement] = await answerFiles(founder.id);
    expect(replacement.fileName).toBe("plan-v2.pdf");
    expect(await storedAnswers(founder.id)).toEqual({ business_plan: replacement.id });
    expect(isStored(file.storageKey)).toBe(false);
  });

  it("on a draft, removing its file removes the attachment, the answer and the stored file", async () => {
    const founder = await draftOnCallWithQuestions(REQUIRED);
    expectRedirect(await founder.upload("business_plan", pdfBuffer()), `${founder.path}/edit/questions`);
    const [file] = await answerFiles(founder.id);
    expect(await storedAnswers(founder.id)).toEqual({ business_plan: file.id });

    expectRedirect(await founder.deleteAttachment(file.id), `${founder.path}/edit/questions`);
    expect(await answerFiles(founder.id)).toEqual([]);
    expect(await storedAnswers(founder.id)).toEqual({});
    expect(isStored(file.storageKey)).toBe(false);
    expect(await db.auditEvent.count({ where: { subjectId: founder.id, type: "ATTACHMENT_REMOVED" } })).toBe(1);
    const page = await json<StepPage>(await founder.load("questions"));
    expect(page.answers.business_plan).toBeUndefined();
    expect(page.attachments.map((a) => a.id)).toEqual([founder.pitchDeck.id]);
    // Submit is held back again.
    expect((await founder.submit()).headers.get("Location")).toBe(`${founder.path}/edit/questions?check=1`);
  });

  it("removing an optional question's file on a submitted application is allowed, and removes its answer", async () => {
    const founder = await draftOnCallWithQuestions();
    expectRedirect(await founder.upload("business_plan", pdfBuffer()), `${founder.path}/edit/questions`);
    const [file] = await answerFiles(founder.id);
    await founder.autosave({ "answers.stage_detail": "idea" });
    expect((await founder.submit()).headers.get("Location")).toBe(founder.path);
    expectRedirect(await founder.deleteAttachment(file.id), `${founder.path}/edit/questions`);
    expect(await answerFiles(founder.id)).toEqual([]);
    expect(await storedAnswers(founder.id)).toEqual({ stage_detail: "idea" });
  });
});

describe("a file answer that is no longer given goes with its attachment and its stored file", () => {
  const PORTFOLIO_QUESTIONS: QuestionDefinitionInput[] = [
    { ...base, key: "has_portfolio", type: "YES_NO", label: { fr: "Avez-vous un portfolio ?" } },
    {
      ...pdfQuestion,
      key: "portfolio",
      label: { fr: "Portfolio" },
      condition: { answer: { questionKey: "has_portfolio", equals: true } },
    },
  ];

  it("its question hidden by a later answer, through autosave and the step's form: answer, attachment and file are gone", async () => {
    const founder = await draftOnCallWithQuestions(PORTFOLIO_QUESTIONS);
    const hideThrough = [(form: Record<string, string>) => founder.autosave(form), (form: Record<string, string>) => founder.save(form)];
    for (const [round, hide] of hideThrough.entries()) {
      await founder.autosave({ "answers.has_portfolio": "yes" });
      const content = pdfBuffer();
      expectRedirect(await founder.upload("portfolio", content, "portfolio.pdf"), `${founder.path}/edit/questions`);
      const [file] = await answerFiles(founder.id);
      expect(file, `round ${round}`).toMatchObject({ fileName: "portfolio.pdf", storageKey: storageKeyOf(content) });
      expect(await storedAnswers(founder.id)).toEqual({ has_portfolio: true, portfolio: file.id });
      expect(await storedChoices(founder.id)).toEqual(["has_portfolio:yes"]);
      expect(isStored(file.storageKey)).toBe(true);

      const response = await hide({ "answers.has_portfolio": "no" });
      expect(response.status, `round ${round}`).toBeLessThan(400);
      expect(await storedAnswers(founder.id), `round ${round}`).toEqual({ has_portfolio: false });
      expect(await storedChoices(founder.id), `round ${round}`).toEqual(["has_portfolio:no"]);
      expect(await answerFiles(founder.id), `round ${round}`).toEqual([]);
      expect(await db.attachment.count({ where: { id: file.id } })).toBe(0);
      expect(isStored(file.storageKey), `round ${round}`).toBe(false);
      // The pitch deck is not a file answer.
      expect(await db.attachment.count({ where: { id: founder.pitchDeck.id } })).toBe(1);
      expect(isStored(founder.pitchDeck.storageKey)).toBe(true);

      // Shown again, the question has no answer: the file does not come back.
      await founder.autosave({ "answers.has_portfolio": "yes" });
      const page = await json<StepPage>(await founder.load("questions"));
      expect(page.shownKeys).toEqual(["has_portfolio", "portfolio"]);
      expect(page.answers.portfolio).toBeUndefined();
      expect(page.attachments.map((a) => a.id)).toEqual([founder.pitchDeck.id]);
      expect(await storedAnswers(founder.id)).toEqual({ has_portfolio: true });
    }
  });
});

describe("the admin changing a call's PDF question on drafts", () => {
  it("removing it deletes every draft's answer to it, its attachment and its stored file; the other answers stay", async () => {
    const founder = await draftOnCallWithQuestions();
    const other = await anotherDraftOn(founder);
    const files = [];
    for (const draft of [founder, other]) {
      expectRedirect(await draft.upload("business_plan", pdfBuffer()), `${draft.path}/edit/questions`);
      await draft.autosave({ "answers.stage_detail": "idea" });
      const [file] = await answerFiles(draft.id);
      expect(await storedAnswers(draft.id)).toEqual({ stage_detail: "idea", business_plan: file.id });
      expect(isStored(file.storageKey)).toBe(true);
      files.push(file);
    }

    await removeQuestion(founder.call.id, await questionIdOf(founder.call.id, "business_plan"), founder.admin.id);

    expect(await db.callQuestion.count({ where: { callId: founder.call.id, key: "business_plan" } })).toBe(0);
    for (const [i, draft] of [founder, other].entries()) {
      expect(await storedAnswers(draft.id), `draft ${i}`).toEqual({ stage_detail: "idea" });
      expect(await storedChoices(draft.id), `draft ${i}`).toEqual(["stage_detail:idea"]);
      expect(await answerFiles(draft.id), `draft ${i}`).toEqual([]);
      expect(await db.attachment.count({ where: { id: files[i].id } })).toBe(0);
      expect(isStored(files[i].storageKey), `draft ${i}`).toBe(false);
      expect(await db.attachment.count({ where: { id: draft.pitchDeck.id } })).toBe(1);
      expect(isStored(draft.pitchDeck.storageKey)).toBe(true);
      const page = await json<StepPage>(await draft.load("questions"));
      expect(page.attachments.map((a) => a.id)).toEqual([draft.pitchDeck.id]);
    }
    const removed = await db.auditEvent.findMany({ where: { subjectId: founder.call.id, type: "QUESTION_REMOVED" } });
    expect(removed.map((event) => JSON.parse(event.details!))).toEqual([{ key: "business_plan" }]);
  });

  it("retyping questions deletes their answers: a PDF question's file (attachment and stored file), a choice's AnswerChoice rows", async () => {
    const founder = await draftOnCallWithQuestions();
    const content = pdfBuffer();
    expectRedirect(await founder.upload("business_plan", content), `${founder.path}/edit/questions`);
    await founder.autosave({ "answers.stage_detail": "idea" });
    const [file] = await answerFiles(founder.id);
    expect(await storedAnswers(founder.id)).toEqual({ stage_detail: "idea", business_plan: file.id });
    expect(await storedChoices(founder.id)).toEqual(["stage_detail:idea"]);

    const businessPlanId = await questionIdOf(founder.call.id, "business_plan");
    const stageDetailId = await questionIdOf(founder.call.id, "stage_detail");
    const asText = { ...base, type: "SHORT_TEXT", maxLength: 300 } as const;
    await saveQuestion(
      founder.call.id,
      businessPlanId,
      { ...asText, key: "business_plan", label: { fr: "Plan d'affaires" } },
      founder.admin.id,
    );
    // The PDF question's answer, its attachment and its stored file are gone; the choice answer is still there.
    expect(await storedAnswers(founder.id)).toEqual({ stage_detail: "idea" });
    expect(await db.applicationAnswer.count({ where: { questionId: businessPlanId } })).toBe(0);
    expect(await answerFiles(founder.id)).toEqual([]);
    expect(await db.attachment.count({ where: { id: file.id } })).toBe(0);
    expect(isStored(storageKeyOf(content))).toBe(false);
    expect(await db.attachment.count({ where: { id: founder.pitchDeck.id } })).toBe(1);
    expect(isStored(founder.pitchDeck.storageKey)).toBe(true);

    // The questions step no longer shows the attachment id as the text question's answer.
    const page = await json<StepPage>(await founder.load("questions"));
    expect(page.questions.find((q) => q.key === "business_plan")?.type).toBe("SHORT_TEXT");
    expect(page.answers.business_plan).toBeUndefined();
    expect(page.answers.stage_detail).toBe("idea");
    expect(page.attachments.map((a) => a.id)).toEqual([founder.pitchDeck.id]);

    // A choice question retyped: its answer and its AnswerChoice rows go.
    await saveQuestion(
      founder.call.id,
      stageDetailId,
      { ...asText, key: "stage_detail", label: { fr: "Où en est le projet ?" } },
      founder.admin.id,
    );
    expect(await storedAnswers(founder.id)).toEqual({});
    expect(await storedChoices(founder.id)).toEqual([]);
    expect(await db.answerChoice.count({ where: { questionId: stageDetailId } })).toBe(0);

    // The retyped questions take answers of their new type.
    await founder.autosave({ "answers.business_plan": "Un plan en une phrase.", "answers.stage_detail": "Prototype" });
    expect(await storedAnswers(founder.id)).toEqual({ business_plan: "Un plan en une phrase.", stage_detail: "Prototype" });
    expect(await storedChoices(founder.id)).toEqual([]);
  });

  it("a required text question answered, then retyped to a required PDF question, has no answer: Submit waits for its file", async () => {
    const summary = { ...base, required: true, key: "summary", label: { fr: "Résumé" } } as const;
    const founder = await draftOnCallWithQuestions([{ ...summary, type: "SHORT_TEXT", maxLength: 300 }]);
    await founder.autosave({ "answers.summary": "hello" });
    expect(await storedAnswers(founder.id)).toEqual({ summary: "hello" });

    const summaryId = await questionIdOf(founder.call.id, "summary");
    await saveQuestion(founder.call.id, summaryId, { ...summary, type: "PDF", maxBytes: MEGABYTE }, founder.admin.id);
    expect(await storedAnswers(founder.id)).toEqual({});
    expect(await db.applicationAnswer.count({ where: { questionId: summaryId } })).toBe(0);
    expect(await answerFiles(founder.id)).toEqual([]);

    expectRedirect(await founder.submit(), `${founder.path}/edit/questions?check=1`);
    expect((await db.application.findUniqueOrThrow({ where: { id: founder.id } })).status).toBe("DRAFT");
    const page = await json<StepPage>(await founder.load("questions", "?check=1"));
    expect(page.answers.summary).toBeUndefined();
    expect(page.checkErrors).toEqual({ "answers.summary": "questions.required" });

    expectRedirect(await founder.upload("summary", pdfBuffer(), "summary.pdf"), `${founder.path}/edit/questions`);
    const [file] = await answerFiles(founder.id);
    expect(file.fileName).toBe("summary.pdf");
    expect(await storedAnswers(founder.id)).toEqual({ summary: file.id });
    expectRedirect(await founder.submit(), founder.path);
    expect((await db.application.findUniqueOrThrow({ where: { id: founder.id } })).status).toBe("SUBMITTED");
  });
});

describe("uploads racing for one question", () => {
  it("eight at once, five rounds: one file answers the question, and no stored file is left unreferenced", async () => {
    for (let round = 0; round < 5; round++) {
      // A fresh draft and founder each round: a founder may upload 30 files an hour.
      const founder = await draftOnCallWithQuestions();
      const contents = Array.from({ length: 8 }, () => pdfBuffer());
      const responses = await Promise.all(contents.map((content, i) => founder.upload("business_plan", content, `plan-${i}.pdf`)));
      const landed: number[] = [];
      for (const [i, response] of responses.entries()) {
        if (response.status === 302) {
          expect(response.headers.get("Location")).toBe(`${founder.path}/edit/questions`);
          landed.push(i);
        } else {
          await expectStatusWithBody(response, 409, { ok: false, message: "lifecycle.stale" });
        }
      }
      expect(landed.length, `round ${round}`).toBeGreaterThan(0);

      const files = await answerFiles(founder.id);
      expect(files, `round ${round}`).toHaveLength(1);
      expect(await storedAnswers(founder.id)).toEqual({ business_plan: files[0].id });
      // The file kept is one of those answered 302, stored with its content.
      const kept = contents.findIndex((content) => storageKeyOf(content) === files[0].storageKey);
      expect(landed).toContain(kept);
      expect(await buffer(openStoredFile(files[0].storageKey))).toEqual(contents[kept]);
      for (const [i, content] of contents.entries()) {
        if (i !== kept) expect(isStored(storageKeyOf(content)), `round ${round}, upload ${i}`).toBe(false);
      }
      // As many ATTACHMENT_ADDED as uploads answered 302, each for the question.
      const added = await db.auditEvent.findMany({ where: { subjectId: founder.id, type: "ATTACHMENT_ADDED" } });
      expect(added).toHaveLength(landed.length);
      for (const event of added) expect(JSON.parse(event.details!).question).toBe("business_plan");
    }
    // Every file in storage is referenced by an attachment, and nothing staged is left.
    const referenced = new Set((await db.attachment.findMany({ select: { storageKey: true } })).map((a) => a.storageKey));
    expect((await filesInStorage()).filter((file) => !referenced.has(file))).toEqual([]);
  });
});
