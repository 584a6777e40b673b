// Throttling without lock-outs (log-in per account and address, growing delays,
// failures only; the account page's current password; sign-ups sized for a room
// behind one connection), enumeration (sign-up and forgot-password answer and
// work alike for known and unknown addresses) and email verification (one-time
// hashed link, 48 h; no submission before it; staff invitations prove the address).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELAY_POLICIES, RATE_LIMITS, takeAttempt } from "~/auth/rate-limit.server.ts";
import { db, dbReady } from "~/db/client.server.ts";
import { Database } from "~/db/sqlite.server.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import { requestPasswordReset } from "~/models/password-reset.server.ts";
import { acceptInvitation, inviteReviewer } from "~/models/reviewer.server.ts";
import { action as accountAction } from "~/routes/account.tsx";
import { action as editAction, loader as editLoader } from "~/routes/founder.applications.$id.edit.$step.tsx";
import * as login from "~/routes/login.tsx";
import { action as signupAction } from "~/routes/signup.tsx";
import { action as resendAction } from "~/routes/verify-email.resend.tsx";
import { action as verifyAction, loader as verifyLoader } from "~/routes/verify-email.$token.tsx";
import { createTestUser, TEST_PASSWORD } from "../support/factories.ts";
import { startTestServer, type TestServer } from "../support/http-app.ts";
import { createApplication, createIntakeSetup } from "../support/intake-factories.ts";
import { expectFlashShownOnce, expectRedirectWithFlash } from "../support/flash.ts";
import { callRoute, cookieFrom } from "../support/remix.ts";

beforeAll(async () => {
  await dbReady;
});

function tryLogin(email: string, password: string, ip: string) {
  return callRoute(login.action, { path: "/login", form: { email, password }, ip });
}

/** Lets every delay of these keys run out, as if the wait had passed. */
async function waitOut(keyPrefix: string) {
  await db.rateLimit.updateMany({ where: { key: { startsWith: keyPrefix } }, data: { blockedUntil: new Date(Date.now() - 1) } });
}

describe("log-in throttling", () => {
  it("an attacker's wrong passwords from elsewhere never keep the owner out", async () => {
    const owner = await createTestUser();
    for (let i = 0; i < 40; i++) await tryLogin(owner.email, `wrong-guess-${i}`, "198.51.100.66");
    expect((await tryLogin(owner.email, "wrong-guess-again", "198.51.100.66")).status).toBe(429);
    // The owner, at home: straight in.
    expect((await tryLogin(owner.email, TEST_PASSWORD, "203.0.113.10")).status).toBe(302);
  });

  it("slows one address down on one account with delays that grow, in a translated message", async () => {
    const user = await createTestUser();
    const ip = "198.51.100.7";
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await tryLogin(user.email, "wrong-password-1", ip)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400]);
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const blocked = await tryLogin(user.email, TEST_PASSWORD, ip); // even the right password waits its turn
      expect(blocked.status).toBe(429);
      const body = await blocked.json();
      expect(["auth.rateLimited", "auth.rateLimitedSeconds"]).toContain(body.formError);
      waits.push(body.formError === "auth.rateLimited" ? body.minutes * 60 : body.seconds);
      await waitOut(`login:account+ip:${user.email}`);
      expect((await tryLogin(user.email, "wrong-password-1", ip)).status).toBe(400);
    }
    expect(waits[1]).toBeGreaterThan(waits[0]!);
    expect(waits[2]).toBeGreaterThan(waits[1]!);
    // Once the wait is over, the right password works and forgets the failures.
    await waitOut(`login:account+ip:${user.email}`);
    expect((await tryLogin(user.email, TEST_PASSWORD, ip)).status).toBe(302);
    expect(await db.rateLimit.count({ where: { key: { startsWith: `login:account+ip:${user.email}` } } })).toBe(0);
  });

  it("counts parallel guesses one by one: never more than the free attempts and one more get checked", async () => {
    const { free } = DELAY_POLICIES.loginFailuresPerAccountAndAddress;
    for (let round = 0; round < 3; round++) {
      const user = await createTestUser();
      const statuses = await Promise.all(
        Array.from({ length: 30 }, (_, i) => tryLogin(user.email, `parallel-guess-${i}`, "198.51.100.8").then((r) => r.status)),
      );
      expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(free + 1);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30 - free - 1);
    }
  });

  it("counts failures, not successes: an admin signing in and out all day is never slowed down", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    for (let i = 0; i < 25; i++) expect((await tryLogin(admin.email, TEST_PASSWORD, "203.0.113.44")).status).toBe(302);
    // A few typos in between do not add up across successes either.
    for (let i = 0; i < 12; i++) {
      expect((await tryLogin(admin.email, "typo-password", "203.0.113.44")).status).toBe(400);
      expect((await tryLogin(admin.email, TEST_PASSWORD, "203.0.113.44")).status).toBe(302);
    }
  });

  it("slows down an address that fails on many accounts, not the people elsewhere", async () => {
    const { free } = DELAY_POLICIES.loginFailuresPerAddress;
    for (let i = 0; i <= free; i++) expect((await tryLogin(`nobody${i}@example.test`, "stuffed-password", "192.0.2.99")).status).toBe(400);
    expect((await tryLogin("one-more@example.test", "stuffed-password", "192.0.2.99")).status).toBe(429);
    const someoneElse = await createTestUser();
    expect((await tryLogin(someoneElse.email, TEST_PASSWORD, "192.0.2.100")).status).toBe(302);
  });
});

describe("the client address behind a proxy (TRUST_PROXY)", () => {
  let proxied: TestServer;
  let direct: TestServer;
  beforeAll(async () => {
    proxied = await startTestServer([{ path: "login", module: { action: login.action } }], { TRUST_PROXY: "1" });
    direct = await startTestServer([{ path: "login", module: { action: login.action } }], { TRUST_PROXY: undefined });
  });
  afterAll(async () => {
    await proxied.close();
    await direct.close();
  });

  const post = (server: TestServer, email: string, password: string, forwardedFor: string) =>
    fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": forwardedFor },
      body: new URLSearchParams({ email, password }),
    });

  it("with TRUST_PROXY=1, each client behind the proxy is throttled on its own address", async () => {
    const owner = await createTestUser();
    for (let i = 0; i < 10; i++) await post(proxied, owner.email, "attacker-guess", "198.51.100.200");
    expect((await post(proxied, owner.email, "attacker-guess", "198.51.100.200")).status).toBe(429);
    expect((await post(proxied, owner.email, TEST_PASSWORD, "203.0.113.201")).status).toBe(302);
  });

  it("without it, a forged X-Forwarded-For changes nothing", async () => {
    const user = await createTestUser();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await post(direct, user.email, "attacker-guess", `198.51.100.${i}`)).status);
    expect(statuses.slice(-3)).toEqual([429, 429, 429]);
  });
});

describe("the account page's current password", () => {
  it("limits wrong guesses with growing delays; the right one works once the wait is over", async () => {
    const user = await createTestUser();
    const cookie = cookieFrom(await tryLogin(user.email, TEST_PASSWORD, "203.0.113.50"));
    const change = (currentPassword: string) =>
      callRoute(accountAction, { cookie, form: { intent: "password", currentPassword, newPassword: "a-brand-new-password" } });
    const answers: Array<{ status: number; error: string }> = [];
    for (let i = 0; i < 30; i++) {
      const response = await change(`guess-number-${i}`);
      answers.push({ status: response.status, error: (await response.json()).errors.currentPassword });
    }
    const checked = answers.filter((a) => a.error === "account.wrongCurrentPassword").length;
    expect(checked).toBeLessThanOrEqual(DELAY_POLICIES.currentPasswordFailuresPerAccount.free + 1);
    expect(answers.at(-1)).toEqual({ status: 429, error: "account.tooManyWrongPasswords" });
    expect((await change(TEST_PASSWORD)).status).toBe(429);
    await waitOut(`password-check:user:${user.id}`);
    await expectRedirectWithFlash(await change(TEST_PASSWORD), "/account", { kind: "success", key: "account.passwordChanged" });
  });
});

describe("sign-up limits", () => {
  const signup = (i: number, ip: string) =>
    callRoute(signupAction, {
      path: "/signup",
      ip,
      form: { name: `Fondatrice ${i}`, email: `room-${ip}-${i}@example.test`, password: "a-long-password" },
    });

  it("lets a whole room behind one connection sign up at once", async () => {
    const ip = "192.0.2.150";
    const { free } = DELAY_POLICIES.signupsPerAddress;
    expect(free).toBeGreaterThanOrEqual(100);
    for (let i = 0; i < 100; i++) expect((await signup(i, ip)).status).toBe(200);
    expect(await db.user.count({ where: { email: { startsWith: `room-${ip}-` } } })).toBe(100);
  }, 120_000);

  it("a room of 200 arriving over ten minutes is never refused; a script is slowed down more and more", async () => {
    const start = Date.now();
    const room = `signup:ip:room-${crypto.randomUUID()}`;
    for (let i = 0; i < 200; i++) {
      const verdict = await takeAttempt([[room, DELAY_POLICIES.signupsPerAddress]], new Date(start + i * 3_000));
      expect({ i, allowed: verdict.allowed }).toEqual({ i, allowed: true });
    }
    // A script tries every 100 ms for an hour.
    const script = `signup:ip:script-${crypto.randomUUID()}`;
    let created = 0;
    let firstHalf = 0;
    for (let t = 0; t < 3_600_000; t += 100) {
      const verdict = await takeAttempt([[script, DELAY_POLICIES.signupsPerAddress]], new Date(start + t));
      if (verdict.allowed) {
        created += 1;
        if (t < 1_800_000) firstHalf += 1;
      }
      if (!verdict.allowed) t += Math.max(0, verdict.retryAfterMs - 100); // it retries as soon as it may
    }
    expect(created).toBeLessThan(400);
    expect(created - firstHalf).toBeLessThan(firstHalf / 4); // and slower and slower
  }, 120_000);
});

describe("no enumeration", () => {
  it("sign-up does the same work for a new and a taken address: one password hash, one email", async () => {
    const owner = await createTestUser();
    for (const email of [owner.email, `new-${crypto.randomUUID()}@example.test`]) {
      const response = await callRoute(signupAction, { path: "/signup", form: { name: "Rim", email, password: "a-long-password" } });
      expect(response.status).toBe(200);
      expect(await db.outboxEmail.count({ where: { to: email } })).toBe(1);
    }
  });

  it("forgot-password queues one email for a known, an unknown and a deactivated address alike", async () => {
    const known = await createTestUser();
    const inactive = await createTestUser();
    await db.user.update({ where: { id: inactive.id }, data: { active: false } });
    const unknown = `ghost-${crypto.randomUUID()}@example.test`;
    for (const email of [known.email, unknown, inactive.email]) await requestPasswordReset(email, "en");
    expect((await db.outboxEmail.findMany({ where: { to: known.email } })).map((e) => e.template)).toEqual(["password-reset"]);
    expect((await db.outboxEmail.findMany({ where: { to: unknown } })).map((e) => [e.template, e.locale])).toEqual([
      ["password-reset-no-account", "en"],
    ]);
    expect((await db.outboxEmail.findMany({ where: { to: inactive.email } })).map((e) => e.template)).toEqual([
      "password-reset-no-account",
    ]);
    expect(await db.token.count({ where: { userId: inactive.id } })).toBe(0);
  });
});

describe("email verification", () => {
  async function signUpAndReadLink(email: string, redirectTo?: string) {
    const form: Record<string, string> = { name: "Leila Amrani", email, password: "a-long-password" };
    if (redirectTo) form.redirectTo = redirectTo;
    expect((await callRoute(signupAction, { path: "/signup", form })).status).toBe(200);
    const row = await db.outboxEmail.findFirstOrThrow({ where: { to: email, template: "email-verification" } });
    return { row, url: new URL(JSON.parse(row.payload).verifyUrl as string) };
  }
  const confirm = (token: string, next = "") =>
    callRoute(verifyAction, { path: `/verify-email/${token}`, params: { token }, form: { next } });

  it("emails a one-time link stored hashed, valid 48 hours; using it verifies the address and signs in", async () => {
    const email = `verify-${crypto.randomUUID()}@example.test`;
    const { url } = await signUpAndReadLink(email, "/calls/some-call/apply");
    const token = url.pathname.split("/").at(-1)!;
    expect(url.searchParams.get("next")).toBe("/calls/some-call/apply");
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const stored = await db.token.findFirstOrThrow({ where: { userId: user.id, kind: "EMAIL_VERIFICATION" } });
    expect(stored.tokenHash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(stored.tokenHash).not.toContain(token);
    const ttl = stored.expiresAt.getTime() - stored.createdAt.getTime();
    expect(Math.abs(ttl - 48 * 3600_000)).toBeLessThan(60_000);

    // Opening the link uses nothing up (mail scanners open links); the button does.
    expect(await (await callRoute(verifyLoader, { path: url.pathname, params: { token } })).json()).toEqual({ valid: true });
    // Straight on to where the sign-up was heading, signed in, told once there that it worked.
    const confirmed = await confirm(token, "/calls/some-call/apply");
    const session = cookieFrom(confirmed);
    expect(session).toBeTruthy();
    expect(await expectFlashShownOnce(confirmed, "/calls/some-call/apply", { kind: "success", key: "verification.done" }, [session])).toBe(
      catalogs.fr.verification.done,
    );
    expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).not.toBeNull();

    // Once only.
    expect((await confirm(token)).status).toBe(400);
    expect(await (await callRoute(verifyLoader, { path: url.pathname, params: { token } })).json()).toEqual({ valid: false });
  });

  it("refuses an expired link", async () => {
    const email = `expired-${crypto.randomUUID()}@example.test`;
    const { url } = await signUpAndReadLink(email);
    await db.token.updateMany({ where: { user: { email } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await confirm(url.pathname.split("/").at(-1)!)).status).toBe(400);
    expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).toBeNull();
  });

  it("an unverified founder saves a draft but cannot submit it; the review step says so and sends a new link", async () => {
    const setup = await createIntakeSetup();
    await db.user.update({ where: { id: setup.founder.id }, data: { emailVerifiedAt: null } });
    const { application } = await createApplication({ ...setup });
    const cookie = cookieFrom(await tryLogin(setup.founder.email, TEST_PASSWORD, "203.0.113.77"))!;
    const base = `/founder/applications/${application.id}`;
    const edit = (step: string, form: Record<string, string>) =>
      callRoute(editAction, { path: `${base}/edit/${step}`, form, cookie, params: { id: application.id, step } });

    expect((await edit("project", { projectName: "Brouillon autorisé", goto: "project" })).status).toBe(302);
    const review = await callRoute(editLoader, { path: `${base}/edit/review`, cookie, params: { id: application.id, step: "review" } });
    expect((await review.json()).emailVerified).toBe(false);

    const refused = await edit("review", { intent: "submit", consent: "on", version: String(application.version + 1) });
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toBe("verification.requiredToSubmit");
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe("DRAFT");

    const resend = () => callRoute(resendAction, { path: "/verify-email/resend", cookie, form: { returnTo: `${base}/edit/review` } });
    // Back to the review step, which says so once (the flash, not a query flag).
    expect(
      await expectFlashShownOnce(await resend(), `${base}/edit/review`, { kind: "success", key: "verification.resent" }, [cookie]),
    ).toBe(catalogs.fr.verification.resent);
    const link = await db.outboxEmail.findFirstOrThrow({ where: { to: setup.founder.email, template: "email-verification" } });
    const token = new URL(JSON.parse(link.payload).verifyUrl as string).pathname.split("/").at(-1)!;
    expect((await confirm(token)).status).toBe(302);

    // Past the limit, the same way back says it cannot send more.
    for (let i = 1; i < RATE_LIMITS.verificationResendPerUser.limit; i++) await resend();
    expect(
      await expectFlashShownOnce(await resend(), `${base}/edit/review`, { kind: "error", key: "verification.resendLimited" }, [cookie]),
    ).toBe(catalogs.fr.verification.resendLimited);

    const verifiedReview = await callRoute(editLoader, {
      path: `${base}/edit/review`,
      cookie,
      params: { id: application.id, step: "review" },
    });
    expect((await verifiedReview.json()).emailVerified).toBe(true);
    const fresh = await db.application.findUniqueOrThrow({ where: { id: application.id } });
    const submitted = await edit("review", { intent: "submit", consent: "on", version: String(fresh.version) });
    expect(submitted.status).toBe(302);
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).status).toBe("SUBMITTED");
  });

  it("sends no new link to an address already verified", async () => {
    const user = await createTestUser();
    const cookie = cookieFrom(await tryLogin(user.email, TEST_PASSWORD, "203.0.113.78"))!;
    await callRoute(resendAction, { path: "/verify-email/resend", cookie, form: { returnTo: "/founder" } });
    expect(await db.outboxEmail.count({ where: { to: user.email, template: "email-verification" } })).toBe(0);
  });

  it("the migration counts every account that existed before as verified", () => {
    const dir = path.resolve("prisma/migrations");
    const migrations = fs
      .readdirSync(dir)
      .filter((name) => fs.existsSync(path.join(dir, name, "migration.sql")))
      .sort();
    const mine = migrations.indexOf("20261130100000_email_verification");
    expect(mine).toBeGreaterThan(0);
    const sqlite = new Database(":memory:");
    for (const name of migrations.slice(0, mine)) sqlite.exec(fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
    sqlite.exec(
      `INSERT INTO "User" (id, email, name, createdAt, updatedAt) VALUES ('u1', 'old@example.test', 'Old', '2026-01-05T10:00:00.000+00:00', '2026-01-05T10:00:00.000+00:00')`,
    );
    sqlite.exec(fs.readFileSync(path.join(dir, migrations[mine]!, "migration.sql"), "utf8"));
    expect(sqlite.prepare(`SELECT emailVerifiedAt FROM "User" WHERE id = 'u1'`).get()).toEqual({
      emailVerifiedAt: "2026-01-05T10:00:00.000+00:00",
    });
    sqlite.close();
  });

  it("a staff invitation proves the address", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const email = `reviewer-${crypto.randomUUID()}@example.test`;
    await inviteReviewer({ name: "Rachid Benjelloun", email, locale: "fr", sectors: ["NEW_TECH"], siteIds: [], maxLoad: 5 }, admin);
    const invitation = await db.outboxEmail.findFirstOrThrow({ where: { to: email, template: "reviewer-invitation" } });
    const raw = new URL(JSON.parse(invitation.payload).setPasswordUrl as string).pathname.split("/").at(-1)!;
    expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).toBeNull();
    expect(await acceptInvitation(raw, "a-long-reviewer-password")).toBeTruthy();
    expect((await db.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).not.toBeNull();
  });
});
