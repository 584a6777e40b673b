// Issue 18's staff pages in English and Arabic, axe on each, and stored markup (a post, a feedback text, a
// message) shown as text, never run: an application's discussion with its consensus
// feedback, its thread with the team, the call's reviewer calibration and the inbox of messages (admin), and a
// reviewer's own calibration. On this worker's main server, where the demo admin's and reviewer's saved
// language (which decides a signed-in user's pages) can be set for the test and put back to French after:
// the tests of one worker run one after the other.
import { catalogs, DEMO, inLanguage, expect, expectNoSeriousA11yViolations, open, signedInPage, test } from "./support.ts";

for (const locale of ["en", "ar"] as const) {
  const t = catalogs[locale];

  test(`(${locale}) an admin's discussion, consensus, messages and calibration pages: no serious accessibility violation, stored markup shown as text`, async ({
    browser,
  }) => {
    const admin = await signedInPage(browser, DEMO.admin);
    try {
      await inLanguage(admin, locale, async () => {
        // The best-ranked application of the open call: reviewed, so every section has something to show.
        await open(admin, "/admin/applications?sort=normalized");
        const table = admin.getByRole("table", { name: t.staffNav.admin.applications, exact: true });
        await table.locator("tbody").getByRole("link").first().click();
        await expect(admin).toHaveURL(/\/admin\/applications\/[^/]+$/);
        const applicationUrl = admin.url();
        await expect(admin.getByRole("columnheader", { name: t.admin.adjustedScore, exact: true })).toBeVisible();

        await admin.getByRole("link", { name: t.discussion.open, exact: true }).click();
        await expect(admin.getByRole("heading", { level: 1 })).toContainText(t.discussion.heading.split("{{")[0].trim());
        await expect(admin.getByRole("region", { name: t.consensus.heading, exact: true })).toBeVisible();
        await expect(admin.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
        await expectNoSeriousA11yViolations(admin, `an application's discussion and consensus feedback, in ${locale}`);

        // Stored markup stays text: a post and a proposed feedback text carrying an element with a handler.
        const payload = `<img src=x onerror="window.__storedXss=1"> ${locale} ${Math.random().toString(36).slice(2, 8)}`;
        await admin.getByLabel(t.discussion.body, { exact: true }).fill(payload);
        await admin.getByRole("button", { name: t.discussion.post, exact: true }).click();
        await expect(admin.getByRole("status").filter({ hasText: t.discussion.posted })).toBeVisible();
        const consensus = admin.getByRole("region", { name: t.consensus.heading, exact: true });
        await consensus.getByLabel(t.consensus.text, { exact: true }).fill(payload);
        await consensus.getByRole("button", { name: t.consensus.propose, exact: true }).click();
        await expect(admin.getByRole("status").filter({ hasText: t.consensus.proposed })).toBeVisible();
        await open(admin, admin.url());
        await expect(admin.locator(".discussion .discussion-body").last()).toHaveText(payload);
        await expect(consensus.locator(".consensus-text")).toHaveText(payload);
        await expect(admin.locator('main img[src="x"]')).toHaveCount(0);
        expect(await admin.evaluate(() => (window as { __storedXss?: number }).__storedXss)).toBeUndefined();

        await open(admin, applicationUrl);
        await admin.getByRole("link", { name: t.staffMessages.link, exact: true }).click();
        await expect(admin.getByRole("button", { name: t.staffMessages.send, exact: true })).toBeVisible();
        await admin.getByLabel(t.staffMessages.reply, { exact: true }).fill(payload);
        await admin.getByRole("button", { name: t.staffMessages.send, exact: true }).click();
        await expect(admin.getByRole("status").filter({ hasText: t.staffMessages.sent })).toBeVisible();
        await open(admin, admin.url());
        await expect(admin.locator(".discussion-body").last()).toHaveText(payload);
        await expect(admin.locator('main img[src="x"]')).toHaveCount(0);
        expect(await admin.evaluate(() => (window as { __storedXss?: number }).__storedXss)).toBeUndefined();
        await expectNoSeriousA11yViolations(admin, `a team's thread on the staff side, in ${locale}`);

        await open(admin, applicationUrl);
        await admin.getByRole("link", { name: t.calibration.title, exact: true }).click();
        await expect(
          admin.getByRole("table", { name: t.calibration.tableCaption, exact: true }).locator("tbody").getByRole("row"),
        ).not.toHaveCount(0);
        await expectNoSeriousA11yViolations(admin, `a call's reviewer calibration, in ${locale}`);

        await open(admin, "/admin/messages");
        await expect(admin.getByRole("heading", { level: 1, name: t.staffMessages.inbox, exact: true })).toBeVisible();
        await expectNoSeriousA11yViolations(admin, `the inbox of messages, in ${locale}`);

        // A bulk move previews what it will do and whom it will email before anything moves (issue 18).
        await open(admin, "/admin/applications?sort=normalized");
        const list = admin.getByRole("table", { name: t.staffNav.admin.applications, exact: true });
        await list.locator("tbody input[type=checkbox]").first().check();
        await admin.getByLabel(t.admin.transition, { exact: true }).selectOption({ label: t.transitions.sendToCommittee });
        await admin.getByRole("button", { name: t.admin.previewMove, exact: true }).click();
        const outcome = admin.getByRole("region", { name: t.emailPreview.outcomes, exact: true });
        await expect(outcome).toBeVisible();
        await expect(admin.getByRole("region", { name: t.emailPreview.title, exact: true })).toBeVisible();
        await expect(outcome.getByRole("button", { name: t.admin.confirmMove, exact: true })).toBeVisible();
        await expectNoSeriousA11yViolations(admin, `a bulk move's preview, in ${locale}`);
      });
    } finally {
      await admin.context().close();
    }
  });

  test(`(${locale}) a reviewer's own calibration has no serious accessibility violation`, async ({ browser }) => {
    const reviewer = await signedInPage(browser, DEMO.reviewer);
    try {
      await inLanguage(reviewer, locale, async () => {
        await open(reviewer, "/reviewer");
        await reviewer.getByRole("link", { name: t.staffNav.reviewer.calibration, exact: true }).click();
        await expect(reviewer.getByRole("heading", { level: 1, name: t.calibration.ownTitle, exact: true })).toBeVisible();
        await expect(
          reviewer.getByRole("table", { name: t.calibration.ownTableCaption, exact: true }).locator("tbody").getByRole("row"),
        ).not.toHaveCount(0);
        await expectNoSeriousA11yViolations(reviewer, `a reviewer's own calibration, in ${locale}`);
      });
    } finally {
      await reviewer.context().close();
    }
  });
}
