// Staff two-factor authentication (issue 20, point 4) against a real database, through the routes: setting up an
// authenticator (QR code and secret, confirmed by a code, ten hashed backup codes shown once), the sign-in's second
// step (a wrong, replayed, expired code; a backup code used once; slowed down after five wrong codes), an admin
// without one reaching nothing but its set-up, managing it (new codes, a new device, a reviewer turning it off), and
// an admin's reset (audited, emailed, sessions ended). The rules that must hold when requests race are fired in
// parallel, many times: one code, one sign-in; one backup code, one use; two admins' resets, one reset.
import { beforeAll, describe, expect, it } from "vitest";
import { readSession } from "~/auth/session.server.ts";
import { db, dbReady } from "~/db/client.server.ts";
import { CHALLENGE_MAX_ATTEMPTS, TOTP_PERIOD_S, totpCode, totpStep } from "~/domain/two-factor.ts";
import { checkSecondFactor, createChallenge, resetSecondFactor, takeChallengeAttempt } from "~/models/two-factor.server.ts";
import { action as setUpAction, loader as setUpLoader } from "~/routes/staff.two-factor.tsx";
import { loader as accountLoader } from "~/routes/account.tsx";
import { loader as adminHomeLoader } from "~/routes/admin._index.tsx";
import { action as staffFactorsAction, loader as staffFactorsLoader } from "~/routes/admin.two-factor.tsx";
import { action as loginAction } from "~/routes/login.tsx";
import { action as secondStepAction, loader as secondStepLoader } from "~/routes/login_.two-factor.tsx";
import { action as verifyAction } from "~/routes/verify-email.$token.tsx";
import { sendVerificationEmail } from "~/models/email-verification.server.ts";
import { createTestUser, refusalOf, TEST_PASSWORD, TEST_TOTP_SECRET } from "../support/factories.ts";
import { signIn } from "../support/review-factories.ts";
import { callRoute, cookieFrom } from "../support/remix.ts";

beforeAll(async () => {
  await dbReady;
});

const STEP_MS = TOTP_PERIOD_S * 1000;
let address = 0;
const nextIp = () => `198.51.100.${(address += 1) % 250}`;

/** The first step: the password. Returns the response and the cookie carrying the sign-in to its second step. */
async function password(user: { email: string }) {
  const response = await callRoute(loginAction, { path: "/login", form: { email: user.email, password: TEST_PASSWORD }, ip: nextIp() });
  return { response, challenge: cookieFrom(response, "tremplin_second_factor") };
}

async function secondStep(challenge: string | null, code: string) {
  return callRoute(secondStepAction, { path: "/login/two-factor", form: { code }, cookie: challenge ?? "", ip: nextIp() });
}

const userOf = async (cookie: string | null) =>
  cookie ? (await readSession(new Request("http://localhost/", { headers: { Cookie: cookie } }))).user : null;

/** The code of the next step nobody has used on this account (the test moves on instead of waiting 30 seconds). */
async function unusedCode(userId: string, secret = TEST_TOTP_SECRET): Promise<string> {
  const row = await db.twoFactor.findUniqueOrThrow({ where: { userId } });
  const now = Date.now();
  const step = totpStep(new Date(now));
  if (row.lastUsedStep < step) return totpCode(secret, new Date(now));
  if (row.lastUsedStep < step + 1) return totpCode(secret, new Date(now + STEP_MS));
  throw new Error("both accepted steps already used");
}

async function setUpAuthenticator(cookie: string): Promise<{ secret: string; codes: string[] }> {
  expect((await callRoute(setUpAction, { path: "/staff/two-factor", form: { intent: "start" }, cookie })).status).toBe(302);
  const page = (await (await callRoute(setUpLoader, { path: "/staff/two-factor", cookie })).json()) as {
    setUp: { secretText: string; qrImage: string };
  };
  const secret = page.setUp.secretText.replace(/ /g, "");
  const confirmed = await callRoute(setUpAction, {
    path: "/staff/two-factor",
    form: { intent: "confirm", code: totpCode(secret, new Date()) },
    cookie,
  });
  expect(confirmed.status).toBe(200);
  return { secret, codes: ((await confirmed.json()) as { codes: string[] }).codes };
}

describe("setting up an authenticator", () => {
  it("shows a QR code and the secret, is confirmed by a code, and gives ten backup codes kept only as hashes", async () => {
    const reviewer = await createTestUser({ roles: ["REVIEWER"] });
    const cookie = await signIn(reviewer);
    const before = (await (await callRoute(setUpLoader, { path: "/staff/two-factor", cookie })).json()) as Record<string, unknown>;
    expect(before).toMatchObject({ required: false, onSinceText: null, setUp: null });

    expect((await callRoute(setUpAction, { path: "/staff/two-factor", form: { intent: "start" }, cookie })).status).toBe(302);
    const page = (await (await callRoute(setUpLoader, { path: "/staff/two-factor", cookie })).json()) as {
      setUp: { secretText: string; qrImage: string };
    };
    expect(page.setUp.secretText).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect(page.setUp.qrImage).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(page.setUp.qrImage.split(",")[1], "base64").toString()).toContain("<svg");
    const secret = page.setUp.secretText.replace(/ /g, "");
    // Not yet confirmed: the sign-in does not ask for it.
    expect((await password(reviewer)).response.headers.get("Location")).toBe("/reviewer");

    // A code of the wrong shape, then a wrong one: refused beside the field, translated.
    const malformed = await callRoute(setUpAction, { path: "/staff/two-factor", form: { intent: "confirm", code: "12ab" }, cookie });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: Record<string, string> }).errors.code).toBe("twoFactor.errors.sixDigits");
    const wrongCode = totpCode(secret, new Date(Date.now() + 40 * STEP_MS));
    const wrong = await callRoute(setUpAction, { path: "/staff/two-factor", form: { intent: "confirm", code: wrongCode }, cookie });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: Record<string, string> }).errors.code).toBe("twoFactor.errors.wrong");

    const confirmed = await callRoute(setUpAction, {
      path: "/staff/two-factor",
      form: { intent: "confirm", code: totpCode(secret, new Date()) },
      cookie,
    });
    expect(confirmed.status).toBe(200);
    const { codes } = (await confirmed.json()) as { codes: string[] };
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const stored = await db.backupCode.findMany({ where: { userId: reviewer.id } });
    expect(stored).toHaveLength(10);
    const storedText = JSON.stringify(stored);
    for (const code of codes) expect(storedText).not.toContain(code.replace("-", ""));
    expect(await db.auditEvent.count({ where: { subjectId: reviewer.id, type: "TWO_FACTOR_ENABLED" } })).toBe(1);

    const after = (await (await callRoute(setUpLoader, { path: "/staff/two-factor", cookie })).json()) as Record<string, unknown>;
    expect(after).toMatchObject({ setUp: null, backupCodesLeft: 10 });
    expect(after.onSinceText).toEqual(expect.any(String));
    // The secret of a confirmed authenticator is never shown again.
    expect(JSON.stringify(after)).not.toContain(secret);
  });

  it("is not offered to founders", async () => {
    const founder = await createTestUser({ roles: ["FOUNDER"] });
    const cookie = await signIn(founder);
    expect((await callRoute(setUpLoader, { path: "/staff/two-factor", cookie })).status).toBe(403);
    expect((await callRoute(setUpAction, { path: "/staff/two-factor", form: { intent: "start" }, cookie })).status).toBe(403);
  });
});

describe("an admin without an authenticator", () => {
  it("reaches only its set-up (and the account page) until it is confirmed", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"], twoFactor: false });
    const cookie = await signIn(admin);
    const home = await callRoute(adminHomeLoader, { path: "/admin", cookie });
    expect(home.status).toBe(302);
    expect(home.headers.get("Location")).toBe("/staff/two-factor");
    const post = await callRoute(staffFactorsAction, { path: "/admin/two-factor", form: { userId: admin.id }, cookie });
    expect(post.status).toBe(403);
    expect((await callRoute(accountLoader, { path: "/account", cookie })).status).toBe(200);
    const setUp = (await (await callRoute(setUpLoader, { path: "/staff/two-factor", cookie })).json()) as Record<string, unknown>;
    expect(setUp.required).toBe(true);

    await setUpAuthenticator(cookie);
    expect((await callRoute(adminHomeLoader, { path: "/admin", cookie })).status).toBe(200);
    // An admin's role requires it: turning it off is refused.
    const turnOff = await callRoute(setUpAction, {
      path: "/staff/two-factor",
      form: {
        intent: "turnOff",
        code: await unusedCode(admin.id, (await db.twoFactor.findUniqueOrThrow({ where: { userId: admin.id } })).secret),
      },
      cookie,
    });
    expect(turnOff.status).toBe(409);
    expect(((await turnOff.json()) as { message: string }).message).toBe("twoFactor.errors.requiredForRole");
    expect(await db.twoFactor.count({ where: { userId: admin.id, confirmedAt: { not: null } } })).toBe(1);
  });
});

describe("the sign-in's second step", () => {
  it("asks for a code after the right password, and opens the session only with a right one", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const { response, challenge } = await password(admin);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login/two-factor");
    expect(cookieFrom(response)).toBeNull();
    expect(challenge).not.toBeNull();
    expect((await callRoute(secondStepLoader, { path: "/login/two-factor", cookie: challenge! })).status).toBe(200);

    const wrong = await secondStep(challenge, totpCode(TEST_TOTP_SECRET, new Date(Date.now() + 40 * STEP_MS)));
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: Record<string, string> }).errors.code).toBe("twoFactor.errors.wrong");
    expect(cookieFrom(wrong)).toBeNull();
    const refusal = await db.auditEvent.findFirstOrThrow({ where: { subjectId: admin.id, type: "TWO_FACTOR_REFUSED" } });
    expect(JSON.parse(refusal.details)).toMatchObject({ reason: "wrong", purpose: "sign-in" });

    const right = await secondStep(challenge, await unusedCode(admin.id));
    expect(right.status).toBe(302);
    expect(right.headers.get("Location")).toBe("/admin");
    const user = await userOf(cookieFrom(right));
    expect(user).toMatchObject({ id: admin.id, twoFactor: true });
    // The waiting sign-in is over: its cookie opens nothing more.
    expect((await secondStep(challenge, await unusedCode(admin.id))).headers.get("Location")).toBe("/login");
  });

  it("lets two browsers wait at once: a second password entry does not end the first one's sign-in", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const [first, second] = [await password(admin), await password(admin)];
    const one = await secondStep(first.challenge, await unusedCode(admin.id));
    expect(one.headers.get("Location")).toBe("/admin");
    const other = await secondStep(second.challenge, await unusedCode(admin.id));
    expect(other.headers.get("Location")).toBe("/admin");
    expect(await db.session.count({ where: { userId: admin.id } })).toBe(2);
  });

  it("refuses without the first step's cookie, or with a forged one", async () => {
    const noCookie = await callRoute(secondStepLoader, { path: "/login/two-factor" });
    expect(noCookie.status).toBe(302);
    expect(noCookie.headers.get("Location")).toBe("/login");
    const forged = await secondStep("tremplin_second_factor=forged", "123456");
    expect(forged.headers.get("Location")).toBe("/login");
  });

  it("refuses a replayed code and a slightly old one, saying which, and audits both", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const code = await unusedCode(admin.id);
    const first = await password(admin);
    expect((await secondStep(first.challenge, code)).status).toBe(302);
    const second = await password(admin);
    const replayed = await secondStep(second.challenge, code);
    expect(replayed.status).toBe(400);
    expect(((await replayed.json()) as { errors: Record<string, string> }).errors.code).toBe("twoFactor.errors.replayed");
    const old = await secondStep(second.challenge, totpCode(TEST_TOTP_SECRET, new Date(Date.now() - 4 * STEP_MS)));
    expect(((await old.json()) as { errors: Record<string, string> }).errors.code).toBe("twoFactor.errors.expired");
    const reasons = (
      await db.auditEvent.findMany({ where: { subjectId: admin.id, type: "TWO_FACTOR_REFUSED" }, orderBy: { createdAt: "asc" } })
    ).map((event) => JSON.parse(event.details).reason);
    expect(reasons).toEqual(["replayed", "expired"]);
  });

  it("opens the session with a backup code once; the same code again is refused as used", async () => {
    const reviewer = await createTestUser({ roles: ["REVIEWER"] });
    const { codes } = await setUpAuthenticator(await signIn(reviewer));
    const first = await password(reviewer);
    const used = await secondStep(first.challenge, codes[3].toUpperCase());
    expect(used.status).toBe(302);
    expect(await userOf(cookieFrom(used))).toMatchObject({ id: reviewer.id });
    expect(await db.backupCode.count({ where: { userId: reviewer.id, usedAt: null } })).toBe(9);
    expect(await db.auditEvent.count({ where: { subjectId: reviewer.id, type: "BACKUP_CODE_USED" } })).toBe(1);

    const again = await password(reviewer);
    const reused = await secondStep(again.challenge, codes[3]);
    expect(reused.status).toBe(400);
    expect(((await reused.json()) as { errors: Record<string, string> }).errors.code).toBe("twoFactor.errors.backupUsed");
    // A malformed code is refused by the shared schema before anything is counted.
    const malformed = await secondStep(again.challenge, "abc");
    expect(((await malformed.json()) as { errors: Record<string, string> }).errors.code).toBe("twoFactor.errors.malformed");
  });

  it("asks for the password again after five codes, and slows down the account's codes after six wrong ones", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const wrongCode = totpCode(TEST_TOTP_SECRET, new Date(Date.now() + 40 * STEP_MS));
    const { challenge } = await password(admin);
    for (let i = 0; i < CHALLENGE_MAX_ATTEMPTS; i += 1) expect((await secondStep(challenge, wrongCode)).status).toBe(400);
    const sixth = await secondStep(challenge, await unusedCode(admin.id));
    expect(sixth.status).toBe(302);
    expect(sixth.headers.get("Location")).toBe("/login");
    expect(cookieFrom(sixth)).toBeNull();
    // A new password, a new waiting sign-in: the account's wrong codes still count — a sixth goes through (and is
    // refused), the seventh waits, even a right one.
    const next = await password(admin);
    expect((await secondStep(next.challenge, wrongCode)).status).toBe(400);
    const slowed = await secondStep(next.challenge, await unusedCode(admin.id));
    expect(slowed.status).toBe(429);
    expect(((await slowed.json()) as { formError: string }).formError).toBe("auth.rateLimitedSeconds");
  });
});

describe("a link in an email", () => {
  it("never signs in an account with an authenticator: its log-in asks for the code", async () => {
    const reviewer = await createTestUser({ roles: ["REVIEWER"], verified: false });
    await db.twoFactor.create({ data: { userId: reviewer.id, secret: TEST_TOTP_SECRET, confirmedAt: new Date() } });
    await db.$transaction((tx) => sendVerificationEmail(tx, reviewer));
    const email = await db.outboxEmail.findFirstOrThrow({ where: { template: "email-verification", to: reviewer.email } });
    const token = new URL(JSON.parse(email.payload).verifyUrl as string).pathname.split("/").at(-1)!;
    const confirmed = await callRoute(verifyAction, { path: `/verify-email/${token}`, params: { token }, form: { next: "/reviewer" } });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe("/login?redirectTo=%2Freviewer");
    expect(cookieFrom(confirmed)).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: reviewer.id } })).emailVerifiedAt).not.toBeNull();
  });
});

describe("at the same moment", () => {
  it("one code opens one sign-in, however many requests carry it (8 rounds of 6)", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const start = Date.UTC(2027, 0, 4, 8, 0, 5);
    for (let round = 0; round < 8; round += 1) {
      const now = new Date(start + round * 3 * STEP_MS);
      const code = totpCode(TEST_TOTP_SECRET, now);
      const results = await Promise.all(Array.from({ length: 6 }, () => checkSecondFactor(admin.id, code, { now, purpose: "sign-in" })));
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.filter((result) => !result.ok && result.reason === "replayed")).toHaveLength(5);
    }
  });

  it("one backup code is used once, however many requests carry it (6 rounds of 6)", async () => {
    const reviewer = await createTestUser({ roles: ["REVIEWER"] });
    const { codes } = await setUpAuthenticator(await signIn(reviewer));
    for (const code of codes.slice(0, 6)) {
      const results = await Promise.all(Array.from({ length: 6 }, () => checkSecondFactor(reviewer.id, code, { purpose: "sign-in" })));
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.filter((result) => !result.ok && result.reason === "backupUsed")).toHaveLength(5);
    }
    expect(await db.backupCode.count({ where: { userId: reviewer.id, usedAt: null } })).toBe(4);
  });

  it("a waiting sign-in takes five codes, however many arrive at once (5 rounds of 12)", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    for (let round = 0; round < 5; round += 1) {
      const token = await createChallenge(admin.id, "");
      const taken = await Promise.all(Array.from({ length: 12 }, () => takeChallengeAttempt(token)));
      expect(taken.filter(Boolean)).toHaveLength(CHALLENGE_MAX_ATTEMPTS);
    }
  });

  it("two admins resetting one person's second factor reset it once, with one email (6 rounds)", async () => {
    const [first, second] = [await createTestUser({ roles: ["ADMIN"] }), await createTestUser({ roles: ["ADMIN"] })];
    const reviewer = await createTestUser({ roles: ["REVIEWER"] });
    for (let round = 0; round < 6; round += 1) {
      await db.twoFactor.create({ data: { userId: reviewer.id, secret: TEST_TOTP_SECRET, confirmedAt: new Date() } });
      const outcomes = await Promise.all([
        refusalOf(resetSecondFactor(first.id, reviewer.id)),
        refusalOf(resetSecondFactor(second.id, reviewer.id)),
      ]);
      expect(outcomes.filter((outcome) => outcome === "accepted")).toHaveLength(1);
      expect(outcomes).toContainEqual({ key: "twoFactor.errors.notSetUp", status: 409 });
    }
    expect(await db.outboxEmail.count({ where: { template: "two-factor-reset", to: reviewer.email } })).toBe(6);
    expect(await db.auditEvent.count({ where: { subjectId: reviewer.id, type: "TWO_FACTOR_RESET" } })).toBe(6);
  });
});

describe("managing one's authenticator", () => {
  it("gives new backup codes (the old ones stop working) for a code of the app", async () => {
    const reviewer = await createTestUser({ roles: ["REVIEWER"] });
    const cookie = await signIn(reviewer);
    const { secret, codes } = await setUpAuthenticator(cookie);
    const withoutCode = await callRoute(setUpAction, { path: "/staff/two-factor", form: { intent: "regenerate", code: "" }, cookie });
    expect(withoutCode.status).toBe(400);
    const renewed = await callRoute(setUpAction, {
      path: "/staff/two-factor",
      form: { intent: "regenerate", code: await unusedCode(reviewer.id, secret) },
      cookie,
    });
    const fresh = ((await renewed.json()) as { codes: string[] }).codes;
    expect(fresh).toHaveLength(10);
    expect(fresh.some((code) => codes.includes(code))).toBe(false);
    expect((await checkSecondFactor(reviewer.id, codes[0], { purpose: "sign-in" })).ok).toBe(false);
    expect((await checkSecondFactor(reviewer.id, fresh[0], { purpose: "sign-in" })).ok).toBe(true);
  });

  it("moves to a new authenticator, and lets a reviewer turn it off", async () => {
    const reviewer = await createTestUser({ roles: ["REVIEWER"] });
    const cookie = await signIn(reviewer);
    const { secret, codes } = await setUpAuthenticator(cookie);
    const replaced = await callRoute(setUpAction, { path: "/staff/two-factor", form: { intent: "replace", code: codes[0] }, cookie });
    expect(replaced.status).toBe(302);
    const page = (await (await callRoute(setUpLoader, { path: "/staff/two-factor", cookie })).json()) as {
      setUp: { secretText: string };
      onSinceText: string | null;
    };
    expect(page.onSinceText).toBeNull();
    expect(page.setUp.secretText.replace(/ /g, "")).not.toBe(secret);
    expect(await db.backupCode.count({ where: { userId: reviewer.id } })).toBe(0);

    const second = await setUpAuthenticator(cookie);
    const off = await callRoute(setUpAction, {
      path: "/staff/two-factor",
      form: { intent: "turnOff", code: second.codes[0] },
      cookie,
    });
    expect(off.status).toBe(302);
    expect(await db.twoFactor.count({ where: { userId: reviewer.id } })).toBe(0);
    expect((await password(reviewer)).response.headers.get("Location")).toBe("/reviewer");
    expect(await db.auditEvent.count({ where: { subjectId: reviewer.id, type: "TWO_FACTOR_DISABLED" } })).toBe(2);
  });
});

describe("an admin's reset", () => {
  it("removes the person's authenticator and codes, ends their sessions, audits it and emails them", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"], name: "Salma Bennani" });
    const reviewer = await createTestUser({ roles: ["REVIEWER"], locale: "ar" });
    const reviewerCookie = await signIn(reviewer);
    await setUpAuthenticator(reviewerCookie);
    const adminCookie = await signIn(admin);

    const list = (await (await callRoute(staffFactorsLoader, { path: "/admin/two-factor", cookie: adminCookie })).json()) as {
      rows: Array<{ id: string; onSinceText: string | null; backupCodesLeft: number; self: boolean }>;
    };
    expect(list.rows.find((row) => row.id === reviewer.id)).toMatchObject({ backupCodesLeft: 10 });
    expect(list.rows.find((row) => row.id === admin.id)).toMatchObject({ self: true });

    const reset = await callRoute(staffFactorsAction, { path: "/admin/two-factor", form: { userId: reviewer.id }, cookie: adminCookie });
    expect(reset.status).toBe(302);
    expect(await db.twoFactor.count({ where: { userId: reviewer.id } })).toBe(0);
    expect(await db.backupCode.count({ where: { userId: reviewer.id } })).toBe(0);
    expect(await userOf(reviewerCookie)).toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({ where: { subjectId: reviewer.id, type: "TWO_FACTOR_RESET" } });
    expect(event.actorId).toBe(admin.id);
    const email = await db.outboxEmail.findFirstOrThrow({ where: { template: "two-factor-reset", to: reviewer.email } });
    expect(email.locale).toBe("ar");
    expect(JSON.parse(email.payload)).toMatchObject({ resetBy: "Salma Bennani", name: reviewer.name });
    // The reviewer signs in with the password alone now (reviewers may do without).
    expect((await password(reviewer)).response.headers.get("Location")).toBe("/reviewer");

    // Nothing left to reset; one's own, never.
    const again = await callRoute(staffFactorsAction, { path: "/admin/two-factor", form: { userId: reviewer.id }, cookie: adminCookie });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { message: string }).message).toBe("twoFactor.errors.notSetUp");
    const self = await callRoute(staffFactorsAction, { path: "/admin/two-factor", form: { userId: admin.id }, cookie: adminCookie });
    expect(self.status).toBe(409);
    expect(((await self.json()) as { message: string }).message).toBe("twoFactor.errors.resetSelf");
  });
});
