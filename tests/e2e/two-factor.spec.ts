// Staff two-factor authentication (issue 20, point 4), in the browser. An admin account is created as a new install
// creates its first one (`npm run admin:create`, against this worker's server's database), its password chosen from
// the one-time link; at the first log-in the admin is sent to set up an authenticator (a QR code and the secret in
// text; a malformed code refused beside the field), confirms it with a code and is shown ten backup codes; then logs
// in with the password and a code (a wrong code refused, translated), and in Arabic with a backup code, which the
// next log-in refuses as used. Every page passes axe in English and Arabic. A fresh admin: the demo admin's
// authenticator is every other spec's way in.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { MAIN_SERVER_ENVS } from "../../playwright.config.ts";
import { totpCode } from "../../app/domain/two-factor.ts";
import {
  authenticatorCode,
  catalogs,
  chooseLanguage,
  expect,
  expectNoSeriousA11yViolations,
  FRENCH_BROWSER,
  mainServer,
  open,
  rememberAuthenticator,
  submitLogin,
  submitSecondFactor,
  test,
  uniqueEmail,
} from "./support.ts";

const run = promisify(execFile);

test("a new admin sets up two-step verification at the first log-in, then logs in with a code and with a backup code", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const server = mainServer();
  const admin = { email: uniqueEmail("admin"), name: "Nadia Benali", password: "atlas-solaire-2026" };

  // The install's command creates the account and prints a one-time link to choose its password.
  const { stdout } = await run(
    process.execPath,
    ["scripts/run.mjs", "create-admin", "--email", admin.email, "--name", admin.name, "--locale", "en"],
    { env: { ...process.env, ...MAIN_SERVER_ENVS[test.info().parallelIndex] } as NodeJS.ProcessEnv },
  );
  const link = /(https?:\/\/\S+\/reset-password\/\S+)/.exec(stdout)?.[1];
  expect(link, stdout).toBeTruthy();

  const context = await browser.newContext({ ...FRENCH_BROWSER, baseURL: server.url });
  const page = await context.newPage();
  await chooseLanguage(page, "en");
  const en = catalogs.en;
  await open(page, new URL(link!).pathname);
  await page.getByLabel(en.account.newPassword, { exact: true }).fill(admin.password);
  await page.getByRole("button", { name: en.reset.newSubmit, exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);

  // The first log-in: the password alone, and the admin pages send the admin to set up an authenticator.
  await submitLogin(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/staff\/two-factor$/);
  await expect(page.getByText(en.twoFactorSetUp.requiredNotice, { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the set-up page before it starts, in English");
  await page.getByRole("button", { name: en.twoFactorSetUp.start, exact: true }).click();
  await expect(page.getByRole("img", { name: en.twoFactorSetUp.qrAlt, exact: true })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expectNoSeriousA11yViolations(page, "the set-up page with its QR code, in English");

  const codeField = page.getByLabel(en.twoFactorSetUp.confirmCode, { exact: true });
  await codeField.fill("12ab");
  await page.getByRole("button", { name: en.twoFactorSetUp.confirm, exact: true }).click();
  await expect(page.getByText(en.twoFactor.errors.sixDigits, { exact: true })).toBeVisible();
  await expect(codeField).toHaveValue("12ab");
  rememberAuthenticator(admin.email, secret);
  // Through the helper that remembers which step's code went out: the next log-in waits for a new one.
  await codeField.fill(await authenticatorCode(admin.email, server.url));
  await page.getByRole("button", { name: en.twoFactorSetUp.confirm, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: en.twoFactorSetUp.codesTitle, exact: true })).toBeVisible();
  const codes = (await page.getByRole("list", { name: en.twoFactorSetUp.codesTitle }).getByRole("listitem").allTextContents()).map((code) =>
    code.trim(),
  );
  expect(codes).toHaveLength(10);
  expect(new Set(codes).size).toBe(10);
  await expectNoSeriousA11yViolations(page, "the backup codes, in English");
  await page.getByRole("link", { name: en.twoFactorSetUp.continue, exact: true }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: en.dashboard.adminTitle, exact: true })).toBeVisible();

  // Logging in again: the password, then a code — a wrong one refused, the app's accepted.
  const logOut = async (label: string) => {
    await page.getByRole("banner").getByRole("button", { name: label, exact: true }).click();
    await expect(page.getByRole("banner").getByRole("button", { name: label, exact: true })).toHaveCount(0);
  };
  await logOut(en.nav.logout);
  await open(page, "/login");
  await submitLogin(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await expectNoSeriousA11yViolations(page, "the log-in's second step, in English");
  const wrong = totpCode(secret, new Date(Date.now() + 20 * 60_000));
  await page.getByLabel(en.twoFactor.code, { exact: true }).fill(wrong);
  await page.getByRole("button", { name: en.twoFactor.verify, exact: true }).click();
  await expect(page.getByText(en.twoFactor.errors.wrong, { exact: true })).toBeVisible();
  await submitSecondFactor(page, admin.email);
  await expect(page).toHaveURL(/\/admin$/);
  await open(page, "/admin/two-factor");
  await expect(page.getByRole("rowheader", { name: admin.name, exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the staff's two-step verification, in English");

  // In Arabic, with a backup code; the same code again is refused as used.
  const ar = catalogs.ar;
  await logOut(en.nav.logout);
  await chooseLanguage(page, "ar");
  await open(page, "/login");
  await submitLogin(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await expect(page.getByRole("heading", { level: 1, name: ar.twoFactor.signInTitle, exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the log-in's second step, in Arabic");
  await page.getByLabel(ar.twoFactor.code, { exact: true }).fill(codes[0]);
  await page.getByRole("button", { name: ar.twoFactor.verify, exact: true }).click();
  await expect(page).toHaveURL(/\/admin$/);

  // Signed in, the language is the account's (English): choosing Arabic keeps it on the account.
  await chooseLanguage(page, "ar");
  await open(page, "/staff/two-factor");
  await expect(page.getByText(ar.twoFactorSetUp.backupCodesLeft.replace("{{count}}", "9"), { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the two-step verification page, in Arabic");
  await open(page, "/admin/two-factor");
  await expect(page.getByRole("heading", { level: 1, name: ar.twoFactorAdmin.title, exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the staff's two-step verification, in Arabic");

  await logOut(ar.nav.logout);
  await open(page, "/login");
  await submitLogin(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await page.getByLabel(ar.twoFactor.code, { exact: true }).fill(codes[0]);
  await page.getByRole("button", { name: ar.twoFactor.verify, exact: true }).click();
  await expect(page.getByText(ar.twoFactor.errors.backupUsed, { exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await context.close();
});
