// PostgreSQL's schema and migrations (prisma/postgres/, derived from the SQLite schema by
// scripts/postgres-schema.mjs), applied through Prisma's WebAssembly schema engine and
// @prisma/adapter-pg, with the adapter patch (patches/@prisma+adapter-pg+6.19.3.patch) that
// makes that engine work: catalog types read as text, scripts sent whole, the shadow database
// named in a connection string, its pool closed before it is dropped.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databasesNamed, freshDatabase } from "../support/postgres.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PRISMA = path.join(ROOT, "node_modules/.bin/prisma");
const run = promisify(execFile);

/** The Prisma CLI on `url` (prisma.config.ts picks prisma/postgres/ for a postgres:// URL); its exit code and output. */
async function prisma(url: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(PRISMA, args, { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, timeout: 120_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : 1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    return rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

describe("PostgreSQL migrations", () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("`migrate deploy` applies prisma/postgres/migrations to an empty database, and `migrate status` finds it up to date", async () => {
    const deploy = await prisma(database.url, ["migrate", "deploy"]);
    expect(deploy.output).toContain("prisma/postgres/schema.prisma");
    expect(deploy.code, deploy.output).toBe(0);
    expect(await tables(database.url)).toEqual(
      expect.arrayContaining(["Application", "AuditEvent", "OutboxEmail", "User", "_prisma_migrations"]),
    );
    const status = await prisma(database.url, ["migrate", "status"]);
    expect(status.code, status.output).toBe(0);
    expect(status.output).toContain("Database schema is up to date");
  });

  it("the migrations reproduce the derived schema exactly (replayed on a shadow database, dropped afterwards)", async () => {
    const before = await databasesNamed("prisma_migrate_shadow_db_");
    const diff = await prisma(database.url, [
      "migrate",
      "diff",
      "--from-migrations",
      "prisma/postgres/migrations",
      "--to-schema-datamodel",
      "prisma/postgres/schema.prisma",
      "--exit-code",
    ]);
    expect(diff.code, diff.output).toBe(0);
    expect(diff.output).toContain("No difference detected");
    expect(await databasesNamed("prisma_migrate_shadow_db_")).toEqual(before);
  });

  it("are found wanting when the schema has something no migration creates", async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tremplin-pg-schema-"));
    try {
      const schema = path.join(scratch, "schema.prisma");
      const source = fs.readFileSync(path.join(ROOT, "prisma/postgres/schema.prisma"), "utf8");
      fs.writeFileSync(schema, `${source}\nmodel Unmigrated {\n  id String @id\n}\n`);
      const diff = await prisma(database.url, [
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/postgres/migrations",
        "--to-schema-datamodel",
        schema,
        "--exit-code",
      ]);
      expect(diff.code, diff.output).toBe(2);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe("the @prisma/adapter-pg patch", () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let adapter: Awaited<ReturnType<PrismaPg["connect"]>>;
  beforeAll(async () => {
    database = await freshDatabase();
    adapter = await new PrismaPg({ connectionString: database.url }).connect();
  });
  afterAll(async () => {
    await adapter?.dispose();
    await database?.drop();
  });

  it('reads the catalog types the schema engine asks for as text: name, "char" and the reg* types', async () => {
    const result = await adapter.queryRaw({
      sql: `SELECT 'x'::name AS n, 'c'::"char" AS c, 'pg_class'::regclass AS cls, 'int4'::regtype AS typ`,
      args: [],
      argTypes: [],
    });
    expect(result.rows).toEqual([["x", "c", "pg_class", "integer"]]);
  });

  it("runs a script whole: semicolons inside a DO block and a string literal are not statement ends", async () => {
    await adapter.executeScript(`
      CREATE TABLE note (body text);
      INSERT INTO note VALUES ('one; two');
      DO $$ BEGIN PERFORM 1; INSERT INTO note VALUES ('from a block'); END $$;
    `);
    const result = await adapter.queryRaw({ sql: "SELECT body FROM note ORDER BY body", args: [], argTypes: [] });
    expect(result.rows).toEqual([["from a block"], ["one; two"]]);
  });

  it("leaves nothing of a script that fails half-way", async () => {
    await expect(adapter.executeScript("CREATE TABLE first_half (x int); CREATE TABLE second_half (x int")).rejects.toThrow();
    const result = await adapter.queryRaw({
      sql: "SELECT count(*)::int FROM information_schema.tables WHERE table_name = 'first_half'",
      args: [],
      argTypes: [],
    });
    expect(result.rows).toEqual([[0]]);
  });

  it("opens the shadow database it names even when the configuration is a connection string, and drops it when done", async () => {
    const before = await databasesNamed("prisma_migrate_shadow_db_");
    const shadow = await new PrismaPg({ connectionString: database.url }).connectToShadowDb();
    const result = await shadow.queryRaw({ sql: "SELECT current_database()", args: [], argTypes: [] });
    const [[name]] = result.rows as string[][];
    expect(name).toMatch(/^prisma_migrate_shadow_db_/);
    expect(await databasesNamed("prisma_migrate_shadow_db_")).toEqual([...before, name].sort());
    await shadow.dispose();
    expect(await databasesNamed("prisma_migrate_shadow_db_")).toEqual(before);
  });
});
