// Erasure on request (issue 20, point 3). A founder signed up for this test erases their account from the account
// page in English: the box not ticked is refused with its message beside it; ticked, they are signed out with the
// flash, and their password no longer signs in. A second founder, whose application is submitted (an active
// selection), finds the section and its blocking application, asks, and waits: the section passes axe in English
// and Arabic before and after asking. The demo admin's erasure requests page passes axe in English and Arabic
// (on this worker's main server, the admin's language put back to French after); the admin refuses the request
// with a reason, which the founder then reads.
import {
  catalogs,
  chooseLanguage,
  containing,
  DEMO,
  expect,
  expectNoSeriousA11yViolations,
  expectStatus,
  FRENCH_BROWSER,
  inLanguage,
  interpolate,
  mainServer,
  open,
  signedInPage,
  signUpOverHttp,
  submitLogin,
  submittedApplicationOverHttp,
  test,
  uniqueEmail,
} from "./support.ts";

test("a founder erases their account from the account page: signed out, and their password no longer signs in", async ({ browser }) => {
  const founder = { name: "Yasmine Alaoui", email: uniqueEmail("yasmine"), password: "atlas-effacement-2026" };
  const context = await browser.newContext({ ...FRENCH_BROWSER, baseURL: mainServer().url });
  const page = await context.newPage();
  await signUpOverHttp(context, founder);
  await chooseLanguage(page, "en");
  const t = catalogs.en;

  await open(page, "/account");
  const erasure = page.getByRole("region", { name: t.erasure.title, exact: true });
  await expect(erasure.getByText(t.erasure.intro, { exact: true })).toBeVisible();
  const confirm = erasure.getByRole("checkbox", { name: t.erasure.confirm, exact: true });
  const submit = erasure.getByRole("button", { name: t.erasure.submit, exact: true });

  // Not ticked: refused, its message beside the box, nothing erased.
  await submit.click();
  await expect(erasure.getByText(t.erasure.errors.confirm, { exact: true })).toBeVisible();
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/account$/);

  // Ticked: erased, signed out, told so on the landing page.
  await confirm.check();
  await submit.click();
  await expect(page.getByRole("status").filter({ hasText: t.erasure.done })).toBeVisible();
  await expect(page).toHaveURL(new URL("/", mainServer().url).toString());
  await expect(page.getByRole("link", { name: t.nav.login, exact: true }).first()).toBeVisible();
  await open(page, "/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);

  // Their password signs in no more.
  await submitLogin(page, founder.email, founder.password);
  await expect(page.getByRole("alert")).toHaveText(t.auth.invalidCredentials);
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});

test("a founder whose application is in the selection asks for erasure and waits for an admin; both pages pass axe in English and Arabic", async ({
  browser,
}) => {
  const projectName = `Effacement en attente ${Date.now()}`;
  const submitted = await submittedApplicationOverHttp(browser, projectName);
  const context = await browser.newContext({ ...FRENCH_BROWSER, baseURL: mainServer().url });
  const page = await context.newPage();
  await expectStatus(
    await context.request.post("/login", { form: { email: submitted.founderEmail, password: "souk-numerique-2026" }, maxRedirects: 0 }),
    302,
    "signing the founder in",
  );

  // Before asking: what erasure does, and the application that would make it wait (English, then Arabic).
  for (const locale of ["en", "ar"] as const) {
    const t = catalogs[locale];
    await chooseLanguage(page, locale);
    await open(page, "/account");
    const erasure = page.getByRole("region", { name: t.erasure.title, exact: true });
    await expect(erasure.getByText(t.erasure.blockedIntro, { exact: true })).toBeVisible();
    await expect(erasure.getByRole("link", { name: projectName, exact: true })).toBeVisible();
    await expect(erasure.getByRole("listitem").filter({ hasText: t.erasure.blocks.ACTIVE_SELECTION })).toHaveCount(1);
    await erasure.scrollIntoViewIfNeeded();
    await expectNoSeriousA11yViolations(page, `the account page's erasure section (${locale})`);
  }

  // Asked (in Arabic): recorded, waiting; the founder is still signed in.
  let t = catalogs.ar;
  let erasure = page.getByRole("region", { name: t.erasure.title, exact: true });
  await erasure.getByRole("checkbox", { name: t.erasure.confirm, exact: true }).check();
  await erasure.getByRole("button", { name: t.erasure.submit, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: t.erasure.asked })).toBeVisible();
  await expect(page).toHaveURL(/\/account$/);
  const pending = new RegExp(t.erasure.status.PENDING.replace("{{date}}", ".+"));
  await expect(erasure.getByText(pending)).toBeVisible();
  await expect(erasure.getByRole("button", { name: t.erasure.submit, exact: true })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "the account page's erasure section, a request waiting (ar)");

  // The demo admin's page, in English and Arabic; then a refusal, with its reason.
  const admin = await signedInPage(browser, DEMO.admin);
  const reason = `The application is before the selection committee (${Date.now()}).`;
  try {
    // Arabic first: the refusal, in English, takes the request off the page.
    for (const locale of ["ar", "en"] as const) {
      await inLanguage(admin, locale, async () => {
        const ta = catalogs[locale];
        await open(admin, "/admin/erasure-requests");
        await expect(admin.getByRole("heading", { level: 1, name: ta.erasureAdmin.title, exact: true })).toBeVisible();
        await expect(admin.getByRole("link", { name: ta.staffNav.admin.erasures, exact: true })).toBeVisible();
        const row = admin
          .getByRole("table", { name: ta.erasureAdmin.caption, exact: true })
          .getByRole("row")
          .filter({ hasText: submitted.founderEmail });
        await expect(row).toHaveCount(1);
        await expect(row.getByRole("link", { name: projectName, exact: true })).toHaveAttribute(
          "href",
          `/admin/applications/${submitted.id}`,
        );
        await expectNoSeriousA11yViolations(admin, `the erasure requests page (${locale})`);
        if (locale === "en") {
          await row.getByLabel(ta.erasureAdmin.reason, { exact: true }).fill(reason);
          await row.getByRole("button", { name: interpolate(ta.erasureAdmin.refuseLabel, { name: "Rim Filali" }), exact: true }).click();
          await expect(admin.getByRole("status").filter({ hasText: ta.erasureAdmin.refused })).toBeVisible();
          await expect(row).toHaveCount(0);
        }
      });
    }
  } finally {
    await admin.context().close();
  }

  // The founder reads the refusal and its reason; they may ask again.
  await chooseLanguage(page, "en");
  t = catalogs.en;
  await open(page, "/account");
  erasure = page.getByRole("region", { name: t.erasure.title, exact: true });
  const refused = erasure.getByText(containing(reason));
  await expect(refused).toBeVisible();
  await expect(refused).toContainText(t.erasure.status.REFUSED.split("{{date}}")[0]);
  await expect(erasure.getByRole("button", { name: t.erasure.submit, exact: true })).toBeVisible();
  await context.close();
});
