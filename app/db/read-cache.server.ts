// Reads that most requests repeat — the sites, the calls, the session behind a
// cookie — kept in memory until the database changes, in any process: this
// process's Prisma client, another server worker, another server, a script. A
// cached value never outlives the next commit, and checking costs far less than
// the query it spares:
// - SQLite: a separate read-only connection asks `PRAGMA data_version`, which
//   moves whenever any other connection commits (a few microseconds).
// - PostgreSQL: a connection of its own asks `pg_current_snapshot()`, which
//   changes whenever a transaction that wrote ends (one round trip, about 0.1 ms).
//   A call never shares a question already sent (a request that has just
//   committed must not be answered from before its own commit), only one still
//   waiting to be sent.
import type { Socket } from "node:net";
import type pg from "pg";
import { databaseUrl } from "~/config/env.server.ts";
import { databaseFilePath, databaseProvider } from "./database-url.ts";
import { Database } from "./sqlite.server.ts";

/** Past this many entries between two commits, start over (sessions are keyed per cookie). */
const MAX_ENTRIES = 5_000;

type DataVersion = () => unknown;

let dataVersion: DataVersion | null | undefined;
let seenVersion: unknown;
const entries = new Map<string, Promise<unknown>>();

/** The PostgreSQL connection that asks for snapshots, kept where the test harness can close it between files. */
const processState = globalThis as unknown as { __tremplinSnapshotConnection?: pg.Client };

function postgresDataVersion(): DataVersion {
  let connecting: Promise<pg.Client> | null = null;
  const connect = async () => {
    // Loaded here: an SQLite process never loads the PostgreSQL driver.
    const { default: postgres } = await import("pg");
    const client = new postgres.Client({ connectionString: databaseUrl() });
    // A broken connection is replaced on the next check; meanwhile values are read, not cached.
    client.on("error", () => {
      if (processState.__tremplinSnapshotConnection === client) connecting = null;
    });
    await client.connect();
    // Idle, it does not keep a script's process alive.
    (client as unknown as { connection: { stream: Socket } }).connection.stream.unref();
    processState.__tremplinSnapshotConnection = client;
    return client;
  };
  const ask = async () => {
    try {
      connecting ??= connect();
      const client = await connecting;
      const result = await client.query<[string]>({ text: "SELECT pg_current_snapshot()::text", rowMode: "array" });
      return result.rows[0][0];
    } catch {
      connecting = null;
      return undefined;
    }
  };
  // One question at a time on the connection (pg wants no query sent while another runs). Callers
  // that come while one is out share the next, not yet sent, so it is still sent after each of
  // them: under load a process asks at most twice per round trip, not once per cached read.
  let last: Promise<unknown> = Promise.resolve();
  let next: Promise<unknown> | null = null;
  return () => {
    if (next) return next;
    const send = () => {
      next = null;
      return ask();
    };
    next = last = last.then(send, send);
    return next;
  };
}

function sqliteDataVersion(): DataVersion | null {
  const file = databaseFilePath();
  // An in-memory database has no other connection to watch: nothing is cached.
  if (file === ":memory:") return null;
  // It never writes; opened read-write so that it can share the WAL index like any other connection.
  const statement = new Database(file, { fileMustExist: true }).prepare("PRAGMA data_version").pluck();
  return () => statement.get();
}

async function currentDataVersion(): Promise<unknown> {
  dataVersion ??= databaseProvider() === "postgresql" ? postgresDataVersion() : sqliteDataVersion();
  return dataVersion?.();
}

/** `read()` once per database state: the same key returns the same promise until something commits. */
export async function cachedUntilChange<T>(key: string, read: () => Promise<T>): Promise<T> {
  const version = await currentDataVersion();
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
