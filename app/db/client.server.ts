import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { QueryCompiler as SqliteQueryCompiler } from "@prisma/client/runtime/query_compiler_bg.sqlite.mjs";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { databaseUrl } from "~/config/env.server.ts";
import { databaseFilePath, databaseProvider } from "./database-url.ts";
import { createPostgresDb } from "./postgres.server.ts";
import { cacheQueryPlans } from "./query-plan-cache.server.ts";

export type Db = PrismaClient;
/** The client handed to code running inside `db.$transaction(async (tx) => …)`. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** How long a statement waits for another connection's write lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * A transaction could not start: another connection (a server worker, the outbox
 * worker, a backup) held SQLite's write lock for longer than the busy timeout.
 */
export class DatabaseBusyError extends Error {
  constructor(busyTimeoutMs: number, options?: ErrorOptions) {
    super(
      `The database is busy: another connection held its write lock for more than ${busyTimeoutMs} ms, so this transaction could not start.`,
      options,
    );
    this.name = "DatabaseBusyError";
  }
}

function isSqliteBusy(error: unknown): boolean {
  const cause = (error as { cause?: { originalCode?: unknown } } | null)?.cause;
  return typeof cause?.originalCode === "string" && cause.originalCode.startsWith("SQLITE_BUSY");
}

/**
 * The adapter, with a transaction start that failed on the write lock reported as a
 * DatabaseBusyError (Prisma would say only "Operation has timed out"). The adapter's
 * own mutex is released on that failure by patches/@prisma+adapter-better-sqlite3.
 */
class SqliteAdapterFactory extends PrismaBetterSQLite3 {
  constructor(
    config: ConstructorParameters<typeof PrismaBetterSQLite3>[0],
    private readonly busyTimeoutMs: number,
  ) {
    super(config);
  }

  override async connect() {
    const adapter = await super.connect();
    // Set on the connection before Prisma can use it: a PRAGMA sent later could land
    // inside a transaction another request already opened on this single connection,
    // where SQLite refuses `synchronous` ("Safety level may not be changed inside a
    // transaction") and the worker would die.
    for (const pragma of [
      "PRAGMA journal_mode = WAL",
      "PRAGMA foreign_keys = ON",
      `PRAGMA busy_timeout = ${Math.round(this.busyTimeoutMs)}`,
      "PRAGMA synchronous = NORMAL",
    ]) {
      await adapter.queryRaw({ sql: pragma, args: [], argTypes: [] });
    }
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      try {
        return await startTransaction(isolationLevel);
      } catch (error) {
        throw isSqliteBusy(error) ? new DatabaseBusyError(this.busyTimeoutMs, { cause: error }) : error;
      }
    };
    return adapter;
  }
}

/**
 * Opens a Prisma client on DATABASE_URL (or `url`): an SQLite file with WAL, foreign keys and a
 * busy timeout, or a PostgreSQL database (being ported: see the README's "PostgreSQL").
 */
export function createDb(url = databaseUrl(), options: { busyTimeoutMs?: number } = {}): { db: PrismaClient; ready: Promise<void> } {
  if (databaseProvider(url) === "postgresql") {
    const db = createPostgresDb(url, { maxWaitMs: options.busyTimeoutMs ?? BUSY_TIMEOUT_MS });
    return { db, ready: db.$connect() };
  }
  // The compiler module the generated client imports for SQLite (app/generated/prisma/internal/class.ts),
  // as createPostgresDb does for its own.
  cacheQueryPlans(SqliteQueryCompiler);
  const file = databaseFilePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const busyTimeoutMs = options.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
  const adapter = new SqliteAdapterFactory({ url: file, timeout: busyTimeoutMs }, busyTimeoutMs);
  // The process's one connection takes one transaction at a time; the others queue. Prisma gives
  // up on a queued one after 2 s by default: a burst of forty form posts to one worker failed
  // under load. They wait as long as for another process's write lock instead.
  const db = new PrismaClient({ adapter, transactionOptions: { maxWait: busyTimeoutMs } });
  const ready = db.$connect();
  return { db, ready };
}

// One client per process; kept on globalThis so dev rebuilds do not leak connections.
const globalForDb = globalThis as unknown as { __tremplinDb?: ReturnType<typeof createDb> };
const instance = (globalForDb.__tremplinDb ??= createDb());

export const db = instance.db;
export const dbReady = instance.ready;
