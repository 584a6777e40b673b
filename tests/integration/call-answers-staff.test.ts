// Answers to a call's own questions on the staff's side (issue 15, point 5), through the route loaders:
// the reviewer's scoring page (identifying answers absent from its loader data in blind review), the
// admin's application page (every answer, eligibility ones in their own group), the screening page
// (eligibility answers and each rule's outcome beside the checklist), the admin list's filter by an
// answer (an unknown one ignored and reported), the CSV export's column per question and the call
// dashboard's distribution of each choice and yes/no question. Query plans: answer-filter-plans.test.ts.
import type { LoaderFunction } from "@remix-run/node";
import { createInstance } from "i18next";
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server.js";
import { loader as fileLoader } from "~/routes/files.$id.tsx";
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { MEGABYTE, type ParsedAnswers, type QuestionDefinitionInput } from "~/domain/call-questions.ts";
import type { ApplicationStatus } from "~/domain/constants.ts";
import { catalogs, resources } from "~/i18n/catalogs.ts";
import { i18nConfig } from "~/i18n/config.ts";
import { formatDay } from "~/i18n/dates.server.ts";
import { readQuestionnaire, saveEligibilityRule, saveQuestion, writeAnswers } from "~/models/call-questions.server.ts";
import type { EligibilityRuleInput } from "~/domain/eligibility.ts";
import ApplicationPage, { loader as applicationLoader } from "~/routes/admin.applications.$id.tsx";
import ListPage, { loader as listLoader } from "~/routes/admin.applications._index.tsx";
import { loader as csvLoader } from "~/routes/admin.calls.$id.applications[.csv].tsx";
import DashboardPage, { loader as dashboardLoader } from "~/routes/admin.calls.$id.dashboard.tsx";
import ScreeningPage, { loader as screeningLoader } from "~/routes/admin.screening.tsx";
import ReviewPage, { loader as reviewLoader } from "~/routes/reviewer.assignments.$id.tsx";
import { TARGETS } from "../../bench/targets.ts";
import type { Fixtures } from "../../bench/setup.ts";
import { csvObjects, json, readCsv, signedIn } from "../support/enrollment-factories.ts";
import {
  assignReviewer,
  attachFile,
  createReviewApplication,
  createReviewSetup,
  signIn,
  type ReviewerOptions,
} from "../support/review-factories.ts";
import { callRoute } from "../support/remix.ts";

beforeAll(async () => {
  await dbReady;
});

// ---------------------------------------------------------------------------
// A call that asks questions of every kind the staff's pages show, two of them identifying.

const eligibility = { step: "eligibility", required: true, identifying: false } as const;
const wizard = { step: "questions", required: true, identifying: false } as const;

const QUESTIONS: QuestionDefinitionInput[] = [
  {
    ...eligibility,
    key: "team_size",
    type: "NUMBER",
    integer: true,
    min: 1,
    max: 20,
    label: { fr: "Taille de l'équipe", en: "Team size", ar: "عدد أعضاء الفريق" },
  },
  { ...eligibility, key: "resident", type: "YES_NO", label: { fr: "Un membre réside au Maroc ?", en: "A member lives in Morocco?" } },
  // French only: other readers get it with "(in French)".
  { ...eligibility, key: "founded", type: "DATE", required: false, label: { fr: "Date de création" } },
  {
    ...eligibility,
    key: "company_name",
    type: "SHORT_TEXT",
    maxLength: 100,
    required: false,
    identifying: true,
    label: { fr: "Raison sociale", en: "Company name" },
  },
  {
    ...wizard,
    key: "maturity",
    type: "SINGLE_CHOICE",
    label: { fr: "Maturité", en: "Maturity", ar: "النضج" },
    choices: [
      { value: "idea", label: { fr: "Idée", en: "Idea", ar: "فكرة" } },
      { value: "mvp", label: { fr: "Produit minimum", en: "Minimum product" } },
    ],
  },
  {
    ...wizard,
    key: "markets",
    type: "MULTIPLE_CHOICE",
    minPicks: 1,
    maxPicks: 3,
    label: { fr: "Marchés visés", en: "Target markets" },
    choices: [
      { value: "morocco", label: { fr: "Maroc", en: "Morocco" } },
      { value: "africa", label: { fr: "Afrique", en: "Africa" } },
      { value: "europe", label: { fr: "Europe", en: "Europe" } },
    ],
  },
  { ...wizard, key: "has_prototype", type: "YES_NO", label: { fr: "Avez-vous un prototype ?", en: "Do you have a prototype?" } },
  {
    ...wizard,
    key: "prototype_url",
    type: "URL",
    required: false,
    identifying: true,
    label: { fr: "Lien du prototype", en: "Prototype link" },
    condition: { answer: { questionKey: "has_prototype", equals: true } },
  },
  { ...wizard, key: "pitch_note", type: "LONG_TEXT", maxLength: 500, required: false, label: { fr: "Note", en: "Note" } },
];

const RULES: EligibilityRuleInput[] = [
  { questionKey: "team_size", operator: "between", min: 1, max: 3 },
  { questionKey: "resident", operator: "equals", value: true },
];

const COLUMNS = QUESTIONS.map((q) => `q_${q.key}`);

let tags = 0;
/** Answers to every question; the identifying ones hold strings found nowhere else. */
function fullAnswers(overrides: ParsedAnswers = {}) {
  tags += 1;
  const company = `Atlas Secret ${tags}-${process.pid} SARL`;
  const url = `https://secret-${tags}-${process.pid}.example.ma`;
  const answers: ParsedAnswers = {
    team_size: 2,
    resident: true,
    founded: "2024-03-15",
    company_name: company,
    maturity: "mvp",
    markets: ["morocco", "europe"],
    has_prototype: true,
    prototype_url: url,
    pitch_note: "=SUM(1+1) nous vendons de l'eau",
    ...overrides,
  };
  return { answers, secrets: [company, url] };
}

async function callWithQuestions(options: { blindReview?: boolean; reviewers?: ReviewerOptions[] } = {}) {
  const setup = await createReviewSetup({ blindReview: options.blindReview ?? true, reviewers: options.reviewers ?? [] });
  // Questions first: a submitted application would freeze them.
  for (const question of QUESTIONS) await saveQuestion(setup.call.id, null, question, setup.admin.id);
  for (const rule of RULES) await saveEligibilityRule(setup.call.id, null, rule, setup.admin.id);
  const { questions } = await readQuestionnaire(setup.call.id);
  /** An application of the call with these answers, written as the wizard writes them (picked choices indexed). */
  const apply = async (answers: ParsedAnswers, status?: ApplicationStatus) => {
    const created = await createReviewApplication({ call: setup.call, site: setup.site, status });
    await db.$transaction((tx) => writeAnswers(tx, created.application.id, questions, answers));
    return created;
  };
  return { ...setup, questions, apply };
}

type ShownText = { text: string; lang: string; inFrench: boolean };
type Answer = { key: string; label: ShownText; eligibility: boolean; answer: Record<string, unknown> | null };
type AnswersData = { answers: Answer[]; hidden: number };

const answerOf = (data: AnswersData, key: string) => data.answers.find((a) => a.key === key);

/** A page as the server renders it (before any JavaScript): its loader through React Router's static handler, in `locale`. */
async function renderPage(
  page: { path: string; loader: LoaderFunction; Component: ComponentType },
  url: string,
  cookie: string,
  locale: "fr" | "en" | "ar",
): Promise<string> {
  const handler = createStaticHandler([{ id: "page", ...page } as never]);
  const request = new Request(`http://localhost${url}`, { headers: new Headers({ Cookie: cookie }) });
  const context = await handler.query(request, { requestContext: { clientIp: "203.0.113.7", cspNonce: "test-nonce" } });
  if (context instanceof Response) throw new Error(`answered ${context.status}`);
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng: locale, resources });
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(I18nextProvider, { i18n }, createElement(StaticRouterProvider, { router, context, hydrate: false })));
}

// ---------------------------------------------------------------------------

describe("the reviewer's scoring page", () => {
  it("shows the answers written for the reader, and carries no identifying answer in blind review", async () => {
    const { reviewers, apply } = await callWithQuestions({ blindReview: true, reviewers: [{ locale: "en" }] });
    const { answers, secrets } = fullAnswers();
    const subject = await apply(answers);
    const assignment = await assignReviewer(subject.application.id, reviewers[0].id);
    const cookie = await signIn(reviewers[0]);
    const response = await callRoute(reviewLoader, {
      path: `/reviewer/assignments/${assignment.id}`,
      cookie,
      params: { id: assignment.id },
    });
    expect(response.status).toBe(200);
    const body = await response.text();
    // Not in the page, not anywhere in its loader data: neither the answers nor their questions.
    for (const secret of [...secrets, "company_name", "prototype_url", "Company name", "Prototype link"]) {
      expect({ secret, leaked: body.includes(secret) }).toEqual({ secret, leaked: false });
    }
    const page = JSON.parse(body) as { blind: boolean; answers: AnswersData };
    expect(page.blind).toBe(true);
    expect(page.answers.hidden).toBe(2);
    expect(page.answers.answers.map((a) => a.key)).toEqual([
      "team_size",
      "resident",
      "founded",
      "maturity",
      "markets",
      "has_prototype",
      "pitch_note",
    ]);
    // Eligibility answers too, marked as such; labels in English, or in French saying so.
    expect(answerOf(page.answers, "team_size")).toMatchObject({
      eligibility: true,
      label: { text: "Team size", inFrench: false },
      answer: { kind: "text", text: "2" },
    });
    expect(answerOf(page.answers, "resident")?.answer).toEqual({ kind: "text", text: "Yes" });
    expect(answerOf(page.answers, "founded")).toMatchObject({
      label: { text: "Date de création", lang: "fr", inFrench: true },
      answer: { kind: "text", text: formatDay("2024-03-15", "en") },
    });
    expect(answerOf(page.answers, "maturity")).toMatchObject({
      eligibility: false,
      answer: { kind: "choices", choices: [{ text: "Minimum product" }] },
    });
    expect(answerOf(page.answers, "markets")?.answer).toMatchObject({
      kind: "choices",
      choices: [{ text: "Morocco" }, { text: "Europe" }],
    });
    expect(answerOf(page.answers, "pitch_note")?.answer).toEqual({ kind: "text", text: "=SUM(1+1) nous vendons de l'eau" });

    const html = await renderPage(
      { path: "/reviewer/assignments/:id", loader: reviewLoader, Component: ReviewPage },
      `/reviewer/assignments/${assignment.id}`,
      cookie,
      "en",
    );
    for (const secret of secrets) expect(html).not.toContain(secret);
    expect(html).toContain(`<h2 id="answers-title">${catalogs.en.answersView.title.replace("'", "&#x27;")}</h2>`);
    expect(html).toContain(catalogs.en.answersView.eligibilityTitle);
    expect(html).toContain(catalogs.en.answersView.hiddenInBlind.replace("{{count}}", "2"));
    // The French original standing in keeps its own language and direction; typed text takes its own.
    expect(html).toContain('<span lang="fr" dir="ltr">Date de création</span>');
    expect(html).toContain('<span dir="auto">=SUM(1+1) nous vendons de l&#x27;eau</span>');
  });

  it("withholds the file that answers an identifying question in blind review, and names none of the others", async () => {
    const setup = await callWithQuestions({ blindReview: true, reviewers: [{ locale: "en" }] });
    const pdf = { ...wizard, required: false, type: "PDF", maxBytes: MEGABYTE } as const;
    await saveQuestion(setup.call.id, null, { ...pdf, key: "founder_cv", identifying: true, label: { fr: "CV" } }, setup.admin.id);
    await saveQuestion(setup.call.id, null, { ...pdf, key: "business_plan", label: { fr: "Plan d'affaires" } }, setup.admin.id);
    const { questions } = await readQuestionnaire(setup.call.id);
    const subject = await createReviewApplication({ call: setup.call, site: setup.site });
    const cv = await attachFile(subject.application.id, `CV ${subject.team[0].name}.pdf`, "ANSWER");
    const plan = await attachFile(subject.application.id, `Plan ${subject.team[0].name}.pdf`, "ANSWER");
    await db.$transaction((tx) => writeAnswers(tx, subject.application.id, questions, { founder_cv: cv.id, business_plan: plan.id }));
    const assignment = await assignReviewer(subject.application.id, setup.reviewers[0].id);
    const cookie = await signIn(setup.reviewers[0]);
    const body = await (
      await callRoute(reviewLoader, { path: `/reviewer/assignments/${assignment.id}`, cookie, params: { id: assignment.id } })
    ).text();
    for (const secret of [cv.id, ...subject.identities])
      expect({ secret, leaked: body.includes(secret) }).toEqual({ secret, leaked: false });
    const page = JSON.parse(body) as { answers: AnswersData; application: { attachments: Array<{ id: string; fileName: string | null }> } };
    // The files answering questions are listed with the answers, not with the documents.
    expect(page.application.attachments.map((a) => a.id)).toEqual([subject.attachment.id]);
    expect(answerOf(page.answers, "business_plan")?.answer).toEqual({ kind: "file", attachmentId: plan.id, fileName: null });
    expect(page.answers.hidden).toBe(1);
    // Nor can the withheld file be downloaded by its id; the other one can, under a neutral name.
    const download = (attachmentId: string) =>
      callRoute(fileLoader, { path: `/files/${attachmentId}`, cookie, params: { id: attachmentId } });
    expect((await download(cv.id)).status).toBe(404);
    const planDownload = await download(plan.id);
    expect(planDownload.status).toBe(200);
    expect(planDownload.headers.get("Content-Disposition")).not.toContain("Plan");

    const { cookie: admin } = await signedIn("ADMIN", { locale: "en" });
    const id = subject.application.id;
    const adminPage = await json<{ answers: AnswersData }>(
      await callRoute(applicationLoader, { path: `/admin/applications/${id}`, cookie: admin, params: { id } }),
    );
    expect(answerOf(adminPage.answers, "founder_cv")?.answer).toEqual({ kind: "file", attachmentId: cv.id, fileName: cv.fileName });
  });

  it("shows the identifying answers too when blind review is off, in the reader's language (Arabic, French where untranslated)", async () => {
    const { reviewers, apply } = await callWithQuestions({ blindReview: false, reviewers: [{ locale: "ar" }] });
    const { answers, secrets } = fullAnswers({ maturity: "idea", has_prototype: true });
    const subject = await apply(answers);
    const assignment = await assignReviewer(subject.application.id, reviewers[0].id);
    const cookie = await signIn(reviewers[0]);
    const page = await json<{ blind: boolean; answers: AnswersData }>(
      await callRoute(reviewLoader, { path: `/reviewer/assignments/${assignment.id}`, cookie, params: { id: assignment.id } }),
    );
    expect(page.blind).toBe(false);
    expect(page.answers.hidden).toBe(0);
    expect(answerOf(page.answers, "company_name")?.answer).toEqual({ kind: "text", text: secrets[0] });
    expect(answerOf(page.answers, "prototype_url")?.answer).toEqual({ kind: "link", href: secrets[1] });
    expect(answerOf(page.answers, "maturity")?.answer).toMatchObject({
      kind: "choices",
      choices: [{ text: "فكرة", lang: "ar", inFrench: false }],
    });
    expect(answerOf(page.answers, "markets")?.answer).toMatchObject({
      choices: [
        { text: "Maroc", inFrench: true },
        { text: "Europe", inFrench: true },
      ],
    });
    expect(answerOf(page.answers, "has_prototype")?.answer).toEqual({ kind: "text", text: catalogs.ar.questions.yes });
    expect(answerOf(page.answers, "team_size")?.label).toMatchObject({ text: "عدد أعضاء الفريق", lang: "ar" });
  });
});

describe("the admin's application page", () => {
  it("shows every answer, identifying ones included, the eligibility answers as their own group", async () => {
    const { apply } = await callWithQuestions({ blindReview: true });
    const { answers, secrets } = fullAnswers({ pitch_note: null });
    const subject = await apply(answers);
    const { cookie } = await signedIn("ADMIN", { locale: "en" });
    const id = subject.application.id;
    const page = await json<{ answers: AnswersData }>(
      await callRoute(applicationLoader, { path: `/admin/applications/${id}`, cookie, params: { id } }),
    );
    expect(page.answers.hidden).toBe(0);
    expect(page.answers.answers.filter((a) => a.eligibility).map((a) => a.key)).toEqual([
      "team_size",
      "resident",
      "founded",
      "company_name",
    ]);
    expect(page.answers.answers.filter((a) => !a.eligibility).map((a) => a.key)).toEqual([
      "maturity",
      "markets",
      "has_prototype",
      "prototype_url",
      "pitch_note",
    ]);
    expect(answerOf(page.answers, "company_name")?.answer).toEqual({ kind: "text", text: secrets[0] });
    expect(answerOf(page.answers, "prototype_url")?.answer).toEqual({ kind: "link", href: secrets[1] });
    // An optional question left unanswered is listed without an answer.
    expect(answerOf(page.answers, "pitch_note")?.answer).toBeNull();

    const html = await renderPage(
      { path: "/admin/applications/:id", loader: applicationLoader, Component: ApplicationPage },
      `/admin/applications/${id}`,
      cookie,
      "en",
    );
    expect(html).toContain(catalogs.en.answersView.eligibilityTitle);
    expect(html).toContain(catalogs.en.answersView.questionsTitle);
    expect(html).toContain(`<a href="${secrets[1]}" rel="noopener noreferrer nofollow" dir="ltr">${secrets[1]}</a>`);
    expect(html).toContain(secrets[0]);
    expect(html).toContain(catalogs.en.answersView.notAnswered);
  });
});

describe("the screening page", () => {
  it("shows each queued application's eligibility answers and whether each rule is met, beside its checklist", async () => {
    const { call, apply } = await callWithQuestions();
    const eligible = await apply(fullAnswers().answers, "SUBMITTED");
    const failing = await apply({ team_size: 5, maturity: "idea" }, "SUBMITTED");
    const { cookie } = await signedIn("ADMIN", { locale: "en" });
    const page = await json<{
      rules: Array<{ id: string; questionKey: string; sentence: { key: string } | null }>;
      queue: Array<{ id: string; eligibility: { answers: Answer[]; outcomes: Array<{ ruleId: string; outcome: string }> } }>;
    }>(await callRoute(screeningLoader, { path: `/admin/screening?call=${call.slug}`, cookie }));
    expect(page.rules.map((r) => [r.questionKey, r.sentence?.key])).toEqual([
      ["team_size", "questions.rules.between"],
      ["resident", "questions.rules.equalsYes"],
    ]);
    const [teamRule, residentRule] = page.rules.map((r) => r.id);
    const entry = (id: string) => page.queue.find((a) => a.id === id)!.eligibility;
    // Only the eligibility questions' answers (identifying ones too: admins screen), written for the reader.
    expect(entry(eligible.application.id).answers.map((a) => [a.key, a.answer])).toEqual([
      ["team_size", { kind: "text", text: "2" }],
      ["resident", { kind: "text", text: "Yes" }],
      ["founded", { kind: "text", text: formatDay("2024-03-15", "en") }],
      ["company_name", { kind: "text", text: expect.stringContaining("Atlas Secret") }],
    ]);
    expect(entry(eligible.application.id).outcomes).toEqual([
      { ruleId: teamRule, outcome: "passed" },
      { ruleId: residentRule, outcome: "passed" },
    ]);
    expect(entry(failing.application.id).answers.map((a) => [a.key, a.answer])).toEqual([
      ["team_size", { kind: "text", text: "5" }],
      ["resident", null],
      ["founded", null],
      ["company_name", null],
    ]);
    expect(entry(failing.application.id).outcomes).toEqual([
      { ruleId: teamRule, outcome: "notMet" },
      { ruleId: residentRule, outcome: "unanswered" },
    ]);

    const html = await renderPage(
      { path: "/admin/screening", loader: screeningLoader, Component: ScreeningPage },
      `/admin/screening?call=${call.slug}`,
      cookie,
      "en",
    );
    const words = catalogs.en.answersView;
    expect(html).toContain(words.allRulesMet);
    expect(html).toContain(words.rulesNotMet.replace("{{count}}", "2"));
    expect(html).toContain(`Team size: from 1 to 3<span class="fallback-note"> — <!-- -->${words.outcomes.notMet}</span>`);
    // Beside the checklist, in the same form.
    expect(html.indexOf(words.screeningTitle)).toBeLessThan(html.indexOf(catalogs.en.screening.checklist));
  });
});

// ---------------------------------------------------------------------------
// The list, the export and the dashboard read the same applications.

describe("the admin list, the export and the dashboard", () => {
  let call: { id: string; slug: string };
  let ids: Record<"a" | "b" | "c" | "draft" | "none", string>;
  let adminCookie: string;

  beforeAll(async () => {
    const setup = await callWithQuestions();
    call = setup.call;
    const a = await setup.apply(fullAnswers().answers);
    const b = await setup.apply(fullAnswers({ has_prototype: false, prototype_url: null, markets: ["africa"], maturity: "idea" }).answers);
    const c = await setup.apply(fullAnswers({ markets: ["africa"], team_size: 3 }).answers);
    // A draft's answers count nowhere; an application may have no answer at all.
    const draft = await setup.apply(fullAnswers().answers, "DRAFT");
    const none = await setup.apply({});
    ids = { a: a.application.id, b: b.application.id, c: c.application.id, draft: draft.application.id, none: none.application.id };
    adminCookie = (await signedIn("ADMIN", { locale: "en" })).cookie;
  });

  type ListPage = {
    total: number;
    rows: Array<{ id: string }>;
    filter: { answer?: string };
    answerFilter: {
      options: Array<{ questionKey: string; choices: Array<{ value: string; label: string }> }>;
      selected: string | null;
      ignored: string | null;
    };
  };
  const list = async (query: string) =>
    json<ListPage>(await callRoute(listLoader, { path: `/admin/applications?${query}`, cookie: adminCookie }));
  const listed = (page: ListPage) => page.rows.map((r) => r.id).sort();

  it("filters by the answer to a yes/no or a choice question, with the other filters", async () => {
    const yes = await list(`call=${call.slug}&answer=has_prototype:yes`);
    expect({ total: yes.total, ids: listed(yes) }).toEqual({ total: 2, ids: [ids.a, ids.c].sort() });
    expect(yes.answerFilter).toMatchObject({ selected: "has_prototype:yes", ignored: null });
    expect(listed(await list(`call=${call.slug}&answer=has_prototype:no`))).toEqual([ids.b]);
    // Multiple choice: any application that picked it.
    expect(listed(await list(`call=${call.slug}&answer=markets:africa`))).toEqual([ids.b, ids.c].sort());
    expect(listed(await list(`call=${call.slug}&answer=maturity:mvp&q=zzz-nothing`))).toEqual([]);
    expect((await list(`call=${call.slug}&answer=maturity:mvp&status=REVIEW`)).total).toBe(2);
    const html = await renderPage(
      { path: "/admin/applications", loader: listLoader, Component: ListPage },
      `/admin/applications?call=${call.slug}&answer=has_prototype:yes`,
      adminCookie,
      "en",
    );
    expect(html).toMatch(/<select id="f-answer" name="answer">/);
    expect(html).toContain('<option value="has_prototype:yes" selected="">Yes</option>');
    expect(html).toContain('<optgroup label="Target markets"><option value="markets:morocco">Morocco</option>');
    // The URL the form's select posts, encoded.
    expect(listed(await list(new URLSearchParams({ call: call.slug, answer: "markets:europe" }).toString()))).toEqual([ids.a]);
  });

  it("offers the call's choice and yes/no questions in the filter, in the reader's language", async () => {
    const page = await list(`call=${call.slug}`);
    expect(page.answerFilter.options.map((o) => o.questionKey)).toEqual(["resident", "maturity", "markets", "has_prototype"]);
    expect(page.answerFilter.options.find((o) => o.questionKey === "maturity")?.choices).toEqual([
      { value: "maturity:idea", label: "Idea" },
      { value: "maturity:mvp", label: "Minimum product" },
    ]);
    expect(page.answerFilter).toMatchObject({ selected: null, ignored: null });
  });

  it("ignores an answer filter that names no choice of the call's questions, like the list's other bad filters, and says so", async () => {
    for (const bad of ["has_prototype:maybe", "pitch_note:x", "team_size:2", "unknown:yes", "garbage", "markets:"]) {
      const page = await list(`call=${call.slug}&${new URLSearchParams({ answer: bad })}`);
      expect({ bad, total: page.total, ignored: page.answerFilter.ignored, selected: page.answerFilter.selected }).toEqual({
        bad,
        total: 4,
        ignored: bad,
        selected: null,
      });
    }
    const html = await renderPage(
      { path: "/admin/applications", loader: listLoader, Component: ListPage },
      `/admin/applications?call=${call.slug}&answer=unknown:yes`,
      adminCookie,
      "fr",
    );
    expect(html).toContain(catalogs.fr.answersView.filterIgnored.replace("{{filter}}", "unknown:yes").replaceAll("'", "&#x27;"));
    // "Any answer" is no filter, and nothing to report.
    const any = await list(`call=${call.slug}&answer=`);
    expect({ total: any.total, ignored: any.answerFilter.ignored }).toEqual({ total: 4, ignored: null });
  });

  it("serves the benchmark's target: the demo's yes/no question by key", async () => {
    const target = TARGETS.find((t) => t.id === "admin-list-answer")!;
    const listTarget = TARGETS.find((t) => t.id === "admin-list")!;
    expect(target.budgets).toEqual(listTarget.budgets);
    expect(target.comparedWithFloor).toBe(true);
    const path = target.path({ call } as unknown as Fixtures);
    const page = await json<ListPage>(await callRoute(listLoader, { path, cookie: adminCookie }));
    expect({ path, total: page.total, ignored: page.answerFilter.ignored }).toEqual({ path, total: 2, ignored: null });
  });

  it("exports one column per question, named by its key, multiple choices joined, yes/no as yes and no, formulas neutralized", async () => {
    const response = await callRoute(csvLoader, {
      path: `/admin/calls/${call.id}/applications.csv`,
      params: { id: call.id },
      cookie: adminCookie,
    });
    expect(response.status).toBe(200);
    const { records } = await readCsv(response);
    expect(records[0].slice(-COLUMNS.length)).toEqual(COLUMNS);
    expect(records[0]).toHaveLength(15 + COLUMNS.length);
    const rows = Object.fromEntries(csvObjects(records).map((row) => [row.id, row]));
    expect(Object.keys(rows).sort()).toEqual([ids.a, ids.b, ids.c, ids.none].sort());
    const answersOf = (id: string) => Object.fromEntries(COLUMNS.map((column) => [column, rows[id][column]]));
    expect(answersOf(ids.a)).toEqual({
      q_team_size: "2",
      q_resident: "yes",
      q_founded: "2024-03-15",
      q_company_name: expect.stringContaining("Atlas Secret"),
      q_maturity: "mvp",
      q_markets: "morocco; europe",
      q_has_prototype: "yes",
      q_prototype_url: expect.stringMatching(/^https:\/\/secret-/),
      q_pitch_note: "'=SUM(1+1) nous vendons de l'eau",
    });
    expect(answersOf(ids.b)).toMatchObject({ q_has_prototype: "no", q_prototype_url: "", q_markets: "africa", q_maturity: "idea" });
    expect(Object.values(answersOf(ids.none))).toEqual(COLUMNS.map(() => ""));
  });

  it("charts how the submitted applications answered each choice and yes/no question", async () => {
    const page = await json<{
      stats: { funnel: Array<{ status: string; count: number }> };
      answers: Array<{ questionKey: string; multiple: boolean; rows: Array<{ value: string; label: { text: string }; count: number }> }>;
    }>(await callRoute(dashboardLoader, { path: `/admin/calls/${call.id}/dashboard`, params: { id: call.id }, cookie: adminCookie }));
    const counts = Object.fromEntries(page.answers.map((d) => [d.questionKey, d.rows.map((r) => [r.value, r.label.text, r.count])]));
    expect(counts).toEqual({
      resident: [
        ["yes", "Yes", 3],
        ["no", "No", 0],
      ],
      maturity: [
        ["idea", "Idea", 1],
        ["mvp", "Minimum product", 2],
      ],
      markets: [
        ["morocco", "Morocco", 1],
        ["africa", "Africa", 2],
        ["europe", "Europe", 1],
      ],
      has_prototype: [
        ["yes", "Yes", 2],
        ["no", "No", 1],
      ],
    });
    expect(page.answers.find((d) => d.questionKey === "markets")?.multiple).toBe(true);
    // The shares are of the submitted applications, which the funnel counts: the draft's answers count nowhere.
    expect(page.stats.funnel.filter((f) => f.status !== "DRAFT").reduce((sum, f) => sum + f.count, 0)).toBe(4);

    const html = await renderPage(
      { path: "/admin/calls/:id/dashboard", loader: dashboardLoader, Component: DashboardPage },
      `/admin/calls/${call.id}/dashboard`,
      adminCookie,
      "en",
    );
    const text = html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, "|");
    expect(html).toContain(catalogs.en.answersView.distributionTitle.replace("'", "&#x27;"));
    // Each answer's count and share of the four submitted applications; no answer for one of them (a single choice).
    expect(text).toMatch(/Minimum product\|+2\|+50 %/);
    expect(text).toMatch(/No answer\|+1\|+25 %/);
    expect(text).toMatch(/Africa\|+2\|+50 %/);
  });
});
