// Each test file starts as in a process of its own, though a worker runs file after file
// (vitest.config.ts: `isolate: false`; tests/support/worker-database.ts resets what the
// previous file left): the app's database client is this file's, on a database of its own
// with no row in it, and the clock is the real one. This file runs after others in its
// worker (small, it is scheduled late), so it fails if that reset stops working.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { appTables, connectedDatabase } from "../support/database-faults.ts";

/**
 * How tests/support/worker-database.ts names a file's database: `db-<pool>-<pid>-<file>-<time>.db`
 * on SQLite, `<run>_<pool>_<pid>_<file>_<time>` on PostgreSQL.
 */
const PER_FILE_DATABASE = /(\/db-\d+-\d+-\d+-\d+\.db|_\d+_\d+_\d+_\d+)$/;

beforeAll(async () => {
  await dbReady;
});

describe("a test file in a reused worker", () => {
  it("gets the app's database client on a database of its own", async () => {
    const { reported, configured } = await connectedDatabase();
    expect(reported).toBe(configured);
    expect(reported).toMatch(PER_FILE_DATABASE);
  });

  it("finds that database empty: no row left by another file", async () => {
    const tables = await appTables();
    expect(tables.length).toBeGreaterThan(10);
    const counts: Record<string, number> = {};
    for (const name of tables) {
      const [{ count }] = await db.$queryRawUnsafe<Array<{ count: bigint | number }>>(`SELECT COUNT(*) AS count FROM "${name}"`);
      if (Number(count) > 0) counts[name] = Number(count);
    }
    expect(counts).toEqual({});
  });

  it("runs on the real clock", () => {
    expect(vi.isFakeTimers()).toBe(false);
    expect(Math.abs(Date.now() - performance.timeOrigin - performance.now())).toBeLessThan(60_000);
  });
});
