// Messages between a team and the staff (issue 18), in English and in Arabic, on the app server that mails
// through the SMTP sink: a demo founder asks a question from their application's page; the admins' navigation
// counts the waiting thread and their inbox lists it; an admin answers; the founder is emailed in their
// language with a link (never the text) and reads the answer. axe on the thread (both sides) and the inbox.
// The demo admin keeps their own language (French): other specs on this server share the account, and a
// signed-in user's saved language decides the page's (the admin's pages in English and Arabic: staff-pages.spec.ts).
import { EMAIL_MESSAGES } from "../../emails/messages.ts";
import { SMTP_E2E } from "../../playwright.config.ts";
import {
  catalogs,
  DEMO,
  emailSubject,
  expect,
  expectNoSeriousA11yViolations,
  open,
  peopleOnSmtpApp,
  sinkEmails,
  test,
  tinyPdf,
  type Locale,
  type SinkEmail,
} from "./support.ts";

const THREAD_LINK = /\/founder\/applications\/[A-Za-z0-9_-]+\/messages/;

/** A person on the SMTP app, their browser closed after the test. */
const personIn = peopleOnSmtpApp();

/** The one email to `to` whose subject is `subject`, once it arrived. */
async function emailTo(to: string, subject: (locale: Locale) => string, locales: readonly Locale[]): Promise<SinkEmail> {
  let found: SinkEmail[] = [];
  await expect
    .poll(
      async () =>
        (found = (await sinkEmails(SMTP_E2E.sinkURL, to)).filter((email) => locales.some((locale) => email.subject === subject(locale))))
          .length,
      { message: `an email to ${to}`, timeout: 60_000, intervals: [500, 1_000, 2_000] },
    )
    .toBeGreaterThanOrEqual(1);
  return found[found.length - 1];
}

// Demo founders of the showcase (prisma/seed/accounts.ts) no other spec uses on this server.
const FOUNDERS = { en: "founder4@demo.tremplin.ma", ar: "founder6@demo.tremplin.ma" } as const;

// One language after the other, in one test.
test("a founder's question reaches the admins' inbox and their answer comes back by email, in English then Arabic", async ({ browser }) => {
  test.slow();
  for (const locale of ["en", "ar"] as const) {
    await test.step(locale, async () => {
      const t = catalogs[locale];
      const founder = await personIn(browser, locale, FOUNDERS[locale]);
      await open(founder, "/founder");
      await founder.locator('main a[href^="/founder/applications/"]').first().click();
      await expect(founder).toHaveURL(/\/founder\/applications\/[^/]+$/);
      // The application's page is shown once its link to the messages is (the address changes first).
      await expect(founder.getByRole("link", { name: t.messages.link, exact: true })).toBeVisible();
      const projectName = ((await founder.getByRole("heading", { level: 1 }).textContent()) ?? "").trim();
      await founder.getByRole("link", { name: t.messages.link, exact: true }).click();
      await expect(founder.getByRole("heading", { level: 1 })).toHaveText(t.messages.heading.replace("{{projectName}}", projectName));
      // A blank message is refused in the browser.
      await founder.getByRole("button", { name: t.messages.send, exact: true }).click();
      await expect(founder.getByText(t.messages.errors.bodyRequired, { exact: true })).toBeVisible();
      const question = `Can the cohort start later? <b>${locale}</b> ${Math.random().toString(36).slice(2, 8)}`;
      await founder.getByLabel(t.messages.body, { exact: true }).fill(question);
      // With a PDF, listed under the message for the team and the admins (its name cleaned of markup characters).
      const fileName = `budget ${locale}.pdf`;
      await founder
        .getByLabel(t.messages.file, { exact: true })
        .setInputFiles({ name: fileName, mimeType: "application/pdf", buffer: tinyPdf() });
      await founder.getByRole("button", { name: t.messages.send, exact: true }).click();
      await expect(founder.getByRole("status").filter({ hasText: t.messages.sent })).toBeVisible();
      await expect(founder.locator(".discussion-body")).toContainText([question]);
      const sentFile = founder.locator('a[href^="/messages/files/"]').filter({ hasText: fileName });
      await expect(sentFile).toHaveCount(1);
      await expect(founder.locator('main img[src="x"]')).toHaveCount(0);
      const download = await founder.context().request.get((await sentFile.getAttribute("href"))!);
      expect(download.status()).toBe(200);
      expect(download.headers()["content-type"]).toBe("application/pdf");
      await expectNoSeriousA11yViolations(founder, `the team's messages, in ${locale}`);

      // The admins are emailed (each in their own language), with a link to the thread and not the question.
      const toAdmin = await emailTo(DEMO.admin, (l) => emailSubject("message-from-team", l, { projectName }), ["fr", "en", "ar"]);
      expect(toAdmin.text).not.toContain(question);

      // The admin's navigation counts waiting threads; the inbox lists this one; the admin answers.
      const admin = await personIn(browser, "fr", DEMO.admin, { keepLanguage: true });
      const ta = catalogs.fr;
      await open(admin, "/admin");
      await admin
        .getByRole("navigation", { name: ta.nav.main })
        .getByRole("link", { name: new RegExp(`^${ta.staffNav.admin.messages} \\(\\d+\\)$`) })
        .click();
      await expect(admin.getByRole("heading", { level: 1, name: ta.staffMessages.inbox, exact: true })).toBeVisible();
      await expectNoSeriousA11yViolations(admin, "the inbox of messages, in French");
      await admin
        .getByRole("table", { name: ta.staffMessages.inboxCaption, exact: true })
        .getByRole("link", { name: projectName, exact: true })
        .click();
      await expect(admin.locator(".discussion-body").filter({ hasText: question })).toHaveCount(1);
      await expect(admin.locator('a[href^="/messages/files/"]').filter({ hasText: fileName })).toHaveCount(1);
      expect(await admin.evaluate(() => (window as { __storedXss?: number }).__storedXss)).toBeUndefined();
      const answer = `Yes: write to the site manager. ${locale}`;
      await admin.getByLabel(ta.staffMessages.reply, { exact: true }).fill(answer);
      await admin.getByRole("button", { name: ta.staffMessages.send, exact: true }).click();
      await expect(admin.getByRole("status").filter({ hasText: ta.staffMessages.sent })).toBeVisible();
      await expectNoSeriousA11yViolations(admin, "a team's thread on the staff side, in French");

      // The founder is emailed in their language, with the link; the answer waits on the page.
      const toFounder = await emailTo(FOUNDERS[locale], () => emailSubject("message-from-staff", locale, { projectName }), [locale]);
      expect(toFounder.text).toContain(EMAIL_MESSAGES[locale].templates["message-from-staff"].cta);
      expect(toFounder.text).not.toContain(answer);
      const link = toFounder.text.match(THREAD_LINK)?.[0];
      expect(link).toBeDefined();
      expect(link).toMatch(/\/messages$/);
      // The bell says so too: opening its notification leads to the thread.
      await open(founder, "/founder");
      await founder
        .getByRole("link", { name: new RegExp(`^${t.notifications.bell.replace("{{count}}", "[1-9]\\d*").replace(/[()]/g, "\\$&")}$`) })
        .click();
      await expect(founder.getByRole("heading", { level: 1, name: t.notifications.title, exact: true })).toBeVisible();
      await expectNoSeriousA11yViolations(founder, `the notifications, in ${locale}`);
      await founder
        .getByRole("button", { name: t.notifications.kinds.MESSAGE.replace("{{projectName}}", projectName), exact: true })
        .first()
        .click();
      await expect(founder).toHaveURL(new RegExp(`${link}$`));
      await expect(founder.locator(".discussion-body").filter({ hasText: answer })).not.toHaveCount(0);
    });
  }
});
