import fs from "node:fs";
import path from "node:path";
import { vi } from "vitest";

// Runs before each test file imports the app: point it at a fresh copy of the
// migrated template so files never see each other's rows.
//
// A worker process runs one file after another (vitest.config.ts: `isolate: false`,
// which spares each file a process of its own and the loading of Prisma, Remix and
// React into it). So that a file still starts as it would in a new process, the
// previous file's database client is closed, the app's modules are dropped (the file
// imports them afresh, against its own database), and the environment, the clock and
// stubbed globals are put back as the worker started. (Mocks are per file in Vitest
// whatever the isolation; spies are restored after each file.)
const worker = globalThis as unknown as {
  /** process.env as this worker process started, before any file changed it. */
  __tremplinWorkerEnv?: Record<string, string | undefined>;
  /** How many files this worker process has started (names their databases apart). */
  __tremplinWorkerFiles?: number;
  /** The app's database client (app/db/client.server.ts). */
  __tremplinDb?: { db: { $disconnect(): Promise<void> } };
  /** The read cache's PostgreSQL connection (app/db/read-cache.server.ts). */
  __tremplinSnapshotConnection?: { end(): Promise<void> };
};

const startEnv = (worker.__tremplinWorkerEnv ??= { ...process.env });
if (worker.__tremplinWorkerFiles !== undefined) {
  const previous = worker.__tremplinDb;
  delete worker.__tremplinDb;
  // On PostgreSQL, closing the pool waits for every connection to come back: one a test left
  // checked out (a request it abandoned mid-transaction) would hold the next file forever.
  await Promise.race([previous?.db.$disconnect(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  const snapshots = worker.__tremplinSnapshotConnection;
  delete worker.__tremplinSnapshotConnection;
  await snapshots?.end().catch(() => undefined);
  vi.resetModules();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  for (const key of Object.keys(process.env)) if (!(key in startEnv)) delete process.env[key];
  for (const [key, value] of Object.entries(startEnv)) if (value !== undefined) process.env[key] = value;
}
worker.__tremplinWorkerFiles = (worker.__tremplinWorkerFiles ?? 0) + 1;

const dir = process.env.TREMPLIN_TEST_DIR;
if (!dir) throw new Error("TREMPLIN_TEST_DIR is not set: run the tests through vitest (tests/support/global-setup.ts)");
const name = `${process.env.VITEST_POOL_ID ?? "0"}-${process.pid}-${worker.__tremplinWorkerFiles}-${Date.now()}`;
const postgresTemplate = process.env.TREMPLIN_TEST_PG_TEMPLATE;
if (postgresTemplate) {
  // On PostgreSQL (`npm run test:pg`, tests/support/global-setup.ts): a database copied from the migrated template.
  const { copyPostgresTemplate } = await import("./postgres.ts");
  // Named after the template (the run's prefix), so that the run drops it at the end.
  const copy = `${postgresTemplate.replace(/_template$/, "")}_${name.replaceAll("-", "_")}`;
  process.env.DATABASE_URL = await copyPostgresTemplate(postgresTemplate, copy);
} else {
  const file = path.join(dir, `db-${name}.db`);
  fs.copyFileSync(path.join(dir, "template.db"), file);
  process.env.DATABASE_URL = `file:${file}`;
}
process.env.STORAGE_DIR = path.join(dir, `storage-${name}`);
process.env.MAILBOX_DIR = path.join(dir, `mailbox-${name}`);
