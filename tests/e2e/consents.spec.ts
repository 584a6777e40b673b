// Consent per purpose (issue 20, point 1). A founder signed up for this test finds on the account page the
// purposes their data serve — selection and follow-up given by their acts (not yet: "not given"), future calls and
// the public list theirs to choose — agrees to hear of future calls, then withdraws it: each change said and dated.
// The account page and the public list of selected projects pass axe in English and Arabic. A second founder asks
// for a copy of their data (asking twice is refused), downloads the ZIP from the emailed link, and the link then
// refuses with its translated message.
import { unzipSync } from "fflate";
import {
  catalogs,
  emailedLink,
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

test("a founder downloads a copy of their data from the emailed one-time link; the link then refuses", async ({ browser }) => {
  const founder = { name: "Omar Kettani", email: uniqueEmail("omar"), password: "casbah-numerique-2026" };
  const context = await browser.newContext({ ...FRENCH_BROWSER, baseURL: mainServer().url });
  const page = await context.newPage();
  await signUpOverHttp(context, founder);
  await chooseLanguage(page, "en");
  const t = catalogs.en;
  await open(page, "/account");
  const data = page.getByRole("region", { name: t.account.data.title, exact: true });
  await data.getByRole("button", { name: t.account.data.ask, exact: true }).click();
  await expect(page.getByText(t.account.data.asked, { exact: true })).toBeVisible();
  // Asked again while it is prepared or waiting: refused, said beside the button.
  await data.getByRole("button", { name: t.account.data.ask, exact: true }).click();
  await expect(data.getByText(t.dataExport.errors.alreadyAsked, { exact: true })).toBeVisible();

  const link = await emailedLink(founder.email, /\/account\/export\/[A-Za-z0-9_-]+/);
  const download = await context.request.get(link);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/zip");
  const files = unzipSync(new Uint8Array(await download.body()));
  expect(Object.keys(files)).toEqual(expect.arrayContaining(["profile.json", "applications.json", "consents.json", "sessions.json"]));
  expect(JSON.parse(new TextDecoder().decode(files["profile.json"]))).toMatchObject({ email: founder.email, name: founder.name });

  // The refusal is a plain page (a download route's), in the reader's language.
  await page.goto(link);
  await expect(page.getByText(t.dataExport.errors.linkInvalid, { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "a used data-export link (en)");
  await context.close();
});
