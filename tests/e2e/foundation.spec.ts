// The foundation a visitor meets first: languages, sign-up, log in/out,
// role areas, redirects and keyboard access.
import { expect, test } from "./support.ts";
import {
  confirmEmailAddress,
  catalogs,
  containing,
  DEMO,
  FRENCH_BROWSER,
  interpolate,
  login,
  nextPost,
  open,
  submitLogin,
  switchLanguage,
  uniqueEmail,
} from "./support.ts";

const { fr, en, ar } = catalogs;

test.use(FRENCH_BROWSER);

test("a newcomer reads the landing page in three languages, signs up, logs out and logs back in", async ({ page }) => {
  const html = page.locator("html");
  const headline = (text: string) => page.getByRole("heading", { level: 1, name: text, exact: true });

  await open(page, "/");
  await expect(html).toHaveAttribute("lang", "fr");
  await expect(html).toHaveAttribute("dir", "ltr");
  await expect(headline(fr.landing.heroTitle)).toBeVisible();

  await switchLanguage(page, "ar");
  await expect(html).toHaveAttribute("dir", "rtl");
  await expect(headline(ar.landing.heroTitle)).toBeVisible();

  await switchLanguage(page, "en");
  await expect(html).toHaveAttribute("dir", "ltr");
  await expect(headline(en.landing.heroTitle)).toBeVisible();

  const name = "Salma Idrissi";
  const email = uniqueEmail();
  const password = "argan-oil-2026";
  await page.getByRole("banner").getByRole("link", { name: en.nav.signup, exact: true }).click();
  await expect(page).toHaveURL(/\/signup$/);
  await expect(headline(en.auth.signupTitle)).toBeVisible();
  await page.getByLabel(en.auth.name, { exact: true }).fill(name);
  await page.getByLabel(en.auth.email, { exact: true }).fill(email);
  await page.getByLabel(en.auth.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: en.auth.submitSignup, exact: true }).click();
  // The address is proven by the emailed link, which signs the founder in.
  await expect(headline(en.auth.checkInboxTitle)).toBeVisible();
  await confirmEmailAddress(page, email);

  await expect(page).toHaveURL(/\/founder$/);
  await expect(headline(en.founderHome.title)).toBeVisible();
  await expect(page.getByText(interpolate(en.founderHome.welcome, { name }), { exact: true })).toBeVisible();

  await page.getByRole("banner").getByRole("button", { name: en.nav.logout, exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("banner").getByRole("link", { name: en.nav.login, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: en.nav.logout })).toHaveCount(0);

  // The session is over on the server too: the dashboard asks for a login again.
  await open(page, "/founder");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Ffounder$/);
  await submitLogin(page, email, password);
  await expect(page).toHaveURL(/\/founder$/);
  await expect(page.getByText(interpolate(en.founderHome.welcome, { name }), { exact: true })).toBeVisible();
});

test("sign-up errors: a short password is caught in the browser, a taken email by the server; typed values stay", async ({ page }) => {
  await open(page, "/signup");
  const nameField = page.getByLabel(fr.auth.name, { exact: true });
  const emailField = page.getByLabel(fr.auth.email, { exact: true });
  const passwordField = page.getByLabel(fr.auth.password, { exact: true });
  const submit = page.getByRole("button", { name: fr.auth.submitSignup, exact: true });

  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });

  const name = "Yassine El Fassi";
  const email = uniqueEmail();
  await nameField.fill(name);
  await emailField.fill(email);
  await passwordField.fill("court");
  // Enter submits from the field itself. (A click on the button would first blur
  // the field; see the validation on blur, which then moves the button.)
  await passwordField.press("Enter");

  await expect(passwordField).toHaveAttribute("aria-invalid", "true");
  await expect(passwordField).toHaveAccessibleDescription(containing(fr.errors.passwordTooShort));
  await expect(page.getByText(fr.errors.passwordTooShort, { exact: true })).toBeVisible();
  await expect(nameField).toHaveValue(name);
  await expect(emailField).toHaveValue(email);
  await expect(emailField).toHaveAttribute("aria-invalid", "false");
  await expect(page).toHaveURL(/\/signup$/);
  expect(posts, "client-side validation must stop the submission before it reaches the server").toEqual([]);

  // A valid password, and an email that already has an account: the answer is the same as for a new
  // one (nobody learns which addresses have an account); the owner is told by email.
  await passwordField.fill("un-mot-de-passe-solide");
  await emailField.fill(DEMO.founder);
  const response = nextPost(page, "/signup");
  await submit.click();
  expect((await response).status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: fr.auth.checkInboxTitle, exact: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: interpolate(fr.auth.checkInbox, { email: DEMO.founder }) })).toBeVisible();
  await expect(page.getByText(fr.auth.emailTaken)).toHaveCount(0);
  await expect(page).toHaveURL(/\/signup$/);
});

test("a wrong password and an unknown email get the same generic answer", async ({ page }) => {
  const attempt = async (email: string) => {
    await open(page, "/login");
    const response = nextPost(page, "/login");
    await submitLogin(page, email, "pas-le-bon-mot-de-passe");
    const status = (await response).status();
    const alert = page.getByRole("alert");
    await expect(alert).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);
    // Nothing points at the email field, which would tell the account exists or not.
    await expect(page.getByLabel(fr.auth.email, { exact: true })).toHaveAttribute("aria-invalid", "false");
    return { status, message: (await alert.textContent())?.trim() };
  };

  const wrongPassword = await attempt(DEMO.founder);
  const unknownEmail = await attempt(uniqueEmail("nobody"));

  expect(wrongPassword.message).toBe(fr.auth.invalidCredentials);
  expect(unknownEmail).toEqual(wrongPassword);
});

test("the seeded admin sees the admin navigation", async ({ page }) => {
  await login(page, DEMO.admin);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: fr.dashboard.adminTitle, exact: true })).toBeVisible();

  const nav = page.getByRole("navigation", { name: fr.nav.main, exact: true });
  for (const label of Object.values(fr.staffNav.admin)) {
    await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
  }
  // An admin is not a founder: no founder links.
  await expect(nav.getByRole("link", { name: fr.nav.founder.dashboard, exact: true })).toHaveCount(0);

  await nav.getByRole("link", { name: fr.staffNav.admin.screening, exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/screening$/);
  await expect(page.getByRole("heading", { level: 1, name: fr.staffNav.admin.screening, exact: true })).toBeVisible();
});

test("a founder opening /admin gets the translated 403 page", async ({ page }) => {
  await login(page, DEMO.founder);
  await expect(page).toHaveURL(/\/founder$/);

  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: fr.errors.title403, exact: true })).toBeVisible();
  await expect(page.getByText(fr.errors.text403, { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: fr.staffNav.admin.calls, exact: true })).toHaveCount(0);
});

test("an anonymous visit to /account goes through the login page and comes back", async ({ page }) => {
  await open(page, "/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
  await expect(page.getByRole("heading", { level: 1, name: fr.auth.loginTitle, exact: true })).toBeVisible();

  await submitLogin(page, DEMO.founder);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: fr.account.title, exact: true })).toBeVisible();
  await expect(page.getByText(DEMO.founder)).toBeVisible();
});

test("keyboard: the skip link is the first Tab stop and moves focus to the main content", async ({ page }) => {
  await open(page, "/");
  await page.keyboard.press("Tab");
  const skipLink = page.getByRole("link", { name: fr.nav.skipToContent, exact: true });
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeInViewport();

  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  // The next Tab continues inside the main content, past the header.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("main").getByRole("link", { name: fr.landing.applyNow, exact: true })).toBeFocused();
});
