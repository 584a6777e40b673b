// The database under several processes, and its upkeep.
//
// Transactions hold SQLite's write lock from their first statement (the patched
// adapter begins them IMMEDIATE), so that another process — a second server
// worker — can never commit between a transaction's read and its write: that
// would make the write fail at once (SQLITE_BUSY_SNAPSHOT) instead of waiting.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
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

describe("the scheduled jobs' clean-up", () => {
  it("removes expired sessions and ended rate-limit windows, and keeps live ones", async () => {
    const { startScheduledJobs } = await import("~/jobs/scheduler.server.ts");
    const { createTestUser } = await import("../support/factories.ts");
    const user = await createTestUser();
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 60 * 60_000);
    await db.session.createMany({ data: [{ id: "expired-session", userId: user.id, expiresAt: past }, { id: "live-session", userId: user.id, expiresAt: future }] });
    await db.rateLimit.createMany({ data: [{ key: "ended-window", count: 3, resetAt: past }, { key: "open-window", count: 3, resetAt: future }] });
    const lines: string[] = [];
    const jobs = startScheduledJobs((line) => lines.push(line), 60_000);
    await jobs.stop();
    expect(await db.session.findMany({ where: { id: { in: ["expired-session", "live-session"] } }, select: { id: true } })).toEqual([{ id: "live-session" }]);
    expect(await db.rateLimit.findMany({ where: { key: { in: ["ended-window", "open-window"] } }, select: { key: true } })).toEqual([{ key: "open-window" }]);
    expect(lines.join("\n")).toMatch(/"purged":\{"sessions":[1-9]/);
  });
});
