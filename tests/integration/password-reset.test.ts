import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { renderEmail } from "../../emails/render.tsx";
import { readSession } from "~/auth/session.server.ts";
import { env } from "~/config/env.server.ts";
import { db, dbReady } from "~/db/client.server.ts";
import { smtpTransport } from "~/email/transport.server.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import { localeCookie } from "~/i18n/i18n.server.ts";
import { runOutboxOnce } from "~/email/worker.server.ts";
import { action as forgotAction } from "~/routes/forgot-password.tsx";
import { action as loginAction } from "~/routes/login.tsx";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token.tsx";
import { createTestUser, TEST_PASSWORD } from "../support/factories.ts";
import { expectFlashShownOnce, flashOf } from "../support/flash.ts";
import { callRoute, cookieFrom } from "../support/remix.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp.ts";

const NEW_PASSWORD = "a-fresh-long-password";
const RAW_TOKEN = /^[A-Za-z0-9_-]{43}$/; // 32 random bytes, base64url

let smtp: TestSmtpServer;

beforeAll(async () => {
  await dbReady;
  smtp = await startSmtpServer();
});

afterAll(() => smtp.close());

beforeEach(async () => {
  smtp.reset();
  await db.outboxEmail.deleteMany();
});

// Every request comes from its own address, so only the per-email limits come into play.
let ipSequence = 0;
const nextIp = () => `198.51.100.${++ipSequence}`;

const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");

const requestReset = (email: string) => callRoute(forgotAction, { path: "/forgot-password", form: { email }, ip: nextIp() });

const login = (email: string, password: string) => callRoute(loginAction, { path: "/login", form: { email, password }, ip: nextIp() });

const submitNewPassword = (token: string, password: string) =>
  callRoute(resetAction, { path: `/reset-password/${token}`, params: { token }, form: { password } });

async function linkIsValid(token: string): Promise<boolean> {
  const response = await callRoute(resetLoader, { path: `/reset-password/${token}`, params: { token } });
  return (await response.json()).valid;
}

const resetEmailsTo = (email: string) =>
  db.outboxEmail.findMany({ where: { to: email, template: "password-reset" }, orderBy: { createdAt: "asc" } });

/** The raw token in a reset link: /reset-password/<token>. */
function tokenIn(resetUrl: string): string {
  const prefix = `${env().APP_URL}/reset-password/`;
  expect(resetUrl.startsWith(prefix)).toBe(true);
  const token = resetUrl.slice(prefix.length);
  expect(token).toMatch(RAW_TOKEN);
  return token;
}

/** Asks for a reset through the route and returns the token from the link just queued for the user. */
async function requestResetToken(email: string): Promise<string> {
  expect((await requestReset(email)).status).toBe(302);
  const queued = (await resetEmailsTo(email)).at(-1)!;
  return tokenIn(JSON.parse(queued.payload).resetUrl);
}

describe("requesting a reset", () => {
  it("queues one email in the user's language whose link carries a token stored only as a hash", async () => {
    const user = await createTestUser({ locale: "ar" });
    const response = await requestReset(user.email.toUpperCase());
    // Back to the form (a reload does not ask again), the answer in the flash, in the visitor's language.
    const said = await expectFlashShownOnce(response, "/forgot-password", { kind: "info", key: "reset.requestSent" }, [
      (await localeCookie.serialize("ar")).split(";")[0],
    ]);
    expect(said).toBe(catalogs.ar.reset.requestSent);

    const queued = await resetEmailsTo(user.email);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ locale: "ar", status: "PENDING" });
    const payload = JSON.parse(queued[0].payload);
    const token = tokenIn(payload.resetUrl);

    const tokens = await db.token.findMany({ where: { userId: user.id } });
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ kind: "PASSWORD_RESET", tokenHash: sha256(token), usedAt: null });
    expect(JSON.stringify(tokens)).not.toContain(token);
    const hourFromNow = Date.now() + 3600_000;
    expect(Math.abs(tokens[0].expiresAt.getTime() - hourFromNow)).toBeLessThan(60_000);

    // What the user actually receives: the Arabic email with that link.
    const transport = smtpTransport(smtp.url);
    try {
      expect(await runOutboxOnce({ transport })).toMatchObject({ sent: 1 });
    } finally {
      transport.close();
    }
    const [received] = await smtp.waitForMessages(1);
    expect(received.to).toEqual([user.email]);
    expect(received.subject).toBe((await renderEmail("password-reset", "ar", payload)).subject);
    expect(received.text).toContain(payload.resetUrl);
  });

  it("answers an unknown or deactivated email exactly like a known one, and queues nothing for it", async () => {
    const known = await createTestUser();
    const inactive = await createTestUser();
    await db.user.update({ where: { id: inactive.id }, data: { active: false } });
    const answer = async (email: string) => {
      const response = await requestReset(email);
      const { id: _id, ...flash } = (await flashOf(response)).flash!;
      return { status: response.status, location: response.headers.get("Location"), flash, body: await response.text() };
    };

    const knownAnswer = await answer(known.email);
    expect(knownAnswer).toMatchObject({ status: 302, location: "/forgot-password", flash: { kind: "info", key: "reset.requestSent" } });
    for (const email of ["nobody@example.test", inactive.email]) {
      expect(await answer(email)).toEqual(knownAnswer);
      expect(await resetEmailsTo(email)).toHaveLength(0);
    }
    expect(await resetEmailsTo(known.email)).toHaveLength(1);
    expect(await db.token.count({ where: { userId: inactive.id } })).toBe(0);
  });

  it("limits requests per email to three an hour, whatever the case", async () => {
    const user = await createTestUser();
    for (let i = 0; i < 3; i++) expect((await requestReset(user.email)).status).toBe(302);

    const blocked = await requestReset(user.email.toUpperCase());
    expect(blocked.status).toBe(429);
    // An error stays with the form: no flash.
    expect((await flashOf(blocked)).flash).toBeNull();
    const body = await blocked.json();
    expect(body.message).toBe("auth.rateLimited");
    expect(body.minutes).toBeGreaterThanOrEqual(1);
    expect(body.minutes).toBeLessThanOrEqual(60);
    expect(await resetEmailsTo(user.email)).toHaveLength(3);
  });
});

describe("choosing a new password", () => {
  it("sets the password, ends every session, and the link works only once", async () => {
    const user = await createTestUser();
    const cookies = [cookieFrom(await login(user.email, TEST_PASSWORD)), cookieFrom(await login(user.email, TEST_PASSWORD))];
    expect(await db.session.count({ where: { userId: user.id } })).toBe(2);
    const token = await requestResetToken(user.email);
    expect(await linkIsValid(token)).toBe(true);

    const response = await submitNewPassword(token, NEW_PASSWORD);
    // To the login page, saying so once, to a visitor without any session.
    expect(await expectFlashShownOnce(response, "/login", { kind: "success", key: "reset.done" })).toBe(catalogs.fr.reset.done);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    for (const cookie of cookies)
      expect((await readSession(new Request("http://localhost/", { headers: { Cookie: cookie! } }))).user).toBeNull();
    expect(await db.auditEvent.count({ where: { subjectId: user.id, type: "PASSWORD_RESET" } })).toBe(1);

    const oldLogin = await login(user.email, TEST_PASSWORD);
    expect(oldLogin.status).toBe(400);
    expect((await oldLogin.json()).formError).toBe("auth.invalidCredentials");
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(302);

    expect(await linkIsValid(token)).toBe(false);
    const again = await submitNewPassword(token, "yet-another-password");
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ errors: {}, invalidLink: true });
    expect((await login(user.email, "yet-another-password")).status).toBe(400);
  });

  it("voids the user's other reset links once the password has been reset", async () => {
    const user = await createTestUser();
    const older = await requestResetToken(user.email);
    const newer = await requestResetToken(user.email);
    expect((await submitNewPassword(newer, NEW_PASSWORD)).status).toBe(302);

    // An earlier link (say, from a mailbox someone else can read) must not reset the password again.
    expect(await linkIsValid(older)).toBe(false);
    expect((await submitNewPassword(older, "an-attacker-password")).status).toBe(400);
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(302);
  });

  it("refuses an expired link and leaves the password alone", async () => {
    const user = await createTestUser();
    const token = await requestResetToken(user.email);
    await db.token.updateMany({ where: { tokenHash: sha256(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });

    expect(await linkIsValid(token)).toBe(false);
    const response = await submitNewPassword(token, NEW_PASSWORD);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: {}, invalidLink: true });
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(302);
  });

  it("rejects a short password with a translated key and keeps the link usable", async () => {
    const user = await createTestUser();
    const token = await requestResetToken(user.email);

    const response = await submitNewPassword(token, "short");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: { password: "errors.passwordTooShort" }, invalidLink: false });
    expect(await linkIsValid(token)).toBe(true);
    expect((await submitNewPassword(token, NEW_PASSWORD)).status).toBe(302);
  });
});
