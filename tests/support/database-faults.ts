// Faults, plans and outside reads the integration tests ask of the database they run on, written
// once for SQLite and once for PostgreSQL (npm run test:pg).
import pg from "pg";
import { databaseUrl } from "~/config/env.server.ts";
import { db } from "~/db/client.server.ts";
import { databaseFilePath, databaseProvider } from "~/db/database-url.ts";
import { Database } from "~/db/sqlite.server.ts";

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
