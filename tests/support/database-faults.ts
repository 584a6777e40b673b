// Faults, plans and outside reads the integration tests ask of the database they run on, written
// once for SQLite and once for PostgreSQL (npm run test:pg).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { databaseUrl } from "~/config/env.server.ts";
import { createDb, db, type Db } from "~/db/client.server.ts";
import { databaseFilePath, databaseProvider } from "~/db/database-url.ts";
import { Database } from "~/db/sqlite.server.ts";
import { copyPostgresTemplate, databasesNamed, dropPostgresDatabases } from "./postgres.ts";

const isPostgres = () => databaseProvider() === "postgresql";

/**
 * Makes every insert into the outbox fail (only those whose `template` is `template`, when given) until
 * the returned function is called, as a database refusing a write in the middle of a transaction would.
 */
export async function refuseOutboxInserts(name: string, template?: string): Promise<() => Promise<void>> {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`Not a trigger name: ${name}`);
  const when = template ? `WHEN (NEW."template" = '${template.replace(/'/g, "''")}')` : "";
  if (isPostgres()) {
    await db.$executeRawUnsafe(
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$`,
    );
    await db.$executeRawUnsafe(`CREATE TRIGGER ${name} BEFORE INSERT ON "OutboxEmail" FOR EACH ROW ${when} EXECUTE FUNCTION ${name}()`);
    return async () => {
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${name} ON "OutboxEmail"`);
      await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS ${name}()`);
    };
  }
  await db.$executeRawUnsafe(
    `CREATE TRIGGER ${name} BEFORE INSERT ON "OutboxEmail" ${when} BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END`,
  );
  return async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${name}`);
  };
}

/**
 * How the database would run `sql` (parameters written $1, $2…): SQLite's EXPLAIN QUERY PLAN, or
 * PostgreSQL's EXPLAIN with sequential scans and sorts priced out — on a table of a test's size its
 * planner would rather read everything and sort, so this asks whether an index CAN give the rows in
 * order, which is what matters at the benchmark's 20,000 rows.
 */
export async function queryPlan(sql: string, ...args: unknown[]): Promise<string> {
  if (isPostgres()) {
    return db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      await tx.$executeRawUnsafe("SET LOCAL enable_sort = off");
      const rows = await tx.$queryRawUnsafe<Array<{ "QUERY PLAN": string }>>(`EXPLAIN ${sql}`, ...args);
      return rows.map((row) => row["QUERY PLAN"]).join("\n");
    });
  }
  const rows = await db.$queryRawUnsafe<Array<{ detail: string }>>(`EXPLAIN QUERY PLAN ${sql.replace(/\$\d+/g, "?")}`, ...args);
  return rows.map((row) => row.detail).join("\n");
}

/** True when a plan from queryPlan sorts rows itself rather than reading them in an index's order. */
export function hasSortStep(plan: string): boolean {
  return isPostgres() ? /\bSort\b/.test(plan) : plan.includes("USE TEMP B-TREE");
}

/**
 * Rows read through a connection of its own, opened for this read and closed after it (parameters
 * written $1, $2…): what another process, or a server started after a crash, would find committed.
 */
export async function readThroughNewConnection<Row>(sql: string, ...args: unknown[]): Promise<Row[]> {
  if (isPostgres()) {
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      return (await client.query(sql, args)).rows as Row[];
    } finally {
      await client.end();
    }
  }
  const file = new Database(databaseFilePath(), { readonly: true });
  try {
    return file.prepare(sql.replace(/\$\d+/g, "?")).all(...args) as Row[];
  } finally {
    file.close();
  }
}

/** Commits a write through a connection of its own, as another server or a script would: one Prisma does not know. */
export async function commitThroughNewConnection(): Promise<void> {
  if (isPostgres()) {
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      // A transaction that wrote is one with a transaction id: this takes one, and commits.
      await client.query("SELECT pg_current_xact_id()");
    } finally {
      await client.end();
    }
    return;
  }
  const file = new Database(databaseFilePath(), { fileMustExist: true });
  try {
    file.pragma(`user_version = ${Date.now() % 1_000_000}`);
  } finally {
    file.close();
  }
}

/**
 * The database the app's client works on, as the database itself reports it (SQLite: the main file
 * of PRAGMA database_list; PostgreSQL: current_database()), and as DATABASE_URL names it: a test
 * file's own database is the one its client is really connected to.
 */
export async function connectedDatabase(): Promise<{ reported: string; configured: string }> {
  if (isPostgres()) {
    const [{ name }] = await db.$queryRawUnsafe<Array<{ name: string }>>("SELECT current_database() AS name");
    return { reported: name, configured: decodeURIComponent(new URL(databaseUrl()).pathname.slice(1)) };
  }
  const [main] = await db.$queryRawUnsafe<Array<{ name: string; file: string }>>("PRAGMA database_list");
  return { reported: main.file, configured: databaseFilePath() };
}

/**
 * The app's tables in the database the app's client works on, by name: neither the database's own
 * (SQLite's sqlite_*; PostgreSQL's catalogs, in other schemas) nor Prisma's _prisma_migrations.
 */
export async function appTables(): Promise<string[]> {
  const rows = isPostgres()
    ? await db.$queryRawUnsafe<Array<{ name: string }>>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'",
      )
    : await db.$queryRawUnsafe<Array<{ name: string }>>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '_prisma_migrations'",
      );
  // Sorted here, by code unit, rather than by each database's collation.
  return rows.map((row) => row.name).sort();
}

/**
 * The columns of the app's tables (as "Table.column") in which some row holds a value other than
 * NULL and the column's default: what something wrote. The default is each database's own
 * (SQLite's PRAGMA table_info, PostgreSQL's information_schema.columns), compared in its SQL.
 */
export async function writtenColumns(): Promise<string[]> {
  const columns: Array<{ table: string; column: string; fallback: string | null }> = [];
  for (const table of await appTables()) {
    if (isPostgres()) {
      const rows = await db.$queryRawUnsafe<Array<{ name: string; fallback: string | null }>>(
        "SELECT column_name AS name, column_default AS fallback FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        table,
      );
      for (const { name, fallback } of rows) columns.push({ table, column: name, fallback });
    } else {
      const rows = await db.$queryRawUnsafe<Array<{ name: string; dflt_value: string | null }>>(`PRAGMA table_info("${table}")`);
      for (const { name, dflt_value } of rows) columns.push({ table, column: name, fallback: dflt_value });
    }
  }
  const differs = isPostgres() ? "IS DISTINCT FROM" : "IS NOT";
  const written: string[] = [];
  for (const { table, column, fallback } of columns) {
    const [{ count }] = await db.$queryRawUnsafe<Array<{ count: bigint | number }>>(
      `SELECT COUNT(*) AS count FROM "${table}" WHERE "${column}" IS NOT NULL${fallback === null ? "" : ` AND "${column}" ${differs} ${fallback}`}`,
    );
    if (Number(count) > 0) written.push(`${table}.${column}`);
  }
  return written;
}

/**
 * A migrated database of its own with no row in it, next to the test file's (SQLite: a copy of the
 * run's template file; PostgreSQL: a database copied from the run's template on the same server,
 * named after the run so that the run drops it even if the test does not), the app's client on it,
 * and how to close that client and remove the database.
 */
export async function migratedDatabase(name: string): Promise<{ url: string; db: Db; dispose: () => Promise<void> }> {
  if (!/^[a-z0-9_-]+$/.test(name)) throw new Error(`Not a database name: ${name}`);
  const unique = `${name}-${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
  const template = process.env.TREMPLIN_TEST_PG_TEMPLATE;
  /** The app's client on `url`, and how to close it then remove the database (`remove`). */
  const opened = async (url: string, remove: () => Promise<void>) => {
    const { db: client, ready } = createDb(url);
    await ready;
    return {
      url,
      db: client,
      async dispose() {
        await client.$disconnect();
        await remove();
      },
    };
  };
  if (isPostgres()) {
    if (!template) throw new Error("TREMPLIN_TEST_PG_TEMPLATE is not set: run the PostgreSQL suite through `npm run test:pg`");
    const copy = `${template.replace(/_template$/, "")}_${unique.replaceAll("-", "_")}`;
    return opened(await copyPostgresTemplate(template, copy), async () => {
      await dropPostgresDatabases(copy);
      if ((await databasesNamed(copy)).length > 0) throw new Error(`The database ${copy} is still there after DROP DATABASE`);
    });
  }
  const dir = process.env.TREMPLIN_TEST_DIR;
  if (!dir) throw new Error("TREMPLIN_TEST_DIR is not set: run the tests through vitest (tests/support/global-setup.ts)");
  const file = path.join(dir, `${unique}.db`);
  fs.copyFileSync(path.join(dir, "template.db"), file);
  return opened(`file:${file}`, async () => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  });
}

/** A connection of openOutsideReader's. */
export type OutsideReader = {
  /** A value that moves whenever a write is committed to the database, by any connection (and may move when none was). */
  commitMark(): Promise<string>;
  /**
   * Every row of `table`, each as the list of its column values, in an order that a change of
   * values leaves alone; with `where`, only the rows whose `column` is (`among: true`) or is not
   * (`among: false`) one of `values`.
   */
  tableRows(table: string, where?: { column: string; values: string[]; among: boolean }): Promise<unknown[][]>;
  close(): Promise<void>;
};

/**
 * A connection of its own to the test file's database, kept open for many reads, that sees each
 * commit of the app's (what another process would find). SQLite: a read-only better-sqlite3
 * connection to the file, rows in rowid order, PRAGMA data_version as the commit mark (it moves,
 * as seen from this connection, whenever another connection commits). PostgreSQL: a pg client,
 * rows in primary-key order (PostgreSQL has no rowid; a row's ctid moves when it is updated), and
 * pg_current_snapshot() as the mark (its xmax and in-progress list move when a transaction that
 * was given an id — any that wrote — ends; transaction ids are the server's, so a commit to another
 * database of the same server moves it too: a needless re-read, never a missed write).
 */
export async function openOutsideReader(): Promise<OutsideReader> {
  if (isPostgres()) {
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    const orders = new Map<string, string>();
    const orderOf = async (table: string) => {
      let order = orders.get(table);
      if (order === undefined) {
        const { rows } = await client.query<{ name: string }>(
          `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
           WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)`,
          [`"${table}"`],
        );
        if (rows.length === 0) throw new Error(`The table ${table} has no primary key to order its rows by`);
        orders.set(table, (order = rows.map((row) => `"${row.name}"`).join(", ")));
      }
      return order;
    };
    return {
      async commitMark() {
        return String((await client.query<{ mark: string }>("SELECT pg_current_snapshot()::text AS mark")).rows[0].mark);
      },
      async tableRows(table, where) {
        const order = await orderOf(table);
        const filter = where ? ` WHERE ${where.among ? "" : "NOT "}("${where.column}" = ANY ($1::text[]))` : "";
        const result = await client.query({
          text: `SELECT * FROM "${table}"${filter} ORDER BY ${order}`,
          values: where ? [where.values] : [],
          rowMode: "array",
        });
        return result.rows as unknown[][];
      },
      close: () => client.end(),
    };
  }
  const file = new Database(databaseFilePath(), { readonly: true });
  // Rows as arrays of values (better-sqlite3's raw mode), each statement prepared once.
  type RawStatement = { raw(on: boolean): { all(...params: unknown[]): unknown[] } };
  const statements = new Map<string, { all(...params: unknown[]): unknown[] }>();
  const statement = (sql: string) => {
    let prepared = statements.get(sql);
    if (!prepared) statements.set(sql, (prepared = (file.prepare(sql) as unknown as RawStatement).raw(true)));
    return prepared;
  };
  return {
    async commitMark() {
      return String(file.pragma("data_version", { simple: true }));
    },
    async tableRows(table, where) {
      if (!where) return statement(`SELECT * FROM "${table}" ORDER BY rowid`).all() as unknown[][];
      const sql = `SELECT * FROM "${table}" WHERE "${where.column}" ${where.among ? "" : "NOT "}IN (SELECT value FROM json_each(?)) ORDER BY rowid`;
      return statement(sql).all(JSON.stringify(where.values)) as unknown[][];
    },
    async close() {
      statements.clear();
      file.close();
    },
  };
}
