import { db } from "~/db/client.server.ts";

export type RateLimitRule = { limit: number; windowMs: number };

const MINUTE = 60_000;
/** One place for every limit the product enforces. */
export const RATE_LIMITS = {
  loginPerIp: { limit: 50, windowMs: 15 * MINUTE },
  loginPerEmail: { limit: 8, windowMs: 15 * MINUTE },
  signupPerIp: { limit: 20, windowMs: 60 * MINUTE },
  signupPerEmail: { limit: 5, windowMs: 60 * MINUTE },
  resetPerIp: { limit: 20, windowMs: 60 * MINUTE },
  resetPerEmail: { limit: 3, windowMs: 60 * MINUTE },
  uploadsPerUser: { limit: 30, windowMs: 60 * MINUTE },
} satisfies Record<string, RateLimitRule>;

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterMs: number };

/** How long to wait, as the "try again in N minutes" messages put it (at least one). */
export function retryAfterMinutes(limit: { retryAfterMs: number }): number {
  return Math.max(1, Math.ceil(limit.retryAfterMs / 60_000));
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
