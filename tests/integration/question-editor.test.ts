// The question editor (issue 15) through its route, as an admin: questions of every type added,
// edited, ordered, removed and made conditional; every kind of definition error answered beside its
// field with nothing changed and what was typed kept; the freezing once an application of the call
// is submitted; eligibility rules added, edited, removed and shown in words; every change audited;
// founders and reviewers refused. Forms are posted as the page posts them without JavaScript:
// every type's settings at once, with the blank choice lines it offers.
import type { SerializeFrom } from "@remix-run/node";
import { createInstance } from "i18next";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server.js";
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { questionFormValues, withSpareLines, type QuestionFormValues } from "~/components/question-editor/editor-forms.ts";
import { MEGABYTE } from "~/domain/call-questions.ts";
import { LOCALES } from "~/domain/constants.ts";
import { resources } from "~/i18n/catalogs.ts";
import { i18nConfig } from "~/i18n/config.ts";
import { formatDay } from "~/i18n/dates.server.ts";
import { readQuestionnaire } from "~/models/call-questions.server.ts";
import QuestionEditorPage, { action, loader, type EditorReply } from "~/routes/admin.calls.$id.questions.tsx";
import { createCandidate, json, signedIn } from "../support/enrollment-factories.ts";
import { expectRedirectWithFlash } from "../support/flash.ts";
import { createOpenCall, createSite } from "../support/intake-factories.ts";
import { callRoute } from "../support/remix.ts";

beforeAll(async () => {
  await dbReady;
});

type Page = SerializeFrom<typeof loader>;
type Entries = Array<[string, string]>;

let adminCookie: string;
let adminId: string;
let founderCookie: string;
let reviewerCookie: string;
let sites: Array<{ id: string; name: string }>;
beforeAll(async () => {
  const admin = await signedIn("ADMIN", { locale: "en" });
  adminCookie = admin.cookie;
  adminId = admin.user.id;
  founderCookie = (await signedIn("FOUNDER")).cookie;
  reviewerCookie = (await signedIn("REVIEWER")).cookie;
  sites = [await createSite(), await createSite()];
});

const newCall = () => createOpenCall({ sites });
const pagePath = (callId: string) => `/admin/calls/${callId}/questions`;

async function load(callId: string, query = "", cookie: string | null = adminCookie) {
  return callRoute(loader, { path: `${pagePath(callId)}${query}`, params: { id: callId }, cookie });
}
const page = async (callId: string, query = "") => json<Page>(await load(callId, query));

/** Posts to the page's action as a browser does: repeated names for ticked boxes. */
async function post(callId: string, entries: Entries, cookie: string | null = adminCookie): Promise<Response> {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  const request = new Request(`http://localhost${pagePath(callId)}`, { method: "POST", headers, body: new URLSearchParams(entries) });
  try {
    const result = await action({ request, params: { id: callId }, context: { clientIp: "203.0.113.7", cspNonce: "test-nonce" } });
    return result instanceof Response ? result : Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** The question form as the page posts it: every field, every type's settings, the spare choice lines. */
function formEntries(values: QuestionFormValues): Entries {
  const entries: Entries = [
    ["key", values.key],
    ["type", values.type],
    ["step", values.step],
  ];
  if (values.required) entries.push(["required", "on"]);
  if (values.identifying) entries.push(["identifying", "on"]);
  for (const locale of LOCALES) entries.push([`label.${locale}`, values.label[locale]], [`help.${locale}`, values.help[locale]]);
  entries.push(["maxLength", values.maxLength]);
  withSpareLines(values.choices).forEach((line, index) => {
    entries.push([`choices.${index}.value`, line.value]);
    for (const locale of LOCALES) entries.push([`choices.${index}.label.${locale}`, line.label[locale]]);
    if (line.hidden) entries.push([`choices.${index}.hidden`, "on"]);
  });
  entries.push(["minPicks", values.minPicks], ["maxPicks", values.maxPicks], ["min", values.min], ["max", values.max]);
  if (values.integer) entries.push(["integer", "on"]);
  entries.push(["maxMegabytes", values.maxMegabytes]);
  for (const sector of values.conditionSectors) entries.push(["conditionSectors", sector]);
  for (const site of values.conditionSites) entries.push(["conditionSites", site]);
  entries.push(["conditionQuestionKey", values.conditionQuestionKey], ["conditionEquals", values.conditionEquals]);
  for (const value of values.conditionIn) entries.push(["conditionIn", value]);
  return entries;
}

const text = (fr: string, en = "", ar = "") => ({ fr, en, ar });
const line = (value: string, fr: string, en = "", ar = "", hidden = false) => ({ value, label: text(fr, en, ar), hidden });
const question = (overrides: Partial<QuestionFormValues>): QuestionFormValues => ({ ...questionFormValues(), ...overrides });

function saveQuestion(callId: string, values: QuestionFormValues, questionId?: string) {
  return post(callId, [
    ["intent", "saveQuestion"],
    ...(questionId ? [["questionId", questionId] as [string, string]] : []),
    ...formEntries(values),
  ]);
}

type RuleFields = Record<string, string | string[]>;
function saveRule(callId: string, fields: RuleFields, ruleId?: string) {
  const entries: Entries = [["intent", "saveRule"]];
  if (ruleId) entries.push(["ruleId", ruleId]);
  // Every operand field, as the page without JavaScript posts them.
  const all: RuleFields = { min: "", max: "", date: "", value: "", "message.fr": "", "message.en": "", "message.ar": "", ...fields };
  for (const [name, value] of Object.entries(all)) for (const item of Array.isArray(value) ? value : [value]) entries.push([name, item]);
  return post(callId, entries);
}

async function expectDone(response: Response, callId: string, key: string) {
  await expectRedirectWithFlash(response, pagePath(callId), { kind: "success", key: key as never });
}

/** A refused post: its status, and the error beside `field` (or the form's message). */
async function expectRefused(response: Response, status: number, field: string, key: string, params?: Record<string, unknown>) {
  expect(response.status).toBe(status);
  const reply = await json<EditorReply>(response);
  const error = field === "form" ? { key: reply.message, params: reply.params } : reply.errors[field];
  expect(error, JSON.stringify(reply.errors)).toMatchObject({ key, ...(params ? { params } : {}) });
  return reply;
}

async function auditTypes(callId: string): Promise<string[]> {
  const events = await db.auditEvent.findMany({ where: { subjectType: "Call", subjectId: callId }, orderBy: { createdAt: "asc" } });
  return events.map((event) => event.type);
}

/** What must not change when a post is refused. */
async function snapshot(callId: string) {
  return { questionnaire: await readQuestionnaire(callId), audit: await db.auditEvent.count({ where: { subjectId: callId } }) };
}

async function idOf(callId: string, key: string): Promise<string> {
  const found = (await readQuestionnaire(callId)).questions.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no question ${key}`);
  return found.id;
}

const STAGE_CHOICES = [
  line("idea", "Idée", "Idea", "فكرة"),
  line("prototype", "Prototype", "Prototype", "نموذج أولي"),
  line("revenue", "Chiffre d'affaires", "Revenue"),
];

// ---------------------------------------------------------------------------

describe("questions of every type", () => {
  it("adds one question of each of the nine types, lists them in order and previews them in three languages", async () => {
    const call = await newCall();
    const added: Array<[string, QuestionFormValues]> = [
      [
        "summary",
        question({ key: "summary", type: "SHORT_TEXT", maxLength: "120", required: true, label: text("Résumé", "Summary", "ملخص") }),
      ],
      [
        "story",
        question({ key: "story", type: "LONG_TEXT", maxLength: "2000", label: text("Histoire"), help: text("Racontez.", "Tell us.") }),
      ],
      ["stage", question({ key: "stage", type: "SINGLE_CHOICE", label: text("Stade", "Stage"), choices: STAGE_CHOICES })],
      [
        "needs",
        question({
          key: "needs",
          type: "MULTIPLE_CHOICE",
          label: text("Besoins", "Needs"),
          minPicks: "1",
          maxPicks: "2",
          choices: [line("funding", "Financement"), line("mentoring", "Mentorat"), line("office", "Bureau", "", "", true)],
        }),
      ],
      ["amount", question({ key: "amount", type: "NUMBER", label: text("Montant"), min: "0", max: "500 000", integer: true })],
      ["prototype_ready", question({ key: "prototype_ready", type: "YES_NO", label: text("Prototype prêt ?", "Prototype ready?") })],
      ["founded_on", question({ key: "founded_on", type: "DATE", label: text("Date de création"), step: "eligibility" })],
      ["website", question({ key: "website", type: "URL", label: text("Site web"), identifying: true })],
      ["deck", question({ key: "deck", type: "PDF", label: text("Dossier"), maxMegabytes: "5" })],
    ];
    for (const [, values] of added) await expectDone(await saveQuestion(call.id, values), call.id, "questionEditor.questionAdded");

    const { questions } = await readQuestionnaire(call.id);
    expect(questions.map((q) => q.key)).toEqual(added.map(([key]) => key));
    expect(questions.map((q) => q.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const byKey = Object.fromEntries(questions.map((q) => [q.key, q]));
    expect(byKey.summary).toMatchObject({
      type: "SHORT_TEXT",
      maxLength: 120,
      required: true,
      label: { fr: "Résumé", en: "Summary", ar: "ملخص" },
    });
    expect(byKey.story).toMatchObject({ type: "LONG_TEXT", maxLength: 2000, required: false, help: { fr: "Racontez.", en: "Tell us." } });
    // An empty translation is no translation; blank choice lines are no choices.
    expect(byKey.story.label).toEqual({ fr: "Histoire" });
    expect(byKey.stage).toMatchObject({ type: "SINGLE_CHOICE", step: "questions" });
    expect(byKey.stage.type === "SINGLE_CHOICE" && byKey.stage.choices).toEqual([
      { value: "idea", label: { fr: "Idée", en: "Idea", ar: "فكرة" }, hidden: false },
      { value: "prototype", label: { fr: "Prototype", en: "Prototype", ar: "نموذج أولي" }, hidden: false },
      { value: "revenue", label: { fr: "Chiffre d'affaires", en: "Revenue" }, hidden: false },
    ]);
    expect(byKey.needs).toMatchObject({ type: "MULTIPLE_CHOICE", minPicks: 1, maxPicks: 2 });
    expect(byKey.needs.type === "MULTIPLE_CHOICE" && byKey.needs.choices.map((c) => [c.value, c.hidden])).toEqual([
      ["funding", false],
      ["mentoring", false],
      ["office", true],
    ]);
    expect(byKey.amount).toMatchObject({ type: "NUMBER", min: 0, max: 500_000, integer: true });
    expect(byKey.prototype_ready).toMatchObject({ type: "YES_NO" });
    expect(byKey.founded_on).toMatchObject({ type: "DATE", step: "eligibility" });
    expect(byKey.website).toMatchObject({ type: "URL", identifying: true });
    expect(byKey.deck).toMatchObject({ type: "PDF", maxBytes: 5 * MEGABYTE });

    const audit = await db.auditEvent.findMany({ where: { subjectId: call.id, type: "QUESTION_ADDED" }, orderBy: { createdAt: "asc" } });
    expect(audit).toHaveLength(9);
    expect(audit.every((event) => event.actorId === adminId && event.subjectType === "Call")).toBe(true);
    expect(JSON.parse(audit[0].details ?? "{}")).toMatchObject({ key: "summary", type: "SHORT_TEXT" });

    const shown = await page(call.id);
    expect(shown.frozen).toBe(false);
    expect(shown.questions.map((q) => q.key)).toEqual(added.map(([key]) => key));
    // The admin reads in English: the English label, or the French one marked as such.
    expect(shown.questions[0]).toMatchObject({
      type: "SHORT_TEXT",
      required: true,
      label: { text: "Summary", inFrench: false },
      condition: [],
    });
    expect(shown.questions[1].label).toMatchObject({ text: "Histoire", lang: "fr", inFrench: true });
    expect(shown.questions[7]).toMatchObject({ identifying: true });
    expect(shown.steps).toEqual(["questions", "eligibility"]);

    // The preview: the founders' form in each language, hidden choices left out.
    expect(shown.preview.map((language) => [language.locale, language.dir])).toEqual([
      ["fr", "ltr"],
      ["en", "ltr"],
      ["ar", "rtl"],
    ]);
    const arabic = shown.preview[2];
    expect(arabic.words.yes).toBe("نعم");
    const arabicSteps = Object.fromEntries(arabic.steps.map((group) => [group.step, group.questions]));
    expect(arabicSteps.eligibility.map((q) => q.key)).toEqual(["founded_on"]);
    expect(arabicSteps.questions.map((q) => q.key)).toEqual([
      "summary",
      "story",
      "stage",
      "needs",
      "amount",
      "prototype_ready",
      "website",
      "deck",
    ]);
    expect(arabicSteps.questions[0].label).toMatchObject({ text: "ملخص", lang: "ar", dir: "rtl", inFrench: false });
    expect(arabicSteps.questions[2].label).toMatchObject({ text: "Stade", lang: "fr", dir: "ltr", inFrench: true });
    expect(arabicSteps.questions[3].choices.map((c) => c.value)).toEqual(["funding", "mentoring"]);
    const english = Object.fromEntries(shown.preview[1].steps.map((group) => [group.step, group.questions]));
    expect(english.questions[1].help).toMatchObject({ text: "Tell us.", inFrench: false });
  });

  it("opens one question's form at a time with its saved values, and edits it (audited)", async () => {
    const call = await newCall();
    await saveQuestion(call.id, question({ key: "stage", type: "SINGLE_CHOICE", label: text("Stade"), choices: STAGE_CHOICES }));
    const id = await idOf(call.id, "stage");

    expect((await page(call.id)).editing).toBeNull();
    const opened = await page(call.id, `?edit=${id}`);
    expect(opened.editing?.id).toBe(id);
    expect(opened.editing?.values).toMatchObject({ key: "stage", type: "SINGLE_CHOICE", label: text("Stade") });
    expect(opened.editing?.values.choices.map((c) => c.value)).toEqual(["idea", "prototype", "revenue"]);
    expect((await page(call.id, "?edit=no-such-question")).editing).toBeNull();

    const edited = { ...opened.editing!.values, label: text("Stade du projet", "Project stage", "مرحلة المشروع"), required: true };
    edited.choices = [...edited.choices, line("scale", "Croissance", "Scale-up")];
    await expectDone(await saveQuestion(call.id, edited, id), call.id, "questionEditor.questionSaved");
    const saved = (await readQuestionnaire(call.id)).questions[0];
    expect(saved).toMatchObject({
      id,
      key: "stage",
      required: true,
      label: { fr: "Stade du projet", en: "Project stage", ar: "مرحلة المشروع" },
    });
    expect(saved.type === "SINGLE_CHOICE" && saved.choices.map((c) => c.value)).toEqual(["idea", "prototype", "revenue", "scale"]);
    expect(await auditTypes(call.id)).toEqual(["QUESTION_ADDED", "QUESTION_UPDATED"]);

    // A question of another call is not this page's to edit.
    const other = await newCall();
    const refused = await saveQuestion(other.id, edited, id);
    expect(refused.status).toBe(404);
    expect((await readQuestionnaire(other.id)).questions).toEqual([]);
  });

  it("moves questions up and down and removes them (each audited)", async () => {
    const call = await newCall();
    for (const key of ["first", "second", "third"])
      await saveQuestion(call.id, question({ key, type: "SHORT_TEXT", label: text(`Question ${key}`) }));
    const [first, second, third] = await Promise.all(["first", "second", "third"].map((key) => idOf(call.id, key)));
    const keys = async () => (await readQuestionnaire(call.id)).questions.map((q) => q.key);

    await expectDone(
      await post(call.id, [
        ["intent", "moveDown"],
        ["questionId", first],
      ]),
      call.id,
      "questionEditor.questionMoved",
    );
    expect(await keys()).toEqual(["second", "first", "third"]);
    await expectDone(
      await post(call.id, [
        ["intent", "moveUp"],
        ["questionId", third],
      ]),
      call.id,
      "questionEditor.questionMoved",
    );
    expect(await keys()).toEqual(["second", "third", "first"]);
    expect((await page(call.id)).questions.map((q) => q.key)).toEqual(["second", "third", "first"]);
    // Already first: nothing moves, nothing is audited.
    await post(call.id, [
      ["intent", "moveUp"],
      ["questionId", second],
    ]);
    expect(await keys()).toEqual(["second", "third", "first"]);

    await expectDone(
      await post(call.id, [
        ["intent", "removeQuestion"],
        ["questionId", third],
      ]),
      call.id,
      "questionEditor.questionRemoved",
    );
    expect(await keys()).toEqual(["second", "first"]);
    const audit = await db.auditEvent.findMany({ where: { subjectId: call.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((event) => event.type)).toEqual([
      "QUESTION_ADDED",
      "QUESTION_ADDED",
      "QUESTION_ADDED",
      "QUESTION_MOVED",
      "QUESTION_MOVED",
      "QUESTION_REMOVED",
    ]);
    expect(JSON.parse(audit[3].details ?? "{}")).toEqual({ key: "first", direction: "down" });
    expect(JSON.parse(audit[5].details ?? "{}")).toEqual({ key: "third" });
  });

  it("saves a conditional question (sectors, sites, an earlier answer) and words its condition", async () => {
    const call = await newCall();
    await saveQuestion(call.id, question({ key: "stage", type: "SINGLE_CHOICE", label: text("Stade", "Stage"), choices: STAGE_CHOICES }));
    await saveQuestion(call.id, question({ key: "has_company", type: "YES_NO", label: text("Société créée ?", "Company registered?") }));
    await saveQuestion(
      call.id,
      question({ key: "team_size", type: "NUMBER", label: text("Taille de l'équipe", "Team size"), integer: true }),
    );
    const conditional = question({
      key: "revenue_amount",
      type: "NUMBER",
      label: text("Chiffre d'affaires", "Revenue"),
      conditionSectors: ["GREEN_TECH", "NEW_TECH"],
      conditionSites: [sites[1].id],
      conditionQuestionKey: "stage",
      conditionIn: ["prototype", "revenue"],
    });
    await expectDone(await saveQuestion(call.id, conditional), call.id, "questionEditor.questionAdded");
    await saveQuestion(
      call.id,
      question({ key: "company_id", type: "SHORT_TEXT", label: text("ICE"), conditionQuestionKey: "has_company", conditionEquals: "yes" }),
    );
    await saveQuestion(
      call.id,
      question({ key: "roles", type: "SHORT_TEXT", label: text("Rôles"), conditionQuestionKey: "team_size", conditionEquals: "2,5" }),
    );

    const byKey = Object.fromEntries((await readQuestionnaire(call.id)).questions.map((q) => [q.key, q]));
    expect(byKey.revenue_amount.condition).toEqual({
      sectors: ["GREEN_TECH", "NEW_TECH"],
      sites: [sites[1].id],
      answer: { questionKey: "stage", in: ["prototype", "revenue"] },
    });
    expect(byKey.company_id.condition).toEqual({ answer: { questionKey: "has_company", equals: true } });
    expect(byKey.roles.condition).toEqual({ answer: { questionKey: "team_size", equals: 2.5 } });

    const shown = await page(call.id);
    const summary = Object.fromEntries(shown.questions.map((q) => [q.key, q.condition]));
    expect(summary.stage).toEqual([]);
    expect(summary.revenue_amount).toEqual([
      { key: "questionEditor.summarySectors", params: { sectors: "Green tech or New technologies" } },
      { key: "questionEditor.summarySites", params: { sites: expect.stringContaining("Technopark") } },
      { key: "questionEditor.summaryAnswerIn", params: { question: "Stage", choices: "Prototype or Revenue" } },
    ]);
    expect(summary.company_id).toEqual([{ key: "questionEditor.summaryAnswerYes", params: { question: "Company registered?" } }]);
    expect(summary.roles).toEqual([{ key: "questionEditor.summaryAnswerEquals", params: { question: "Team size", value: "2.5" } }]);
    // The form offers the call's cohorts' sites, and as conditions the choice, yes/no and number questions.
    expect(shown.sites.map((site) => site.id).sort()).toEqual(sites.map((site) => site.id).sort());
    expect(shown.conditionTargets.map((target) => target.key)).toEqual(["stage", "has_company", "team_size", "revenue_amount"]);
    expect(shown.preview[0].steps.find((group) => group.step === "questions")?.questions.find((q) => q.key === "company_id")).toMatchObject(
      {
        conditional: true,
      },
    );

    // Reopened, the form shows the condition as saved.
    const opened = await page(call.id, `?edit=${byKey.revenue_amount.id}`);
    expect(opened.editing?.values).toMatchObject({
      conditionSectors: ["GREEN_TECH", "NEW_TECH"],
      conditionSites: [sites[1].id],
      conditionQuestionKey: "stage",
      conditionIn: ["prototype", "revenue"],
    });
  });
});

describe("definition errors", () => {
  type Case = {
    name: string;
    values: QuestionFormValues;
    status: 400 | 422;
    field: string;
    key: string;
    params?: Record<string, unknown>;
    /** Edit this existing question instead of adding one. */
    edit?: string;
  };

  it("answers each kind beside its field, keeps what was typed and changes nothing", async () => {
    const call = await newCall();
    await saveQuestion(call.id, question({ key: "stage", type: "SINGLE_CHOICE", label: text("Stade"), choices: STAGE_CHOICES }));
    await saveQuestion(call.id, question({ key: "pitch", type: "SHORT_TEXT", label: text("Pitch") }));
    await saveQuestion(call.id, question({ key: "amount", type: "NUMBER", label: text("Montant") }));
    const cases: Case[] = [
      {
        name: "a key that is no slug",
        values: question({ key: "Team Size", label: text("Équipe") }),
        status: 400,
        field: "key",
        key: "questionEditor.keyInvalid",
      },
      {
        name: "a key another question has",
        values: question({ key: "pitch", label: text("Encore") }),
        status: 422,
        field: "key",
        key: "questionEditor.duplicateKey",
        params: { key: "pitch" },
      },
      {
        name: "no French label",
        values: question({ key: "vision", label: text("", "Vision") }),
        status: 400,
        field: "label.fr",
        key: "errors.required",
      },
      {
        name: "help without French",
        values: question({ key: "vision", label: text("Vision"), help: text("", "Help") }),
        status: 400,
        field: "help.fr",
        key: "errors.required",
      },
      {
        name: "an unknown type",
        values: question({ key: "vision", label: text("Vision"), type: "COLOR" as never }),
        status: 400,
        field: "type",
        key: "errors.choose",
      },
      {
        name: "a step that is no slug",
        values: question({ key: "vision", label: text("Vision"), step: "Étape 2" }),
        status: 400,
        field: "step",
        key: "questionEditor.stepInvalid",
      },
      {
        name: "a text longer than the limit",
        values: question({ key: "vision", type: "LONG_TEXT", label: text("Vision"), maxLength: "20000" }),
        status: 422,
        field: "maxLength",
        key: "questionEditor.maxLengthRange",
        params: { max: 10000 },
      },
      {
        name: "a maximum length that is no number",
        values: question({ key: "vision", label: text("Vision"), maxLength: "lots" }),
        status: 400,
        field: "maxLength",
        key: "errors.numberInvalid",
      },
      {
        // Typed on the third line, after a line left blank: the error is on the line it was typed on.
        name: "a duplicate choice",
        values: question({
          key: "sector",
          type: "SINGLE_CHOICE",
          label: text("Filière"),
          choices: [line("agri", "Agri"), line("", ""), line("agri", "Agro")],
        }),
        status: 422,
        field: "choices.2.value",
        key: "questionEditor.duplicateChoice",
        params: { value: "agri" },
      },
      {
        name: "a choice value that is no slug",
        values: question({
          key: "sector",
          type: "SINGLE_CHOICE",
          label: text("Filière"),
          choices: [line("agri", "Agri"), line("Agro Tech", "Agro")],
        }),
        status: 400,
        field: "choices.1.value",
        key: "questionEditor.choiceValueInvalid",
      },
      {
        name: "a choice without its French label",
        values: question({ key: "sector", type: "SINGLE_CHOICE", label: text("Filière"), choices: [line("agri", "", "Agri")] }),
        status: 400,
        field: "choices.0.label.fr",
        key: "errors.required",
      },
      {
        name: "no choice offered",
        values: question({ key: "sector", type: "SINGLE_CHOICE", label: text("Filière"), choices: [line("agri", "Agri", "", "", true)] }),
        status: 422,
        field: "choices",
        key: "questionEditor.noChoices",
      },
      {
        name: "more picks required than allowed",
        values: question({
          key: "needs",
          type: "MULTIPLE_CHOICE",
          label: text("Besoins"),
          choices: STAGE_CHOICES,
          minPicks: "3",
          maxPicks: "2",
        }),
        status: 422,
        field: "minPicks",
        key: "questionEditor.minAboveMax",
        params: { min: 3, max: 2 },
      },
      {
        name: "more picks required than choices",
        values: question({
          key: "needs",
          type: "MULTIPLE_CHOICE",
          label: text("Besoins"),
          choices: STAGE_CHOICES,
          minPicks: "4",
          maxPicks: "5",
        }),
        status: 422,
        field: "minPicks",
        key: "questionEditor.minPicksAboveChoices",
        params: { count: 3 },
      },
      {
        name: "a number's minimum above its maximum",
        values: question({ key: "team_size", type: "NUMBER", label: text("Équipe"), min: "5", max: "3" }),
        status: 422,
        field: "min",
        key: "questionEditor.minAboveMax",
        params: { min: 5, max: 3 },
      },
      {
        name: "a bound that is no number",
        values: question({ key: "team_size", type: "NUMBER", label: text("Équipe"), max: "three" }),
        status: 400,
        field: "max",
        key: "errors.numberInvalid",
      },
      {
        name: "a PDF cap above the upload limit",
        values: question({ key: "deck", type: "PDF", label: text("Dossier"), maxMegabytes: "50" }),
        status: 422,
        field: "maxMegabytes",
        key: "questionEditor.maxBytesRange",
        params: { max: 10 },
      },
      {
        name: "a condition on a question the call lacks",
        values: question({ key: "vision", label: text("Vision"), conditionQuestionKey: "nowhere", conditionEquals: "yes" }),
        status: 422,
        field: "conditionQuestionKey",
        key: "questionEditor.conditionMissing",
        params: { key: "nowhere" },
      },
      {
        name: "a condition on a later question",
        edit: "stage",
        values: question({
          key: "stage",
          type: "SINGLE_CHOICE",
          label: text("Stade"),
          choices: STAGE_CHOICES,
          conditionQuestionKey: "amount",
          conditionEquals: "3",
        }),
        status: 422,
        field: "conditionQuestionKey",
        key: "questionEditor.conditionLater",
        params: { key: "amount" },
      },
      {
        name: "a condition on a text answer",
        values: question({ key: "vision", label: text("Vision"), conditionQuestionKey: "pitch", conditionEquals: "3" }),
        status: 422,
        field: "conditionQuestionKey",
        key: "questionEditor.conditionNotComparable",
        params: { key: "pitch" },
      },
      {
        name: "a condition's value that is neither yes, no nor a number",
        values: question({ key: "vision", label: text("Vision"), conditionQuestionKey: "amount", conditionEquals: "lots" }),
        status: 400,
        field: "conditionEquals",
        key: "questionEditor.conditionValueInvalid",
      },
      {
        name: "a yes/no condition on a number question",
        values: question({ key: "vision", label: text("Vision"), conditionQuestionKey: "amount", conditionEquals: "yes" }),
        status: 422,
        field: "conditionEquals",
        key: "questionEditor.conditionValueType",
      },
      {
        name: "a condition on a value no choice has",
        values: question({ key: "vision", label: text("Vision"), conditionQuestionKey: "stage", conditionIn: ["idea", "unicorn"] }),
        status: 422,
        field: "conditionIn",
        key: "questionEditor.notAChoice",
        params: { value: "unicorn" },
      },
      {
        name: "an unknown sector",
        values: question({ key: "vision", label: text("Vision"), conditionSectors: ["SPACE"] }),
        status: 400,
        field: "conditionSectors",
        key: "errors.choose",
      },
      {
        name: "an eligibility question shown by sector",
        values: question({
          key: "resident",
          type: "YES_NO",
          step: "eligibility",
          label: text("Résident ?"),
          conditionSectors: ["GREEN_TECH"],
        }),
        status: 422,
        field: "condition",
        key: "questionEditor.conditionBeforeDraft",
      },
    ];

    const before = await snapshot(call.id);
    for (const { name, values, status, field, key, params, edit } of cases) {
      const response = await saveQuestion(call.id, values, edit ? await idOf(call.id, edit) : undefined);
      const reply = await expectRefused(response, status, field, key, params).catch((error: Error) => {
        throw new Error(`${name}: ${error.message}`);
      });
      // What was typed comes back to fill the form again.
      expect(reply.question, name).toMatchObject({ key: values.key, type: values.type, label: values.label });
      expect(reply.question?.choices.slice(0, values.choices.length), name).toEqual(values.choices);
      expect(reply.question?.conditionSectors, name).toEqual(values.conditionSectors);
      expect(reply.question?.conditionIn, name).toEqual(values.conditionIn);
      expect(reply.targetId, name).toBe(edit ? await idOf(call.id, edit) : null);
    }
    expect(await snapshot(call.id)).toEqual(before);
  });

  it("refuses a move that would put a condition before its question", async () => {
    const call = await newCall();
    await saveQuestion(call.id, question({ key: "has_company", type: "YES_NO", label: text("Société ?") }));
    await saveQuestion(
      call.id,
      question({ key: "company_id", label: text("ICE"), conditionQuestionKey: "has_company", conditionEquals: "yes" }),
    );
    const before = await snapshot(call.id);
    const response = await post(call.id, [
      ["intent", "moveUp"],
      ["questionId", await idOf(call.id, "company_id")],
    ]);
    await expectRefused(response, 422, "form", "questionEditor.conditionLater", { key: "has_company" });
    expect(await snapshot(call.id)).toEqual(before);
  });

  it("answers an unknown intent 400", async () => {
    const call = await newCall();
    const response = await post(call.id, [["intent", "dance"]]);
    await expectRefused(response, 400, "form", "staffErrors.formInvalid");
  });
});

// ---------------------------------------------------------------------------

/** A call with eligibility questions: team size (number), founding date, residence (yes/no), stage (choice). */
async function eligibilityCall() {
  const call = await newCall();
  const eligibility = { step: "eligibility", required: true };
  await saveQuestion(
    call.id,
    question({
      key: "team_size",
      type: "NUMBER",
      integer: true,
      label: text("Taille de l'équipe", "Team size", "حجم الفريق"),
      ...eligibility,
    }),
  );
  await saveQuestion(
    call.id,
    question({ key: "founded_on", type: "DATE", label: text("Date de création", "Founding date"), ...eligibility }),
  );
  await saveQuestion(
    call.id,
    question({ key: "resident", type: "YES_NO", label: text("Un membre réside au Maroc", "A member lives in Morocco"), ...eligibility }),
  );
  await saveQuestion(
    call.id,
    question({ key: "stage", type: "SINGLE_CHOICE", label: text("Stade", "Stage"), choices: STAGE_CHOICES, ...eligibility }),
  );
  await saveQuestion(call.id, question({ key: "pitch", type: "SHORT_TEXT", label: text("Pitch") }));
  return call;
}

describe("eligibility rules", () => {
  it("adds, edits and removes rules, shows them in words, and audits each change", async () => {
    const call = await eligibilityCall();
    await expectDone(
      await saveRule(call.id, { questionKey: "team_size", operator: "between", min: "1", max: "3" }),
      call.id,
      "questionEditor.ruleAdded",
    );
    await expectDone(
      await saveRule(call.id, { questionKey: "founded_on", operator: "after", date: "2023-12-29" }),
      call.id,
      "questionEditor.ruleAdded",
    );
    await expectDone(
      await saveRule(call.id, {
        questionKey: "resident",
        operator: "equals",
        value: "yes",
        "message.fr": "Au moins un membre réside au Maroc",
        "message.en": "At least one member lives in Morocco",
      }),
      call.id,
      "questionEditor.ruleAdded",
    );
    await expectDone(
      await saveRule(call.id, { questionKey: "stage", operator: "in", values: ["idea", "prototype"] }),
      call.id,
      "questionEditor.ruleAdded",
    );

    const { rules } = await readQuestionnaire(call.id);
    expect(rules.map(({ id: _id, ...rule }) => rule)).toEqual([
      { questionKey: "team_size", operator: "between", min: 1, max: 3 },
      { questionKey: "founded_on", operator: "after", date: "2023-12-29" },
      {
        questionKey: "resident",
        operator: "equals",
        value: true,
        message: { fr: "Au moins un membre réside au Maroc", en: "At least one member lives in Morocco" },
      },
      { questionKey: "stage", operator: "in", values: ["idea", "prototype"] },
    ]);

    const shown = await page(call.id);
    expect(shown.ruleTargets.map((target) => target.key)).toEqual(["team_size", "founded_on", "resident", "stage"]);
    expect(shown.rules.map((rule) => rule.description)).toEqual([
      { key: "questions.rules.between", params: { label: "Team size", min: "1", max: "3" } },
      { key: "questions.rules.after", params: { label: "Founding date", date: formatDay("2023-12-29", "en") } },
      { key: "questions.rules.equalsYes", params: { label: "A member lives in Morocco" } },
      { key: "questions.rules.in", params: { label: "Stage", choices: "Idea or Prototype" } },
    ]);
    expect(shown.rules[2].message).toMatchObject({ text: "At least one member lives in Morocco", inFrench: false });

    // Edited through its own form (?rule=<id>), which opens with the rule as saved.
    const opened = await page(call.id, `?rule=${rules[0].id}`);
    expect(opened.editingRule).toEqual({
      id: rules[0].id,
      values: { questionKey: "team_size", operator: "between", min: "1", max: "3", date: "", value: "", values: [], message: text("") },
    });
    await expectDone(
      await saveRule(call.id, { questionKey: "team_size", operator: "atMost", max: "4" }, rules[0].id),
      call.id,
      "questionEditor.ruleSaved",
    );
    expect((await readQuestionnaire(call.id)).rules[0]).toEqual({ id: rules[0].id, questionKey: "team_size", operator: "atMost", max: 4 });
    expect((await page(call.id)).rules[0].description).toEqual({ key: "questions.rules.atMost", params: { label: "Team size", max: "4" } });

    await expectDone(
      await post(call.id, [
        ["intent", "removeRule"],
        ["ruleId", rules[1].id],
      ]),
      call.id,
      "questionEditor.ruleRemoved",
    );
    expect((await readQuestionnaire(call.id)).rules.map((rule) => rule.questionKey)).toEqual(["team_size", "resident", "stage"]);

    const audit = await db.auditEvent.findMany({
      where: { subjectId: call.id, type: { startsWith: "ELIGIBILITY_RULE_" } },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((event) => event.type)).toEqual([
      "ELIGIBILITY_RULE_ADDED",
      "ELIGIBILITY_RULE_ADDED",
      "ELIGIBILITY_RULE_ADDED",
      "ELIGIBILITY_RULE_ADDED",
      "ELIGIBILITY_RULE_UPDATED",
      "ELIGIBILITY_RULE_REMOVED",
    ]);
    expect(audit.every((event) => event.actorId === adminId)).toBe(true);
    expect(JSON.parse(audit[5].details ?? "{}")).toEqual({ questionKey: "founded_on" });
  });

  it("answers each kind of rule error beside its field, keeps what was typed and changes nothing", async () => {
    const call = await eligibilityCall();
    await saveRule(call.id, { questionKey: "team_size", operator: "between", min: "1", max: "3" });
    const before = await snapshot(call.id);
    const cases: Array<{ fields: RuleFields; status: number; field: string; key: string; params?: Record<string, unknown> }> = [
      { fields: { questionKey: "", operator: "atLeast", min: "1" }, status: 400, field: "questionKey", key: "errors.choose" },
      { fields: { questionKey: "team_size", operator: "roughly", min: "1" }, status: 400, field: "operator", key: "errors.choose" },
      {
        fields: { questionKey: "team_size", operator: "atLeast", min: "a few" },
        status: 400,
        field: "min",
        key: "questionEditor.ruleValueInvalid",
      },
      {
        fields: { questionKey: "founded_on", operator: "after", date: "2023-02-30" },
        status: 400,
        field: "date",
        key: "questionEditor.ruleValueInvalid",
      },
      {
        fields: { questionKey: "resident", operator: "equals", value: "maybe" },
        status: 400,
        field: "value",
        key: "questionEditor.ruleValueInvalid",
      },
      { fields: { questionKey: "stage", operator: "in" }, status: 400, field: "values", key: "questionEditor.listEmpty" },
      {
        fields: { questionKey: "team_size", operator: "between", min: "4", max: "2" },
        status: 422,
        field: "min",
        key: "questionEditor.minAboveMax",
        params: { min: 4, max: 2 },
      },
      {
        fields: { questionKey: "ghost", operator: "atLeast", min: "1" },
        status: 422,
        field: "questionKey",
        key: "questionEditor.ruleQuestionMissing",
        params: { key: "ghost" },
      },
      {
        fields: { questionKey: "pitch", operator: "atLeast", min: "1" },
        status: 422,
        field: "questionKey",
        key: "questionEditor.ruleNotEligibilityQuestion",
        params: { key: "pitch" },
      },
      // A number bound on a yes/no answer.
      {
        fields: { questionKey: "resident", operator: "atLeast", min: "1" },
        status: 422,
        field: "operator",
        key: "questionEditor.ruleNeedsNumber",
      },
      {
        fields: { questionKey: "team_size", operator: "before", date: "2024-01-01" },
        status: 422,
        field: "operator",
        key: "questionEditor.ruleNeedsDate",
      },
      {
        fields: { questionKey: "stage", operator: "equals", value: "yes" },
        status: 422,
        field: "operator",
        key: "questionEditor.ruleNeedsYesNo",
      },
      {
        fields: { questionKey: "team_size", operator: "in", values: ["idea"] },
        status: 422,
        field: "operator",
        key: "questionEditor.ruleNeedsChoice",
      },
      {
        fields: { questionKey: "stage", operator: "in", values: ["idea", "unicorn"] },
        status: 422,
        field: "values",
        key: "questionEditor.notAChoice",
        params: { value: "unicorn" },
      },
      {
        fields: { questionKey: "team_size", operator: "atLeast", min: "1", "message.en": "Big teams" },
        status: 400,
        field: "message.fr",
        key: "errors.required",
      },
    ];
    for (const { fields, status, field, key, params } of cases) {
      const name = JSON.stringify(fields);
      const reply = await expectRefused(await saveRule(call.id, fields), status, field, key, params).catch((error: Error) => {
        throw new Error(`${name}: ${error.message}`);
      });
      expect(reply.rule, name).toMatchObject({ questionKey: fields.questionKey, operator: fields.operator });
      if (Array.isArray(fields.values)) expect(reply.rule?.values, name).toEqual(fields.values);
    }
    expect(await snapshot(call.id)).toEqual(before);
  });

  it("refuses to remove a question a rule tests", async () => {
    const call = await eligibilityCall();
    await saveRule(call.id, { questionKey: "resident", operator: "equals", value: "yes" });
    const before = await snapshot(call.id);
    const response = await post(call.id, [
      ["intent", "removeQuestion"],
      ["questionId", await idOf(call.id, "resident")],
    ]);
    await expectRefused(response, 422, "form", "questionEditor.ruleQuestionMissing", { key: "resident" });
    expect(await snapshot(call.id)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------

describe("freezing once an application is submitted", () => {
  it("refuses type, key and choice changes, rule changes and the removal of answered questions; accepts labels, help and hiding", async () => {
    const call = await eligibilityCall();
    await saveQuestion(
      call.id,
      question({ key: "needs", type: "MULTIPLE_CHOICE", label: text("Besoins"), choices: STAGE_CHOICES, maxPicks: "2" }),
    );
    await saveRule(call.id, { questionKey: "team_size", operator: "between", min: "1", max: "3" });
    const draft = await createCandidate({ call, site: sites[0], status: "DRAFT" });
    expect((await page(call.id)).frozen).toBe(false);
    const submitted = await createCandidate({ call, site: sites[0], status: "SUBMITTED" });
    const stageId = await idOf(call.id, "stage");
    await db.applicationAnswer.create({
      data: { applicationId: submitted.application.id, questionId: stageId, value: JSON.stringify("idea") },
    });
    expect(draft.application.submittedAt).toBeNull();

    const shown = await page(call.id);
    expect(shown.frozen).toBe(true);
    const stage = (await page(call.id, `?edit=${stageId}`)).editing!.values;
    const before = await snapshot(call.id);

    await expectRefused(
      await saveQuestion(call.id, { ...stage, type: "MULTIPLE_CHOICE", maxPicks: "2" }, stageId),
      422,
      "type",
      "questionEditor.frozenType",
      {
        key: "stage",
      },
    );
    await expectRefused(await saveQuestion(call.id, { ...stage, key: "project_stage" }, stageId), 422, "key", "questionEditor.frozenKey", {
      key: "stage",
    });
    // The choice's line emptied: the choice is removed, which answers may hold.
    const withoutRevenue = { ...stage, choices: stage.choices.map((choice) => (choice.value === "revenue" ? line("", "") : choice)) };
    await expectRefused(await saveQuestion(call.id, withoutRevenue, stageId), 422, "choices", "questionEditor.frozenChoiceRemoved", {
      value: "revenue",
    });
    const needs = (await page(call.id, `?edit=${await idOf(call.id, "needs")}`)).editing!.values;
    await expectRefused(
      await saveQuestion(call.id, { ...needs, maxPicks: "1" }, await idOf(call.id, "needs")),
      422,
      "maxPicks",
      "questionEditor.frozenNarrowed",
      {
        key: "needs",
      },
    );
    await expectRefused(
      await post(call.id, [
        ["intent", "removeQuestion"],
        ["questionId", stageId],
      ]),
      422,
      "form",
      "questionEditor.frozenRemoved",
      { key: "stage" },
    );

    const [rule] = (await readQuestionnaire(call.id)).rules;
    await expectRefused(
      await saveRule(call.id, { questionKey: "team_size", operator: "between", min: "1", max: "4" }, rule.id),
      422,
      "form",
      "questionEditor.frozenRules",
    );
    await expectRefused(
      await saveRule(call.id, { questionKey: "resident", operator: "equals", value: "yes" }),
      422,
      "form",
      "questionEditor.frozenRules",
    );
    await expectRefused(
      await post(call.id, [
        ["intent", "removeRule"],
        ["ruleId", rule.id],
      ]),
      422,
      "form",
      "questionEditor.frozenRules",
    );
    expect(await snapshot(call.id)).toEqual(before);

    // Labels and help stay editable, a choice can be hidden, a question added, a rule's message reworded.
    const relabelled = {
      ...stage,
      label: text("Stade du projet", "Project stage", "مرحلة المشروع"),
      help: text("Où en êtes-vous ?"),
      choices: stage.choices.map((choice) => (choice.value === "revenue" ? { ...choice, hidden: true } : choice)),
    };
    await expectDone(await saveQuestion(call.id, relabelled, stageId), call.id, "questionEditor.questionSaved");
    const saved = (await readQuestionnaire(call.id)).questions.find((q) => q.id === stageId)!;
    expect(saved).toMatchObject({
      type: "SINGLE_CHOICE",
      label: { fr: "Stade du projet", en: "Project stage" },
      help: { fr: "Où en êtes-vous ?" },
    });
    expect(saved.type === "SINGLE_CHOICE" && saved.choices.find((choice) => choice.value === "revenue")?.hidden).toBe(true);
    await expectDone(
      await saveQuestion(call.id, question({ key: "later", label: text("Ajoutée après") })),
      call.id,
      "questionEditor.questionAdded",
    );
    await expectDone(
      await saveRule(
        call.id,
        { questionKey: "team_size", operator: "between", min: "1", max: "3", "message.fr": "De une à trois personnes" },
        rule.id,
      ),
      call.id,
      "questionEditor.ruleSaved",
    );
    expect(await auditTypes(call.id)).toEqual([
      ...Array(6).fill("QUESTION_ADDED"),
      "ELIGIBILITY_RULE_ADDED",
      "QUESTION_UPDATED",
      "QUESTION_ADDED",
      "ELIGIBILITY_RULE_UPDATED",
    ]);
  });
});

// ---------------------------------------------------------------------------

describe("who may use the editor", () => {
  it("refuses founders and reviewers (403) and sends anonymous visitors to log in", async () => {
    const call = await newCall();
    await saveQuestion(call.id, question({ key: "pitch", label: text("Pitch") }));
    const id = await idOf(call.id, "pitch");
    const before = await snapshot(call.id);
    for (const cookie of [founderCookie, reviewerCookie]) {
      expect((await load(call.id, "", cookie)).status).toBe(403);
      expect(
        (
          await post(
            call.id,
            [
              ["intent", "removeQuestion"],
              ["questionId", id],
            ],
            cookie,
          )
        ).status,
      ).toBe(403);
      const other = formEntries(question({ key: "other", label: text("Autre") }));
      expect((await post(call.id, [["intent", "saveQuestion"], ...other], cookie)).status).toBe(403);
    }
    const anonymous = await load(call.id, "", null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(pagePath(call.id))}`);
    expect(
      (
        await post(
          call.id,
          [
            ["intent", "removeQuestion"],
            ["questionId", id],
          ],
          null,
        )
      ).status,
    ).toBe(401);
    expect(await snapshot(call.id)).toEqual(before);
  });

  it("answers 404 for a call that does not exist", async () => {
    expect((await load("no-such-call")).status).toBe(404);
    expect((await post("no-such-call", [["intent", "saveQuestion"]])).status).toBe(404);
  });
});

// ---------------------------------------------------------------------------

/**
 * The page as the server renders it (before any JavaScript): the route's loader, and its action
 * first for a post, through React Router's static handler, in the admin's language.
 */
async function renderPage(callId: string, options: { query?: string; post?: Entries } = {}): Promise<string> {
  const route = { id: "questions", path: "/admin/calls/:id/questions", loader, action, Component: QuestionEditorPage };
  const handler = createStaticHandler([route as never]);
  const headers = new Headers({ Cookie: adminCookie });
  const url = `http://localhost${pagePath(callId)}${options.query ?? ""}`;
  const request = options.post
    ? new Request(url, { method: "POST", headers, body: new URLSearchParams(options.post) })
    : new Request(url, { headers });
  const context = await handler.query(request, { requestContext: { clientIp: "203.0.113.7", cspNonce: "test-nonce" } });
  if (context instanceof Response) throw new Error(`answered ${context.status}`);
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng: "en", resources });
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(I18nextProvider, { i18n }, createElement(StaticRouterProvider, { router, context, hydrate: false })));
}

const enStrings = resources.en.common as { questionEditor: Record<string, unknown> };
const words = enStrings.questionEditor as Record<string, string> & { types: Record<string, string> };
const escaped = (value: string) => value.replaceAll("&", "&amp;").replaceAll("'", "&#x27;").replaceAll('"', "&quot;");

describe("the page as the server renders it", () => {
  it("renders the list, the forms with every setting, the rules in words and the preview in three languages", async () => {
    const call = await eligibilityCall();
    await saveRule(call.id, { questionKey: "team_size", operator: "between", min: "1", max: "3" });
    const html = await renderPage(call.id);
    expect(html).toContain(`<h1>${escaped(words.title)}</h1>`);
    for (const type of ["NUMBER", "DATE", "YES_NO", "SINGLE_CHOICE", "SHORT_TEXT"]) expect(html).toContain(words.types[type]);
    // Without JavaScript every type's settings are in the form, and three blank choice lines.
    for (const name of [
      "maxLength",
      "choices.2.value",
      "choices.2.label.ar",
      "minPicks",
      "maxPicks",
      "min",
      "max",
      "integer",
      "maxMegabytes",
    ])
      expect(html).toContain(`name="${name}"`);
    expect(html).not.toContain('name="choices.3.value"');
    expect(html).toContain('name="conditionSites"');
    expect(html).toContain(`value="${sites[1].id}"`);
    // Every text input takes its direction from what is typed.
    expect(
      html.match(/<input(?![^>]*type="(?:hidden|checkbox|radio|number|date|file)")[^>]*>/g)?.every((input) => input.includes('dir="auto"')),
    ).toBe(true);
    expect(html).toContain("Team size: from 1 to 3");
    expect(html).toContain('lang="ar" dir="rtl"');
    expect(html).toContain("حجم الفريق");
    expect(html).toContain(`href="${pagePath(call.id)}?edit=`);
    // No question form open but the new one.
    expect(html.match(/name="intent" value="saveQuestion"/g)).toHaveLength(1);
  });

  it("opens one question's form with its saved values, and shows a refused post's errors beside its fields with what was typed", async () => {
    const call = await eligibilityCall();
    const stageId = await idOf(call.id, "stage");
    const opened = await renderPage(call.id, { query: `?edit=${stageId}` });
    expect(opened.match(/name="intent" value="saveQuestion"/g)).toHaveLength(2);
    expect(opened).toContain(`name="questionId" value="${stageId}"`);
    expect(opened).toContain('value="prototype"');

    const typed = question({
      key: "sector",
      type: "SINGLE_CHOICE",
      label: text("Filière", "Sector"),
      choices: [line("agri", "Agri"), line("", ""), line("agri", "Agro")],
    });
    const refused = await renderPage(call.id, { post: [["intent", "saveQuestion"], ...formEntries(typed)] });
    expect(refused).toContain(escaped(words.duplicateChoice.replace("{{value}}", "agri")).replace("“", "“"));
    expect(refused).toMatch(/name="choices\.2\.value"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="choices\.2\.value"/);
    expect(refused).toContain('value="Filière"');
    expect(refused).toContain('value="Agro"');

    const badRule = await renderPage(call.id, {
      post: [
        ["intent", "saveRule"],
        ["questionKey", "team_size"],
        ["operator", "between"],
        ["min", "4"],
        ["max", "2"],
      ],
    });
    expect(badRule).toContain(escaped(words.minAboveMax.replace("{{min}}", "4").replace("{{max}}", "2")));
    expect(badRule).toContain('value="4"');
  });

  it("says the questionnaire is frozen once an application is submitted", async () => {
    const call = await eligibilityCall();
    expect(await renderPage(call.id)).not.toContain(escaped(words.frozenNotice));
    await createCandidate({ call, site: sites[0], status: "SUBMITTED" });
    expect(await renderPage(call.id)).toContain(escaped(words.frozenNotice));
  });
});
