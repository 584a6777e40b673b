// The first admin of a production instance: no account is ever created with a known
// password. `npm run admin:create` makes the account (or gives an existing one the
// admin role) and prints a one-time link where its owner chooses the password.
import * as z from "zod/mini";
import type { Db } from "~/db/client.server.ts";
import { LOCALES, type Locale } from "~/domain/constants.ts";
import { issueToken } from "~/models/token.server.ts";
import { email, personName } from "~/schemas/auth.ts";

/** How long the printed link to choose the password stays valid. */
export const FIRST_ADMIN_LINK_TTL_MS = 24 * 60 * 60 * 1000;

export const ADMIN_CREATE_COMMAND = 'npm run admin:create -- --email you@example.org --name "Your Name"';

export class AdminAccountError extends Error {}

const inputSchema = z.object({ email, name: z.optional(personName), locale: z._default(z.enum(LOCALES), "fr") });

/**
 * Creates an admin account without a password (or adds the admin role to the account
 * that has this email) and returns a one-time link to choose its password: the
 * password-reset page, with a token that lasts FIRST_ADMIN_LINK_TTL_MS.
 */
export async function createAdminAccount(
  db: Db,
  input: { email: string; name?: string; locale?: string },
  options: { appUrl: string },
): Promise<{ userId: string; created: boolean; setPasswordUrl: string; expiresAt: Date }> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? "input")))];
    throw new AdminAccountError(`Invalid ${fields.join(", ")}: give --email (a valid address) and --name (2 to 120 characters).`);
  }
  const { email: address, name, locale } = parsed.data;
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: address }, select: { id: true } });
    if (!existing && !name) throw new AdminAccountError("A new account needs a name: give --name.");
    const user =
      existing ?? (await tx.user.create({ data: { email: address, name: name!, locale: locale as Locale }, select: { id: true } }));
    await tx.userRole.upsert({
      where: { userId_role: { userId: user.id, role: "ADMIN" } },
      create: { userId: user.id, role: "ADMIN" },
      update: {},
    });
    const token = await issueToken(tx, user.id, "PASSWORD_RESET", FIRST_ADMIN_LINK_TTL_MS);
    await tx.auditEvent.create({
      data: {
        subjectType: "User",
        subjectId: user.id,
        type: "ADMIN_CREATED",
        details: JSON.stringify({ email: address, by: "admin:create" }),
      },
    });
    return {
      userId: user.id,
      created: !existing,
      setPasswordUrl: `${options.appUrl.replace(/\/$/, "")}/reset-password/${token.raw}`,
      expiresAt: token.expiresAt,
    };
  });
}

/** Whether any active account can administer the platform. */
export async function hasAdmin(db: Db): Promise<boolean> {
  return (await db.user.count({ where: { active: true, roles: { some: { role: "ADMIN" } } } })) > 0;
}
