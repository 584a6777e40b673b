// Sessions under control (issue 20, point 5). A founder signed up for this test signs in from a second browser
// (another User-Agent); the account page of the first lists both, this browser marked; ending the other one signs
// that browser out at its next page. The page passes axe in English and Arabic. A fresh account: ending "every
// other session" of a shared demo login would sign other specs out.
import type { Browser } from "@playwright/test";
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

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

async function browserOf(browser: Browser, userAgent?: string) {
  const context = await browser.newContext({ ...FRENCH_BROWSER, baseURL: mainServer().url, ...(userAgent ? { userAgent } : {}) });
  return context.newPage();
}

test("a person ends the session of another browser from the account page, which signs that browser out", async ({ browser }) => {
  const founder = { name: "Salma Idrissi", email: uniqueEmail("salma"), password: "medina-solaire-2026" };
  const here = await browserOf(browser);
  await signUpOverHttp(here.context(), founder);
  const there = await browserOf(browser, FIREFOX);
  const login = await there
    .context()
    .request.post("/login", { form: { email: founder.email, password: founder.password }, maxRedirects: 0 });
  expect(login.status(), "signing in from the second browser").toBe(302);
  await open(there, "/account");
  await expect(there).toHaveURL(/\/account$/);

  for (const locale of ["en", "ar"] as const) {
    const t = catalogs[locale];
    await chooseLanguage(here, locale);
    await open(here, "/account");
    const sessions = here.getByRole("list", { name: t.account.sessions.title, exact: true }).getByRole("listitem");
    await expect(sessions).toHaveCount(2);
    await expect(sessions.filter({ hasText: `(${t.account.sessions.current})` })).toHaveCount(1);
    await expect(sessions.filter({ hasText: "Firefox 133" })).toHaveCount(1);
    await expectNoSeriousA11yViolations(here, `the account page's sessions (${locale})`);
  }

  const t = catalogs.ar;
  const list = here.getByRole("list", { name: t.account.sessions.title, exact: true });
  await list.getByRole("listitem").filter({ hasText: "Firefox 133" }).getByRole("button").click();
  await expect(here.getByText(t.account.sessions.ended.replace("{{count}}", "1"), { exact: true })).toBeVisible();
  await expect(list.getByRole("listitem")).toHaveCount(1);

  // The other browser is signed out: its next page asks it to sign in.
  await open(there, "/account");
  await expect(there).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
  await Promise.all([here.context().close(), there.context().close()]);
});
