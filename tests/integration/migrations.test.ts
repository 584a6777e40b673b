// prisma/migrations reproduces prisma/schema.prisma exactly: Prisma's schema engine replays the
// folder on a shadow database and compares the result with the schema (on SQLite through the
// adapter patch that runs a migration script there, patches/@prisma+adapter-better-sqlite3).
// PostgreSQL's folder is checked the same way by `npm run test:pg` (tests/postgres/).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diffFromMigrations, withUnmigratedModel } from "../support/prisma-cli.ts";

// The CLI needs a database of the kind the folder is for; the shadow database it replays on is its own.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tremplin-migrations-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
const scratchUrl = `file:${path.join(scratch, "scratch.db")}`;

describe("SQLite migrations", () => {
  it("reproduce prisma/schema.prisma exactly", async () => {
    const diff = await diffFromMigrations(scratchUrl, "prisma/migrations", "prisma/schema.prisma");
    expect(diff.code, diff.output).toBe(0);
    expect(diff.output).toContain("No difference detected");
  });

  it("are found wanting when the schema has something no migration creates", async () => {
    const diff = await withUnmigratedModel("prisma/schema.prisma", (schema) => diffFromMigrations(scratchUrl, "prisma/migrations", schema));
    expect(diff.code, diff.output).toBe(2);
  });
});
