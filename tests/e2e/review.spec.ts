// The review pipeline end to end: an admin screens applications (one eligible,
// one ineligible with a reason) and runs the assignment; a reviewer scores a
// whole rubric with the keyboard only and submits, and the queue's progress
// moves; a missing criterion is refused in the browser, next to its group; the
// admin reads the ranking by normalized score and the "to discuss" filter,
// after two reviewers scored one application far apart. axe on the reviewer
// queue, the review page, the screening queue, the applications list and an
// application page.
//
// The database is shared by the whole run, so every test submits the
// applications it needs as a new founder (over HTTP: the wizard in the browser
// is founder.spec.ts's), takes them through screening and only then works on them.
import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { expect, test } from "./support.ts";
import {
  catalogs,
  DEMO,
  expectNoSeriousA11yViolations,
  FRENCH_BROWSER,
  interpolate,
  nextPost,
  open,
  signedInPage,
  submittedApplicationOverHttp,
  ui,
  type Catalog,
} from "./support.ts";

const t = catalogs.fr;

test.use(FRENCH_BROWSER);

/**
 * founder1…founder12 are the seed's showcase logins (FOUNDER_SHOWCASE in
 * prisma/seed/accounts.ts: founder4 SUBMITTED, founder5 SCREENING, founder6 REVIEW…),
 * which other specs may count on; founders created by other specs are not
 * @demo.tremplin.ma. This spec screens the other seeded applications only.
 */
const SHOWCASE_FOUNDER = /^founder(?:[1-9]|1[0-2])@demo\.tremplin\.ma$/;
const SEEDED_FOUNDER = /^founder\d+@demo\.tremplin\.ma$/;

type Application = { id: string; name: string };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A regular expression for a translated template, its placeholders matching anything. */
function templatePattern(template: string, placeholder = ".+?"): RegExp {
  return new RegExp(
    `^${template
      .split(/\{\{\w+\}\}/)
      .map(escapeRegExp)
      .join(placeholder)}$`,
  );
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

// ─── Founder side ────────────────────────────────────────────────────────────

/** A new founder's submitted application to the open call (project name `label` and a token). */
function submittedApplication(browser: Browser, label: string): Promise<Application> {
  return submittedApplicationOverHttp(browser, `${label} ${Math.random().toString(36).slice(2, 8).toUpperCase()}`);
}

// ─── Admin side ──────────────────────────────────────────────────────────────

/** The card of an application in the screening queue. */
function screeningCard(admin: Page, application: Application): Locator {
  return admin
    .getByRole("listitem")
    .filter({ has: admin.getByRole("heading", { level: 2 }).getByRole("link", { name: application.name, exact: true }) });
}

/**
 * `count` applications waiting in the screening queue that belong to seeded,
 * non-showcase founders (read from each application's admin page).
 */
async function screeningCandidates(admin: Page, count: number): Promise<Application[]> {
  await open(admin, "/admin/screening");
  const links = await admin
    .getByRole("listitem")
    .getByRole("heading", { level: 2 })
    .getByRole("link")
    .evaluateAll((anchors) => anchors.map((a) => ({ name: a.textContent ?? "", href: a.getAttribute("href") ?? "" })));
  const names = links.map((l) => l.name);
  const found: Application[] = [];
  for (const link of links) {
    // Two cards with one name could not be told apart.
    if (found.length === count) break;
    if (names.filter((name) => name === link.name).length > 1) continue;
    await open(admin, link.href);
    const founder = /\(([^()\s]+@[^()\s]+)\)\s*$/.exec((await admin.locator("h1 + p").textContent()) ?? "")?.[1] ?? "";
    if (SEEDED_FOUNDER.test(founder) && !SHOWCASE_FOUNDER.test(founder))
      found.push({ id: link.href.split("/").pop() ?? "", name: link.name });
  }
  expect(found.length, "seeded, non-showcase applications waiting for screening").toBe(count);
  return found;
}

/** Declares an application of the screening queue eligible; the success message shows and its card leaves the queue. */
async function markEligible(admin: Page, application: Application): Promise<void> {
  await open(admin, "/admin/screening");
  const card = screeningCard(admin, application);
  for (const criterion of [t.screening.complete, t.screening.sectorFit, t.screening.siteFit]) {
    await card.getByRole("checkbox", { name: criterion, exact: true }).check();
  }
  await card.getByRole("button", { name: t.screening.eligible, exact: true }).click();
  await expect(admin.getByRole("status").filter({ hasText: t.screening.movedToReview })).toBeVisible();
  await expect(card).toHaveCount(0);
}

/** Runs the assignment from the applications list; returns how many assignments the report announces. */
const ASSIGNMENT_REPORT = new RegExp(escapeRegExp(t.assignments.report).replace("\\{\\{count\\}\\}", "(\\d+)"));

/** The assignment run's report (the page has another status region: the flash). */
function assignmentReport(admin: Page): Locator {
  return admin.getByRole("status").filter({ hasText: ASSIGNMENT_REPORT });
}

async function runAssignment(admin: Page): Promise<number> {
  await open(admin, "/admin/applications");
  await admin.getByRole("button", { name: t.assignments.run, exact: true }).click();
  const pattern = ASSIGNMENT_REPORT;
  const report = assignmentReport(admin);
  await expect(report).toBeVisible();
  return Number(pattern.exec((await report.textContent()) ?? "")?.[1]);
}

/** The reviewers table of an admin application page. */
function reviewerRows(admin: Page): Locator {
  return admin.getByRole("table", { name: t.admin.reviewsPerCriterion }).locator("tbody").getByRole("row");
}

/** The names of the reviewers assigned to the application open on `admin`. */
async function assignedReviewerNames(admin: Page): Promise<string[]> {
  const headers = reviewerRows(admin).getByRole("rowheader");
  // The row header holds the name, a line break and the stage.
  return (await headers.evaluateAll((cells) => cells.map((cell) => cell.firstChild?.textContent ?? ""))).map((name) => name.trim());
}

/** Reviewers' logins, read from the admin's reviewers list (opened once), in the order of `names`. */
async function reviewerEmails(admin: Page, names: string[]): Promise<string[]> {
  await open(admin, "/admin/reviewers");
  const emails: string[] = [];
  for (const name of names) {
    const row = admin
      .getByRole("table", { name: t.reviewers.title })
      .getByRole("row")
      .filter({ has: admin.getByRole("link", { name, exact: true }) });
    const email = ((await row.locator("small").first().textContent()) ?? "").trim();
    expect(email, `the email of ${name}`).toMatch(/@/);
    emails.push(email);
  }
  return emails;
}

/**
 * A new founder's application, taken through screening into review and
 * staffed by the assignment run; returned with the logins of its reviewers.
 */
async function applicationInReview(admin: Page, browser: Browser, label: string): Promise<Application & { reviewers: string[] }> {
  const application = await submittedApplication(browser, label);
  await markEligible(admin, application);
  expect(await runAssignment(admin)).toBeGreaterThanOrEqual(3);
  await open(admin, `/admin/applications/${application.id}`);
  await expect(reviewerRows(admin)).toHaveCount(3);
  const reviewers = await reviewerEmails(admin, await assignedReviewerNames(admin));
  return { ...application, reviewers };
}

// ─── Reviewer side ───────────────────────────────────────────────────────────

/** "3 évaluations soumises sur 12" → { done: 3, total: 12 }, checked against the <progress> element. */
async function queueProgress(reviewer: Page): Promise<{ done: number; total: number }> {
  const tr = await ui(reviewer);
  const progress = reviewer.getByRole("progressbar", { name: templatePattern(tr.review.progress, "\\d+") });
  await expect(progress).toBeVisible();
  const label = (await reviewer.locator('label[for="progress"]').textContent()) ?? "";
  const [done, total] = (/(\d+)\D+(\d+)/.exec(label) ?? []).slice(1).map(Number);
  await expect(progress).toHaveAttribute("value", String(done));
  await expect(progress).toHaveAttribute("max", String(total));
  return { done, total };
}

/** The rubric's radio groups, one per criterion (their legend ends with the weight). */
function criterionGroups(page: Page, tr: Catalog): Locator {
  return page.getByRole("group", { name: new RegExp(`\\(${escapeRegExp(tr.review.weight).replace("\\{\\{weight\\}\\}", "\\d+")}\\)$`) });
}

function recommendationGroup(page: Page, tr: Catalog): Locator {
  return page.getByRole("group", { name: tr.review.recommendation, exact: true });
}

/** Presses Tab until the focus is inside `group`. */
async function tabInto(page: Page, group: Locator): Promise<void> {
  for (let presses = 0; presses < 150; presses++) {
    if ((await group.locator(":focus").count()) > 0) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("Tab never reached the radio group");
}

/**
 * Chooses the `position`-th option (1-based) of a radio group with the keyboard
 * only: Tab into the group (the first option gets the focus while none is
 * chosen), arrow keys down to the option, Space to select it.
 */
async function chooseWithKeyboard(page: Page, group: Locator, position: number): Promise<void> {
  await tabInto(page, group);
  const options = group.getByRole("radio");
  await expect(options.first()).toBeFocused();
  for (let step = 1; step < position; step++) await page.keyboard.press("ArrowDown");
  await expect(options.nth(position - 1)).toBeFocused();
  await page.keyboard.press("Space");
  await expect(options.nth(position - 1)).toBeChecked();
  await expect(group.getByRole("radio", { checked: true })).toHaveCount(1);
}

/** Opens an item of the reviewer's "to review" table. */
async function openTodo(reviewer: Page, application: Application): Promise<void> {
  await open(reviewer, "/reviewer");
  const tr = await ui(reviewer);
  await reviewer
    .getByRole("table", { name: tr.review.todo, exact: true })
    .getByRole("link", { name: application.name, exact: true })
    .click();
  await expect(reviewer).toHaveURL(/\/reviewer\/assignments\/[^/]+$/);
  await expect(reviewer.getByRole("heading", { level: 1, name: application.name, exact: true })).toBeVisible();
}

/** Scores every criterion `value` (with the mouse: the keyboard has its own test), recommends, submits. */
async function submitUniformReview(
  reviewer: Page,
  application: Application,
  value: number,
  recommendation: keyof typeof t.review.recommendations,
) {
  await openTodo(reviewer, application);
  const tr = await ui(reviewer);
  const groups = criterionGroups(reviewer, tr);
  for (const group of await groups.all()) await group.getByRole("radio", { name: new RegExp(`^${value} — `) }).check();
  await recommendationGroup(reviewer, tr).getByRole("radio", { name: tr.review.recommendations[recommendation], exact: true }).check();
  const pathname = new URL(reviewer.url()).pathname;
  const posted = nextPost(reviewer, pathname);
  await reviewer.getByRole("button", { name: tr.review.submit, exact: true }).click();
  // Saved, then the page read again (a redirect, 204 to Remix's fetch), the outcome in the shell's live region.
  expect((await posted).status()).toBe(204);
  expect((await posted).headers()["x-remix-redirect"]).toBe(pathname);
  await expect(reviewer.locator("#flash[role=status]")).toHaveText(tr.review.submitted);
}

// ─── The applications list ───────────────────────────────────────────────────

type ListRow = { name: string; rank: string; normalized: number | null; raw: number | null; flagged: boolean };

/** "3,45 (61)" → 3.45; "—" → null. */
function parseScore(text: string): number | null {
  const match = /^(\d+(?:,\d+)?)\s*\(\d+\)$/.exec(text.trim());
  return match ? Number(match[1].replace(",", ".")) : null;
}

async function listRows(admin: Page): Promise<ListRow[]> {
  const table = admin.getByRole("table", { name: t.staffNav.admin.applications, exact: true });
  await expect(table).toBeVisible();
  const cells = await table
    .locator("tbody")
    .getByRole("row")
    .evaluateAll((rows) =>
      rows.map((row) => ({
        name: row.querySelector("a")?.textContent ?? "",
        cells: Array.from(row.querySelectorAll("td"), (cell) => cell.textContent ?? ""),
      })),
    );
  // The cells (<td>): selection, rank, status, sector, normalized, raw, disagreement, reviews; the project is the row header.
  return cells.map(({ name, cells: row }) => ({
    name: name.trim(),
    rank: (row[1] ?? "").trim(),
    normalized: parseScore(row[4] ?? ""),
    raw: parseScore(row[5] ?? ""),
    flagged: (row[6] ?? "").includes(t.admin.flagged),
  }));
}

/** Ranks 1, 2, 3… down the scored rows (first page), normalized scores never going up, unscored rows last. */
function expectRankedByNormalizedScore(rows: ListRow[]): void {
  const scored = rows.filter((row) => row.normalized !== null);
  expect(scored.length, "applications with a normalized score").toBeGreaterThan(0);
  expect(rows.slice(0, scored.length), "scored applications come first").toEqual(scored);
  expect(scored.map((row) => row.rank)).toEqual(scored.map((_, index) => String(index + 1)));
  const normalized = scored.map((row) => row.normalized as number);
  expect(normalized, "sorted by normalized score, best first").toEqual([...normalized].sort((a, b) => b - a));
}

// ─── Tests ───────────────────────────────────────────────────────────────────

test("the demo's seeded reviews are ranked: the applications list shows ranks and normalized scores", async ({ browser }) => {
  // Runs first in this file, before any review is submitted through the app.
  const page = await signedIn(browser, DEMO.admin);
  await open(page, "/admin/applications?sort=normalized");
  const rows = await listRows(page);
  const reviewed = rows.filter((row) => row.raw !== null);
  expect(reviewed.length, "seeded applications with reviews").toBeGreaterThan(0);
  expect(
    reviewed.filter((row) => row.normalized === null || row.rank === "—").map((row) => row.name),
    "reviewed applications without a normalized score or a rank",
  ).toEqual([]);
  expectRankedByNormalizedScore(rows);

  // The score headers sort the list too, and say which one it is sorted by.
  const table = page.getByRole("table", { name: t.staffNav.admin.applications, exact: true });
  await expect(table.getByRole("columnheader", { name: t.admin.normalized, exact: true })).toHaveAttribute("aria-sort", "descending");
  await expect(table.getByRole("columnheader", { name: t.admin.raw, exact: true })).not.toHaveAttribute("aria-sort");
  await table.getByRole("link", { name: t.admin.raw, exact: true }).click();
  await expect(page).toHaveURL(/[?&]sort=raw(&|$)/);
  await expect(table.getByRole("columnheader", { name: t.admin.raw, exact: true })).toHaveAttribute("aria-sort", "descending");
  await expect(table.getByRole("columnheader", { name: t.admin.normalized, exact: true })).not.toHaveAttribute("aria-sort");
  const byRaw = (await listRows(page)).flatMap((row) => (row.raw === null ? [] : [row.raw]));
  expect(byRaw.length).toBeGreaterThan(1);
  expect(byRaw).toEqual([...byRaw].sort((a, b) => b - a));
});

test("an admin screens applications: an eligible one goes to review, an ineligible one needs a reason; the assignment run reports its attributions", async ({
  browser,
}) => {
  const eligible = await submittedApplication(browser, "Hanout Compta");
  const ineligible = await submittedApplication(browser, "Hanout Ledger");
  const admin = await signedIn(browser, DEMO.admin);

  await open(admin, "/admin/screening");
  await expect(admin.getByRole("heading", { level: 1, name: t.staffNav.admin.screening, exact: true })).toBeVisible();
  await expect(screeningCard(admin, eligible)).toContainText(t.statuses.SUBMITTED);
  await expectNoSeriousA11yViolations(admin, "the screening queue");

  // Eligibility needs every criterion of the checklist.
  let card = screeningCard(admin, eligible);
  await card.getByRole("checkbox", { name: t.screening.siteFit, exact: true }).uncheck();
  await card.getByRole("button", { name: t.screening.eligible, exact: true }).click();
  await expect(card.getByRole("alert")).toHaveText(t.screening.checkRequired);
  await expect(card).toContainText(t.statuses.SUBMITTED);

  await markEligible(admin, eligible);
  await open(admin, `/admin/applications/${eligible.id}`);
  await expect(admin.getByRole("heading", { level: 1, name: eligible.name, exact: true })).toBeVisible();
  await expect(admin.locator("h1 + p").getByText(t.statuses.REVIEW, { exact: true })).toBeVisible();

  // Ineligibility needs a reason.
  await open(admin, "/admin/screening");
  card = screeningCard(admin, ineligible);
  await card.getByRole("button", { name: t.screening.ineligible, exact: true }).click();
  await expect(card.getByRole("alert")).toHaveText(t.lifecycle.reasonRequired);
  await expect(card).toHaveCount(1);
  const reason = "Le projet ne relève d'aucun des secteurs de l'appel.";
  await card.getByLabel(t.screening.reason, { exact: true }).fill(reason);
  await card.getByRole("button", { name: t.screening.ineligible, exact: true }).click();
  await expect(admin.getByRole("status").filter({ hasText: t.screening.rejected })).toBeVisible();
  await expect(card).toHaveCount(0);
  await expect(screeningCard(admin, eligible)).toHaveCount(0);

  await open(admin, `/admin/applications/${ineligible.id}`);
  await expect(admin.locator("h1 + p").getByText(t.statuses.REJECTED, { exact: true })).toBeVisible();
  await expect(admin.getByRole("region", { name: t.staffNav.admin.audit }).getByRole("listitem").filter({ hasText: reason })).toHaveCount(
    1,
  );

  // The assignment run staffs the new application with the call's three reviewers.
  expect(await runAssignment(admin)).toBeGreaterThanOrEqual(3);
  await expectNoSeriousA11yViolations(admin, "the applications list with the assignment report");
  await open(admin, `/admin/applications/${eligible.id}`);
  await expect(reviewerRows(admin)).toHaveCount(3);
  for (const row of await reviewerRows(admin).all()) await expect(row).toContainText(t.assignments.status.PENDING);
  await expectNoSeriousA11yViolations(admin, "an application page in review");
});

test("axe on the screening queue showing a refused decision", async ({ browser }) => {
  // Nothing is saved when the checklist is incomplete: the first card will do.
  const admin = await signedIn(browser, DEMO.admin);
  await open(admin, "/admin/screening");
  const card = admin
    .getByRole("main")
    .getByRole("listitem")
    .filter({ has: admin.getByRole("button", { name: t.screening.eligible, exact: true }) })
    .first();
  await card.getByRole("checkbox", { name: t.screening.complete, exact: true }).uncheck();
  await card.getByRole("button", { name: t.screening.eligible, exact: true }).click();
  await expect(card.getByRole("alert")).toHaveText(t.screening.checkRequired);
  await expectNoSeriousA11yViolations(admin, "the screening queue with a refused decision");
});

test("a reviewer scores every criterion with the keyboard only, recommends and submits; the queue's progress moves", async ({
  browser,
}) => {
  const admin = await signedIn(browser, DEMO.admin);
  const application = await applicationInReview(admin, browser, "Darija Voice");
  const reviewer = await signedIn(browser, application.reviewers[0]);

  await open(reviewer, "/reviewer");
  // Each reviewer reads the platform in the language of their account (the demo's are not all French).
  const rt = await ui(reviewer);
  await expect(reviewer.getByRole("heading", { level: 1, name: rt.dashboard.reviewerTitle, exact: true })).toBeVisible();
  const before = await queueProgress(reviewer);
  await expectNoSeriousA11yViolations(reviewer, "the reviewer queue");

  await openTodo(reviewer, application);
  await expectNoSeriousA11yViolations(reviewer, "the review page");
  const groups = await criterionGroups(reviewer, rt).all();
  expect(groups.length, "criteria in the rubric").toBeGreaterThan(1);

  // Scores 4, 2, 5, 3, … chosen with Tab, the arrow keys and Space; the mouse never touches the rubric.
  const scores = groups.map((_, index) => [4, 2, 5, 3, 1][index % 5]);
  for (const [index, group] of groups.entries()) await chooseWithKeyboard(reviewer, group, scores[index]);
  const recommendations = Object.keys(rt.review.recommendations) as (keyof typeof rt.review.recommendations)[];
  await chooseWithKeyboard(reviewer, recommendationGroup(reviewer, rt), recommendations.indexOf("YES") + 1);
  await expect(recommendationGroup(reviewer, rt).getByRole("radio", { name: rt.review.recommendations.YES, exact: true })).toBeChecked();
  await reviewer.getByLabel(rt.review.privateComment, { exact: true }).fill("Équipe solide, marché encore à préciser.");

  const pathname = new URL(reviewer.url()).pathname;
  const posted = nextPost(reviewer, pathname);
  await reviewer.getByRole("button", { name: rt.review.submit, exact: true }).click();
  expect((await posted).status()).toBe(204);
  expect((await posted).headers()["x-remix-redirect"]).toBe(pathname);
  await expect(reviewer.locator("#flash[role=status]")).toHaveText(rt.review.submitted);
  await expect(reviewer.getByRole("button", { name: rt.review.update, exact: true })).toBeVisible();
  for (const [index, group] of groups.entries())
    await expect(group.getByRole("radio", { checked: true })).toHaveAccessibleName(new RegExp(`^${scores[index]} — `));

  await open(reviewer, "/reviewer");
  expect(await queueProgress(reviewer)).toEqual({ done: before.done + 1, total: before.total });
  await expect(
    reviewer.getByRole("table", { name: rt.review.todo, exact: true }).getByRole("link", { name: application.name, exact: true }),
  ).toHaveCount(0);
  await reviewer
    .getByRole("navigation", { name: rt.review.queueNavigation })
    .getByRole("link", { name: new RegExp(`^${rt.review.done} \\(`) })
    .click();
  await expect(reviewer.getByRole("table", { name: rt.review.done, exact: true })).toBeVisible();
  // Among the reviewed ones, on whichever page its due date puts it (the demo's reviewers also scored earlier calls).
  for (let page = 1; ; page++) {
    if (page > 1) await open(reviewer, `/reviewer?show=done&page=${page}`);
    const row = reviewer
      .getByRole("table", { name: rt.review.done, exact: true })
      .getByRole("link", { name: application.name, exact: true });
    if ((await row.count()) > 0) break;
    expect(page, `${application.name} among the reviewed applications`).toBeLessThan(20);
  }

  // The admin sees the scores, criterion by criterion.
  await open(admin, `/admin/applications/${application.id}`);
  await expect(reviewerRows(admin).filter({ hasText: t.assignments.status.SUBMITTED })).toHaveCount(1);
  const submittedRow = reviewerRows(admin).filter({ hasText: t.assignments.status.SUBMITTED });
  for (const [index, score] of scores.entries()) await expect(submittedRow.getByRole("cell").nth(index)).toHaveText(String(score));
  await expect(submittedRow).toContainText(t.review.recommendations.YES);
});

test("submitting a review with a criterion left out shows the error next to that criterion, in the browser", async ({ browser }) => {
  // Nothing is saved here: any reviewer's to-do item will do. Find one who has some.
  // Each reviewer reads the platform in the language of their account (the demo's are not all French).
  let reviewer: Page | null = null;
  let rt: Catalog = t;
  for (let n = 1; n <= 6 && !reviewer; n++) {
    const candidate = await signedIn(browser, `reviewer${n}@jury.tremplin.ma`);
    await open(candidate, "/reviewer");
    rt = await ui(candidate);
    if ((await candidate.getByRole("table", { name: rt.review.todo, exact: true }).getByRole("link").count()) > 0) reviewer = candidate;
  }
  if (!reviewer) throw new Error("no demo reviewer has anything to review");
  // An item without a saved draft, so that no criterion is scored yet.
  const todo = reviewer.getByRole("table", { name: rt.review.todo, exact: true });
  await todo
    .getByRole("row")
    .filter({ has: reviewer.getByRole("link") })
    .filter({ hasNotText: rt.review.draftSaved })
    .getByRole("link")
    .first()
    .click();
  await expect(reviewer).toHaveURL(/\/reviewer\/assignments\/[^/]+$/);
  await expect(reviewer.getByRole("button", { name: rt.review.submit, exact: true })).toBeVisible();

  const groups = await criterionGroups(reviewer, rt).all();
  expect(groups.length, "criteria in the rubric").toBeGreaterThan(1);
  const missing = groups[groups.length - 1];
  await expect(missing.getByRole("radio", { checked: true })).toHaveCount(0);
  for (const group of groups.slice(0, -1)) await group.getByRole("radio", { name: /^3 — / }).check();
  await recommendationGroup(reviewer, rt).getByRole("radio", { name: rt.review.recommendations.MAYBE, exact: true }).check();

  const posts: string[] = [];
  reviewer.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  await reviewer.getByRole("button", { name: rt.review.submit, exact: true }).click();
  // The error is inside the group and is the group's description, so it is read with it.
  await expect(missing).toHaveAccessibleDescription(/\S/);
  const description = (await missing.evaluate((group) => group.getAttribute("aria-describedby"))) ?? "";
  await expect(missing.locator(`[id="${description}"]`)).toBeVisible();
  for (const group of groups.slice(0, -1)) await expect(group).toHaveAccessibleDescription("");
  await expect(recommendationGroup(reviewer, rt)).toHaveAccessibleDescription("");
  expect(posts, "nothing sent to the server").toEqual([]);
  // The message meant for a missing score (the server's, for the same form).
  await expect.soft(missing).toHaveAccessibleDescription(rt.staffErrors.scoreRequired);
  await expect(reviewer.getByRole("status").filter({ hasText: rt.review.submitted })).toHaveCount(0);
  await expectNoSeriousA11yViolations(reviewer, "the review page with a missing criterion");

  // Choosing the missing score clears its error.
  await chooseWithKeyboard(reviewer, missing, 3);
  await expect(missing).toHaveAccessibleDescription("");
  await expect(missing.locator(`[id="${description}"]`)).toHaveCount(0);
  expect(posts, "still nothing sent").toEqual([]);
});

test("the admin ranks applications by normalized score and filters those to discuss, after two reviewers scored one far apart", async ({
  browser,
}) => {
  const admin = await signedIn(browser, DEMO.admin);
  const application = await applicationInReview(admin, browser, "Souk Split");

  // Two reviewers disagree completely: 5 on every criterion against 1.
  const enthusiast = await signedIn(browser, application.reviewers[0]);
  await submitUniformReview(enthusiast, application, 5, "STRONG_YES");
  const sceptic = await signedIn(browser, application.reviewers[1]);
  await submitUniformReview(sceptic, application, 1, "NO");

  // Sorted by normalized score: ranks and normalized scores.
  await open(admin, "/admin/applications");
  await admin.getByLabel(t.admin.sort, { exact: true }).selectOption({ label: t.admin.sortNormalized });
  await admin.getByRole("button", { name: t.outbox.filter, exact: true }).click();
  await expect(admin).toHaveURL(/[?&]sort=normalized(&|$)/);
  const all = await listRows(admin);
  expectRankedByNormalizedScore(all);
  const ours = all.find((row) => row.name === application.name);
  expect(ours, `${application.name} in the list`).toBeDefined();
  expect(ours?.normalized).not.toBeNull();
  expect(ours?.flagged).toBe(true);
  await expectNoSeriousA11yViolations(admin, "the applications list sorted by normalized score");

  // Only the applications to discuss.
  await admin.getByLabel(t.admin.flaggedOnly, { exact: true }).check();
  await admin.getByRole("button", { name: t.outbox.filter, exact: true }).click();
  await expect(admin).toHaveURL(/[?&]flagged=1(&|$)/);
  await expect(admin.getByLabel(t.admin.flaggedOnly, { exact: true })).toBeChecked();
  // The address changes before the new rows show (Remix renders a navigation's result in a React
  // transition): the rows are read again until they are the filtered ones, or the time runs out.
  let flagged: ListRow[] = [];
  await expect(async () => {
    flagged = await listRows(admin);
    expect(
      flagged.filter((row) => !row.flagged).map((row) => row.name),
      "rows not flagged for discussion",
    ).toEqual([]);
    expect(flagged.map((row) => row.name)).toEqual(all.filter((row) => row.flagged).map((row) => row.name));
  }).toPass({ timeout: 10_000 });
  expect(flagged.length).toBeGreaterThan(0);
  expect(flagged.some((row) => row.name === application.name)).toBe(true);
  await expect(admin.getByText(interpolate(t.admin.total, { count: flagged.length }), { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(admin, "the applications list filtered on those to discuss");

  // Its page says why.
  await admin
    .getByRole("table", { name: t.staffNav.admin.applications, exact: true })
    .getByRole("link", { name: application.name, exact: true })
    .click();
  await expect(admin).toHaveURL(new RegExp(`/admin/applications/${application.id}$`));
  const scores = admin.getByRole("region", { name: t.admin.scores, exact: true });
  await expect(scores.getByText(t.admin.flaggedForDiscussion, { exact: true })).toBeVisible();
  await expect(reviewerRows(admin).filter({ hasText: t.assignments.status.SUBMITTED })).toHaveCount(2);
  // Each submitted score beside the ranking's reading of it: the reviewer's offset and scale (issue 18's joint model).
  await expect(admin.getByRole("columnheader", { name: t.admin.adjustedScore, exact: true })).toBeVisible();
  await expect(
    reviewerRows(admin)
      .filter({ hasText: t.assignments.status.SUBMITTED })
      .filter({ hasText: t.admin.adjustment.split("{{")[0] }),
  ).toHaveCount(2);
  await expectNoSeriousA11yViolations(admin, "an application page flagged for discussion");
});

test("the assignment run staffs a seeded demo application declared eligible", async ({ browser }) => {
  // Demo founders (@demo.tremplin.ma) and reviewers (@jury.tremplin.ma) are not one organisation.
  const admin = await signedIn(browser, DEMO.admin);
  const [application] = await screeningCandidates(admin, 1);
  await markEligible(admin, application);
  await runAssignment(admin);
  // The report lists the applications it could not staff, by reference, with the reason.
  await expect(assignmentReport(admin)).toBeVisible();
  await expect(assignmentReport(admin)).not.toContainText(application.id.slice(-6).toUpperCase());
  await open(admin, `/admin/applications/${application.id}`);
  await expect(reviewerRows(admin)).toHaveCount(3);
});
