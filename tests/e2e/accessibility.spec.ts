// axe (WCAG 2.1 A/AA) on the public pages in each language, and on a form
// showing its errors. Serious and critical violations fail the test.
import { expect, test } from "./support.ts";
import { catalogs, expectNoSeriousA11yViolations, LOCALES, open, type Catalog, type Locale } from "./support.ts";

/**
 * Each language's pages are opened by a browser that asks for that language (Accept-Language):
 * one page load each. The header's language switcher has its tests in foundation.spec.ts.
 */
const BROWSER_LOCALE: Record<Locale, string> = { fr: "fr-MA", en: "en-GB", ar: "ar-MA" };

const PAGES: ReadonlyArray<{ path: string; heading: (t: Catalog) => string }> = [
  { path: "/", heading: (t) => t.landing.heroTitle },
  { path: "/signup", heading: (t) => t.auth.signupTitle },
  { path: "/login", heading: (t) => t.auth.loginTitle },
];

for (const locale of LOCALES) {
  const t = catalogs[locale];

  test.describe(`in ${locale}`, () => {
    test.use({ locale: BROWSER_LOCALE[locale] });

    // One tab goes through the pages: each is a full page load and its own axe check (a step in
    // the report), and the tab's browser process and cached scripts serve them all — a new tab
    // per page cost a second of CPU each.
    test(`/, /signup and /login in ${locale}, and sign-up with its errors displayed, have no serious accessibility violation`, async ({
      page,
    }) => {
      for (const { path, heading } of PAGES) {
        await test.step(path, async () => {
          await open(page, path);
          await expect(page).toHaveURL(new RegExp(`${path.replace("/", "\\/")}$`));
          await expect(page.locator("html")).toHaveAttribute("lang", locale);
          await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
          await expect(page.getByRole("heading", { level: 1, name: heading(t), exact: true })).toBeVisible();
          await expectNoSeriousA11yViolations(page, `${path} (${locale})`);
        });
      }

      await test.step("/signup with its errors", async () => {
        await open(page, "/signup");
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
        await page.getByRole("button", { name: t.auth.submitSignup, exact: true }).click();
        for (const label of [t.auth.name, t.auth.email, t.auth.password]) {
          await expect(page.getByLabel(label, { exact: true })).toHaveAttribute("aria-invalid", "true");
        }
        await expect(page.getByText(t.errors.passwordTooShort, { exact: true })).toBeVisible();
        await expectNoSeriousA11yViolations(page, `/signup with errors (${locale})`);
      });
    });
  });
}
