import { hashPassword } from "~/auth/password.server.ts";
import { env } from "~/config/env.server.ts";
import { db } from "~/db/client.server.ts";
import { toLocale } from "~/domain/constants.ts";
import { enqueueEmail } from "~/email/outbox.server.ts";
import { consumeToken, issueToken } from "./token.server.ts";

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

/**
 * Emails a single-use reset link when the address belongs to an active account.
 * Callers answer the same way either way, so nobody learns which emails exist.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, name: true, email: true, locale: true, active: true } });
  if (!user || !user.active) return;
  await db.$transaction(async (tx) => {
    const token = await issueToken(tx, user.id, "PASSWORD_RESET", RESET_TOKEN_TTL_MS);
    await enqueueEmail(tx, {
      to: user.email,
      template: "password-reset",
      locale: toLocale(user.locale),
      payload: { name: user.name, resetUrl: `${env().APP_URL}/reset-password/${token.raw}`, expiresAt: token.expiresAt.toISOString() },
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
