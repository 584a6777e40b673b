// What `npm start` does with the accounts before serving (app/server/start.ts).
//
// Demo mode (the quick start): an empty database is seeded with the demo, whose
// accounts share the install's generated password (var/demo-password, or
// DEMO_PASSWORD), printed with the logins at every start.
// Production (TREMPLIN_DEMO=off, or NODE_ENV=production set explicitly): nothing is
// seeded and no account is created; without an admin, the start prints the command
// that creates the first one with a one-time link.
import { verifyPassword } from "~/auth/password.server.ts";
import { DEMO_PASSWORD_FILE, DEMO_TOTP_SECRET_FILE, demoPassword, demoTotpSecret } from "~/config/env.server.ts";
import type { Db } from "~/db/client.server.ts";
import { ADMIN_CREATE_COMMAND, hasAdmin } from "~/ops/admin-account.server.ts";

export type LaunchConfig = { DEMO_MODE: boolean; DEMO_PASSWORD?: string; DEMO_TOTP_SECRET?: string };

export async function prepareAccounts(
  db: Db,
  config: LaunchConfig,
  options: { log: (line: string) => void; demoPasswordFile?: string; demoTotpSecretFile?: string },
): Promise<void> {
  const { log } = options;
  const { DEMO_ACCOUNTS, seedDatabase } = await import("../../prisma/seed.ts");
  const demoEmails = DEMO_ACCOUNTS.map((account) => account.email);

  if (!config.DEMO_MODE) {
    if (!(await hasAdmin(db))) {
      log("No admin account yet (production mode: nothing is seeded). Create the first admin with");
      log(`  ${ADMIN_CREATE_COMMAND}`);
      log("which prints a one-time link to choose its password.");
    }
    const demoLeft = await db.user.count({ where: { email: { in: demoEmails } } });
    if (demoLeft > 0) {
      log(
        `Warning: this database holds ${demoLeft} demo account(s) (${demoEmails[0]}, …): a production instance should start from an empty database.`,
      );
    }
    return;
  }

  const passwordFile = options.demoPasswordFile ?? DEMO_PASSWORD_FILE;
  const password = demoPassword(config, passwordFile);
  const totpSecretFile = options.demoTotpSecretFile ?? DEMO_TOTP_SECRET_FILE;
  const adminTotpSecret = demoTotpSecret(config, totpSecretFile);
  if ((await db.user.count()) === 0) {
    log("Empty database: seeding the demo…");
    await seedDatabase(db, { password, adminTotpSecret, log: (line) => log(`  ${line}`) });
  }
  const present = await db.user.findMany({ where: { email: { in: demoEmails } }, select: { email: true, passwordHash: true } });
  if (present.length === 0) return;
  const admin = present.find((user) => user.email === demoEmails[0]) ?? present[0];
  if (!admin.passwordHash || !(await verifyPassword(admin.passwordHash, password))) {
    log("Demo mode: the demo accounts' password is not this install's demo password (seeded elsewhere, or changed).");
    log("  Seed again with `npm run db:seed -- --reset`, or use the password you chose.");
    return;
  }
  const source = config.DEMO_PASSWORD !== undefined ? "DEMO_PASSWORD" : `generated for this install, kept in ${passwordFile}`;
  log("");
  log(`Demo mode — logins (password for all: ${password}, ${source}):`);
  const emails = new Set(present.map((user) => user.email));
  for (const account of DEMO_ACCOUNTS.filter((a) => emails.has(a.email))) {
    log(`  ${account.role.padEnd(8)} ${account.email}  (${account.name})`);
  }
  // Admins must use two-step verification: the demo admin's authenticator is this install's secret.
  const adminFactor = await db.twoFactor.findFirst({
    where: { user: { email: demoEmails[0] }, confirmedAt: { not: null } },
    select: { secret: true },
  });
  if (adminFactor?.secret === adminTotpSecret) {
    const totpSource = config.DEMO_TOTP_SECRET !== undefined ? "DEMO_TOTP_SECRET" : `kept in ${totpSecretFile}`;
    log(`The admin's log-in also asks for a code: add the secret ${adminTotpSecret} (${totpSource}) to an authenticator app,`);
    log("  or print the current code with `npm run -s demo:code`.");
  }
  log("");
}
