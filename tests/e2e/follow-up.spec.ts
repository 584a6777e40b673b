// Follow-up after enrollment (issue 17), in English and in Arabic: the demo's most recent cohort started
// months ago, and its projects' latest check-ins wait — some not yet emailed (the scheduled job emails the
// team when the app starts), others emailed 8 days ago (the job sends the first reminder). A team reads its
// check-in email from the SMTP sink, fills the form in (a wrong figure refused and kept), sends it, and
// finds it answered; the missed one's reminder arrives. An admin sets a cohort's schedule, reads the
// outcomes, filters them by site and sector, and downloads every check-in as CSV. axe on each new page.
//
// The team's part runs against the app server that mails through the SMTP sink (see full-round.spec.ts).
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { SMTP_E2E } from "../../playwright.config.ts";
import {
  chooseLanguage,
  actionEmailSubject,
  catalogs,
  DEMO,
  expect,
  expectAutosaved,
  expectNoSeriousA11yViolations,
  mainServer,
  open,
  parseCsv,
  signIn,
  sinkEmails,
  test,
  type Locale,
  type SinkEmail,
} from "./support.ts";

const BROWSER_LOCALE = { en: "en-US", ar: "ar-MA", fr: "fr-MA" } as const;

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** A browser of its own on `server`, its pages in `locale`. */
async function personIn(browser: Browser, locale: Locale, server: string): Promise<Page> {
  const context = await browser.newContext({ locale: BROWSER_LOCALE[locale], baseURL: server });
  contexts.push(context);
  const page = await context.newPage();
  await chooseLanguage(page, locale);
  return page;
}

/** Whether an email is of `template`, in whichever language its recipient reads ("Action required:", its subject, a deadline). */
function isTemplate(email: SinkEmail, template: "check-in-due" | "check-in-reminder"): boolean {
  return (["fr", "en", "ar"] as const).some((locale) => actionEmailSubject(template, locale).test(email.subject));
}

/** The emails of `template` the sink received, once there are at least `count`, ordered by recipient. */
async function emailsOf(template: "check-in-due" | "check-in-reminder", count: number): Promise<SinkEmail[]> {
  let found: SinkEmail[] = [];
  await expect
    .poll(async () => (found = (await sinkEmails(SMTP_E2E.sinkURL)).filter((email) => isTemplate(email, template))).length, {
      message: `${count} "${template}" emails received over SMTP`,
      timeout: 60_000,
      intervals: [500, 1_000, 2_000],
    })
    .toBeGreaterThanOrEqual(count);
  return found.sort((a, b) => a.to[0].localeCompare(b.to[0]));
}

/**
 * A "check-in due" email whose check-in no other test took, claimed for this one. The two languages' tests
 * run at once and the emails arrive one by one, so a position in the list could name the same check-in to
 * both: the claim is a folder made under the SMTP app's (wiped at each run), which only one `mkdir` creates.
 */
async function claimCheckInInvitation(): Promise<{ email: SinkEmail; link: string }> {
  const claims = path.join(SMTP_E2E.dir, "e2e-claimed-check-ins");
  fs.mkdirSync(claims, { recursive: true });
  let claimed: { email: SinkEmail; link: string } | undefined;
  await expect
    .poll(
      async () => {
        for (const email of await emailsOf("check-in-due", 1)) {
          const link = email.text.match(CHECK_IN_LINK)?.[0];
          if (!link) continue;
          try {
            fs.mkdirSync(path.join(claims, encodeURIComponent(link)));
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
            throw error;
          }
          claimed = { email, link };
          return true;
        }
        return false;
      },
      { message: "a check-in emailed that no other test took", timeout: 60_000, intervals: [500, 1_000, 2_000] },
    )
    .toBe(true);
  return claimed!;
}

const CHECK_IN_LINK = /\/founder\/applications\/[A-Za-z0-9_-]+\/check-ins\/[A-Za-z0-9_-]+/;

for (const locale of ["en", "ar"] as const) {
  test(`(${locale}) a team gets its check-in by email, fills it in and sends it; a missed one is reminded`, async ({ browser }) => {
    const t = catalogs[locale];
    // Each language takes a check-in of its own: every member of a team gets the same link, so the emails are
    // told apart by their link, not by their recipient.
    const { email, link } = await claimCheckInInvitation();

    const page = await personIn(browser, locale, SMTP_E2E.appURL);
    await signIn(page, email.to[0], SMTP_E2E.appURL);
    await chooseLanguage(page, locale);
    await open(page, link);
    await expect(page.getByRole("button", { name: t.followUp.checkIn.submit, exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page, `the check-in form, in ${locale}`);

    const form = t.followUp.form;
    await page.getByRole("group", { name: form.operating, exact: true }).getByRole("radio", { name: form.yes, exact: true }).check();
    await page.getByLabel(form.legalForm, { exact: true }).selectOption({ label: t.followUp.legalForms.SARL });
    await page.getByLabel(form.fullTimeJobs, { exact: true }).fill("7");
    await page.getByLabel(form.partTimeJobs, { exact: true }).fill("2");
    await page.getByLabel(form.revenueBand, { exact: true }).selectOption({ label: t.followUp.revenueBands["100K_500K"] });
    // A share over 100 %: refused, with what was typed kept.
    await page.getByLabel(form.exportShare, { exact: true }).fill("150");
    await page.getByLabel(form.fundingAmount, { exact: true }).fill("250 000");
    await page
      .getByRole("group", { name: form.fundingTypes, exact: true })
      .getByRole("checkbox", { name: t.followUp.fundingTypes.GRANT })
      .check();
    await page.getByLabel(form.customers, { exact: true }).fill("40");
    await page.getByLabel(t.followUp.tracks.NETWORKING, { exact: true }).selectOption("4");
    await expectAutosaved(page);
    await page.getByRole("button", { name: t.followUp.checkIn.submit, exact: true }).click();
    await expect(page.getByText(t.followUp.errors.percentInvalid, { exact: true })).toBeVisible();
    await expect(page.getByLabel(form.fullTimeJobs, { exact: true })).toHaveValue("7");
    await page.getByLabel(form.exportShare, { exact: true }).fill("15");
    await page.getByRole("button", { name: t.followUp.checkIn.submit, exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: t.followUp.checkIn.submitted })).toBeVisible();

    // Answered once: the page now shows the answers, no form.
    await open(page, link!);
    await expect(page.getByRole("button", { name: t.followUp.checkIn.submit, exact: true })).toHaveCount(0);
    await expect(page.locator("dl.details")).toContainText(t.followUp.legalForms.SARL);
    await expect(page.locator("dl.details")).toContainText("250000");

    // The team whose email went out 8 days ago got its first reminder, with its link.
    const [reminder] = await emailsOf("check-in-reminder", 1);
    expect(reminder.text).toMatch(CHECK_IN_LINK);
  });
}

for (const locale of ["en", "ar"] as const) {
  test(`(${locale}) an admin sets a cohort's check-in schedule, reads the outcomes, filters them and downloads the check-ins`, async ({
    browser,
  }) => {
    const page = await personIn(browser, locale, mainServer().url);
    await signIn(page, DEMO.admin);
    // The language is saved on the admin's account, which other tests share: French again afterwards, whatever happens.
    await chooseLanguage(page, locale);
    try {
      await adminJourney(page, locale);
    } finally {
      await chooseLanguage(page, "fr");
    }
  });
}

/** The admin's part, in `locale`: a cohort's schedule, the outcomes and their filters, the check-ins' CSV. */
async function adminJourney(page: Page, locale: Locale): Promise<void> {
  const t = catalogs[locale];
  await test.step("the schedule of a cohort: a wrong month refused and kept, then saved", async () => {
    // The first call with a cohort (other tests add calls of their own, some without).
    await open(page, "/admin/calls");
    const calls = await page
      .locator('main a[href^="/admin/calls/c"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    const roster = page.getByRole("link", { name: new RegExp(`^${t.roster.linkFor.split("{{")[0].trim()}`) }).first();
    for (const href of calls) {
      await open(page, href);
      if ((await roster.count()) > 0) break;
    }
    await roster.click();
    await page.getByRole("link", { name: t.followUpAdmin.cohort.link, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(t.followUpAdmin.cohort.title);
    await expectNoSeriousA11yViolations(page, `a cohort's follow-up, in ${locale}`);
    const months = page.getByLabel(t.followUpAdmin.cohort.months, { exact: true });
    await months.fill("6, 12, abc");
    await page.getByRole("button", { name: t.followUpAdmin.cohort.savePlan, exact: true }).click();
    await expect(page.getByText(t.followUp.errors.monthsInvalid, { exact: true })).toBeVisible();
    await expect(months).toHaveValue("6, 12, abc");
    await months.fill("6, 12, 24, 36");
    await page.getByRole("checkbox", { name: t.followUp.tracks.SKILLS, exact: true }).uncheck();
    await page.getByRole("button", { name: t.followUpAdmin.cohort.savePlan, exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: t.followUpAdmin.cohort.planSaved })).toBeVisible();
    await expect(months).toHaveValue("6, 12, 24, 36");
    await expect(page.getByRole("checkbox", { name: t.followUp.tracks.SKILLS, exact: true })).not.toBeChecked();
  });

  await test.step("the outcomes: the network's figures, then by site and sector", async () => {
    await open(page, "/admin/outcomes");
    await expect(page.getByRole("heading", { level: 1, name: t.outcomes.title, exact: true })).toBeVisible();
    const followed = async () =>
      Number((await page.locator("dl.figures > div").first().locator("dd").first().innerText()).replace(/\D/g, ""));
    const all = await followed();
    expect(all, "projects followed in the demo").toBeGreaterThan(50);
    await expect(page.getByRole("table", { name: t.outcomes.survivalBySite })).toBeVisible();
    await expectNoSeriousA11yViolations(page, `the outcomes, in ${locale}`);
    const site = page.getByLabel(t.outcomes.site, { exact: true });
    const siteOption = await site.locator("option").nth(1).getAttribute("value");
    await site.selectOption(siteOption!);
    await page.getByLabel(t.outcomes.sector, { exact: true }).selectOption("NEW_TECH");
    await page.getByRole("button", { name: t.outcomes.apply, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`site=${siteOption}.*sector=NEW_TECH`));
    await expect.poll(followed, { message: "projects followed at one site and in one sector" }).toBeLessThan(all);
    const filtered = await followed();
    // One site left in the table of survival by site.
    await expect(page.getByRole("table", { name: t.outcomes.survivalBySite }).locator("tbody tr")).toHaveCount(filtered > 0 ? 1 : 0);
  });

  await test.step("every check-in of the filtered projects, and the page's tables, as CSV", async () => {
    const href = await page.getByRole("link", { name: t.outcomes.exportCheckIns, exact: true }).getAttribute("href");
    expect(href).toContain("sector=NEW_TECH");
    const response = await page.context().request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/csv");
    const text = await response.text();
    expect(text.startsWith("\uFEFF"), "a byte order mark for Excel").toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1)).filter((row) => row.length > 1);
    expect(header.slice(0, 5)).toEqual(["project", "site", "sector", "cohort", "months_after"]);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row[2]).toBe("NEW_TECH");
    // And the page's tables, a row per figure.
    const tablesLink = await page.getByRole("link", { name: t.outcomes.exportTables, exact: true }).getAttribute("href");
    const tables = await page.context().request.get(tablesLink!);
    const [tablesHeader, ...figures] = parseCsv((await tables.text()).slice(1)).filter((row) => row.length > 1);
    expect(tablesHeader).toEqual(["table", "group", "measure", "value", "projects"]);
    expect(figures.find((row) => row[2] === "projects_followed")?.[3]).toMatch(/^[1-9]\d*$/);
  });
}
