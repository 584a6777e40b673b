// Reads that most requests repeat — the sites, the calls, the session behind a
// cookie — kept in memory until the database changes. A separate read-only
// connection asks SQLite for `PRAGMA data_version`, which moves whenever any other
// connection commits: this process's Prisma client, another server worker, a
// script. So a cached value never outlives the next commit, in any process, and
// checking costs a few microseconds instead of a query.
import { databaseFilePath, databaseProvider } from "./database-url.ts";
import { Database, type SqliteStatement } from "./sqlite.server.ts";

/** Past this many entries between two commits, start over (sessions are keyed per cookie). */
const MAX_ENTRIES = 5_000;

let versionStatement: SqliteStatement | null | undefined;
let seenVersion: unknown;
const entries = new Map<string, Promise<unknown>>();

function currentDataVersion(): unknown {
  if (versionStatement === undefined) {
    // PostgreSQL: nothing is cached yet (the check to come: pg_current_snapshot() on a connection of its own).
    if (databaseProvider() !== "sqlite") return (versionStatement = null);
    const file = databaseFilePath();
    // An in-memory database has no other connection to watch: nothing is cached.
    // It never writes; opened read-write so that it can share the WAL index like any other connection.
    versionStatement = file === ":memory:" ? null : new Database(file, { fileMustExist: true }).prepare("PRAGMA data_version").pluck();
  }
  return versionStatement?.get();
}

/** `read()` once per database state: the same key returns the same promise until something commits. */
export function cachedUntilChange<T>(key: string, read: () => Promise<T>): Promise<T> {
  const version = currentDataVersion();
  if (version === undefined) return read();
  if (version !== seenVersion || entries.size >= MAX_ENTRIES) {
    entries.clear();
    seenVersion = version;
  }
  let value = entries.get(key) as Promise<T> | undefined;
  if (!value) {
    value = read();
    entries.set(key, value);
    // A failed read is not remembered.
    value.catch(() => entries.get(key) === value && entries.delete(key));
  }
  return value;
}
