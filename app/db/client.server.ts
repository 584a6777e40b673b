import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { databaseFilePath } from "./database-url.ts";

export type Db = PrismaClient;
/** The client handed to code running inside `db.$transaction(async (tx) => …)`. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** Opens a Prisma client on an SQLite file with WAL, foreign keys and a busy timeout. */
export function createDb(url?: string): { db: PrismaClient; ready: Promise<void> } {
  const file = databaseFilePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: 5000 });
  const db = new PrismaClient({ adapter });
  const ready = (async () => {
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
    await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
    await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  })();
  return { db, ready };
}

// One client per process; kept on globalThis so dev rebuilds do not leak connections.
const globalForDb = globalThis as unknown as { __tremplinDb?: ReturnType<typeof createDb> };
const instance = (globalForDb.__tremplinDb ??= createDb());

export const db = instance.db;
export const dbReady = instance.ready;
