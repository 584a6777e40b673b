import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Migrated templates, one per state of the migrations and Prisma version (a few seconds saved per run). */
const CACHE_DIR = path.resolve("node_modules/.cache/tremplin-tests");

/** What the migrated template depends on: every migration file and the Prisma CLI that applies them. */
function migrationsKey(): string {
  const hash = crypto.createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else
        hash
          .update(`${path.relative("prisma/migrations", file)}\0`)
          .update(fs.readFileSync(file))
          .update("\0");
    }
  };
  walk(path.resolve("prisma/migrations"));
  hash.update(fs.readFileSync(path.resolve("node_modules/prisma/package.json")));
  return hash.digest("hex").slice(0, 16);
}

/**
 * Migrates one template database per run (or copies the one an earlier run migrated from the
 * same migrations); every test file then works on its own copy (tests/support/worker-database.ts).
 * Each run has its own folder, so two runs on one machine never touch each other's files.
 */
export default async function setup() {
  const runDir = path.resolve("var/test", `run-${process.pid}`);
  fs.mkdirSync(runDir, { recursive: true });
  process.env.TREMPLIN_TEST_DIR = runDir;
  if (process.env.TEST_DATABASE_URL) {
    // `npm run test:pg`: one migrated template database on the server; every file gets a copy.
    const { dropPostgresDatabases, migratedPostgresTemplate } = await import("./postgres.ts");
    const prefix = `tremplin_t_${process.pid}`;
    process.env.TREMPLIN_TEST_PG_TEMPLATE = await migratedPostgresTemplate(`${prefix}_template`);
    return async () => {
      await dropPostgresDatabases(prefix);
      fs.rmSync(runDir, { recursive: true, force: true });
    };
  }
  const template = path.join(runDir, "template.db");
  const cached = path.join(CACHE_DIR, `template-${migrationsKey()}.db`);
  if (fs.existsSync(cached)) {
    fs.copyFileSync(cached, template);
  } else {
    // The CLI itself, not through npx (which costs a few seconds more on a busy machine).
    execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: `file:${template}` },
      stdio: "pipe",
    });
    // Written under another name, then renamed: a run starting meanwhile never copies half a file.
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${cached}.${process.pid}.partial`;
    fs.copyFileSync(template, partial);
    fs.renameSync(partial, cached);
  }
  return () => fs.rmSync(runDir, { recursive: true, force: true });
}
