// prisma/migrations reproduces prisma/schema.prisma exactly: Prisma's schema engine replays the
// folder on a shadow database and compares the result with the schema (on SQLite through the
// adapter patch that runs a migration script there, patches/@prisma+adapter-better-sqlite3).
// PostgreSQL's folder is checked the same way by `npm run test:pg` (tests/postgres/).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tremplin-migrations-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** `prisma migrate diff` from the migrations folder to `schema`; its exit code (0: none, 2: a difference) and output. */
async function diffFromMigrations(schema: string): Promise<{ code: number; output: string }> {
  const args = ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", schema, "--exit-code"];
  try {
    const { stdout, stderr } = await run(path.join(ROOT, "node_modules/.bin/prisma"), args, {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${path.join(scratch, "scratch.db")}` },
      timeout: 120_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : 1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

describe("SQLite migrations", () => {
  it("reproduce prisma/schema.prisma exactly", async () => {
    const diff = await diffFromMigrations("prisma/schema.prisma");
    expect(diff.code, diff.output).toBe(0);
    expect(diff.output).toContain("No difference detected");
  });

  it("are found wanting when the schema has something no migration creates", async () => {
    const schema = path.join(scratch, "schema.prisma");
    const source = fs.readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8");
    fs.writeFileSync(
      schema,
      source.replace('output     = "../app/generated/prisma"', `output = "${path.join(scratch, "client")}"`) +
        "\nmodel Unmigrated {\n  id String @id\n}\n",
    );
    const diff = await diffFromMigrations(schema);
    expect(diff.code, diff.output).toBe(2);
  });
});
