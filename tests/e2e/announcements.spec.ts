// Announcements (issue 18). On the app server that mails through the SMTP sink: the demo admin opens the open
// call's page, follows its link to write to its applicants, ticks two statuses (not accepted, declined), writes
// the text in French, English and Arabic (a French text missing is refused in the browser, the rest kept),
// previews it — the recipients, and the email per language — and sends it. A founder whose saved language is
// English, and one whose is Arabic, each receive their language's text over SMTP; the French subject's markup
// stays text in the list of announcements sent. A second test writes to a past cohort: every member of its
// teams gets it, two of them in English and Arabic (their account's language), the others as the preview said.
// The demo admin keeps their own language (French) there: other
// specs on that server share the account. On this worker's main server the page, with a preview, is checked
// with axe in English and Arabic, the demo admin's language set for the test and put back to French after.
import { EMAIL_MESSAGES } from "../../emails/messages.ts";
import { SMTP_E2E } from "../../playwright.config.ts";
import {
  inLanguage,
  catalogs,
  DEMO,
  expect,
  expectNoSeriousA11yViolations,
  interpolate,
  open,
  peopleOnSmtpApp,
  signedInPage,
  test,
  waitForSinkEmail,
} from "./support.ts";

// Showcase founders of the open call (prisma/seed/accounts.ts: founder10 REJECTED, founder11 DECLINED, both
// decisions released) that no other spec uses.
const RECIPIENTS = { en: "founder10@demo.tremplin.ma", ar: "founder11@demo.tremplin.ma" } as const;

/** A person on the SMTP app, their browser closed after the test. */
const personIn = peopleOnSmtpApp();

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A checkbox's or radio button's name: its label's text, the spaces around it aside. */
const label = (text: string) => new RegExp(`^\\s*${escaped(text)}\\s*$`);
/** A message with a `{{count}}` placeholder, the count captured. */
const withCount = (template: string) => new RegExp(`^${escaped(template).replace("\\{\\{count\\}\\}", "(\\d+)")}$`);

test("an admin previews an announcement to a call's applicants in two statuses, sends it, and each reads it in their language", async ({
  browser,
}) => {
  test.slow();
  // The recipients' saved languages, which decide the text they get.
  await personIn(browser, "en", RECIPIENTS.en);
  await personIn(browser, "ar", RECIPIENTS.ar);
  const admin = await personIn(browser, "fr", DEMO.admin, { keepLanguage: true });
  const t = catalogs.fr;
  const tag = Math.random().toString(36).slice(2, 8);
  const texts = {
    subject: `Atelier financement ${tag} <img src=x onerror="window.__storedXss=1">`,
    body: "Un atelier sur le financement a lieu mardi.\n\nInscriptions : https://example.org/atelier",
    subjectEn: `Funding workshop ${tag}`,
    bodyEn: "A workshop on funding takes place on Tuesday.",
    subjectAr: `ورشة التمويل ${tag}`,
    bodyAr: "تُنظم ورشة حول التمويل يوم الثلاثاء.",
  };

  await test.step("from the open call's page to the announcement form, the call chosen", async () => {
    await open(admin, "/admin/calls");
    await admin
      .getByRole("table", { name: t.staffNav.admin.calls, exact: true })
      .getByRole("row")
      .filter({ hasText: t.callAdmin.status.OPEN })
      .getByRole("link", { name: /^Appel à candidatures — Cohorte \d{4}$/ })
      .first()
      .click();
    await admin.getByRole("link", { name: t.announcements.callLink, exact: true }).click();
    await expect(admin.getByRole("heading", { level: 1, name: t.announcements.title, exact: true })).toBeVisible();
    await expect(admin.getByRole("radio", { name: label(t.announcements.audienceCall) })).toBeChecked();
    await expect(admin.getByLabel(t.announcements.call, { exact: true })).not.toHaveValue("");
  });

  await test.step("a missing French text is refused in the browser, the rest kept", async () => {
    const statuses = admin.getByRole("group", { name: t.announcements.statuses, exact: true });
    await statuses.getByRole("checkbox", { name: label(t.statuses.REJECTED) }).check();
    await statuses.getByRole("checkbox", { name: label(t.statuses.DECLINED) }).check();
    await admin.getByLabel(t.announcements.subjectEn, { exact: true }).fill(texts.subjectEn);
    await admin.getByLabel(t.announcements.bodyEn, { exact: true }).fill(texts.bodyEn);
    await admin.getByLabel(t.announcements.subjectAr, { exact: true }).fill(texts.subjectAr);
    await admin.getByLabel(t.announcements.bodyAr, { exact: true }).fill(texts.bodyAr);
    await expect(admin.getByLabel(t.announcements.bodyAr, { exact: true })).toHaveAttribute("dir", "rtl");
    await admin.getByRole("button", { name: t.announcements.preview, exact: true }).click();
    await expect(admin.getByText(t.announcements.errors.subjectRequired, { exact: true })).toBeVisible();
    await expect(admin.getByText(t.announcements.errors.bodyRequired, { exact: true })).toBeVisible();
    await expect(admin.getByLabel(t.announcements.subjectEn, { exact: true })).toHaveValue(texts.subjectEn);
  });

  let count = 0;
  await test.step("the preview: the recipients on demand, and the email in each language", async () => {
    await admin.getByLabel(t.announcements.subjectFr, { exact: true }).fill(texts.subject);
    await admin.getByLabel(t.announcements.bodyFr, { exact: true }).fill(texts.body);
    await admin.getByRole("button", { name: t.announcements.preview, exact: true }).click();
    const preview = admin.getByRole("region", { name: t.announcements.previewTitle, exact: true });
    await expect(preview).toBeVisible();
    const send = preview.getByRole("button", { name: withCount(t.announcements.send) });
    await expect(send).toBeVisible();
    count = Number((/\d+/.exec((await send.textContent()) ?? "") ?? ["0"])[0]);
    expect(count).toBeGreaterThanOrEqual(2);
    await preview.getByText(interpolate(t.emailPreview.showRecipients, { count }), { exact: true }).click();
    const recipients = preview.getByRole("table", { name: t.emailPreview.caption, exact: true });
    await expect(recipients.getByRole("row").filter({ hasText: RECIPIENTS.en })).toContainText(t.language.en);
    await expect(recipients.getByRole("row").filter({ hasText: RECIPIENTS.ar })).toContainText(t.language.ar);
    for (const locale of ["en", "ar"] as const) {
      const heading = interpolate(t.emailPreview.emailOf, {
        kind: t.emailTemplates.names.announcement,
        language: t.language[locale],
        count: "COUNT",
      }).split("COUNT")[0];
      await expect(preview.getByRole("heading", { level: 3 }).filter({ hasText: heading })).toHaveCount(1);
    }
    await expect(preview.getByText(texts.subjectEn, { exact: true })).toBeVisible();
    await expect(preview.getByText(texts.subjectAr, { exact: true })).toBeVisible();
    await expect(admin.locator('main img[src="x"]')).toHaveCount(0);
    await expectNoSeriousA11yViolations(admin, "an announcement's preview, in French");
    await send.click();
    await expect(admin.getByRole("status").filter({ hasText: interpolate(t.announcements.sent, { count }) })).toBeVisible();
  });

  await test.step("the list of announcements sent shows the subject as text", async () => {
    const sent = admin.getByRole("table", { name: t.announcements.history, exact: true });
    await expect(sent.getByRole("rowheader", { name: texts.subject, exact: true })).toBeVisible();
    await expect(sent.getByRole("row").filter({ hasText: texts.subject })).toContainText(String(count));
    await expect(admin.locator('main img[src="x"]')).toHaveCount(0);
    expect(await admin.evaluate(() => (window as { __storedXss?: number }).__storedXss)).toBeUndefined();
  });

  await test.step("each recipient receives the text of their language over SMTP", async () => {
    const english = await waitForSinkEmail(SMTP_E2E.sinkURL, { to: RECIPIENTS.en, subject: texts.subjectEn }, 60_000);
    expect(english.text).toContain(texts.bodyEn);
    expect(english.text).toContain(EMAIL_MESSAGES.en.templates.announcement.heading);
    const arabic = await waitForSinkEmail(SMTP_E2E.sinkURL, { to: RECIPIENTS.ar, subject: texts.subjectAr }, 60_000);
    expect(arabic.text).toContain(texts.bodyAr);
    expect(arabic.html).toMatch(/<html[^>]*dir="rtl"/);
  });
});

test("an admin sends an announcement to a cohort, and each of its teams' members reads it in their account's language (English, Arabic, French)", async ({
  browser,
}) => {
  test.slow();
  const admin = await personIn(browser, "fr", DEMO.admin, { keepLanguage: true });
  const t = catalogs.fr;
  const tag = Math.random().toString(36).slice(2, 8);
  const texts = {
    subject: `Journée portes ouvertes ${tag}`,
    body: "Le Technopark ouvre ses portes aux anciens de la cohorte jeudi.",
    subjectEn: `Open day ${tag}`,
    bodyEn: "The Technopark opens its doors to the cohort's alumni on Thursday.",
    subjectAr: `يوم الأبواب المفتوحة ${tag}`,
    bodyAr: "يفتح التكنوبارك أبوابه لخريجي الفوج يوم الخميس.",
  };
  const subjectIn: Record<string, string> = {
    [t.language.fr]: texts.subject,
    [t.language.en]: texts.subjectEn,
    [t.language.ar]: texts.subjectAr,
  };

  // A past cohort of the demo whose teams no other test writes to (prisma/seed: Tanger's 2025 cohort, enrolled teams).
  await open(admin, "/admin/announcements");
  await admin.getByRole("radio", { name: label(t.announcements.audienceCohort) }).check();
  const cohort = admin.getByLabel(t.announcements.cohort, { exact: true });
  const value = await cohort
    .locator("option")
    .filter({ hasText: /^Cohorte 2025 — Tanger \(Tanger\)/ })
    .first()
    .getAttribute("value");
  await cohort.selectOption(value ?? "");
  for (const [field, text] of [
    [t.announcements.subjectFr, texts.subject],
    [t.announcements.bodyFr, texts.body],
    [t.announcements.subjectEn, texts.subjectEn],
    [t.announcements.bodyEn, texts.bodyEn],
    [t.announcements.subjectAr, texts.subjectAr],
    [t.announcements.bodyAr, texts.bodyAr],
  ] as const)
    await admin.getByLabel(field, { exact: true }).fill(text);
  await admin.getByRole("button", { name: t.announcements.preview, exact: true }).click();

  // Who will get it, and in which language, before sending.
  const preview = admin.getByRole("region", { name: t.announcements.previewTitle, exact: true });
  const send = preview.getByRole("button", { name: withCount(t.announcements.send) });
  await expect(send).toBeVisible();
  const count = Number((/\d+/.exec((await send.textContent()) ?? "") ?? ["0"])[0]);
  expect(count).toBeGreaterThanOrEqual(2);
  await preview.getByText(interpolate(t.emailPreview.showRecipients, { count }), { exact: true }).click();
  const rows = await preview
    .getByRole("table", { name: t.emailPreview.caption, exact: true })
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim() ?? "")));
  expect(rows).toHaveLength(count);
  // Two of them read Tremplin in English and in Arabic (their account's language decides their email).
  for (const [index, locale] of [
    [0, "en"],
    [1, "ar"],
  ] as const) {
    await personIn(browser, locale, rows[index][1]);
    rows[index][2] = t.language[locale];
  }
  await send.click();
  await expect(admin.getByRole("status").filter({ hasText: interpolate(t.announcements.sent, { count }) })).toBeVisible();

  // Every member gets one email, the text of the language the preview said.
  for (const [, email, language] of rows) {
    expect(Object.keys(subjectIn), `the language of ${email}'s email`).toContain(language);
    const received = await waitForSinkEmail(SMTP_E2E.sinkURL, { to: email, subject: subjectIn[language] }, 60_000);
    expect(received.text).toContain(
      { [texts.subject]: texts.body, [texts.subjectEn]: texts.bodyEn, [texts.subjectAr]: texts.bodyAr }[subjectIn[language]],
    );
  }
});

/** The seeded open and closed calls' title in each language, with their cohort's year. */
const SEEDED_TITLE = { en: /^Call for applications — (\d{4}) cohort$/, ar: /^دعوة للترشح — فوج (\d{4})$/ } as const;

// The page in English and in Arabic, with a preview, on this worker's main server.
for (const locale of ["en", "ar"] as const) {
  const t = catalogs[locale];

  test(`(${locale}) the announcements page and its preview have no serious accessibility violation`, async ({ browser }) => {
    const admin = await signedInPage(browser, DEMO.admin);
    try {
      await inLanguage(admin, locale, async () => {
        await open(admin, "/admin/announcements");
        await expect(admin.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
        await expect(admin.getByRole("heading", { level: 1, name: t.announcements.title, exact: true })).toBeVisible();
        await expectNoSeriousA11yViolations(admin, `the announcements page, in ${locale}`);
        // The open call's submitted applications: the seeded open call is the latest year's of its title.
        await admin.getByRole("radio", { name: label(t.announcements.audienceCall) }).check();
        const call = admin.getByLabel(t.announcements.call, { exact: true });
        const options = await call
          .locator("option")
          .evaluateAll((nodes) => nodes.map((node) => ({ value: (node as HTMLOptionElement).value, text: node.textContent ?? "" })));
        const seeded = options
          .map((option) => ({ ...option, year: Number(SEEDED_TITLE[locale].exec(option.text)?.[1] ?? 0) }))
          .sort((a, b) => b.year - a.year)[0];
        expect(seeded.year).toBeGreaterThan(0);
        await call.selectOption(seeded.value);
        await admin
          .getByRole("group", { name: t.announcements.statuses, exact: true })
          .getByRole("checkbox", { name: label(t.statuses.SUBMITTED) })
          .check();
        await admin
          .getByLabel(t.announcements.subjectFr, { exact: true })
          .fill("Réunion d'information <script>window.__storedXss=1</script>");
        await admin.getByLabel(t.announcements.bodyFr, { exact: true }).fill("Réunion d'information lundi à 9 h.");
        await admin.getByLabel(t.announcements.subjectAr, { exact: true }).fill("اجتماع إخباري");
        await admin.getByLabel(t.announcements.bodyAr, { exact: true }).fill("اجتماع إخباري يوم الاثنين على الساعة 9.");
        await admin.getByRole("button", { name: t.announcements.preview, exact: true }).click();
        const preview = admin.getByRole("region", { name: t.announcements.previewTitle, exact: true });
        await expect(preview.getByRole("button", { name: withCount(t.announcements.send) })).toBeVisible();
        await preview.locator("details > summary").first().click();
        await expect(preview.getByRole("table", { name: t.emailPreview.caption, exact: true })).toBeVisible();
        await expect(preview.locator("iframe.email-frame")).not.toHaveCount(0);
        await expect(admin.locator("main script")).toHaveCount(0);
        expect(await admin.evaluate(() => (window as { __storedXss?: number }).__storedXss)).toBeUndefined();
        await expectNoSeriousA11yViolations(admin, `an announcement's preview, in ${locale}`);
      });
    } finally {
      await admin.context().close();
    }
  });
}
