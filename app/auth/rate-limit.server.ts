import { db } from "~/db/client.server.ts";

export type RateLimitRule = { limit: number; windowMs: number };

const SECOND = 1000;
const MINUTE = 60_000;
/** One place for every fixed-window limit the product enforces. */
export const RATE_LIMITS = {
  signupPerEmail: { limit: 5, windowMs: 60 * MINUTE },
  verificationResendPerUser: { limit: 5, windowMs: 60 * MINUTE },
  resetPerIp: { limit: 20, windowMs: 60 * MINUTE },
  resetPerEmail: { limit: 3, windowMs: 60 * MINUTE },
  uploadsPerUser: { limit: 30, windowMs: 60 * MINUTE },
} satisfies Record<string, RateLimitRule>;

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Growing delays instead of a lock-out: the first `free` attempts go through at
 * once; after that, each one makes the next wait, `firstDelayMs` doubling every
 * `doubleEvery` attempts, up to `maxDelayMs`. Counts are forgotten
 * `forgetAfterMs` after the last attempt.
 */
export type DelayPolicy = { free: number; firstDelayMs: number; doubleEvery: number; maxDelayMs: number; forgetAfterMs: number };

export const DELAY_POLICIES = {
  /**
   * Wrong passwords for one account from one address. Keyed by both, so failures
   * from an attacker elsewhere never slow the account's owner down.
   */
  loginFailuresPerAccountAndAddress: {
    free: 5,
    firstDelayMs: 15 * SECOND,
    doubleEvery: 1,
    maxDelayMs: 15 * MINUTE,
    forgetAfterMs: 60 * MINUTE,
  },
  /**
   * Wrong passwords from one address, whatever the account (credential stuffing).
   * Only failures count, and generously: a room of people behind one connection
   * who mistype now and then never notice it.
   */
  loginFailuresPerAddress: { free: 50, firstDelayMs: 1 * SECOND, doubleEvery: 10, maxDelayMs: 5 * MINUTE, forgetAfterMs: 60 * MINUTE },
  /** Wrong current passwords on the account page, per account (a stolen session must not test guesses freely). */
  currentPasswordFailuresPerAccount: {
    free: 5,
    firstDelayMs: 30 * SECOND,
    doubleEvery: 1,
    maxDelayMs: 15 * MINUTE,
    forgetAfterMs: 60 * MINUTE,
  },
  /**
   * Wrong second-factor codes for one account (issue 20), wherever they come from: the password is already known to
   * whoever types them, so six digits must not be guessed at leisure.
   */
  secondFactorFailuresPerAccount: {
    free: 5,
    firstDelayMs: 30 * SECOND,
    doubleEvery: 1,
    maxDelayMs: 15 * MINUTE,
    forgetAfterMs: 60 * MINUTE,
  },
  /**
   * Sign-ups from one address: a room of 200 founders behind one connection
   * (an information session) signs up without noticing; a script creating
   * accounts in bulk is slowed down more and more.
   */
  signupsPerAddress: { free: 150, firstDelayMs: 1 * SECOND, doubleEvery: 25, maxDelayMs: 60 * MINUTE, forgetAfterMs: 60 * MINUTE },
} satisfies Record<string, DelayPolicy>;

/** How long the attempt after the `count`-th must wait. */
export function delayAfter(count: number, policy: DelayPolicy): number {
  if (count <= policy.free) return 0;
  const doublings = Math.floor((count - policy.free - 1) / policy.doubleEvery);
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(doublings, 40));
}

/**
 * Takes one attempt against every key, in one transaction (so parallel attempts
 * are counted one by one): refused, and counted nowhere, while any key must
 * still wait; otherwise counted on each key, which sets how long the next
 * attempt waits.
 */
export async function takeAttempt(entries: Array<[string, DelayPolicy]>, now = new Date()): Promise<RateLimitResult> {
  return db.$transaction(async (tx) => {
    const rows = await tx.rateLimit.findMany({ where: { key: { in: entries.map(([key]) => key) } } });
    const live = new Map(rows.filter((row) => row.resetAt > now).map((row) => [row.key, row]));
    const waits = [...live.values()].map((row) => (row.blockedUntil ? row.blockedUntil.getTime() - now.getTime() : 0));
    const wait = Math.max(0, ...waits);
    if (wait > 0) return { allowed: false, retryAfterMs: wait } as const;
    for (const [key, policy] of entries) {
      const count = (live.get(key)?.count ?? 0) + 1;
      const delay = delayAfter(count, policy);
      const data = {
        count,
        resetAt: new Date(now.getTime() + policy.forgetAfterMs),
        blockedUntil: delay > 0 ? new Date(now.getTime() + delay) : null,
      };
      await tx.rateLimit.upsert({ where: { key }, create: { key, ...data }, update: data });
    }
    return { allowed: true } as const;
  });
}

/**
 * An attempt that turned out well (the right password) is not a failure: its
 * count is given back, and a delay it caused is lifted when the count is back
 * under the policy's free attempts. `forget` keys are cleared altogether.
 */
export async function giveBackAttempt(entries: Array<[string, DelayPolicy]>, forget: readonly string[] = []): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const [key, policy] of entries) {
      if (forget.includes(key)) {
        await tx.rateLimit.deleteMany({ where: { key } });
        continue;
      }
      const row = await tx.rateLimit.findUnique({ where: { key } });
      if (!row || row.count <= 0) continue;
      const count = row.count - 1;
      await tx.rateLimit.update({ where: { key }, data: { count, ...(delayAfter(count, policy) === 0 ? { blockedUntil: null } : {}) } });
    }
  });
}

/** The keys a log-in attempt counts against. */
export function loginThrottleKeys(email: string, clientIp: string): Array<[string, DelayPolicy]> {
  return [
    [`login:account+ip:${email.toLowerCase()}|${clientIp}`, DELAY_POLICIES.loginFailuresPerAccountAndAddress],
    [`login:ip:${clientIp}`, DELAY_POLICIES.loginFailuresPerAddress],
  ];
}

/** The keys a second-factor code counts against (issue 20): the account's, at sign-in and on the set-up page alike. */
export function secondFactorThrottleKeys(userId: string): Array<[string, DelayPolicy]> {
  return [[`second-factor:account:${userId}`, DELAY_POLICIES.secondFactorFailuresPerAccount]];
}

/** How long to wait, as the "try again in N minutes" messages put it (at least one). */
export function retryAfterMinutes(limit: { retryAfterMs: number }): number {
  return Math.max(1, Math.ceil(limit.retryAfterMs / 60_000));
}

/** The translated "try again" message and its value: seconds under a minute, minutes after. */
export function retryMessage(limit: { retryAfterMs: number }): {
  key: "auth.rateLimited" | "auth.rateLimitedSeconds";
  minutes: number;
  seconds: number;
} {
  const seconds = Math.max(1, Math.ceil(limit.retryAfterMs / 1000));
  return seconds < 60
    ? { key: "auth.rateLimitedSeconds", minutes: 0, seconds }
    : { key: "auth.rateLimited", minutes: retryAfterMinutes(limit), seconds };
}

/**
 * Counts one hit against a fixed window kept in the database, so every app
 * server shares the same counters.
 */
export async function hitRateLimit(key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitResult> {
  return db.$transaction(async (tx) => {
    const row = await tx.rateLimit.findUnique({ where: { key } });
    if (!row || row.resetAt <= now) {
      await tx.rateLimit.upsert({
        where: { key },
        create: { key, count: 1, resetAt: new Date(now.getTime() + rule.windowMs) },
        update: { count: 1, resetAt: new Date(now.getTime() + rule.windowMs) },
      });
      return { allowed: true } as const;
    }
    if (row.count >= rule.limit) return { allowed: false, retryAfterMs: row.resetAt.getTime() - now.getTime() } as const;
    await tx.rateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
    return { allowed: true } as const;
  });
}

/** Checks several limits; the first one exhausted answers. Every limit counts the hit. */
export async function hitRateLimits(entries: Array<[string, RateLimitRule]>): Promise<RateLimitResult> {
  let blocked: RateLimitResult = { allowed: true };
  for (const [key, rule] of entries) {
    const result = await hitRateLimit(key, rule);
    if (!result.allowed && blocked.allowed) blocked = result;
  }
  return blocked;
}

/** Counters whose window has ended (one per address or email ever seen): removed by the scheduled jobs. */
export async function purgeExpiredRateLimits(now = new Date()): Promise<number> {
  return (await db.rateLimit.deleteMany({ where: { resetAt: { lte: now } } })).count;
}
