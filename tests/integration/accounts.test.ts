import { beforeAll, describe, expect, it } from "vitest";
import { requireUser } from "~/auth/guards.server.ts";
import { readSession } from "~/auth/session.server.ts";
import { db, dbReady } from "~/db/client.server.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import { action as accountAction, loader as accountLoader } from "~/routes/account.tsx";
import { loader as adminLoader } from "~/routes/admin.tsx";
import { action as loginAction } from "~/routes/login.tsx";
import { action as logoutAction } from "~/routes/logout.tsx";
import { action as signupAction } from "~/routes/signup.tsx";
import { createTestUser, TEST_PASSWORD } from "../support/factories.ts";
import { expectFlashShownOnce } from "../support/flash.ts";
import { signIn } from "../support/review-factories.ts";
import { callRoute, cookieFrom } from "../support/remix.ts";

beforeAll(async () => {
  await dbReady;
});

async function login(email: string, password = TEST_PASSWORD, extra: { cookie?: string | null; ip?: string } = {}) {
  return callRoute(loginAction, { path: "/login", form: { email, password }, ...extra });
}

async function loggedInCookie(email: string) {
  const response = await login(email);
  expect(response.status).toBe(302);
  const cookie = cookieFrom(response);
  expect(cookie).toBeTruthy();
  return cookie!;
}

describe("sign-up", () => {
  it("creates an unverified founder with an argon2id hash and emails a confirmation link, without signing in", async () => {
    const response = await callRoute(signupAction, {
      path: "/signup",
      form: { name: "Amina El Idrissi", email: "Amina@Example.test", password: "a-long-password" },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ sent: true, values: { name: "Amina El Idrissi", email: "amina@example.test" } });
    expect(response.headers.get("Set-Cookie")).toBeNull();
    const user = await db.user.findUniqueOrThrow({ where: { email: "amina@example.test" }, include: { roles: true, sessions: true } });
    expect(user.roles.map((r) => r.role)).toEqual(["FOUNDER"]);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.sessions).toHaveLength(0);
    const emails = await db.outboxEmail.findMany({ where: { to: "amina@example.test" } });
    expect(emails.map((e) => e.template)).toEqual(["email-verification"]);
  });

  it("answers a taken address exactly like a new one, whatever its case, and tells only its owner", async () => {
    const owner = await createTestUser({ email: "taken@example.test" });
    const signup = async (email: string) => {
      const response = await callRoute(signupAction, { path: "/signup", form: { name: "Youssef", email, password: "a-long-password" } });
      return { status: response.status, setCookie: response.headers.get("Set-Cookie"), body: await response.json() };
    };
    const taken = await signup("TAKEN@example.test");
    const fresh = await signup("Fresh@example.test");
    expect(taken).toEqual({ ...fresh, body: { ...fresh.body, values: { ...fresh.body.values, email: "taken@example.test" } } });
    expect(taken.status).toBe(200);
    expect(await db.user.count({ where: { email: "taken@example.test" } })).toBe(1);
    // The owner's account is untouched; they hear that someone tried.
    const after = await db.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(after.passwordHash).toBe(owner.passwordHash);
    expect(after.name).toBe(owner.name);
    const toOwner = await db.outboxEmail.findMany({ where: { to: "taken@example.test" } });
    expect(toOwner.map((e) => e.template)).toEqual(["account-exists"]);
    expect(JSON.parse(toOwner[0]!.payload)).toMatchObject({ name: owner.name });
  });

  it("rejects a short password and a bad email with translated keys and no password echoed", async () => {
    const response = await callRoute(signupAction, { path: "/signup", form: { name: "Nora", email: "not-an-email", password: "short" } });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors).toEqual({ email: "errors.emailInvalid", password: "errors.passwordTooShort" });
    expect(body.values).toEqual({ name: "Nora", email: "not-an-email" });
  });
});

describe("login and logout", () => {
  it("logs in with the right password and establishes a session", async () => {
    // An admin without an authenticator: the password alone signs them in (to set one up first, two-factor.test.ts).
    const user = await createTestUser({ roles: ["ADMIN"], twoFactor: false });
    const response = await login(user.email.toUpperCase());
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/admin");
    const cookie = cookieFrom(response);
    const session = await readSession(new Request("http://localhost/", { headers: { Cookie: cookie! } }));
    expect(session.user?.id).toBe(user.id);
  });

  it("answers an unknown email and a wrong password with the same message", async () => {
    const user = await createTestUser();
    const wrongPassword = await login(user.email, "wrong-password-123");
    const unknownEmail = await login("nobody@example.test", "wrong-password-123");
    expect(wrongPassword.status).toBe(400);
    expect(unknownEmail.status).toBe(400);
    const a = await wrongPassword.json();
    const b = await unknownEmail.json();
    expect(a.formError).toBe("auth.invalidCredentials");
    expect(b.formError).toBe(a.formError);
    expect(cookieFrom(wrongPassword)).toBeNull();
  });

  it("returns only to same-site paths after login", async () => {
    const user = await createTestUser();
    const inside = await callRoute(loginAction, { form: { email: user.email, password: TEST_PASSWORD, redirectTo: "/account" } });
    expect(inside.headers.get("Location")).toBe("/account");
    const outside = await callRoute(loginAction, { form: { email: user.email, password: TEST_PASSWORD, redirectTo: "//evil.example" } });
    expect(outside.headers.get("Location")).toBe("/founder");
  });

  it("logs out by deleting the session and clearing the cookie", async () => {
    const user = await createTestUser();
    const cookie = await loggedInCookie(user.email);
    const response = await callRoute(logoutAction, { form: {}, cookie });
    expect(response.status).toBe(302);
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    const after = await readSession(new Request("http://localhost/", { headers: { Cookie: cookie } }));
    expect(after.user).toBeNull();
  });
});

describe("sessions", () => {
  it("rotates the session id at login, ending the one the browser carried", async () => {
    const user = await createTestUser();
    const first = await loggedInCookie(user.email);
    const response = await login(user.email, TEST_PASSWORD, { cookie: first });
    const second = cookieFrom(response)!;
    expect(second).not.toBe(first);
    expect((await readSession(new Request("http://localhost/", { headers: { Cookie: first } }))).user).toBeNull();
    expect((await readSession(new Request("http://localhost/", { headers: { Cookie: second } }))).user?.id).toBe(user.id);
  });

  it("expires sessions past their expiry and removes them", async () => {
    const user = await createTestUser();
    const cookie = await loggedInCookie(user.email);
    await db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const response = await callRoute(accountLoader, { path: "/account", cookie });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("rolls the 30-day expiry forward when the session is used", async () => {
    const user = await createTestUser();
    const cookie = await loggedInCookie(user.email);
    const tenDaysLeft = new Date(Date.now() + 10 * 24 * 3600 * 1000);
    await db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: tenDaysLeft } });
    const lookup = await readSession(new Request("http://localhost/", { headers: { Cookie: cookie } }));
    expect(lookup.user?.id).toBe(user.id);
    expect(lookup.setCookie).toMatch(/Max-Age=2592000/);
    const session = await db.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
  });
});

describe("account", () => {
  it("changing the password ends the user's other sessions but keeps this one", async () => {
    const user = await createTestUser();
    const laptop = await loggedInCookie(user.email);
    const phone = await loggedInCookie(user.email);
    const response = await callRoute(accountAction, {
      cookie: laptop,
      form: { intent: "password", currentPassword: TEST_PASSWORD, newPassword: "a-brand-new-password" },
    });
    expect(await expectFlashShownOnce(response, "/account", { kind: "success", key: "account.passwordChanged" }, [laptop])).toBe(
      catalogs.fr.account.passwordChanged,
    );
    expect((await readSession(new Request("http://localhost/", { headers: { Cookie: phone } }))).user).toBeNull();
    expect((await readSession(new Request("http://localhost/", { headers: { Cookie: laptop } }))).user?.id).toBe(user.id);
    expect((await login(user.email, "a-brand-new-password", { ip: "203.0.113.200" })).status).toBe(302);
  });

  it("refuses a password change with a wrong current password", async () => {
    const user = await createTestUser();
    const cookie = await loggedInCookie(user.email);
    const response = await callRoute(accountAction, {
      cookie,
      form: { intent: "password", currentPassword: "not-my-password", newPassword: "a-brand-new-password" },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ currentPassword: "account.wrongCurrentPassword" });
  });

  it("saves the name and language preference", async () => {
    const user = await createTestUser();
    const cookie = await loggedInCookie(user.email);
    const response = await callRoute(accountAction, { cookie, form: { intent: "profile", name: "Karim Tazi", locale: "ar" } });
    expect(response.headers.get("Set-Cookie")).toMatch(/tremplin_lng=/);
    // Said once, in the language just chosen.
    expect(await expectFlashShownOnce(response, "/account", { kind: "success", key: "account.saved" }, [cookie])).toBe(
      catalogs.ar.account.saved,
    );
    const saved = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(saved).toMatchObject({ name: "Karim Tazi", locale: "ar" });
  });
});

describe("role checks", () => {
  it("sends anonymous visitors to the login page and refuses anonymous posts with 401", async () => {
    const get = await callRoute(adminLoader, { path: "/admin/calls?x=1" });
    expect(get.status).toBe(302);
    expect(get.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fcalls%3Fx%3D1");
    await expect(requireUser(new Request("http://localhost/admin", { method: "POST" }), { role: "ADMIN" })).rejects.toMatchObject({
      status: 401,
    });
  });

  it("gives a founder 403 on admin pages and lets an admin in", async () => {
    const founder = await createTestUser({ roles: ["FOUNDER"] });
    const admin = await createTestUser({ roles: ["ADMIN"] });
    expect((await callRoute(adminLoader, { path: "/admin", cookie: await loggedInCookie(founder.email) })).status).toBe(403);
    expect((await callRoute(adminLoader, { path: "/admin", cookie: await signIn(admin) })).status).toBe(200);
  });

  it("refuses deactivated accounts", async () => {
    const user = await createTestUser();
    const cookie = await loggedInCookie(user.email);
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect((await readSession(new Request("http://localhost/", { headers: { Cookie: cookie } }))).user).toBeNull();
    expect((await login(user.email, TEST_PASSWORD, { ip: "203.0.113.77" })).status).toBe(400);
  });
});
