// The database under several processes, and its upkeep.
//
// Transactions hold SQLite's write lock from their first statement (the patched
// adapter begins them IMMEDIATE), so that another process — a second server
// worker — can never commit between a transaction's read and its write: that
// would make the write fail at once (SQLITE_BUSY_SNAPSHOT) instead of waiting.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, DatabaseBusyError, db, dbReady } from "~/db/client.server.ts";
import { databaseFilePath } from "~/db/database-url.ts";
import { Database } from "~/db/sqlite.server.ts";

beforeAll(async () => {
  await dbReady;
});

describe("a Prisma transaction", () => {
  it("keeps other connections from writing from its first read until it ends", async () => {
    const other = new Database(databaseFilePath(), { fileMustExist: true, timeout: 0 });
    try {
      const writeElsewhere = () => other.pragma("user_version = 11");
      await db.$transaction(async (tx) => {
        await tx.site.findMany({ take: 1 });
        expect(writeElsewhere).toThrow(/busy|locked/i);
      });
      expect(writeElsewhere).not.toThrow();
    } finally {
      other.close();
    }
  });
});

describe("a new connection", () => {
  it("has its settings before any query, even a transaction opened at once (no PRAGMA lands inside it)", async () => {
    const file = `${databaseFilePath()}-fresh-${process.pid}.db`;
    const { db: client, ready } = createDb(`file:${file}`);
    try {
      // The first thing asked of the client is a transaction, racing the connection's set-up.
      const [, settings] = await Promise.all([
        ready,
        client.$transaction(async (tx) => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          return tx.$queryRawUnsafe<{ synchronous: bigint }[]>("PRAGMA synchronous");
        }),
      ]);
      expect(Number(settings[0]!.synchronous)).toBe(1); // NORMAL
      const journal = await client.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      expect(journal[0]!.journal_mode).toBe("wal");
      const keys = await client.$queryRawUnsafe<{ foreign_keys: bigint }[]>("PRAGMA foreign_keys");
      expect(Number(keys[0]!.foreign_keys)).toBe(1);
    } finally {
      await client.$disconnect();
    }
  });
});

describe("the adapter's statements (patched: patches/@prisma+adapter-better-sqlite3)", () => {
  it("prepares each SQL text once per connection, then runs it again with each query's own parameters", async () => {
    const prepare = vi.spyOn(Database.prototype, "prepare");
    const { db: client, ready } = createDb(`file:${databaseFilePath()}`);
    try {
      await ready;
      const site = (slug: string) =>
        client.site.create({ data: { slug, name: slug, nameAr: slug, sortOrder: slug.length } }).then((row) => row.id);
      const ids = [await site("statement-cache-a"), await site("statement-cache-bb")];
      const read = (id: string) => client.site.findUnique({ where: { id }, select: { slug: true, sortOrder: true } });
      const update = (id: string, sortOrder: number) =>
        client.$transaction(async (tx) => tx.site.update({ where: { id }, data: { sortOrder }, select: { sortOrder: true } }));
      // Once every text has been prepared, the same queries with other values prepare nothing.
      expect(await read(ids[0]!)).toEqual({ slug: "statement-cache-a", sortOrder: 17 });
      expect(await update(ids[0]!, 1)).toEqual({ sortOrder: 1 });
      const prepared = prepare.mock.calls.length;
      expect(await read(ids[1]!)).toEqual({ slug: "statement-cache-bb", sortOrder: 18 });
      expect(await update(ids[1]!, 2)).toEqual({ sortOrder: 2 });
      expect(await read(ids[0]!)).toEqual({ slug: "statement-cache-a", sortOrder: 1 });
      expect(await read("no-such-site")).toBeNull();
      expect(prepare.mock.calls.length - prepared, prepare.mock.calls.slice(prepared).join("\n")).toBe(0);
      // A failing statement fails as before (a unique slug taken twice), and the connection goes on.
      await expect(site("statement-cache-a")).rejects.toThrow(/Unique constraint/);
      expect(await read(ids[1]!)).toEqual({ slug: "statement-cache-bb", sortOrder: 2 });
    } finally {
      prepare.mockRestore();
      await client.$disconnect();
    }
  });
});

describe("a transaction that cannot get the write lock", () => {
  it("fails with a clear error when another connection holds the lock past the busy timeout, and the next ones work", async () => {
    const { db: client, ready } = createDb(`file:${databaseFilePath()}`, { busyTimeoutMs: 300 });
    await ready;
    const holder = new Database(databaseFilePath(), { fileMustExist: true });
    try {
      const sites = await client.site.count();
      // A write transaction elsewhere (another process, a backup) holds the lock longer than the busy timeout.
      holder.exec("BEGIN IMMEDIATE");
      const failed = await client
        .$transaction((tx) => tx.site.count())
        .then(
          () => null,
          (error: unknown) => error as Error,
        );
      expect(failed).toBeInstanceOf(DatabaseBusyError);
      expect(failed?.message).toMatch(/database is busy/i);
      // Reads still answer while the lock is held.
      expect(await client.site.count()).toBe(sites);
      holder.exec("COMMIT");

      // The failed start left nothing behind: later transactions start, one after another and side by side.
      for (let round = 0; round < 3; round++) expect(await client.$transaction((tx) => tx.site.count(), { maxWait: 2000 })).toBe(sites);
      const parallel = await Promise.all(Array.from({ length: 10 }, () => client.$transaction((tx) => tx.site.count(), { maxWait: 5000 })));
      expect(parallel).toEqual(Array(10).fill(sites));
    } finally {
      if (holder.inTransaction) holder.exec("ROLLBACK");
      holder.close();
      await client.$disconnect();
    }
  });
});

describe("transactions queued on the process's one connection", () => {
  it("wait their turn as long as the busy timeout, not Prisma's default 2 s", async () => {
    const { db: client, ready } = createDb(`file:${databaseFilePath()}`);
    await ready;
    try {
      // 30 transactions of 100 ms each: the last starts about 3 s after it was asked for.
      const started = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          client.$transaction(async (tx) => {
            await tx.site.count();
            await new Promise((resolve) => setTimeout(resolve, 100));
            return i;
          }),
        ),
      );
      expect(started).toEqual(Array.from({ length: 30 }, (_, i) => i));
    } finally {
      await client.$disconnect();
    }
  });
});

describe("/healthz", () => {
  it("answers 503 while no write transaction can start, even though reads still answer, and 200 again after", async () => {
    const { loader } = await import("~/routes/healthz.ts");
    expect((await loader()).status).toBe(200);
    const holder = new Database(databaseFilePath(), { fileMustExist: true });
    try {
      holder.exec("BEGIN IMMEDIATE");
      expect(await db.site.count()).toBeGreaterThanOrEqual(0);
      const busy = await loader();
      expect(busy.status).toBe(503);
      expect(await busy.json()).toEqual({ status: "error", database: "no write transaction" });
      holder.exec("COMMIT");
      expect((await loader()).status).toBe(200);
    } finally {
      if (holder.inTransaction) holder.exec("ROLLBACK");
      holder.close();
    }
  });
});

describe("the scheduled jobs' clean-up", () => {
  it("removes expired sessions and ended rate-limit windows, and keeps live ones", async () => {
    const { startScheduledJobs } = await import("~/jobs/scheduler.server.ts");
    const { createTestUser } = await import("../support/factories.ts");
    const user = await createTestUser();
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 60 * 60_000);
    await db.session.createMany({
      data: [
        { id: "expired-session", userId: user.id, expiresAt: past },
        { id: "live-session", userId: user.id, expiresAt: future },
      ],
    });
    await db.rateLimit.createMany({
      data: [
        { key: "ended-window", count: 3, resetAt: past },
        { key: "open-window", count: 3, resetAt: future },
      ],
    });
    const lines: string[] = [];
    const jobs = startScheduledJobs((line) => lines.push(line), 60_000);
    await jobs.stop();
    expect(await db.session.findMany({ where: { id: { in: ["expired-session", "live-session"] } }, select: { id: true } })).toEqual([
      { id: "live-session" },
    ]);
    expect(await db.rateLimit.findMany({ where: { key: { in: ["ended-window", "open-window"] } }, select: { key: true } })).toEqual([
      { key: "open-window" },
    ]);
    expect(lines.join("\n")).toMatch(/"purged":\{"sessions":[1-9]/);
  });
});
