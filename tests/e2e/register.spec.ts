// The register for the CNDP (issue 20, point 7): the demo admin opens it from the navigation on this worker's main
// server, in English and Arabic (their language set for the test and put back to French), and axe finds nothing
// serious on it.
import { catalogs, DEMO, expect, expectNoSeriousA11yViolations, inLanguage, open, signedInPage, test } from "./support.ts";

test("the register of processing passes axe in English and Arabic", async ({ browser }) => {
  const admin = await signedInPage(browser, DEMO.admin);
  for (const locale of ["en", "ar"] as const) {
    await inLanguage(admin, locale, async () => {
      const t = catalogs[locale];
      await open(admin, "/admin");
      await admin.getByRole("link", { name: t.staffNav.admin.register, exact: true }).click();
      await expect(admin.getByRole("heading", { level: 1, name: t.register.title, exact: true })).toBeVisible();
      await expect(admin.getByRole("table", { name: t.register.retentionTitle, exact: true }).getByRole("row").nth(1)).toBeVisible();
      await expectNoSeriousA11yViolations(admin, `the register (${locale})`);
    });
  }
  await admin.context().close();
});
