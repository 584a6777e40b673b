import crypto from "node:crypto";
import { hashPassword, verifyPassword } from "~/auth/password.server.ts";
import { env } from "~/config/env.server.ts";
import { db } from "~/db/client.server.ts";
import { toLocale, type Locale } from "~/domain/constants.ts";
import { enqueueEmail } from "~/email/outbox.server.ts";
import { sendVerificationEmail } from "./email-verification.server.ts";

// Verifying against this when the email is unknown keeps both failures equally slow.
// Computed on the first failed lookup, not when the module loads.
let unknownUserHash: Promise<string> | undefined;

async function findUserByEmail(email: string) {
  return db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, active: true, passwordHash: true } });
}

/** Returns the user id when the email and password match an active account. */
export async function verifyLogin(email: string, password: string): Promise<string | null> {
  const user = await findUserByEmail(email);
  const ok = await verifyPassword(
    user?.passwordHash ?? (await (unknownUserHash ??= hashPassword("unknown-user-timing-equaliser"))),
    password,
  );
  return user && user.active && ok ? user.id : null;
}

/**
 * A founder signs up. Both outcomes do the same work and tell the visitor the
 * same thing, so nobody learns which addresses have an account: the password is
 * hashed and one email queued either way — a confirmation link for a new
 * address, "you already have an account" to the owner of a taken one (nothing
 * else changes for that account). The new account is unverified until its link is used.
 */
export async function registerFounder(input: {
  name: string;
  email: string;
  password: string;
  locale: Locale;
  next?: string;
}): Promise<void> {
  const email = input.email.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const appUrl = env().APP_URL;
  try {
    await db.$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email }, select: { id: true, name: true, locale: true } });
      if (existing) {
        await enqueueEmail(tx, {
          to: email,
          template: "account-exists",
          locale: toLocale(existing.locale),
          payload: { name: existing.name, loginUrl: `${appUrl}/login`, forgotPasswordUrl: `${appUrl}/forgot-password` },
          dedupeKey: `account-exists:${existing.id}:${crypto.randomUUID()}`,
        });
        return;
      }
      const user = await tx.user.create({
        data: { email, name: input.name, passwordHash, locale: input.locale, roles: { create: [{ role: "FOUNDER" }] } },
        select: { id: true, name: true, email: true, locale: true },
      });
      await tx.auditEvent.create({
        data: {
          actorId: user.id,
          subjectType: "User",
          subjectId: user.id,
          type: "USER_SIGNED_UP",
          details: JSON.stringify({ roles: ["FOUNDER"] }),
        },
      });
      await sendVerificationEmail(tx, user, input.next);
    });
  } catch (error) {
    // The same address signed up twice at once: the first one got the link; this one has nothing more to say.
    if (!isUniqueViolation(error)) throw error;
  }
}

/** A write refused by a unique constraint (e.g. an address already taken by a concurrent request). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export async function getAccount(userId: string) {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, name: true, email: true, locale: true, roles: { select: { role: true } } },
  });
}

export async function updateProfile(userId: string, input: { name: string; locale: Locale }) {
  await db.user.update({ where: { id: userId }, data: { name: input.name, locale: input.locale } });
}

/**
 * Replaces the password and ends every other session of the user, so a stolen
 * session dies with the old password. Returns false when the current one is wrong.
 */
export async function changePassword(userId: string, keepSessionId: string, current: string, next: string): Promise<boolean> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, current))) return false;
  const passwordHash = await hashPassword(next);
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { passwordHash } }),
    db.session.deleteMany({ where: { userId, id: { not: keepSessionId } } }),
    db.token.updateMany({ where: { userId, kind: "PASSWORD_RESET", usedAt: null }, data: { usedAt: new Date() } }),
    db.auditEvent.create({ data: { actorId: userId, subjectType: "User", subjectId: userId, type: "PASSWORD_CHANGED" } }),
  ]);
  return true;
}

export async function updateLocale(userId: string, locale: Locale) {
  await db.user.update({ where: { id: userId }, data: { locale } });
}
