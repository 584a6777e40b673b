import { env } from "~/config/env.server.ts";
import { db, type Tx } from "~/db/client.server.ts";
import { toLocale } from "~/domain/constants.ts";
import { enqueueEmail } from "~/email/outbox.server.ts";
import { consumeToken, issueToken } from "./token.server.ts";

/** How long an emailed confirmation link works. */
export const VERIFICATION_TOKEN_TTL_MS = 48 * 60 * 60 * 1000;

type Recipient = { id: string; name: string; email: string; locale: string };

/**
 * Emails a one-time link (stored hashed, 48 h) that proves the address. `next`
 * is where the founder goes once confirmed (e.g. the call they were applying to).
 */
export async function sendVerificationEmail(tx: Tx, user: Recipient, next?: string): Promise<void> {
  const token = await issueToken(tx, user.id, "EMAIL_VERIFICATION", VERIFICATION_TOKEN_TTL_MS);
  const query = next && next !== "/founder" ? `?${new URLSearchParams({ next })}` : "";
  await enqueueEmail(tx, {
    to: user.email,
    template: "email-verification",
    locale: toLocale(user.locale),
    payload: { name: user.name, verifyUrl: `${env().APP_URL}/verify-email/${token.raw}${query}`, expiresAt: token.expiresAt.toISOString() },
    dedupeKey: `email-verification:${token.id}`,
  });
}

/**
 * Uses a confirmation link: the address is verified (once; a later link changes
 * nothing) and the user id returned, or null when the link is invalid, used or expired.
 */
export async function verifyEmail(rawToken: string, now = new Date()): Promise<string | null> {
  return db.$transaction(async (tx) => {
    const userId = await consumeToken(tx, "EMAIL_VERIFICATION", rawToken);
    if (!userId) return null;
    const { count } = await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
    if (count === 1)
      await tx.auditEvent.create({
        data: { actorId: userId, subjectType: "User", subjectId: userId, type: "EMAIL_VERIFIED", createdAt: now },
      });
    return userId;
  });
}

export async function isEmailVerified(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return Boolean(user?.emailVerifiedAt);
}

/** A new confirmation link, when the address is still unproven; false when it already is. */
export async function resendVerificationEmail(userId: string, next?: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { id: true, name: true, email: true, locale: true, emailVerifiedAt: true },
    });
    if (user.emailVerifiedAt) return false;
    await sendVerificationEmail(tx, user, next);
    return true;
  });
}
