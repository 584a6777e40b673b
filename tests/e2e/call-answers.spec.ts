// The answers to a call's own questions as the staff read them (issue 15, point 5), on the demo call
// (prisma/seed/demo-questions.ts, blind review on): a reviewer reads an assigned application's answers
// on the scoring page in their language, in English and in Arabic, without the identifying prototype
// link (neither on the page nor in its loader's data); the admin's application page shows that link;
// the admin list filtered by "has a prototype: yes", in English and in Arabic, lists only the
// applications that answered yes; the CSV export has a q_<key> column per question with the
// application's values; the call dashboard charts the maturity question with its Arabic labels. axe on
// the scoring page, the filtered list in Arabic and the dashboard.
//
// Every test submits the applications it reads as a new founder (over HTTP, as review.spec.ts does:
// the wizard in the browser is founder.spec.ts's), with a token of its own in names and links, so it
// depends on no other test's leftovers.
import fs from "node:fs/promises";
import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { MATURITY } from "../../prisma/seed/demo-questions.ts";
import {
  catalogs,
  currentLocale,
  DEMO,
  demoQuestion,
  expect,
  expectNoSeriousA11yViolations,
  expectStatus,
  FRENCH_BROWSER,
  interpolate,
  open,
  parseCsv,
  signedInPage,
  submittedApplicationOverHttp,
  switchLanguage,
  test,
  ui,
  type Catalog,
  type Locale,
} from "./support.ts";

test.use(FRENCH_BROWSER);

type Maturity = (typeof MATURITY)[number];
type Application = { id: string; name: string; callSlug: string };

/** ADMIN_PAGE_SIZE of app/models/admin-application.server.ts (a server module, not loaded in the test runner). */
const LIST_PAGE_SIZE = 50;

const REVIEWER_PAGE_DATA = "routes%2Freviewer.assignments.%24id";
const ADMIN_APPLICATION_DATA = "routes%2Fadmin.applications.%24id";

/** A token for this test's names and links. */
const newToken = () => Math.random().toString(36).slice(2, 8).toUpperCase();

/** A prototype link nobody else uses: its host alone is searched for (a JSON body may write `/` as `\/`). */
function prototypeLink(token: string): { url: string; host: string } {
  const host = `proto-${token.toLowerCase()}.example.test`;
  return { url: `https://${host}/demo?from=tremplin`, host };
}

/** A choice of the demo call's maturity question, by its label in `locale`. */
function maturityLabel(value: Maturity, locale: Locale): string {
  const question = demoQuestion("maturity");
  const choice = "choices" in question ? question.choices?.find((candidate) => candidate.value === value) : undefined;
  const label = choice?.label[locale];
  if (!label) throw new Error(`no ${locale} label for maturity ${value}`);
  return label;
}

function questionLabel(key: string, locale: Locale): string {
  const label = demoQuestion(key).label[locale];
  if (!label) throw new Error(`no ${locale} label for question ${key}`);
  return label;
}

// ─── Browsers per person ─────────────────────────────────────────────────────

const contexts: BrowserContext[] = [];

test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** A browser of its own (own cookies), signed in as `email` (once per worker: see `signedInPage`). */
async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await signedInPage(browser, email);
  contexts.push(page.context());
  return page;
}

/**
 * Runs `body` with the account signed in on `page` reading the platform in `locale` (the language is
 * saved on the account, which other tests share): switched with the header's switcher from `home`,
 * and back to what it was afterwards, whatever happens.
 */
async function inLanguage<T>(page: Page, home: string, locale: Locale, body: (t: Catalog) => Promise<T>): Promise<T> {
  await open(page, home);
  const before = await currentLocale(page);
  if (before !== locale) await switchLanguage(page, locale);
  try {
    return await body(catalogs[locale]);
  } finally {
    if (before !== locale) {
      await open(page, home);
      await switchLanguage(page, before);
    }
  }
}

// ─── Founder side ────────────────────────────────────────────────────────────

/** A new founder's submitted application to the demo call, answering its questions as given (project name `label` and a token). */
function submittedApplication(
  browser: Browser,
  label: string,
  answers: { maturity: Maturity; hasPrototype: boolean; prototypeUrl?: string; fundingSought?: number },
): Promise<Application> {
  return submittedApplicationOverHttp(browser, `${label} ${newToken()}`, answers);
}

// ─── Admin side ──────────────────────────────────────────────────────────────

/** The call an application belongs to, from its admin page's data. */
async function callOf(admin: Page, application: Application): Promise<{ id: string; slug: string }> {
  const response = await expectStatus(
    await admin.context().request.get(`/admin/applications/${application.id}?_data=${ADMIN_APPLICATION_DATA}`),
    200,
    "the admin application page's data",
  );
  const { application: data } = (await response.json()) as { application: { call: { id: string; slug: string } } };
  expect(data.call.slug).toBe(application.callSlug);
  return data.call;
}

/** Declares an application eligible on the screening queue of its call (in the admin's language). */
async function markEligible(admin: Page, application: Application): Promise<void> {
  await open(admin, `/admin/screening?call=${application.callSlug}`);
  const t = await ui(admin);
  const card = admin
    .getByRole("listitem")
    .filter({ has: admin.getByRole("heading", { level: 2 }).getByRole("link", { name: application.name, exact: true }) });
  for (const criterion of [t.screening.complete, t.screening.sectorFit, t.screening.siteFit]) {
    await card.getByRole("checkbox", { name: criterion, exact: true }).check();
  }
  await card.getByRole("button", { name: t.screening.eligible, exact: true }).click();
  await expect(admin.getByRole("status").filter({ hasText: t.screening.movedToReview })).toBeVisible();
  await expect(card).toHaveCount(0);
}

/** The admin adds the reviewer with login `email` to the application, from its page (in the admin's language). */
async function addReviewer(admin: Page, application: Application, email: string): Promise<void> {
  await open(admin, "/admin/reviewers");
  const t = await ui(admin);
  const row = admin
    .getByRole("table", { name: t.reviewers.title })
    .getByRole("row")
    .filter({ has: admin.locator("small").getByText(email, { exact: true }) });
  const name = ((await row.getByRole("link").first().textContent()) ?? "").trim();
  expect(name, `the name of ${email}`).not.toBe("");

  await open(admin, `/admin/applications/${application.id}`);
  await admin.getByLabel(t.assignments.addReviewer, { exact: true }).selectOption({ label: name });
  await admin.getByRole("button", { name: t.assignments.add, exact: true }).click();
  await expect(admin.getByRole("status").filter({ hasText: t.assignments.added })).toBeVisible();
  await expect(
    admin.getByRole("table", { name: t.admin.reviewsPerCriterion }).locator("tbody").getByRole("rowheader").filter({ hasText: name }),
  ).toHaveCount(1);
}

/** The answers card of an application (scoring page or admin page), by its heading. */
function answersSection(page: Page, t: Catalog): Locator {
  return page.getByRole("region", { name: t.answersView.title, exact: true });
}

/** The answer shown to the question labelled `label` in an answers card. */
function answerTo(section: Locator, label: string): Locator {
  return section
    .locator("dl > div")
    .filter({ has: section.page().locator("dt").getByText(label, { exact: true }) })
    .locator("dd");
}

/** The rows of the admin applications list, as the project names they link to. */
async function listedNames(admin: Page, t: Catalog): Promise<string[]> {
  return (
    admin
      .getByRole("table", { name: t.staffNav.admin.applications, exact: true })
      .locator("tbody")
      .getByRole("rowheader")
      // Each row's project link (a possible duplicate's link to the other application follows it).
      .evaluateAll((cells) => cells.map((cell) => cell.querySelector("a")?.textContent ?? ""))
  );
}

/** The call's CSV export, as the dashboard's link downloads it: rows as objects by column. */
async function downloadCsv(admin: Page, t: Catalog): Promise<{ header: string[]; rows: Array<Record<string, string>> }> {
  const downloading = admin.waitForEvent("download");
  await admin.getByRole("link", { name: t.dashboard.exportCsv, exact: true }).click();
  const download = await downloading;
  const bytes = await fs.readFile(await download.path());
  expect([...bytes.subarray(0, 3)], "a UTF-8 byte order mark").toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...records] = parseCsv(bytes.subarray(3).toString("utf8"));
  expect(
    records.map((record) => record.length),
    "every row has the header's width",
  ).toEqual(records.map(() => header.length));
  return { header, rows: records.map((record) => Object.fromEntries(header.map((column, index) => [column, record[index]]))) };
}

/** A number as a table writes it, in Latin or Arabic-Indic digits. */
function readCount(text: string): number {
  const latin = text.replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660)).replace(/[^\d]/g, "");
  expect(latin, `a number in “${text}”`).not.toBe("");
  return Number(latin);
}

// ─── 1. The reviewer ─────────────────────────────────────────────────────────

for (const locale of ["en", "ar"] as const) {
  test(`(${locale}) a reviewer reads an assigned application's answers on the scoring page in their language, without the identifying prototype link of blind review`, async ({
    browser,
  }) => {
    const token = newToken();
    const link = prototypeLink(token);
    const application = await submittedApplication(browser, `Prototype ${locale} ${token}`, {
      maturity: "first_customers",
      hasPrototype: true,
      prototypeUrl: link.url,
    });
    const admin = await signedIn(browser, DEMO.admin);
    await markEligible(admin, application);
    await addReviewer(admin, application, DEMO.reviewer);
    // The link was stored: the admin's page shows it (the reviewer's must not).
    const adminData = await expectStatus(
      await admin.context().request.get(`/admin/applications/${application.id}?_data=${ADMIN_APPLICATION_DATA}`),
      200,
      "the admin application page's data",
    );
    expect(await adminData.text(), "the prototype link, stored with the application").toContain(link.host);

    const reviewer = await signedIn(browser, DEMO.reviewer);
    await inLanguage(reviewer, "/reviewer", locale, async (t) => {
      await reviewer
        .getByRole("table", { name: t.review.todo, exact: true })
        .getByRole("link", { name: application.name, exact: true })
        .click();
      await expect(reviewer).toHaveURL(/\/reviewer\/assignments\/[^/]+$/);
      await expect(reviewer.getByRole("heading", { level: 1, name: application.name, exact: true })).toBeVisible();
      await expect(reviewer.locator("html")).toHaveAttribute("lang", locale);
      // The demo call is reviewed blind: the premise of what follows.
      await expect(reviewer.locator("h1 + p")).toContainText(t.review.blind);

      const answers = answersSection(reviewer, t);
      await expect(answers).toBeVisible();
      await expect(answerTo(answers, questionLabel("maturity", locale))).toHaveText(maturityLabel("first_customers", locale));
      await expect(answers).not.toContainText(maturityLabel("first_customers", "fr"));
      await expect(answerTo(answers, questionLabel("has_prototype", locale))).toHaveText(t.questions.yes);
      await expect(answers.getByText(questionLabel("prototype_url", locale), { exact: true })).toHaveCount(0);
      await expect(answers.getByText(interpolate(t.answersView.hiddenInBlind, { count: 1 }), { exact: true })).toBeVisible();

      // Nowhere in the page: not in the document the server sent, nor in the page as it is now.
      const pathname = new URL(reviewer.url()).pathname;
      const served = await expectStatus(await reviewer.context().request.get(pathname), 200, "the scoring page");
      expect(await served.text(), "the scoring page's HTML").not.toContain(link.host);
      expect(await reviewer.content(), "the scoring page's DOM").not.toContain(link.host);
      // Nor in its loader's data, which holds the other answers.
      const data = await expectStatus(
        await reviewer.context().request.get(`${pathname}?_data=${REVIEWER_PAGE_DATA}`),
        200,
        "the scoring page's data",
      );
      const body = await data.text();
      expect(body, "the scoring page's loader data").not.toContain(link.host);
      const { answers: shown } = JSON.parse(body) as { answers: { answers: Array<{ key: string }>; hidden: number } };
      expect(shown.answers.map((answer) => answer.key)).toEqual(expect.arrayContaining(["maturity", "has_prototype"]));
      expect(shown.answers.map((answer) => answer.key)).not.toContain("prototype_url");
      expect(shown.hidden).toBe(1);

      await expectNoSeriousA11yViolations(reviewer, `the scoring page with its answers (${locale})`);
    });
  });
}

// ─── 2. The admin's application page ─────────────────────────────────────────

test("(en) the admin's application page shows every answer, the identifying prototype link too", async ({ browser }) => {
  const token = newToken();
  const link = prototypeLink(token);
  const application = await submittedApplication(browser, `Prototype page ${token}`, {
    maturity: "prototype",
    hasPrototype: true,
    prototypeUrl: link.url,
    fundingSought: 250_000,
  });
  const admin = await signedIn(browser, DEMO.admin);
  await inLanguage(admin, "/admin", "en", async (t) => {
    await open(admin, `/admin/applications/${application.id}`);
    await expect(admin.getByRole("heading", { level: 1, name: application.name, exact: true })).toBeVisible();
    const answers = answersSection(admin, t);
    const prototype = answerTo(answers, questionLabel("prototype_url", "en"));
    await expect(prototype.getByRole("link", { name: link.url, exact: true })).toHaveAttribute("href", link.url);
    await expect(answerTo(answers, questionLabel("has_prototype", "en"))).toHaveText(t.questions.yes);
    await expect(answerTo(answers, questionLabel("maturity", "en"))).toHaveText(maturityLabel("prototype", "en"));
    await expect(answers.getByText(interpolate(t.answersView.hiddenInBlind, { count: 1 }), { exact: true })).toHaveCount(0);
    // The same search as on the reviewer's page finds it here (what makes that one's absence mean something).
    expect(await admin.content()).toContain(link.host);
  });
});

// ─── 3. The admin list's filter ──────────────────────────────────────────────

test("(en, ar) the admin list filtered by “has a prototype: yes”, chosen in its select, lists only the applications that answered yes", async ({
  browser,
}) => {
  const token = newToken();
  const withPrototype = await submittedApplication(browser, `Filter ${token} yes`, {
    maturity: "prototype",
    hasPrototype: true,
    prototypeUrl: prototypeLink(token).url,
  });
  const without = await submittedApplication(browser, `Filter ${token} no`, { maturity: "validated_idea", hasPrototype: false });
  const admin = await signedIn(browser, DEMO.admin);
  const call = await callOf(admin, withPrototype);
  await inLanguage(admin, "/admin", "en", async (t) => {
    // What the CSV export says each application answered, to check the list against.
    await open(admin, `/admin/calls/${call.id}/dashboard`);
    const { rows } = await downloadCsv(admin, t);
    const answeredYes = new Set(rows.filter((row) => row.q_has_prototype === "yes").map((row) => row.id));
    expect(answeredYes).toContain(withPrototype.id);
    expect(rows.find((row) => row.id === without.id)?.q_has_prototype).toBe("no");

    const filters = admin.getByRole("form", { name: t.admin.filters, exact: true });
    const search = filters.getByLabel(t.admin.search, { exact: true });
    const submitFilters = () => filters.getByRole("button", { name: t.outbox.filter, exact: true }).click();

    // Both applications are found by the token, before the answer filter.
    await open(admin, `/admin/applications?call=${call.slug}`);
    await search.fill(token);
    await submitFilters();
    await expect(admin).toHaveURL(new RegExp(`[?&]q=${token}(&|$)`));
    // The address changes before the new rows show (a navigation's result renders in a transition): read until they do.
    await expect.poll(() => listedNames(admin, t).then((names) => names.sort())).toEqual([withPrototype.name, without.name].sort());

    // "Yes" among the question's choices in the select, grouped under its English label.
    const select = filters.getByLabel(t.answersView.filterLabel, { exact: true });
    const option = select
      .locator(`optgroup[label="${questionLabel("has_prototype", "en")}"]`)
      .locator("option")
      .filter({ hasText: new RegExp(`^${t.questions.yes}$`) });
    await expect(option).toHaveCount(1);
    await select.selectOption((await option.getAttribute("value")) ?? "");
    await submitFilters();
    await expect(admin).toHaveURL(/[?&]answer=has_prototype(%3A|:)yes(&|$)/);
    await expect.poll(() => listedNames(admin, t)).toEqual([withPrototype.name]);
    await expect(admin.getByText(interpolate(t.admin.total, { count: 1 }), { exact: true })).toBeVisible();
    await expect(select.locator("option:checked")).toHaveText(t.questions.yes);

    // Without the search: as many applications as answered yes in the export, each of them one that did.
    await search.fill("");
    await submitFilters();
    await expect(admin).not.toHaveURL(new RegExp(`[?&]q=${token}`));
    await expect(admin).toHaveURL(/[?&]answer=has_prototype(%3A|:)yes(&|$)/);
    await expect(admin.getByText(interpolate(t.admin.total, { count: answeredYes.size }), { exact: true })).toBeVisible();
    const listedIds = () =>
      admin
        .getByRole("table", { name: t.staffNav.admin.applications, exact: true })
        .locator("tbody")
        .getByRole("rowheader")
        // Each row's project link (a possible duplicate's link to the other application follows it).
        .evaluateAll((cells) => cells.map((cell) => (cell.querySelector("a")?.getAttribute("href") ?? "").split("/").pop() ?? ""));
    // The total and the rows render together: the rows are the filtered ones by now.
    const listed = await listedIds();
    expect(listed.length).toBe(Math.min(answeredYes.size, LIST_PAGE_SIZE));
    expect(
      listed.filter((id) => !answeredYes.has(id)),
      "listed applications that did not answer yes",
    ).toEqual([]);
    expect(listed).not.toContain(without.id);
  });

  // In Arabic: the same choice, under the question's Arabic label, filters the same way.
  await inLanguage(admin, "/admin", "ar", async (t) => {
    const filters = admin.getByRole("form", { name: t.admin.filters, exact: true });
    await open(admin, `/admin/applications?call=${call.slug}&q=${token}`);
    const select = filters.getByLabel(t.answersView.filterLabel, { exact: true });
    const option = select
      .locator(`optgroup[label="${questionLabel("has_prototype", "ar")}"]`)
      .locator("option")
      .filter({ hasText: new RegExp(`^${t.questions.yes}$`) });
    await expect(option).toHaveCount(1);
    await select.selectOption((await option.getAttribute("value")) ?? "");
    await filters.getByRole("button", { name: t.outbox.filter, exact: true }).click();
    await expect(admin).toHaveURL(/[?&]answer=has_prototype(%3A|:)yes(&|$)/);
    await expect.poll(() => listedNames(admin, t)).toEqual([withPrototype.name]);
    await expect(select.locator("option:checked")).toHaveText(t.questions.yes);
    await expectNoSeriousA11yViolations(admin, "the admin list filtered by an answer, in Arabic");
  });
});

// ─── 4. The CSV export ───────────────────────────────────────────────────────

test("(en) the call's CSV export has a q_<key> column per question, with the application's answers", async ({ browser }) => {
  const token = newToken();
  const link = prototypeLink(token);
  const application = await submittedApplication(browser, `Export ${token}`, {
    maturity: "recurring_revenue",
    hasPrototype: true,
    prototypeUrl: link.url,
    fundingSought: 400_000,
  });
  const other = await submittedApplication(browser, `Export ${token} no`, { maturity: "validated_idea", hasPrototype: false });
  const admin = await signedIn(browser, DEMO.admin);
  const call = await callOf(admin, application);
  await inLanguage(admin, "/admin", "en", async (t) => {
    await open(admin, `/admin/calls/${call.id}/dashboard`);
    const { header, rows } = await downloadCsv(admin, t);
    const columns = [
      "q_team_size",
      "q_resident_in_morocco",
      "q_company_registered",
      "q_maturity",
      "q_funding_sought",
      "q_has_prototype",
      "q_prototype_url",
    ];
    expect(header, "the CSV header").toEqual(expect.arrayContaining(["id", "project", ...columns]));
    expect(
      rows.find((row) => row.id === application.id),
      `${application.name} in the export`,
    ).toMatchObject({
      project: application.name,
      q_team_size: "2",
      q_resident_in_morocco: "yes",
      q_company_registered: "no",
      q_maturity: "recurring_revenue",
      q_funding_sought: "400000",
      q_has_prototype: "yes",
      q_prototype_url: link.url,
    });
    expect(
      rows.find((row) => row.id === other.id),
      `${other.name} in the export`,
    ).toMatchObject({
      project: other.name,
      q_maturity: "validated_idea",
      q_funding_sought: "",
      q_has_prototype: "no",
      q_prototype_url: "",
    });
  });
});

// ─── 5. The call dashboard ───────────────────────────────────────────────────

test("(ar) the call dashboard charts the maturity question with its Arabic labels, beside a table that counts a new answer", async ({
  browser,
}) => {
  const admin = await signedIn(browser, DEMO.admin);
  const token = newToken();
  // The demo call, as the one this application went to.
  const first = await submittedApplication(browser, `Dashboard ${token}`, { maturity: "validated_idea", hasPrototype: false });
  const call = await callOf(admin, first);
  await inLanguage(admin, "/admin", "ar", async (t) => {
    const maturity = () =>
      admin
        .getByRole("region", { name: t.answersView.distributionTitle, exact: true })
        .getByRole("group", { name: questionLabel("maturity", "ar"), exact: true });
    const countOf = async (value: Maturity) => {
      const row = maturity()
        .getByRole("table", { name: questionLabel("maturity", "ar"), exact: true })
        .getByRole("row")
        .filter({ has: admin.getByRole("rowheader", { name: maturityLabel(value, "ar"), exact: true }) });
      await expect(row).toHaveCount(1);
      return readCount((await row.getByRole("cell").first().textContent()) ?? "");
    };

    await open(admin, `/admin/calls/${call.id}/dashboard`);
    await expect(admin.locator("html")).toHaveAttribute("lang", "ar");
    const table = maturity().getByRole("table", { name: questionLabel("maturity", "ar"), exact: true });
    await expect(table).toBeVisible();
    // One row per choice, named in Arabic (and perhaps one for the applications without an answer).
    const headers = (await table.getByRole("rowheader").allTextContents()).map((text) => text.trim());
    expect(headers.slice(0, MATURITY.length)).toEqual(MATURITY.map((value) => maturityLabel(value, "ar")));
    expect(headers.slice(MATURITY.length).filter((header) => header !== t.answersView.noAnswer)).toEqual([]);
    for (const value of MATURITY) await expect(maturity()).not.toContainText(maturityLabel(value, "fr"));
    // The chart, drawn in the browser, names the same answers on its axis.
    const ticks = maturity().locator(".chart svg.recharts-surface .recharts-cartesian-axis-tick-value");
    await expect(ticks.first()).toBeVisible();
    const tickTexts = (await ticks.allTextContents()).map((text) => text.replace(/\s+/g, ""));
    for (const value of MATURITY) expect(tickTexts).toContain(maturityLabel(value, "ar").replace(/\s+/g, ""));
    await expectNoSeriousA11yViolations(admin, "the call dashboard in Arabic");

    // A newly submitted application answering "first customers" is counted there.
    const before = await countOf("first_customers");
    const others = await Promise.all(
      MATURITY.filter((value) => value !== "first_customers").map(async (value) => [value, await countOf(value)] as const),
    );
    await submittedApplication(browser, `Dashboard ${token} more`, { maturity: "first_customers", hasPrototype: false });
    await open(admin, `/admin/calls/${call.id}/dashboard`);
    expect(await countOf("first_customers")).toBe(before + 1);
    for (const [value, count] of others) expect(await countOf(value), `answers “${value}”`).toBe(count);
  });
});
