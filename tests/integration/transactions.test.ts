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
