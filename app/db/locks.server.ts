// A lock on a name, for a rule that spans rows and something outside the database: a stored file
// that attachments share by content is placed and deleted by transactions that may run side by side.
import { db, type Tx } from "./client.server.ts";
import { databaseProvider } from "./database-url.ts";

/** Holds the lock named `name` until `tx` ends; a transaction asking for it meanwhile waits. */
export async function lockName(tx: Tx, name: string): Promise<void> {
  // SQLite: every transaction holds the database's write lock from its start (BEGIN IMMEDIATE, see
  // patches/), so no other runs beside it.
  if (databaseProvider() !== "postgresql") return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`;
}

/**
 * Runs `work` in a transaction of its own that holds the lock named `name`, every statement of it
 * seeing what committed before the statement started. On PostgreSQL that is READ COMMITTED: a
 * SERIALIZABLE transaction reads from a snapshot taken at its first statement — the wait for the
 * lock — and would miss what the lock's previous holder committed.
 */
export function withLockedName<T>(name: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  const run = async (tx: Tx) => {
    await lockName(tx, name);
    return work(tx);
  };
  // The app is typed against the SQLite client, whose only level is Serializable.
  const options = (databaseProvider() === "postgresql" ? { isolationLevel: "ReadCommitted" } : {}) as { isolationLevel?: "Serializable" };
  return db.$transaction(run, options);
}
