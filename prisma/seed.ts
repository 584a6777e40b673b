/**
 * The demo seed's command line (the seed itself: prisma/seed/index.ts).
 *
 *   npx tsx prisma/seed.ts                          seed an empty database (DATABASE_URL or var/tremplin.db)
 *   npx tsx prisma/seed.ts --reset                  delete every row first
 *   SEED_APPLICATIONS=20000 npx tsx prisma/seed.ts  size of the open call (default 40)
 *
 * The demo runs only in demo mode (see launcherDemoMode: the default of a local run,
 * TREMPLIN_DEMO=on with NODE_ENV=production). Its accounts share one password, never
 * a published one: DEMO_PASSWORD when set, else generated per install into
 * var/demo-password (see demoPassword).
 */
import { pathToFileURL } from "node:url";
import { Prisma } from "~/generated/prisma/client.ts";
import { clearDatabase, DEFAULT_APPLICATIONS, DEMO_ACCOUNTS, seedDatabase } from "./seed/index.ts";
import { elapsedSince } from "./seed/shared.ts";

export { clearDatabase, DEMO_ACCOUNTS, seedDatabase, type DemoAccount, type SeedOptions, type SeedSummary } from "./seed/index.ts";

/** A problem the person running the command can fix: reported as one line, without a stack. */
class SeedCommandError extends Error {}

function parseApplicationCount(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_APPLICATIONS;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) {
    throw new SeedCommandError(`SEED_APPLICATIONS must be a non-negative integer, got "${value}".`);
  }
  return count;
}

async function main(): Promise<void> {
  const reset = process.argv.slice(2).includes("--reset");
  const applications = parseApplicationCount(process.env.SEED_APPLICATIONS);
  const { demoPassword, demoTotpSecret, launcherDemoMode } = await import("~/config/env.server.ts");
  if (!launcherDemoMode(process.env)) {
    throw new SeedCommandError("The demo seed runs only in demo mode: set TREMPLIN_DEMO=on (NODE_ENV=production turns it off).");
  }
  const password = demoPassword({ DEMO_MODE: true, DEMO_PASSWORD: process.env.DEMO_PASSWORD || undefined });
  const adminTotpSecret = demoTotpSecret({ DEMO_MODE: true, DEMO_TOTP_SECRET: process.env.DEMO_TOTP_SECRET || undefined });
  // Imported here so that importing DEMO_ACCOUNTS never opens the default database.
  const { db, dbReady } = await import("~/db/client.server.ts");
  const { databaseLabel } = await import("~/db/database-url.ts");
  const target = databaseLabel();
  try {
    await dbReady;
    const existingUsers = await db.user.count().catch((error: unknown) => {
      const missingTable = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2021";
      throw missingTable ? new SeedCommandError(`${target} has no tables yet: run \`npx prisma migrate deploy\` first.`) : error;
    });
    if (existingUsers > 0 && !reset) {
      throw new SeedCommandError(`${target} already has ${existingUsers} users. Run with --reset to delete every row and seed again.`);
    }
    if (reset) {
      const started = performance.now();
      await clearDatabase(db);
      console.log(`cleared ${target} in ${elapsedSince(started)}`);
    }
    console.log(`seeding ${target} with ${applications} applications on the open call`);
    const summary = await seedDatabase(db, { password, adminTotpSecret, applications, log: (line) => console.log(line) });
    console.log(
      `${summary.applications} applications on ${summary.calls} calls, ${summary.founders} founders, ` +
        `${summary.reviewers} reviewers, ${summary.reviews} reviews, ${summary.offers} offers`,
    );
    console.log(`demo logins (password "${password}"${process.env.DEMO_PASSWORD ? "" : ", kept in var/demo-password"}):`);
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.role.padEnd(9)}${account.email.padEnd(30)}${account.name}`);
    console.log(`the admin's authenticator secret: ${adminTotpSecret} (\`npm run -s demo:code\` prints the current code)`);
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof SeedCommandError ? error.message : error);
      process.exit(1);
    },
  );
}
