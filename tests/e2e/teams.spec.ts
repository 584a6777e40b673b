// Teams apply together (issue 16), in English and in Arabic: a lead invites two co-founders from the team
// step; each reads the invitation email the app sent over SMTP (from the sink), creates an account through
// its link and joins; both edit the shared draft at once in their own browsers without losing a field;
// both confirm their information; the lead submits; the admin's screening decision reaches all three, each
// in their language. axe on the team step and the invitation page.
//
// Runs against the app server that mails through the SMTP sink (see full-round.spec.ts).
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { SMTP_E2E } from "../../playwright.config.ts";
import {
  answerDemoChoice,
  catalogs,
  completeDraftOverHttp,
  demoQuestion,
  DEMO,
  actionEmailSubject,
  emailSubject,
  expect,
  expectAutosaved,
  expectNoSeriousA11yViolations,
  interpolate,
  open,
  signIn,
  submitSignup,
  test,
  uniqueEmail,
  waitForHydration,
  waitForSinkEmail,
  type Locale,
} from "./support.ts";

const BROWSER_LOCALE = { en: "en-US", ar: "ar-MA", fr: "fr-MA" } as const;

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** A browser of its own on the SMTP app server, its pages in `locale` (the language cookie set as the switcher does). */
async function personIn(browser: Browser, locale: Locale): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: BROWSER_LOCALE[locale], baseURL: SMTP_E2E.appURL });
  contexts.push(context);
  const chosen = await context.request.post("/locale", { form: { locale, redirectTo: "/" }, maxRedirects: 0 });
  expect(chosen.status(), "choosing the language").toBe(302);
  return { context, page: await context.newPage() };
}

for (const locale of ["en", "ar"] as const) {
  test(`(${locale}) a lead invites two co-founders by email, both join with their own accounts, edit the draft at once, confirm, and all three hear the decision`, async ({
    browser,
  }) => {
    test.slow();
    const t = catalogs[locale];
    const token = Math.random().toString(36).slice(2, 8);
    const projectName = `Souk Numérique ${token}`;
    const lead = { name: "Rim Filali", email: uniqueEmail("rim"), password: "souk-numerique-2026" };
    const coFounders = [
      { name: "Omar Benali", email: uniqueEmail("omar"), password: "omar-benali-2026", role: "CTO" },
      { name: "Sara Idrissi", email: uniqueEmail("sara"), password: "sara-idrissi-2026", role: "COO" },
    ];

    const leadBrowser = await personIn(browser, locale);
    const { base, callPath } = await completeDraftOverHttp(leadBrowser.context, lead, projectName, { server: SMTP_E2E.appURL });
    const leadPage = leadBrowser.page;
    let callTitle = "";

    await test.step("the lead invites two co-founders from the team step", async () => {
      await open(leadPage, `${base}/edit/team`);
      // The call's title as this language shows it (and as the emails will name it).
      callTitle = (await leadPage.locator("h1 span[dir=auto]").first().textContent()) ?? "";
      expect(callTitle).not.toBe("");
      await expect(leadPage.getByRole("heading", { level: 3, name: t.teams.title, exact: true })).toBeVisible();
      const inviteForm = leadPage.getByRole("form", { name: t.teams.inviteTitle });
      for (const person of coFounders) {
        await inviteForm.getByLabel(t.teams.name, { exact: true }).fill(person.name);
        await inviteForm.getByLabel(t.teams.role, { exact: true }).fill(person.role);
        await inviteForm.getByLabel(t.teams.email, { exact: true }).fill(person.email);
        await inviteForm.getByRole("button", { name: t.teams.invite, exact: true }).click();
        await expect(
          leadPage.getByRole("status").filter({ hasText: interpolate(t.teams.flash.invited, { email: person.email }) }),
        ).toBeVisible();
      }
      // Both pending, each with its link's date; the team is full (the demo call: three), so the form is gone.
      const invitations = leadPage.locator(".team-invitations li");
      await expect(invitations).toHaveCount(2);
      for (const person of coFounders)
        await expect(invitations.filter({ hasText: person.email })).toContainText(t.teams.states.PENDING.split("(")[0].trim());
      await expect(leadPage.getByRole("form", { name: t.teams.inviteTitle })).toHaveCount(0);
      await expectNoSeriousA11yViolations(leadPage, `the team step with two invitations, in ${locale}`);
    });

    const members: Page[] = [];
    for (const person of coFounders) {
      await test.step(`${person.name} reads the invitation email, signs up through its link and joins`, async () => {
        const email = await waitForSinkEmail(SMTP_E2E.sinkURL, {
          to: person.email,
          subject: actionEmailSubject("team-invitation", locale, { leadName: lead.name }),
        });
        const link = email.text.match(/\/team-invitations\/[A-Za-z0-9_-]+/)?.[0];
        expect(link, "the invitation link in the email").toBeTruthy();
        const { page } = await personIn(browser, locale);
        await open(page, link!);
        await expect(page.getByRole("heading", { level: 1, name: t.teams.page.title, exact: true })).toBeVisible();
        await expect(page.getByText(projectName, { exact: true })).toBeVisible();
        await expectNoSeriousA11yViolations(page, `the invitation page, in ${locale}`);
        await page.getByRole("main").getByRole("link", { name: t.teams.page.signUp, exact: true }).click();
        await waitForHydration(page);
        await submitSignup(page, person);
        // Confirming the address signed in and came back to the invitation.
        await expect(page).toHaveURL(new RegExp(`${link}$`));
        await waitForHydration(page);
        await page.getByRole("button", { name: t.teams.page.accept, exact: true }).click();
        await expect(page).toHaveURL(new RegExp(`${base}/edit/team$`));
        await expect(page.getByRole("status").filter({ hasText: t.teams.flash.joined })).toBeVisible();
        await expect(page.locator(".team-members li").filter({ hasText: person.email })).toContainText(t.teams.member);
        members.push(page);
      });
    }

    await test.step("both co-founders edit the project step at once, each a different field, and neither loses the other's", async () => {
      // Both pages open before either saves.
      await Promise.all(members.map((page) => open(page, `${base}/edit/project`)));
      const tagline = `Tenue par SMS, ${token}.`;
      const traction = `150 commerçants pilotes à Casablanca (${token}).`;
      await Promise.all([
        members[0].getByLabel(t.apply.fields.tagline, { exact: true }).fill(tagline),
        members[1].getByLabel(t.apply.fields.traction, { exact: true }).fill(traction),
      ]);
      await Promise.all(members.map((page) => expectAutosaved(page)));
      // The second save took the first's field into its page; neither sees a conflict.
      for (const page of members) await expect(page.getByRole("alert")).toHaveCount(0);
      await open(leadPage, `${base}/edit/project`);
      await expect(leadPage.getByLabel(t.apply.fields.tagline, { exact: true })).toHaveValue(tagline);
      await expect(leadPage.getByLabel(t.apply.fields.traction, { exact: true })).toHaveValue(traction);
      // The step says who changed it last.
      await expect(leadPage.getByText(new RegExp(coFounders.map((p) => p.name).join("|")))).toBeVisible();
    });

    await test.step("both co-founders answer the call's questions: an answer the other gave reaches the page, the same one changed by both is a choice", async () => {
      // Its field's name also says it is optional.
      const funding = demoQuestion("funding_sought").label[locale] ?? "";
      const maturity = demoQuestion("maturity");
      const prototype = (maturity.type === "SINGLE_CHOICE" ? maturity.choices : []).find((choice) => choice.value === "prototype");
      // Both pages open before either saves.
      await Promise.all(members.map((page) => open(page, `${base}/edit/questions`)));
      await members[0].getByRole("textbox", { name: funding }).fill("250000");
      await expectAutosaved(members[0]);
      await answerDemoChoice(members[1], "maturity", prototype?.label[locale] ?? "");
      await expectAutosaved(members[1]);
      // The second page took the first one's answer, and kept its own.
      await expect(members[1].getByRole("textbox", { name: funding })).toHaveValue("250000");
      await expect(members[1].getByRole("alert")).toHaveCount(0);
      // Both change the same answer: the second sees both versions and keeps its own.
      await members[0].getByRole("textbox", { name: funding }).fill("300000");
      await expectAutosaved(members[0]);
      await members[1].getByRole("textbox", { name: funding }).fill("400000");
      const conflict = members[1].getByRole("alert").filter({ hasText: interpolate(t.teams.conflict.title, { field: funding }) });
      await expect(conflict).toContainText("300000");
      await expect(conflict).toContainText("400000");
      await expectNoSeriousA11yViolations(members[1], `a conflict on an answer, in ${locale}`);
      await conflict.getByRole("button", { name: interpolate(t.teams.conflict.keepMine, { field: funding }), exact: true }).click();
      await expectAutosaved(members[1]);
      await expect(members[1].getByRole("alert")).toHaveCount(0);
      await open(leadPage, `${base}/edit/questions`);
      await expect(leadPage.getByRole("textbox", { name: funding })).toHaveValue("400000");
      await expect(leadPage.getByRole("radio", { name: prototype?.label[locale] ?? "", exact: true })).toBeChecked();
    });

    await test.step("the lead cannot submit before both confirm; each confirms on the review step; the lead submits", async () => {
      await open(leadPage, `${base}/edit/review`);
      await leadPage.getByLabel(t.apply.consent, { exact: true }).check();
      await leadPage.getByRole("button", { name: t.apply.submit, exact: true }).click();
      await expect(leadPage.getByRole("alert").filter({ hasText: t.teams.errors.consentMissing.split("{{")[0].trim() })).toBeVisible();
      for (const page of members) {
        await open(page, `${base}/edit/review`);
        // Only the lead submits.
        await expect(page.getByRole("button", { name: t.apply.submit, exact: true })).toHaveCount(0);
        await page.getByRole("button", { name: t.teams.consentButton, exact: true }).click();
        await expect(page.getByRole("status").filter({ hasText: t.teams.flash.consentGiven })).toBeVisible();
      }
      await open(leadPage, `${base}/edit/review`);
      // The review step shows each member's confirmation.
      for (const person of coFounders)
        await expect(leadPage.locator(".team-members li").filter({ hasText: person.email })).toContainText(
          t.teams.confirmedOn.split("{{")[0].trim(),
        );
      await leadPage.getByLabel(t.apply.consent, { exact: true }).check();
      await leadPage.getByRole("button", { name: t.apply.submit, exact: true }).click();
      await expect(leadPage.getByRole("status").filter({ hasText: t.apply.submittedMessage })).toBeVisible();
    });

    await test.step("the admin's screening decision reaches the lead and both co-founders", async () => {
      const admin = await personIn(browser, "fr");
      await signIn(admin.page, DEMO.admin, SMTP_E2E.appURL);
      // The demo call's screening queue (other tests open calls of their own).
      await open(admin.page, `/admin/screening?call=${callPath.split("/").pop()}`);
      const item = admin.page.getByRole("listitem").filter({ has: admin.page.getByRole("link", { name: projectName, exact: true }) });
      await item.getByLabel(catalogs.fr.screening.reason, { exact: true }).fill("Le projet ne relève pas des secteurs de cet appel.");
      await item.getByRole("button", { name: catalogs.fr.screening.ineligible, exact: true }).click();
      await expect(item).toHaveCount(0);
      for (const person of [lead, ...coFounders]) {
        const received = await waitForSinkEmail(SMTP_E2E.sinkURL, {
          to: person.email,
          subject: emailSubject("screening-failed", locale, { callTitle }),
        });
        expect(received.text).toContain(projectName);
      }
    });
  });
}
