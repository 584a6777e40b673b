import crypto from "node:crypto";
import pg from "pg";

/** The server `npm run test:pg` gives the suite (scripts/test-pg.mjs). */
export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set: run the PostgreSQL suite through `npm run test:pg`");
  return url;
}

/** `url` with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs one statement on the server's maintenance database and returns its rows. */
export async function onServer<Row extends Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** A new, empty database of its own for a test file, and how to drop it. */
export async function freshDatabase(prefix = "tremplin_test"): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${crypto.randomBytes(6).toString("hex")}`;
  await onServer(`CREATE DATABASE "${name}"`);
  return {
    name,
    url: withDatabase(serverUrl(), name),
    drop: async () => {
      await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** The databases on the server whose names start with `prefix`. */
export async function databasesNamed(prefix: string): Promise<string[]> {
  const rows = await onServer<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1 || '%' ORDER BY datname", [
    prefix,
  ]);
  return rows.map((row) => row.datname);
}
