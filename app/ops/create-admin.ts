// `npm run admin:create`: the first admin of an instance (or another one), without a
// password anyone else knows: the account gets a one-time link, printed here, where
// its owner chooses the password.
//
//   npm run admin:create -- --email you@example.org --name "Your Name" [--locale fr|en|ar]
import { parseArgs } from "node:util";
import { parseEnv } from "../config/env.server.ts";
import { createDb } from "../db/client.server.ts";
import { AdminAccountError, createAdminAccount, FIRST_ADMIN_LINK_TTL_MS } from "./admin-account.server.ts";

const USAGE = `Usage:
  npm run admin:create -- --email you@example.org --name "Your Name" [--locale fr|en|ar]
Creates the admin account (or gives the admin role to the account with this email) and
prints a one-time link, valid ${FIRST_ADMIN_LINK_TTL_MS / 3_600_000} h, where its owner chooses the password.`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        email: { type: "string" },
        name: { type: "string" },
        locale: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help || !args.email) {
    console.log(USAGE);
    return args.help ? 0 : 2;
  }
  const config = parseEnv(undefined, { signsNothing: true });
  const { db, ready } = createDb(config.DATABASE_URL);
  try {
    await ready;
    const admin = await createAdminAccount(db, { email: args.email, name: args.name, locale: args.locale }, { appUrl: config.APP_URL });
    console.log(
      `${admin.created ? "Created the admin account" : "Gave the admin role to the account"} ${args.email.trim().toLowerCase()}.\n` +
        `Open this one-time link to choose its password (valid until ${admin.expiresAt.toISOString()}):\n\n  ${admin.setPasswordUrl}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof AdminAccountError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
