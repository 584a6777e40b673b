// Answers to a call's own questions in the wizard (issue 15): saved like the other fields (step post
// and autosave) through the one answers schema, conditional questions shown or hidden by the sector
// and earlier answers (a hidden one is neither required nor stored), checked again inside the
// submitting transaction, and requests for other calls' or hidden questions refused whole.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import type { QuestionDefinitionInput } from "~/domain/call-questions.ts";
import { saveQuestion } from "~/models/call-questions.server.ts";
import { action as autosaveAction } from "~/routes/founder.applications.$id.autosave.tsx";
import { action as editAction, loader as editLoader } from "~/routes/founder.applications.$id.edit.$step.tsx";
import { json, signedIn } from "../support/enrollment-factories.ts";
import { createApplication, createIntakeSetup } from "../support/intake-factories.ts";
import { callRoute } from "../support/remix.ts";
import { signIn } from "../support/review-factories.ts";

beforeAll(async () => {
  await dbReady;
});

const base = { step: "questions", required: true, identifying: false } as const;
const QUESTIONS: QuestionDefinitionInput[] = [
  {
    ...base,
    key: "stage_detail",
    type: "SINGLE_CHOICE",
    label: { fr: "Où en est le projet ?", en: "Where is the project?" },
    choices: [
      { value: "idea", label: { fr: "Idée" } },
      { value: "mvp", label: { fr: "Produit minimum" } },
    ],
  },
  {
    ...base,
    required: false,
    key: "funding",
    type: "NUMBER",
    integer: true,
    min: 0,
    max: 5_000_000,
    label: { fr: "Montant recherché (MAD)" },
  },
  { ...base, key: "has_prototype", type: "YES_NO", label: { fr: "Avez-vous un prototype ?" } },
  {
    ...base,
    key: "prototype_url",
    type: "URL",
    label: { fr: "Lien vers le prototype" },
    condition: { answer: { questionKey: "has_prototype", equals: true } },
  },
  { ...base, key: "water_use", type: "LONG_TEXT", maxLength: 500, label: { fr: "Usage de l'eau" }, condition: { sectors: ["GREEN_TECH"] } },
  {
    ...base,
    key: "audience",
    type: "SHORT_TEXT",
    maxLength: 100,
    label: { fr: "Public" },
    condition: { sectors: ["CULTURAL_INDUSTRIES"] },
  },
];

/** A complete GREEN_TECH draft (documents and all) on a call that asks the questions above, and its founder's client. */
async function draftOnCallWithQuestions() {
  const setup = await createIntakeSetup();
  const { user: admin } = await signedIn("ADMIN");
  for (const question of QUESTIONS) await saveQuestion(setup.call.id, null, question, admin.id);
  const { application } = await createApplication({ ...setup, status: "DRAFT" });
  const cookie = await signIn(setup.founder);
  const id = application.id;
  const path = `/founder/applications/${id}`;
  return {
    id,
    load: (step: string, query = "") => callRoute(editLoader, { path: `${path}/edit/${step}${query}`, cookie, params: { id, step } }),
    save: (form: Record<string, string>) =>
      callRoute(editAction, {
        path: `${path}/edit/questions`,
        form: { goto: "questions", ...form },
        cookie,
        params: { id, step: "questions" },
      }),
    autosave: (form: Record<string, string>) => callRoute(autosaveAction, { path: `${path}/autosave`, form, cookie, params: { id } }),
    submit: () =>
      callRoute(editAction, {
        path: `${path}/edit/review`,
        form: { intent: "submit", consent: "on" },
        cookie,
        params: { id, step: "review" },
      }),
  };
}

async function storedAnswers(applicationId: string) {
  const rows = await db.applicationAnswer.findMany({ where: { applicationId }, include: { question: { select: { key: true } } } });
  return Object.fromEntries(rows.map((row) => [row.question.key, JSON.parse(row.value)]));
}

type StepPage = { steps: string[]; questions: Array<{ key: string }>; shownKeys: string[]; checkErrors: Record<string, string> };

describe("a call's questions in the wizard", () => {
  it("adds a step for them, showing the questions the application's sector and answers call for", async () => {
    const founder = await draftOnCallWithQuestions();
    const page = await json<StepPage>(await founder.load("questions"));
    expect(page.steps).toEqual(["project", "team", "site", "questions", "documents", "review"]);
    // Every question is on the page, for the browser to show one as soon as an answer calls for it;
    // shown: green tech's water question, not the cultural one, and no prototype link before "yes".
    expect(page.questions.map((q) => q.key)).toEqual(QUESTIONS.map((q) => q.key));
    expect(page.shownKeys).toEqual(["stage_detail", "funding", "has_prototype", "water_use"]);
    await founder.autosave({ "answers.has_prototype": "yes" });
    expect((await json<StepPage>(await founder.load("questions"))).shownKeys).toEqual([
      "stage_detail",
      "funding",
      "has_prototype",
      "prototype_url",
      "water_use",
    ]);
    // The review step lists only the questions shown.
    expect((await json<StepPage>(await founder.load("review"))).questions.map((q) => q.key)).toEqual([
      "stage_detail",
      "funding",
      "has_prototype",
      "prototype_url",
      "water_use",
    ]);
  });

  it("saves valid answers, reports an invalid one beside its question and keeps the rest, through autosave and the step's form", async () => {
    const founder = await draftOnCallWithQuestions();
    const saved = await founder.autosave({ "answers.stage_detail": "mvp", "answers.funding": "250 000", "answers.has_prototype": "maybe" });
    expect((await json<{ errors: Record<string, string> }>(saved)).errors).toEqual({ "answers.has_prototype": "questions.notAChoice" });
    expect(await storedAnswers(founder.id)).toEqual({ stage_detail: "mvp", funding: 250000 });
    const posted = await founder.save({ "answers.stage_detail": "space", "answers.funding": "" });
    expect(posted.status).toBe(400);
    expect((await json<{ errors: Record<string, string> }>(posted)).errors).toEqual({ "answers.stage_detail": "questions.notAChoice" });
    // The emptied optional answer is gone; the refused one kept its saved value.
    expect(await storedAnswers(founder.id)).toEqual({ stage_detail: "mvp" });
  });

  it("writes only the answers that changed: an autosave posting the same answers again leaves them as they were", async () => {
    const founder = await draftOnCallWithQuestions();
    const form = { "answers.stage_detail": "idea", "answers.funding": "1000", "answers.has_prototype": "no" };
    await founder.autosave(form);
    const rows = async () =>
      Object.fromEntries(
        (
          await db.applicationAnswer.findMany({ where: { applicationId: founder.id }, include: { question: { select: { key: true } } } })
        ).map((row) => [row.question.key, row.updatedAt.getTime()]),
      );
    const first = await rows();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await founder.autosave({ ...form, "answers.funding": "2000" });
    const second = await rows();
    expect(second.stage_detail).toBe(first.stage_detail);
    expect(second.has_prototype).toBe(first.has_prototype);
    expect(second.funding).toBeGreaterThan(first.funding);
    expect(await storedAnswers(founder.id)).toEqual({ stage_detail: "idea", funding: 2000, has_prototype: false });
    expect(await db.answerChoice.count({ where: { applicationId: founder.id } })).toBe(2);
  });

  it("stores no answer to a question hidden by a later change, and drops the one it had", async () => {
    const founder = await draftOnCallWithQuestions();
    await founder.autosave({ "answers.has_prototype": "yes" });
    await founder.autosave({ "answers.prototype_url": "https://demo.example.ma" });
    expect(await storedAnswers(founder.id)).toMatchObject({ has_prototype: true, prototype_url: "https://demo.example.ma" });
    await founder.autosave({ "answers.has_prototype": "no" });
    expect(await storedAnswers(founder.id)).toEqual({ has_prototype: false });
  });

  it("refuses a request with an answer to another call's question or to a hidden question, saving nothing of it", async () => {
    const founder = await draftOnCallWithQuestions();
    const version = (await db.application.findUniqueOrThrow({ where: { id: founder.id } })).version;
    const forms: Array<Record<string, string>> = [
      { "answers.stage_detail": "idea", "answers.team_size": "2" },
      { "answers.stage_detail": "idea", "answers.audience": "Jeunes lecteurs" },
      { "answers.stage_detail": "idea", "answers.prototype_url": "https://demo.example.ma" },
    ];
    for (const form of forms) expect((await founder.autosave(form)).status).toBe(400);
    expect(await storedAnswers(founder.id)).toEqual({});
    expect((await db.application.findUniqueOrThrow({ where: { id: founder.id } })).version).toBe(version);
  });

  it("refuses Submit until every required question shown is answered, showing the errors on the questions step", async () => {
    const founder = await draftOnCallWithQuestions();
    const refused = await founder.submit();
    expect(refused.status).toBe(302);
    expect(refused.headers.get("Location")).toBe(`/founder/applications/${founder.id}/edit/questions?check=1`);
    const page = await json<StepPage>(await founder.load("questions", "?check=1"));
    expect(page.checkErrors).toEqual({
      "answers.stage_detail": "questions.required",
      "answers.has_prototype": "questions.required",
      "answers.water_use": "questions.required",
    });
    expect((await db.application.findUniqueOrThrow({ where: { id: founder.id } })).status).toBe("DRAFT");

    await founder.autosave({
      "answers.stage_detail": "idea",
      "answers.has_prototype": "no",
      "answers.water_use": "Goutte-à-goutte solaire.",
    });
    const submitted = await founder.submit();
    expect(submitted.headers.get("Location")).toBe(`/founder/applications/${founder.id}`);
    expect((await db.application.findUniqueOrThrow({ where: { id: founder.id } })).status).toBe("SUBMITTED");
  });

  it("checks the answers inside the submitting transaction: a question made required meanwhile is enforced", async () => {
    const founder = await draftOnCallWithQuestions();
    await founder.autosave({ "answers.stage_detail": "idea", "answers.has_prototype": "no", "answers.water_use": "Goutte-à-goutte." });
    const application = await db.application.findUniqueOrThrow({ where: { id: founder.id }, select: { callId: true } });
    const funding = await db.callQuestion.findFirstOrThrow({ where: { callId: application.callId, key: "funding" } });
    const { user: admin } = await signedIn("ADMIN");
    await saveQuestion(application.callId, funding.id, { ...QUESTIONS[1], required: true }, admin.id);
    const refused = await founder.submit();
    expect(refused.headers.get("Location")).toBe(`/founder/applications/${founder.id}/edit/questions?check=1`);
    expect((await db.application.findUniqueOrThrow({ where: { id: founder.id } })).status).toBe("DRAFT");
  });

  it("ten autosaves at once of different answers: each one answered 200 is stored, a stale one changes nothing", async () => {
    const forms = [
      { key: "stage_detail", posted: "idea", stored: "idea" },
      { key: "funding", posted: "1000", stored: 1000 },
      { key: "has_prototype", posted: "no", stored: false },
      { key: "water_use", posted: "Réutilisation des eaux grises.", stored: "Réutilisation des eaux grises." },
    ];
    for (let round = 0; round < 3; round++) {
      const founder = await draftOnCallWithQuestions();
      const sent = Array.from({ length: 10 }, (_, i) => forms[i % forms.length]);
      const responses = await Promise.all(sent.map((form) => founder.autosave({ [`answers.${form.key}`]: form.posted })));
      const stored = await storedAnswers(founder.id);
      const landed = sent.filter((_, i) => responses[i].status === 200);
      expect(landed.length).toBeGreaterThan(0);
      for (const form of landed) expect(stored[form.key], form.key).toEqual(form.stored);
      // A save that lost the race for the version is refused as stale (409), and stored nothing of its own.
      for (const [i, response] of responses.entries()) {
        expect([200, 409]).toContain(response.status);
        if (response.status === 409 && !landed.some((form) => form.key === sent[i].key)) expect(stored[sent[i].key]).toBeUndefined();
      }
    }
  });
});
