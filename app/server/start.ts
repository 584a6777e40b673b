// `npm start`: one command from a fresh clone to a running, seeded app.
// Migrates the database, seeds the demo when it is empty, builds when the
// sources are newer than the build, prints the demo logins and serves.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { localSessionSecret, parseEnv } from "../config/env.server.ts";
import { createDb } from "../db/client.server.ts";
import { BUILD_PATH, startServer } from "./index.ts";

const BIN = path.resolve("node_modules/.bin");
const BUILD_INPUTS = ["app", "public/favicon.svg", "remix.config.js", "package.json"];

process.env.NODE_ENV ??= "production";
if (!process.env.SESSION_SECRET) {
  // Local runs keep a generated secret in var/; real deployments set SESSION_SECRET.
  process.env.SESSION_SECRET = localSessionSecret();
}
const env = parseEnv();

function run(command: string, args: string[]) {
  execFileSync(path.join(BIN, command), args, { stdio: "inherit", env: process.env });
}

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

function buildIsStale(): boolean {
  if (!fs.existsSync(BUILD_PATH)) return true;
  const built = fs.statSync(BUILD_PATH).mtimeMs;
  return BUILD_INPUTS.some((input) => newestMtime(input) > built);
}

async function seedIfEmpty() {
  const { db, ready } = createDb(env.DATABASE_URL);
  await ready;
  try {
    const { seedDatabase, DEMO_ACCOUNTS, DEMO_PASSWORD } = await import("../../prisma/seed.ts");
    if ((await db.user.count()) === 0) {
      console.log("Empty database: seeding the demo…");
      await seedDatabase(db, { log: (line) => console.log(`  ${line}`) });
    }
    const demo = await db.user.findMany({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } }, select: { email: true } });
    if (demo.length > 0) {
      const present = new Set(demo.map((u) => u.email));
      console.log(`\nDemo logins (password for all: ${DEMO_PASSWORD}):`);
      for (const account of DEMO_ACCOUNTS.filter((a) => present.has(a.email))) {
        console.log(`  ${account.role.padEnd(8)} ${account.email}  (${account.name})`);
      }
      console.log("");
    }
  } finally {
    await db.$disconnect();
  }
}

run("prisma", ["migrate", "deploy"]);
await seedIfEmpty();
if (buildIsStale()) run("remix", ["build"]);
await startServer();
