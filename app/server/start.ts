// `npm start`: one command from a fresh clone to a running app. `node scripts/run.mjs start` builds
// when the sources are newer than the build (scripts/build.mjs), then runs this file compiled
// (build/server/start.js) in the same plain node process: it migrates the database; in demo mode
// (the default, see launcherDemoMode) seeds the demo when the database is empty and prints its
// logins, in production mode prints how to create the first admin (app/server/launch.server.ts);
// serves (unless given --prepare-only) from the compiled server, one worker per core.
//
// Run from the sources (`tsx app/server/start.ts [--prepare-only]`), it only hands over to
// `node scripts/run.mjs start` with the same arguments: what serves is always the compiled build.
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prepareLauncherEnv, type Env } from "../config/env.server.ts";
import { startServer } from "./cluster.ts";

const BIN = path.resolve("node_modules/.bin");

/** Runs `node scripts/run.mjs start` with this process's arguments, passing signals on and its exit code back. */
function handOverToTheBuild(): void {
  const launcher = spawn(process.execPath, [path.resolve("scripts/run.mjs"), "start", ...process.argv.slice(2)], { stdio: "inherit" });
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => launcher.kill(signal));
  launcher.once("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function run(command: string, args: string[]) {
  execFileSync(path.join(BIN, command), args, { stdio: "inherit" });
}

async function prepareDatabase(env: Env) {
  // Imported once migrated: importing the database client (launch.server.ts does) opens the
  // database, and Prisma's migrate would then wait on this process's connection.
  const { createDb } = await import("../db/client.server.ts");
  const { prepareAccounts } = await import("./launch.server.ts");
  const { db, ready } = createDb(env.DATABASE_URL);
  await ready;
  try {
    await prepareAccounts(db, env, { log: (line) => console.log(line) });
  } finally {
    await db.$disconnect();
  }
}

async function launch() {
  const env = prepareLauncherEnv();
  // `--prepare-only` stops before serving: the end-to-end launcher (tests/e2e/servers.ts) prepares
  // one seeded database that way, then gives each of its servers a copy.
  if (process.argv.includes("--prepare-only")) {
    run("prisma", ["migrate", "deploy"]);
    await prepareDatabase(env);
    return;
  }
  // Migrating and preparing the accounts happen in a process of their own that exits when done:
  // this one goes on to supervise the workers, without Prisma's client or the seed in its memory.
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--prepare-only"], { stdio: "inherit" });
  await startServer();
}

if (import.meta.url.endsWith(".ts")) handOverToTheBuild();
else await launch();
