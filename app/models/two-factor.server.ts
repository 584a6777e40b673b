// Staff two-factor authentication (issue 20, point 4): setting up an authenticator, the sign-in's second step, backup
// codes, and an admin's reset for a lost device. The rules that must hold when requests race are compare-and-sets in
// the statement that writes: a code's step only moves the last used step upwards (two requests with one code: one
// passes), a backup code is marked used only while unused, a reset deletes what it finds (two admins: one resets).
// Every outcome a person or an admin should be able to trace later is audited (subject: the account).
import crypto from "node:crypto";
import { promisify } from "node:util";
import { env } from "~/config/env.server.ts";
import { db, type Tx } from "~/db/client.server.ts";
import { toLocale, type Role } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import {
  backupCodesFrom,
  BACKUP_CODE_COUNT,
  BACKUP_CODE_LENGTH,
  CHALLENGE_MAX_ATTEMPTS,
  CHALLENGE_TTL_MS,
  codeKind,
  type CodeKind,
  judgeTotp,
  newTotpSecret,
  normalizeBackupCode,
  secondFactorRequired,
} from "~/domain/two-factor.ts";
import { enqueueEmail } from "~/email/outbox.server.ts";

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: string,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

export type SecondFactorRefusal = "wrong" | "replayed" | "expired" | "backupUsed" | "malformed" | "notSetUp";
export type SecondFactorCheck = { ok: true; method: "totp" | "backup" } | { ok: false; reason: SecondFactorRefusal };

/** A backup code's hash: scrypt, salted with the account (the same code on two accounts hashes apart). */
async function hashBackupCode(userId: string, code: string): Promise<string> {
  return (await scrypt(normalizeBackupCode(code), `tremplin-backup-code:${userId}`, 32, { N: 2 ** 14, r: 8, p: 1 })).toString("hex");
}

function audit(tx: Tx, data: { actorId: string | null; userId: string; type: string; details?: object; now: Date }) {
  return tx.auditEvent.create({
    data: {
      actorId: data.actorId,
      subjectType: "User",
      subjectId: data.userId,
      type: data.type,
      details: JSON.stringify(data.details ?? {}),
      createdAt: data.now,
    },
  });
}

/** What the account page and the admins' list show of a person's second factor. */
export async function secondFactorOf(userId: string) {
  const [row, backupCodesLeft] = await Promise.all([
    db.twoFactor.findUnique({ where: { userId }, select: { secret: true, confirmedAt: true } }),
    db.backupCode.count({ where: { userId, usedAt: null } }),
  ]);
  return {
    confirmedAt: row?.confirmedAt ?? null,
    /** The secret of an authenticator being set up (shown again until confirmed); never that of a confirmed one. */
    pendingSecret: row && !row.confirmedAt ? row.secret : null,
    backupCodesLeft: row?.confirmedAt ? backupCodesLeft : 0,
  };
}

export async function hasSecondFactor(userId: string): Promise<boolean> {
  return (await db.twoFactor.count({ where: { userId, confirmedAt: { not: null } } })) > 0;
}

/** Starts (or starts over) setting up an authenticator: a new secret, not asked at sign-in until confirmed. */
export async function startSetUp(userId: string): Promise<string> {
  const secret = newTotpSecret();
  return db.$transaction(async (tx) => {
    const existing = await tx.twoFactor.findUnique({ where: { userId }, select: { confirmedAt: true } });
    if (existing?.confirmedAt) throw new UserError("twoFactor.errors.alreadySetUp", 409);
    await tx.twoFactor.upsert({ where: { userId }, create: { userId, secret }, update: { secret } });
    return secret;
  });
}

async function newBackupCodes(tx: Tx, userId: string, now: Date): Promise<string[]> {
  const codes = backupCodesFrom(crypto.randomBytes(BACKUP_CODE_COUNT * BACKUP_CODE_LENGTH));
  const hashes = await Promise.all(codes.map((code) => hashBackupCode(userId, code)));
  await tx.backupCode.deleteMany({ where: { userId } });
  await tx.backupCode.createMany({ data: hashes.map((codeHash) => ({ userId, codeHash, createdAt: now })) });
  return codes;
}

/**
 * Confirms the authenticator being set up with a code it shows: from then on every sign-in asks for one. Returns the
 * ten backup codes, shown once (only their hashes are kept).
 */
export async function confirmSetUp(userId: string, code: string, now = new Date()): Promise<string[]> {
  const pending = await db.twoFactor.findUnique({ where: { userId }, select: { secret: true, confirmedAt: true } });
  if (!pending) throw new UserError("twoFactor.errors.notStarted", 409);
  if (pending.confirmedAt) throw new UserError("twoFactor.errors.alreadySetUp", 409);
  const verdict = judgeTotp(pending.secret, code, now, 0);
  if (!verdict.ok) throw new UserError(`twoFactor.errors.${verdict.reason}`, 400, { field: "code" });
  return db.$transaction(async (tx) => {
    // Only the secret that code was checked against, still unconfirmed: a set-up started over meanwhile fails.
    const confirmed = await tx.twoFactor.updateMany({
      where: { userId, secret: pending.secret, confirmedAt: null },
      data: { confirmedAt: now, lastUsedStep: verdict.step },
    });
    if (confirmed.count !== 1) throw new UserError("twoFactor.errors.notStarted", 409);
    await audit(tx, { actorId: userId, userId, type: "TWO_FACTOR_ENABLED", now });
    return newBackupCodes(tx, userId, now);
  });
}

/**
 * Checks a second-factor code of `userId`: six digits from the authenticator, or a backup code (then used up). A
 * refusal says why, and is audited with the address it came from.
 */
export async function checkSecondFactor(
  userId: string,
  input: string,
  options: { now?: Date; clientIp?: string; purpose: "sign-in" | "backup-codes" | "turn-off" },
): Promise<SecondFactorCheck> {
  const now = options.now ?? new Date();
  const kind = codeKind(input);
  // Hashed before the transaction: scrypt's few milliseconds never hold the database's write lock.
  const codeHash = kind === "backup" ? await hashBackupCode(userId, input) : null;
  return db.$transaction(async (tx) => {
    const result = await judge(tx, userId, input, kind, codeHash, now);
    const details = { purpose: options.purpose, address: options.clientIp ?? "" };
    if (!result.ok)
      await audit(tx, { actorId: userId, userId, type: "TWO_FACTOR_REFUSED", details: { ...details, reason: result.reason }, now });
    else if (result.method === "backup") await audit(tx, { actorId: userId, userId, type: "BACKUP_CODE_USED", details, now });
    return result;
  });
}

/** `codeHash`: a backup code's hash (`kind` "backup"), else null. */
async function judge(
  tx: Tx,
  userId: string,
  input: string,
  kind: CodeKind,
  codeHash: string | null,
  now: Date,
): Promise<SecondFactorCheck> {
  const row = await tx.twoFactor.findUnique({ where: { userId }, select: { secret: true, confirmedAt: true, lastUsedStep: true } });
  if (!row?.confirmedAt) return { ok: false, reason: "notSetUp" };
  if (kind === "malformed") return { ok: false, reason: "malformed" };
  if (kind === "totp" || codeHash === null) {
    const verdict = judgeTotp(row.secret, input, now, row.lastUsedStep);
    if (!verdict.ok) return verdict;
    // A parallel request with the same code (or a later one) got there first: this one is the replay.
    const moved = await tx.twoFactor.updateMany({
      where: { userId, lastUsedStep: { lt: verdict.step } },
      data: { lastUsedStep: verdict.step },
    });
    return moved.count === 1 ? { ok: true, method: "totp" } : { ok: false, reason: "replayed" };
  }
  const used = await tx.backupCode.updateMany({ where: { userId, codeHash, usedAt: null }, data: { usedAt: now } });
  if (used.count === 1) return { ok: true, method: "backup" };
  const spent = await tx.backupCode.count({ where: { userId, codeHash } });
  return { ok: false, reason: spent > 0 ? "backupUsed" : "wrong" };
}

/** Ten new backup codes (the old ones stop working), for someone who proved the second factor just now. */
export async function regenerateBackupCodes(userId: string, now = new Date()): Promise<string[]> {
  return db.$transaction(async (tx) => {
    if ((await tx.twoFactor.count({ where: { userId, confirmedAt: { not: null } } })) === 0) {
      throw new UserError("twoFactor.errors.notSetUp", 409);
    }
    await audit(tx, { actorId: userId, userId, type: "BACKUP_CODES_REPLACED", now });
    return newBackupCodes(tx, userId, now);
  });
}

/**
 * A new authenticator for someone who proved the current one (or a backup code) just now: the confirmed one and its
 * backup codes go, a new set-up starts; until it is confirmed the sign-in asks for no code (an admin: sent to finish it).
 */
export async function replaceAuthenticator(userId: string, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const removed = await tx.twoFactor.deleteMany({ where: { userId, confirmedAt: { not: null } } });
    if (removed.count === 0) throw new UserError("twoFactor.errors.notSetUp", 409);
    await tx.backupCode.deleteMany({ where: { userId } });
    await tx.twoFactor.create({ data: { userId, secret: newTotpSecret() } });
    await audit(tx, { actorId: userId, userId, type: "TWO_FACTOR_DISABLED", details: { replacing: true }, now });
  });
}

/** Removes one's own authenticator (a reviewer's choice; an admin's role requires one: refused). */
export async function turnOff(userId: string, roles: readonly Role[], now = new Date()): Promise<void> {
  if (secondFactorRequired(roles)) throw new UserError("twoFactor.errors.requiredForRole", 409);
  await db.$transaction(async (tx) => {
    const removed = await tx.twoFactor.deleteMany({ where: { userId } });
    if (removed.count === 0) throw new UserError("twoFactor.errors.notSetUp", 409);
    await tx.backupCode.deleteMany({ where: { userId } });
    await audit(tx, { actorId: userId, userId, type: "TWO_FACTOR_DISABLED", now });
  });
}

/**
 * An admin resets someone's second factor (a lost device and no backup code left): the authenticator and backup codes
 * removed, every session of theirs ended (whoever holds one), audited, and the person emailed — so a reset they did not
 * ask for does not go unnoticed. Their next sign-in sets up a new authenticator (required for an admin).
 */
export async function resetSecondFactor(adminId: string, userId: string, now = new Date()): Promise<void> {
  if (adminId === userId) throw new UserError("twoFactor.errors.resetSelf", 409);
  await db.$transaction(async (tx) => {
    const person = await tx.user.findUnique({
      where: { id: userId },
      select: { email: true, name: true, locale: true, anonymizedAt: true },
    });
    if (!person || person.anonymizedAt) throw new UserError("twoFactor.errors.notSetUp", 404);
    const admin = await tx.user.findUniqueOrThrow({ where: { id: adminId }, select: { name: true } });
    // What this transaction deletes decides: of two admins resetting at once, the second finds nothing left.
    const removed = await tx.twoFactor.deleteMany({ where: { userId, confirmedAt: { not: null } } });
    if (removed.count === 0) throw new UserError("twoFactor.errors.notSetUp", 409);
    await tx.backupCode.deleteMany({ where: { userId } });
    await tx.signInChallenge.deleteMany({ where: { userId } });
    const sessions = await tx.session.deleteMany({ where: { userId } });
    await audit(tx, { actorId: adminId, userId, type: "TWO_FACTOR_RESET", details: { sessionsEnded: sessions.count }, now });
    await enqueueEmail(tx, {
      to: person.email,
      template: "two-factor-reset",
      locale: toLocale(person.locale),
      payload: { name: person.name, resetBy: admin.name, resetAt: now.toISOString(), signInUrl: `${env().APP_URL}/login` },
      dedupeKey: `two-factor-reset:${userId}:${now.getTime()}`,
    });
  });
}

/** Staff accounts and where their second factor stands, for the admins' page (names first, a page at a time). */
export async function listStaffSecondFactors(options: { page: number; pageSize: number }) {
  const rows = await db.user.findMany({
    where: { anonymizedAt: null, roles: { some: { role: { in: ["ADMIN", "REVIEWER"] } } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (options.page - 1) * options.pageSize,
    take: options.pageSize + 1,
    select: {
      id: true,
      name: true,
      email: true,
      roles: { select: { role: true }, orderBy: { role: "asc" } },
      twoFactor: { select: { confirmedAt: true } },
      _count: { select: { backupCodes: { where: { usedAt: null } } } },
    },
  });
  return {
    hasMore: rows.length > options.pageSize,
    rows: rows.slice(0, options.pageSize).map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      roles: row.roles.map((r) => r.role as Role),
      confirmedAt: row.twoFactor?.confirmedAt ?? null,
      backupCodesLeft: row.twoFactor?.confirmedAt ? row._count.backupCodes : 0,
    })),
  };
}

// ---------------------------------------------------------------------------
// The sign-in's second step: a password proved, a code still to come.

const challengeId = (token: string) => crypto.createHash("sha256").update(token).digest("base64url");

/** A right password for an account with a second factor: returns the token its cookie carries to the second step. */
export async function createChallenge(userId: string, redirectTo: string, now = new Date()): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  // Several may wait at once (two browsers, two people sharing a desk): none ends another, and the codes they take
  // all count against the account's one limit (secondFactorThrottleKeys), so more of them guess no faster.
  await db.$transaction([
    db.signInChallenge.create({
      data: {
        id: challengeId(token),
        userId,
        redirectTo: redirectTo.slice(0, 500),
        expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
        createdAt: now,
      },
    }),
  ]);
  return token;
}

/** The waiting sign-in a token names, while it is still good. */
export async function readChallenge(token: string, now = new Date()) {
  const row = await db.signInChallenge.findUnique({
    where: { id: challengeId(token) },
    select: { userId: true, redirectTo: true, expiresAt: true, attempts: true },
  });
  if (!row || row.expiresAt <= now || row.attempts >= CHALLENGE_MAX_ATTEMPTS) return null;
  return { userId: row.userId, redirectTo: row.redirectTo };
}

/** Counts one code against the waiting sign-in (a compare-and-set: parallel codes are counted one by one); false once used up. */
export async function takeChallengeAttempt(token: string, now = new Date()): Promise<boolean> {
  const taken = await db.signInChallenge.updateMany({
    where: { id: challengeId(token), expiresAt: { gt: now }, attempts: { lt: CHALLENGE_MAX_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  return taken.count === 1;
}

export async function endChallenge(token: string): Promise<void> {
  await db.signInChallenge.deleteMany({ where: { id: challengeId(token) } });
}

/** Waiting sign-ins past their time: removed by the scheduled jobs. */
export async function purgeExpiredChallenges(now = new Date()): Promise<number> {
  return (await db.signInChallenge.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
