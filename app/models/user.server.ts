import { hashPassword, verifyPassword } from "~/auth/password.server.ts";
import { db } from "~/db/client.server.ts";
import type { Locale, Role } from "~/domain/constants.ts";

// Verifying against this when the email is unknown keeps both failures equally slow.
// Computed on the first failed lookup, not when the module loads.
let unknownUserHash: Promise<string> | undefined;

async function findUserByEmail(email: string) {
  return db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, active: true, passwordHash: true } });
}

/** Returns the user id when the email and password match an active account. */
export async function verifyLogin(email: string, password: string): Promise<string | null> {
  const user = await findUserByEmail(email);
  const ok = await verifyPassword(user?.passwordHash ?? (await (unknownUserHash ??= hashPassword("unknown-user-timing-equaliser"))), password);
  return user && user.active && ok ? user.id : null;
}

export class EmailTakenError extends Error {}

export async function createUser(input: { name: string; email: string; password: string; locale: Locale; roles: Role[] }) {
  const email = input.email.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email, name: input.name, passwordHash, locale: input.locale, roles: { create: input.roles.map((role) => ({ role })) } },
        select: { id: true },
      });
      await tx.auditEvent.create({
        data: { actorId: user.id, subjectType: "User", subjectId: user.id, type: "USER_SIGNED_UP", details: JSON.stringify({ roles: input.roles }) },
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError(email);
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
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
