// What PostgreSQL needs that SQLite gives for free, in one place (the README's "PostgreSQL").
//
// SQLite has one writer at a time: a transaction that reads then writes cannot interleave with
// another's write, so a rule checked inside the transaction that writes holds. On PostgreSQL two
// transactions run side by side; at its default isolation (READ COMMITTED) a rate limit of 8 let 20
// concurrent hits through. Every transaction therefore runs SERIALIZABLE there, and one that
// PostgreSQL aborts to keep that promise (a serialization failure or a deadlock, at any statement or
// at COMMIT) is run again from the start, as if it had come a moment later.
import type { PrismaPg } from "@prisma/adapter-pg";
import { QueryCompiler as PostgresQueryCompiler } from "@prisma/client/runtime/query_compiler_bg.postgresql.mjs";
import type { PrismaClient } from "~/generated/prisma/client.ts";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-pg/client.ts";
import { cacheQueryPlans } from "./query-plan-cache.server.ts";

/**
 * How many times a transaction is tried before its serialization failure is the caller's. Writers of one
 * row (a call's ranking mark, which every review submission moves on) commit one at a time and the others
 * run again: twenty reviewers submitting at the same moment need up to twenty tries.
 */
export const SERIALIZABLE_ATTEMPTS = 30;

/** PostgreSQL's SQLSTATEs for "run it again": serialization_failure and deadlock_detected. */
const RETRYABLE_SQLSTATES = new Set(["40001", "40P01"]);

/** True for an error PostgreSQL raised to abort a transaction that may simply be run again. */
export function isSerializationFailure(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && typeof current === "object" && depth < 6; depth++) {
    const candidate = current as { code?: unknown; originalCode?: unknown; cause?: unknown; message?: unknown };
    if (candidate.code === "P2034") return true;
    if (typeof candidate.originalCode === "string" && RETRYABLE_SQLSTATES.has(candidate.originalCode)) return true;
    if (typeof candidate.code === "string" && RETRYABLE_SQLSTATES.has(candidate.code)) return true;
    if (typeof candidate.message === "string" && /could not serialize access|deadlock detected/.test(candidate.message)) return true;
    current = candidate.cause;
  }
  return false;
}

/**
 * A random pause, growing with the attempt up to a quarter of a second, before trying again: the transactions
 * that collided spread out instead of colliding again.
 */
function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(250, 4 * 2 ** attempt)));
}

/**
 * Prisma's PostgreSQL adapter, loaded when the client first connects. This module is imported by every
 * process (app/db/client.server.ts), most of which run on SQLite: loading `pg` and the adapter up front
 * cost each of them memory for nothing (about 3 MB of RSS in a server worker, measured after importing
 * the server build; 15 MB in a bare Node process, where the Node modules `pg` needs are not loaded yet).
 * The client itself only needs the factory's provider and name until it connects.
 */
class LazyPrismaPg implements Pick<PrismaPg, "provider" | "adapterName" | "connect"> {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";

  constructor(private readonly config: ConstructorParameters<typeof PrismaPg>[0]) {}

  async connect() {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const adapter = await new PrismaPg(this.config).connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => statementsInTurn(await startTransaction(isolationLevel));
    return adapter;
  }
}

type Statements = { queryRaw(query: never): Promise<unknown>; executeRaw(query: never): Promise<unknown> };

/**
 * A transaction whose statements go to its connection one at a time. Prisma's query interpreter sends
 * the parts of a nested read (a row, then its relations) at the same moment, and node-postgres queues
 * them on the transaction's one client with a deprecation warning: pg 9 will refuse. Queued here, each
 * statement waits for the one before to end, failed or not.
 */
export function statementsInTurn<T extends Statements>(transaction: T): T {
  let previous: Promise<unknown> = Promise.resolve();
  const inTurn = <R>(run: () => Promise<R>): Promise<R> => {
    const result = previous.then(run, run);
    previous = result.catch(() => undefined);
    return result;
  };
  const queryRaw = transaction.queryRaw.bind(transaction);
  const executeRaw = transaction.executeRaw.bind(transaction);
  transaction.queryRaw = ((query: never) => inTurn(() => queryRaw(query))) as T["queryRaw"];
  transaction.executeRaw = ((query: never) => inTurn(() => executeRaw(query))) as T["executeRaw"];
  return transaction;
}

/** Opens a Prisma client on a PostgreSQL database whose every transaction is SERIALIZABLE and retried (above). */
export function createPostgresDb(url: string, options: { maxWaitMs: number }): PrismaClient {
  // The compiler module the generated client imports for PostgreSQL (app/generated/prisma-pg/internal/class.ts).
  cacheQueryPlans(PostgresQueryCompiler);
  // Both clients are generated from the same models (prisma/postgres/schema.prisma is derived from the
  // SQLite schema) and share Prisma's runtime; TypeScript sees two unrelated classes, so the app is
  // typed against the SQLite one.
  const db = new PostgresPrismaClient({
    // A request waiting for a connection gives up like one waiting for a transaction, rather than
    // forever (node-postgres waits without limit by default: a burst of transactions each waiting on
    // the others' locks then hung the test suite).
    adapter: new LazyPrismaPg({ connectionString: url, max: 20, connectionTimeoutMillis: options.maxWaitMs }),
    transactionOptions: { maxWait: options.maxWaitMs, isolationLevel: "Serializable" },
  }) as unknown as PrismaClient;
  const transaction = db.$transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
  (db as unknown as { $transaction: (...args: unknown[]) => Promise<unknown> }).$transaction = async (...args: unknown[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await transaction(...args);
      } catch (error) {
        if (attempt >= SERIALIZABLE_ATTEMPTS || !isSerializationFailure(error)) throw error;
        await backoff(attempt);
      }
    }
  };
  return db;
}
