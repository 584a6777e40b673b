import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * Migrates one template database per run; every test file then works on its
 * own copy (tests/support/worker-database.ts). Each run has its own folder, so
 * two runs on one machine never touch each other's files.
 */
export default function setup() {
  const runDir = path.resolve("var/test", `run-${process.pid}`);
  fs.mkdirSync(runDir, { recursive: true });
  // The CLI itself, not through npx (which costs a few seconds more on a busy machine).
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(runDir, "template.db")}` },
    stdio: "pipe",
  });
  process.env.TREMPLIN_TEST_DIR = runDir;
  return () => fs.rmSync(runDir, { recursive: true, force: true });
}
