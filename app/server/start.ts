// `npm start`: one command from a fresh clone to a running app.
// Migrates the database; in demo mode (the default, see launcherDemoMode) seeds the
// demo when the database is empty and prints its logins, in production mode prints
// how to create the first admin (app/server/launch.server.ts); builds when the
// sources are newer than the build; serves (unless given --prepare-only).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { launcherDemoMode, localSessionSecret, parseEnv } from "../config/env.server.ts";
import { createDb } from "../db/client.server.ts";
import { BUILD_PATH, startServer } from "./index.ts";
import { prepareAccounts } from "./launch.server.ts";

const BIN = path.resolve("node_modules/.bin");
const BUILD_INPUTS = ["app", "public/favicon.svg", "remix.config.js", "package.json"];

// Decided before NODE_ENV gets its default: only an explicit NODE_ENV=production turns the demo off.
process.env.TREMPLIN_DEMO = launcherDemoMode(process.env) ? "on" : "off";
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

async function prepareDatabase() {
  const { db, ready } = createDb(env.DATABASE_URL);
  await ready;
  try {
    await prepareAccounts(db, env, { log: (line) => console.log(line) });
  } finally {
    await db.$disconnect();
  }
}

run("prisma", ["migrate", "deploy"]);
await prepareDatabase();
if (buildIsStale()) run("remix", ["build"]);
// `--prepare-only` stops before serving: the end-to-end launcher (tests/e2e/servers.ts) prepares
// one seeded database that way, then gives each of its servers a copy.
if (!process.argv.includes("--prepare-only")) await startServer();
