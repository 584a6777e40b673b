// Email end to end: a password reset asked from the login page, read by an
// admin in the local mailbox, followed to a new password; and the outbox
// showing the email as sent. axe on the outbox and mailbox pages.
import type { Browser, Page } from "@playwright/test";
import { expect, mainServer, test } from "./support.ts";
import { EMAIL_MESSAGES } from "../../emails/messages.ts";
import {
  catalogs,
  DEMO,
  emailPlainText,
  emailSubject,
  expectNoSeriousA11yViolations,
  FRENCH_BROWSER,
  nextPost,
  open,
  openMailboxEmail,
  signIn,
  submitLogin,
  submitSignup,
  uniqueEmail,
} from "./support.ts";

const t = catalogs.fr;

test.use(FRENCH_BROWSER);

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ ...FRENCH_BROWSER, baseURL: mainServer().url });
  return context.newPage();
}

test("password reset from the login page through the local mailbox; the old password stops working, the outbox shows the email sent", async ({
  page,
  browser,
}) => {
  const account = { name: "Hind Berrada", email: uniqueEmail("hind"), password: "ancien-mot-de-passe-2026" };
  const newPassword = "nouveau-mot-de-passe-2026";

  // A founder with an account, still signed in on this (other) device.
  await open(page, "/signup");
  await submitSignup(page, account);
  await expect(page).toHaveURL(/\/founder$/);

  // On a second device, the founder has forgotten the password.
  const visitor = await newPage(browser);
  const admin = await newPage(browser);
  try {
    await open(visitor, "/login");
    await visitor.getByRole("link", { name: t.reset.forgotLink, exact: true }).click();
    await expect(visitor).toHaveURL(/\/forgot-password$/);
    await expect(visitor.getByRole("heading", { level: 1, name: t.reset.requestTitle, exact: true })).toBeVisible();
    await visitor.getByLabel(t.auth.email, { exact: true }).fill(account.email);
    await visitor.getByRole("button", { name: t.reset.requestSubmit, exact: true }).click();
    await expect(visitor).toHaveURL(/\/forgot-password$/);
    await expect(visitor.locator("#flash[role=status]")).toHaveText(t.reset.requestSent);

    // The admin finds the email in the local mailbox and reads the link.
    await signIn(admin, DEMO.admin);
    const subject = emailSubject("password-reset", "fr");
    await openMailboxEmail(admin, { to: account.email, subject });
    await expectNoSeriousA11yViolations(admin, "a mailbox email");
    const copy = EMAIL_MESSAGES.fr.templates["password-reset"];
    const frame = admin.frameLocator("iframe");
    await expect(frame.getByRole("heading", { name: copy.heading, exact: true })).toBeVisible();
    const button = frame.getByRole("link", { name: copy.cta, exact: true });
    await expect(button).toHaveAttribute("href", /\/reset-password\/[^/\s]+$/);
    const text = await emailPlainText(admin);
    const links = [...text.matchAll(/https?:\/\/[^\s<>"'\][)]+\/reset-password\/[^\s<>"'\][)]+/g)].map((m) => m[0]);
    expect(links.length, `a reset link in the plain text:\n${text}`).toBeGreaterThan(0);
    const resetLink = new URL(links[0]);
    expect(resetLink.origin, "the link points at the app (APP_URL)").toBe(new URL(mainServer().url).origin);
    expect(new Set(links), "the plain text and the button carry the same link").toEqual(
      new Set([(await button.getAttribute("href")) ?? ""]),
    );

    await admin.getByRole("link", { name: t.mailbox.back, exact: true }).click();
    await expect(admin).toHaveURL(/\/admin\/mailbox$/);
    await expect(admin.getByRole("heading", { level: 1, name: t.mailbox.title, exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(admin, "the mailbox");

    // The founder follows the link and chooses a new password.
    await open(visitor, resetLink.pathname);
    await expect(visitor.getByRole("heading", { level: 1, name: t.reset.newTitle, exact: true })).toBeVisible();
    await visitor.getByLabel(t.account.newPassword, { exact: true }).fill(newPassword);
    await visitor.getByRole("button", { name: t.reset.newSubmit, exact: true }).click();
    await expect(visitor).toHaveURL(/\/login$/);
    await expect(visitor.locator("#flash[role=status]")).toHaveText(t.reset.done);
    // Shown once: reloading the page does not say it again.
    await visitor.reload();
    await expect(visitor.getByRole("heading", { level: 1, name: t.auth.loginTitle, exact: true })).toBeVisible();
    await expect(visitor.locator("#flash")).toBeEmpty();

    // The old password no longer opens the account…
    const refused = nextPost(visitor, "/login");
    await submitLogin(visitor, account.email, account.password);
    expect((await refused).status()).toBe(400);
    await expect(visitor.getByRole("alert")).toHaveText(t.auth.invalidCredentials);
    await expect(visitor).toHaveURL(/\/login(\?|$)/);
    // …the new one does.
    await submitLogin(visitor, account.email, newPassword);
    await expect(visitor).toHaveURL(/\/founder$/);
    await expect(visitor.getByRole("heading", { level: 1, name: t.founderHome.title, exact: true })).toBeVisible();

    // The reset ended the session on the other device.
    await open(page, "/founder");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Ffounder$/);

    // The link works once only.
    await open(visitor, resetLink.pathname);
    await expect(visitor.getByRole("alert")).toHaveText(t.reset.invalidLink);
    await expect(visitor.getByLabel(t.account.newPassword, { exact: true })).toHaveCount(0);

    // The outbox shows the email as sent, also when filtered on that status.
    await open(admin, "/admin/outbox");
    await expect(admin.getByRole("heading", { level: 1, name: t.outbox.title, exact: true })).toBeVisible();
    const row = admin.getByRole("row").filter({ hasText: account.email }).filter({ hasText: "password-reset" });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("cell", { name: t.outbox.status.SENT, exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(admin, "the outbox");

    await admin.getByLabel(t.outbox.filterLabel, { exact: true }).selectOption({ label: t.outbox.status.SENT });
    await admin.getByRole("button", { name: t.outbox.filter, exact: true }).click();
    await expect(admin).toHaveURL(/\/admin\/outbox\?status=SENT$/);
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("cell", { name: t.outbox.status.SENT, exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(admin, "the outbox filtered on sent emails");
  } finally {
    await visitor.context().close();
    await admin.context().close();
  }
});
