// The Prisma CLI as the migration tests run it (tests/integration/migrations.test.ts on SQLite,
// tests/postgres/migrations.test.ts on PostgreSQL): prisma.config.ts picks the schema, the
// migrations folder and the adapter from the DATABASE_URL given.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

/** `prisma <args>` on `databaseUrl`: its exit code and output. */
export async function prismaCli(databaseUrl: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(path.join(ROOT, "node_modules/.bin/prisma"), args, {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      timeout: 120_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : 1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

/**
 * `prisma migrate diff` from a migrations folder, replayed on a shadow database, to a schema: exit code 0
 * when the folder reproduces the schema exactly, 2 when they differ.
 */
export function diffFromMigrations(databaseUrl: string, folder: string, schema: string) {
  return prismaCli(databaseUrl, ["migrate", "diff", "--from-migrations", folder, "--to-schema-datamodel", schema, "--exit-code"]);
}

/** Runs `check` with a copy of `schema` that has one model more, which no migration creates. */
export async function withUnmigratedModel<T>(schema: string, check: (schemaCopy: string) => Promise<T>): Promise<T> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tremplin-schema-"));
  try {
    const copy = path.join(scratch, "schema.prisma");
    fs.writeFileSync(copy, `${fs.readFileSync(path.join(ROOT, schema), "utf8")}\nmodel Unmigrated {\n  id String @id\n}\n`);
    return await check(copy);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
