// Test databases on PostgreSQL (`npm run test:pg`, which sets TEST_DATABASE_URL to a server): a
// template migrated once per run, then a copy of it per test file (CREATE DATABASE … TEMPLATE,
// about 30 ms), all dropped at the end of the run.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import pg from "pg";

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set: run the PostgreSQL suite through `npm run test:pg`");
  return url;
}

function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

/** Creates the database `name`, applies prisma/postgres/migrations to it, and returns its name. */
export async function migratedPostgresTemplate(name: string): Promise<string> {
  await onServer(`CREATE DATABASE "${name}"`);
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl(name) },
    stdio: "pipe",
  });
  return name;
}

/** A new database `name` copied from `template`; its URL. */
export async function copyPostgresTemplate(template: string, name: string): Promise<string> {
  await onServer(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return databaseUrl(name);
}

/** Drops every database whose name starts with `prefix`. */
export async function dropPostgresDatabases(prefix: string): Promise<void> {
  for (const name of await databasesNamed(prefix)) await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** A new, empty database of its own for a test file, and how to drop it. */
export async function freshDatabase(prefix = "tremplin_test"): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${crypto.randomBytes(6).toString("hex")}`;
  await onServer(`CREATE DATABASE "${name}"`);
  return { name, url: databaseUrl(name), drop: () => dropPostgresDatabases(name) };
}

/** The databases on the server whose names start with `prefix`. */
export async function databasesNamed(prefix: string): Promise<string[]> {
  // starts_with, not LIKE: the `_` of the names would match any character there.
  const { rows } = await onServer("SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname", [prefix]);
  return (rows as Array<{ datname: string }>).map((row) => row.datname);
}
