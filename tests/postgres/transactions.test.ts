// Transactions on PostgreSQL (app/db/postgres.server.ts): SERIALIZABLE, and run again when
// PostgreSQL aborts one to keep that promise, so that a rule checked inside the transaction that
// writes holds under concurrency as it does on SQLite's single writer.
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { SERIALIZABLE_ATTEMPTS } from "~/db/postgres.server.ts";

await dbReady;

/** Takes one of `limit` places for `key` if one is left, counting inside the transaction that writes. */
async function takePlace(key: string, index: number, limit: number): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const taken = await tx.rateLimit.count({ where: { key: { startsWith: `${key}:` } } });
    if (taken >= limit) return false;
    await tx.rateLimit.create({ data: { key: `${key}:${index}`, count: 1, resetAt: new Date() } });
    return true;
  });
}

describe("a transaction on PostgreSQL", () => {
  it("sends its statements to its connection one at a time, also the parts of a nested read Prisma sends together", async () => {
    const queries = pg.Client.prototype.query;
    let overlapping = 0;
    let sent = 0;
    const spy = vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const client = this as pg.Client & { activeQuery?: unknown; queryQueue?: unknown[] };
      sent++;
      if (client.activeQuery || (client.queryQueue?.length ?? 0) > 0) overlapping++;
      return (queries as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof queries);
    try {
      const user = await db.user.create({ data: { email: `nested-${Date.now()}@example.org`, name: "Nested", passwordHash: "x" } });
      for (let round = 0; round < 5; round++) {
        const read = await db.$transaction((tx) =>
          tx.user.findUnique({ where: { id: user.id }, select: { id: true, roles: true, sessions: true, applications: true } }),
        );
        expect(read?.id).toBe(user.id);
      }
    } finally {
      spy.mockRestore();
    }
    expect(sent).toBeGreaterThan(0);
    expect(overlapping).toBe(0);
  });

  it("runs on the PostgreSQL database the suite gave this file", async () => {
    expect(process.env.DATABASE_URL).toMatch(/^postgres(ql)?:\/\//);
    const [{ level }] = await db.$transaction((tx) =>
      tx.$queryRawUnsafe<Array<{ level: string }>>("SELECT current_setting('transaction_isolation') AS level"),
    );
    expect(level).toBe("serializable");
  });

  it("keeps a limit of 8 checked inside it when 20 take a place at once (5 rounds)", async () => {
    for (let round = 0; round < 5; round++) {
      const key = `places-${round}`;
      const results = await Promise.all(Array.from({ length: 20 }, (_, index) => takePlace(key, index, 8)));
      expect(results.filter(Boolean)).toHaveLength(8);
      expect(await db.rateLimit.count({ where: { key: { startsWith: `${key}:` } } })).toBe(8);
    }
  });

  it("gives up after a bounded number of attempts, with PostgreSQL's own error", async () => {
    let attempts = 0;
    const failing = db.$transaction(async () => {
      attempts++;
      throw Object.assign(new Error("could not serialize access due to read/write dependencies among transactions"), { code: "40001" });
    });
    await expect(failing).rejects.toThrow(/could not serialize access/);
    expect(attempts).toBe(SERIALIZABLE_ATTEMPTS);
  });
});
