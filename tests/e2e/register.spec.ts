// The register for the CNDP (issue 20, point 7): the demo admin opens it from the navigation on this worker's main
// server, in English and Arabic (their language set for the test and put back to French), and axe finds nothing
// serious on it. Who saw what (point 6): the admin's view of an application shows in its access log.
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

test("an admin's view of an application appears in its access log, which passes axe in English and Arabic", async ({ browser }) => {
  const admin = await signedInPage(browser, DEMO.admin);
  for (const locale of ["en", "ar"] as const) {
    await inLanguage(admin, locale, async () => {
      const t = catalogs[locale];
      await open(admin, "/admin/applications");
      await admin.locator('a[href^="/admin/applications/"]').first().click();
      await expect(admin).toHaveURL(/\/admin\/applications\/[^/?]+$/);
      await admin.getByRole("link", { name: t.accessLog.link, exact: true }).click();
      await expect(admin.getByRole("heading", { level: 1, name: t.accessLog.title, exact: true })).toBeVisible();
      // Written just after the response, in a batch: the page read again shows it.
      await expect(async () => {
        await admin.reload();
        await expect(
          admin.getByRole("row").filter({ hasText: "Salma Bennani" }).filter({ hasText: t.accessLog.actions.VIEW_APPLICATION }).first(),
        ).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 10_000 });
      await expectNoSeriousA11yViolations(admin, `an application's access log (${locale})`);
    });
  }
  await admin.context().close();
});
