// Texts as people read them: numbers that fill their slot, labels in the reader's
// language, forms that start blank again once saved. (Every spec also runs the
// shared page checks of support.ts: no raw key, no empty interpolation.)
import type { Locator, Page } from "@playwright/test";
import { MAX_OTHER_ATTACHMENTS } from "../../app/domain/constants.ts";
import { expect, test } from "./support.ts";
import { catalogs, createDraftCall, DEMO, FRENCH_BROWSER, interpolate, open, signIn, switchLanguage } from "./support.ts";

test.use(FRENCH_BROWSER);

const DAY = 86_400_000;

/** A fieldset of the call page, by its legend. */
function group(page: Page, legend: string): Locator {
  return page.getByRole("main").getByRole("group", { name: legend, exact: true });
}

test("the documents step says how many other documents it takes", async ({ page }) => {
  const { fr } = catalogs;
  await signIn(page, "founder2@demo.tremplin.ma");
  await open(page, "/founder");
  const application = page.getByRole("main").getByRole("heading", { level: 2 }).getByRole("link").first();
  const href = (await application.getAttribute("href")) ?? "";
  await open(page, `${href}/edit/documents`);
  const title = interpolate(fr.apply.documents.otherTitle, { max: MAX_OTHER_ATTACHMENTS });
  await expect(page.getByRole("heading", { level: 2, name: title, exact: true })).toBeVisible();
});

test("an admin working in English reads a saved criterion by its English label, and gets blank forms for the next criterion and cohort", async ({
  page,
}) => {
  const { en: t } = catalogs;
  const token = Math.random().toString(36).slice(2, 8).toUpperCase();
  await signIn(page, DEMO.admin);
  await open(page, "/admin");
  await switchLanguage(page, "en"); // saved on the admin's account: switched back below, whatever happens
  try {
    await createDraftCall(page, t, { title: `Texts ${token}`, description: "A call whose rubric is written from the English admin." });

    const criterion = group(page, t.callAdmin.newCriterion);
    await criterion.getByLabel(t.callAdmin.criterionKey, { exact: true }).fill(`impact_${token.toLowerCase()}`);
    await criterion.getByLabel(t.callAdmin.weight, { exact: true }).fill("40");
    const labels = { fr: `Impact social ${token}`, en: `Social impact ${token}`, ar: `الأثر الاجتماعي ${token}` } as const;
    for (const locale of ["fr", "en", "ar"] as const) {
      const language = criterion.getByRole("group", { name: t.language[locale], exact: true });
      await language.getByLabel(t.callAdmin.criterionLabel, { exact: true }).fill(labels[locale]);
      for (const score of [1, 2, 3, 4, 5]) {
        await language.getByLabel(interpolate(t.callAdmin.anchor, { score }), { exact: true }).fill(`${labels[locale]} — ${score}`);
      }
    }
    await criterion.getByRole("button", { name: t.account.save, exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: t.account.saved })).toBeVisible();

    // The saved criterion is named in the admin's language…
    await expect(group(page, labels.en)).toBeVisible();
    await expect(group(page, labels.fr)).toHaveCount(0);
    // …and the form for a new one is blank again.
    const fresh = group(page, t.callAdmin.newCriterion);
    await expect(fresh.getByLabel(t.callAdmin.criterionKey, { exact: true })).toHaveValue("");
    for (const locale of ["fr", "en", "ar"] as const) {
      const language = fresh.getByRole("group", { name: t.language[locale], exact: true });
      await expect(language.getByLabel(t.callAdmin.criterionLabel, { exact: true })).toHaveValue("");
      await expect(language.getByLabel(interpolate(t.callAdmin.anchor, { score: 1 }), { exact: true })).toHaveValue("");
    }

    const cohort = group(page, t.callAdmin.newCohort);
    await cohort.getByLabel(t.sites.name, { exact: true }).selectOption({ label: "Casablanca" });
    await cohort.getByLabel(t.callAdmin.cohortName, { exact: true }).fill(`Spring ${token}`);
    await cohort.getByLabel(t.callAdmin.startsAt, { exact: true }).fill(new Date(Date.now() + 60 * DAY).toISOString().slice(0, 10));
    await cohort.getByLabel(t.callAdmin.capacity, { exact: true }).fill("4");
    await cohort.getByRole("button", { name: t.account.save, exact: true }).click();
    await expect(page.getByRole("link", { name: interpolate(t.roster.linkFor, { name: `Spring ${token}` }), exact: true })).toBeVisible();
    await expect(group(page, t.callAdmin.newCohort).getByLabel(t.callAdmin.cohortName, { exact: true })).toHaveValue("");
  } finally {
    await open(page, "/admin");
    await switchLanguage(page, "fr");
  }
});
