import { hashPassword } from "~/auth/password.server.ts";
import { db } from "~/db/client.server.ts";
import type { Locale, Role } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";

let sequence = 0;
export const TEST_PASSWORD = "correct-horse-battery";
let testPasswordHash: Promise<string> | undefined;

/** The authenticator secret of every test account given one (base32, as an app takes it). */
export const TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/**
 * A user with the given roles, all sharing one pre-computed password hash. An admin comes with a confirmed
 * authenticator (TEST_TOTP_SECRET), as the app requires of admins (issue 20); `twoFactor` says otherwise.
 */
export async function createTestUser(
  options: { roles?: Role[]; email?: string; name?: string; locale?: Locale; verified?: boolean; twoFactor?: boolean } = {},
) {
  sequence += 1;
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const twoFactor = options.twoFactor ?? (options.roles ?? []).includes("ADMIN");
  const user = await db.user.create({
    data: {
      email: (options.email ?? `user${sequence}-${process.pid}@example.test`).toLowerCase(),
      name: options.name ?? `Test User ${sequence}`,
      locale: options.locale ?? "fr",
      passwordHash: await testPasswordHash,
      // Like every account that existed before sign-ups were verified; `verified: false` for a fresh sign-up.
      emailVerifiedAt: options.verified === false ? null : new Date(),
      roles: { create: (options.roles ?? ["FOUNDER"]).map((role) => ({ role })) },
    },
  });
  if (twoFactor) await db.twoFactor.create({ data: { userId: user.id, secret: TEST_TOTP_SECRET, confirmedAt: new Date() } });
  return user;
}

/** The key and status of the UserError the promise rejects with; "accepted" when it resolves. */
export async function refusalOf(promise: Promise<unknown>): Promise<{ key: string; status: number } | "accepted"> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return { key: error.key, status: error.status };
    throw error;
  }
  return "accepted";
}
