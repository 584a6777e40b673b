// Consent per purpose (issue 20, point 1). A founder signed up for this test finds on the account page the
// purposes their data serve — selection and follow-up given by their acts (not yet: "not given"), future calls and
// the public list theirs to choose — agrees to hear of future calls, then withdraws it: each change said and dated.
// The account page and the public list of selected projects pass axe in English and Arabic.
import {
  catalogs,
  chooseLanguage,
  expect,
  expectNoSeriousA11yViolations,
  FRENCH_BROWSER,
  mainServer,
  open,
  signUpOverHttp,
  test,
  uniqueEmail,
} from "./support.ts";

test("a founder agrees to hear of future calls on the account page, then withdraws it; the pages pass axe in English and Arabic", async ({
  browser,
}) => {
  const founder = { name: "Hind Bennani", email: uniqueEmail("hind"), password: "atlas-argan-2026" };
  const context = await browser.newContext({ ...FRENCH_BROWSER, baseURL: mainServer().url });
  const page = await context.newPage();
  await signUpOverHttp(context, founder);

  await chooseLanguage(page, "en");
  let t = catalogs.en;
  await open(page, "/account");
  const consents = page.getByRole("region", { name: t.consent.title, exact: true });
  await expect(consents.getByRole("listitem").filter({ hasText: t.consent.purposes.SELECTION.title })).toContainText(
    t.consent.status.never,
  );
  const futureCalls = consents.getByRole("checkbox", { name: t.consent.purposes.FUTURE_CALLS.title, exact: true });
  await expect(futureCalls).not.toBeChecked();
  await futureCalls.check();
  await consents.getByRole("button", { name: t.consent.save, exact: true }).click();
  await expect(page.getByText(t.consent.saved, { exact: true })).toBeVisible();
  await expect(futureCalls).toBeChecked();
  const given = new RegExp(t.consent.status.given.replace("{{date}}", ".+"));
  await expect(consents.getByText(given)).toHaveCount(1);
  await expectNoSeriousA11yViolations(page, "the account page's consents (en)");

  await chooseLanguage(page, "ar");
  t = catalogs.ar;
  await open(page, "/account");
  const consentsAr = page.getByRole("region", { name: t.consent.title, exact: true });
  await consentsAr.getByRole("checkbox", { name: t.consent.purposes.FUTURE_CALLS.title, exact: true }).uncheck();
  await consentsAr.getByRole("button", { name: t.consent.save, exact: true }).click();
  await expect(page.getByText(t.consent.saved, { exact: true })).toBeVisible();
  await expect(consentsAr.getByText(new RegExp(t.consent.status.withdrawn.replace("{{date}}", ".+")))).toHaveCount(1);
  await expectNoSeriousA11yViolations(page, "the account page's consents (ar)");

  for (const locale of ["en", "ar"] as const) {
    await chooseLanguage(page, locale);
    await open(page, "/");
    await page.getByRole("link", { name: catalogs[locale].selected.title, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: catalogs[locale].selected.title, exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page, `the public list of selected projects (${locale})`);
  }
  await context.close();
});
