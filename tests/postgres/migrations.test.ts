// PostgreSQL's schema and migrations (prisma/postgres/, derived from the SQLite schema by
// scripts/postgres-schema.mjs), applied through Prisma's WebAssembly schema engine and
// @prisma/adapter-pg, with the adapter patch (patches/@prisma+adapter-pg+6.19.3.patch) that
// makes that engine work: catalog types read as text, scripts sent whole, the shadow database
// named in a connection string, its pool closed before it is dropped.
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresTables } from "~/ops/backup-postgres.server.ts";
import { databasesNamed, freshDatabase } from "../support/postgres.ts";
import { diffFromMigrations, prismaCli, withUnmigratedModel } from "../support/prisma-cli.ts";

describe("PostgreSQL migrations", () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("`migrate deploy` applies prisma/postgres/migrations to an empty database, and `migrate status` finds it up to date", async () => {
    const deploy = await prismaCli(database.url, ["migrate", "deploy"]);
    expect(deploy.output).toContain("prisma/postgres/schema.prisma");
    expect(deploy.code, deploy.output).toBe(0);
    expect(await postgresTables(database.url)).toEqual(
      expect.arrayContaining(["Application", "AuditEvent", "OutboxEmail", "User", "_prisma_migrations"]),
    );
    const status = await prismaCli(database.url, ["migrate", "status"]);
    expect(status.code, status.output).toBe(0);
    expect(status.output).toContain("Database schema is up to date");
  });

  it("the migrations reproduce the derived schema exactly (replayed on a shadow database, dropped afterwards)", async () => {
    const before = await databasesNamed("prisma_migrate_shadow_db_");
    const diff = await diffFromMigrations(database.url, "prisma/postgres/migrations", "prisma/postgres/schema.prisma");
    expect(diff.code, diff.output).toBe(0);
    expect(diff.output).toContain("No difference detected");
    expect(await databasesNamed("prisma_migrate_shadow_db_")).toEqual(before);
  });

  it("are found wanting when the schema has something no migration creates", async () => {
    const diff = await withUnmigratedModel("prisma/postgres/schema.prisma", (schema) =>
      diffFromMigrations(database.url, "prisma/postgres/migrations", schema),
    );
    expect(diff.code, diff.output).toBe(2);
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
