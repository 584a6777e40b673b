// Admins' wordings of the emails (issue 18), in English and Arabic: the list of templates, the acceptance email's
// editor refusing an unknown placeholder in the page's language, previewing a draft (the Arabic one right to
// left) with stored markup shown as text, saving a version, its history, and the reset to the default. axe on
// both pages. On this worker's main server, where the demo admin's language is set for the test and put back to
// French after, and the template reset whatever happens (no other test here reads this email). The release of
// an edited acceptance email over SMTP is in full-round.spec.ts.
import { EMAIL_MESSAGES } from "../../emails/messages.ts";
import { catalogs, chooseLanguage, DEMO, expect, expectNoSeriousA11yViolations, open, signedInPage, test } from "./support.ts";

const TEMPLATE = "decision-accepted";

for (const locale of ["en", "ar"] as const) {
  const t = catalogs[locale];
  const copy = t.emailTemplates;
  const fixedStart = (text: string) => text.split("{{")[0].trim();

  test(`(${locale}) an admin edits the acceptance email: checks, preview, version, history and reset`, async ({ browser }) => {
    const admin = await signedInPage(browser, DEMO.admin);
    const editor = `/admin/emails/${TEMPLATE}/${locale}`;
    await chooseLanguage(admin, locale);
    try {
      await open(admin, "/admin/emails");
      await expect(admin.getByRole("heading", { level: 1, name: copy.title, exact: true })).toBeVisible();
      const row = admin.getByRole("table", { name: copy.caption, exact: true }).getByRole("row").filter({ hasText: TEMPLATE });
      await expect(row.getByRole("rowheader")).toContainText(copy.names[TEMPLATE]);
      await expectNoSeriousA11yViolations(admin, `the email templates, in ${locale}`);

      await open(admin, editor);
      await expect(admin.getByRole("heading", { level: 1 })).toContainText(copy.names[TEMPLATE]);
      await expect(admin.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
      const subject = admin.getByLabel(copy.subject, { exact: true });
      const body = admin.getByLabel(copy.body, { exact: true });
      await expect(subject).not.toHaveValue("");
      await expectNoSeriousA11yViolations(admin, `the acceptance email's editor, in ${locale}`);

      // An unknown placeholder is refused in the page's language, naming it; what was typed stays.
      await subject.fill("{{projet}} — seat");
      await admin.getByRole("button", { name: copy.preview, exact: true }).click();
      await expect(admin.getByText(copy.errors.unknownPlaceholder.replace("{{placeholder}}", "projet"), { exact: true })).toBeVisible();
      await expect(subject).toHaveValue("{{projet}} — seat");

      // A draft with markup in it: previewed as text, in the email and on the page.
      const marker = Math.random().toString(36).slice(2, 8);
      const payload = `<img src=x onerror="window.__storedXss=1"> ${marker}`;
      await subject.fill(`Seat ${marker}: {{projectName}}`);
      await body.fill(`${payload}\n\n{{cohortName}} — {{deadline}}\n\n{{offerUrl}}`);
      await admin.getByRole("button", { name: copy.preview, exact: true }).click();
      const draft = admin.getByRole("article").filter({ hasText: copy.previewDraft });
      await expect(draft).toHaveCount(1);
      await expect(draft.locator("p strong")).toContainText(`Seat ${marker}: Atlas Agritech`);
      // It asks for an answer: "Action required:" in the language, whatever the admin wrote.
      await expect(draft.locator("p strong")).toHaveText(new RegExp(`^${fixedStart(EMAIL_MESSAGES[locale].common.actionRequired)}`));
      await expect(draft.locator(".email-text")).toContainText(payload);
      await expect(draft.locator("iframe.email-frame")).toHaveAttribute("sandbox", "");
      if (locale === "ar") await expect(draft.locator("p").first()).toHaveAttribute("dir", "rtl");
      await expect(admin.locator('main img[src="x"]')).toHaveCount(0);
      expect(await admin.evaluate(() => (window as { __storedXss?: number }).__storedXss)).toBeUndefined();
      await expectNoSeriousA11yViolations(admin, `a previewed draft of the acceptance email, in ${locale}`);

      // Saved: a new version in use, in the history with who changed it.
      await admin.getByRole("button", { name: copy.save, exact: true }).click();
      await expect(admin.getByRole("status").filter({ hasText: fixedStart(copy.saved) })).toBeVisible();
      await expect(subject).toHaveValue(`Seat ${marker}: {{projectName}}`);
      const latest = admin.getByRole("region", { name: copy.history, exact: true }).locator("details").first();
      await expect(latest).toBeVisible();
      await latest.locator("summary").click();
      await expect(latest.locator("ins").filter({ hasText: payload })).toHaveCount(1);
      await expect(admin.locator('main img[src="x"]')).toHaveCount(0);
      await expectNoSeriousA11yViolations(admin, `the acceptance email's history, in ${locale}`);

      await admin.getByRole("button", { name: copy.reset, exact: true }).click();
      await expect(admin.getByRole("status").filter({ hasText: copy.resetDone })).toBeVisible();
      await expect(subject).not.toHaveValue(`Seat ${marker}: {{projectName}}`);
    } finally {
      // Whatever happened, the default wording again (a reset of a default is refused, harmlessly).
      const page = await admin.context().request.get(editor);
      const version = /name="baseVersion" value="(\d+)"/.exec(await page.text())?.[1];
      if (version) await admin.context().request.post(editor, { form: { intent: "reset", baseVersion: version }, maxRedirects: 0 });
      await chooseLanguage(admin, "fr");
      await admin.context().close();
    }
  });
}
