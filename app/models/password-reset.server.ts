import crypto from "node:crypto";
import { hashPassword } from "~/auth/password.server.ts";
import { env } from "~/config/env.server.ts";
import { db } from "~/db/client.server.ts";
import { toLocale, type Locale } from "~/domain/constants.ts";
import { enqueueEmail } from "~/email/outbox.server.ts";
import { consumeToken, issueToken } from "./token.server.ts";

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

/**
 * Emails a single-use reset link when the address belongs to an active account,
 * and otherwise an email saying no active account uses it. Both paths do the
 * same work (one lookup, one transaction, one email queued), and callers answer
 * the same way, so neither the answer nor its timing tells which emails exist.
 */
export async function requestPasswordReset(email: string, requesterLocale?: Locale): Promise<void> {
  const address = email.toLowerCase();
  const appUrl = env().APP_URL;
  const user = await db.user.findUnique({
    where: { email: address },
    select: { id: true, name: true, email: true, locale: true, active: true },
  });
  await db.$transaction(async (tx) => {
    if (!user || !user.active) {
      await enqueueEmail(tx, {
        to: address,
        template: "password-reset-no-account",
        locale: toLocale(user?.locale ?? requesterLocale),
        payload: { name: address, signupUrl: `${appUrl}/signup` },
        dedupeKey: `password-reset-no-account:${crypto.randomUUID()}`,
      });
      return;
    }
    const token = await issueToken(tx, user.id, "PASSWORD_RESET", RESET_TOKEN_TTL_MS);
    await enqueueEmail(tx, {
      to: user.email,
      template: "password-reset",
      locale: toLocale(user.locale),
      payload: { name: user.name, resetUrl: `${appUrl}/reset-password/${token.raw}`, expiresAt: token.expiresAt.toISOString() },
      dedupeKey: `password-reset:${token.id}`,
    });
  });
}

/** Sets the new password and ends every session of the user. False when the link is invalid, used or expired. */
export async function resetPassword(rawToken: string, newPassword: string): Promise<boolean> {
  const passwordHash = await hashPassword(newPassword);
  return db.$transaction(async (tx) => {
    const userId = await consumeToken(tx, "PASSWORD_RESET", rawToken);
    if (!userId) return false;
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId } });
    // Any other reset link still in someone's mailbox dies with the old password.
    await tx.token.updateMany({ where: { userId, kind: "PASSWORD_RESET", usedAt: null }, data: { usedAt: new Date() } });
    await tx.auditEvent.create({ data: { actorId: userId, subjectType: "User", subjectId: userId, type: "PASSWORD_RESET" } });
    return true;
  });
}
