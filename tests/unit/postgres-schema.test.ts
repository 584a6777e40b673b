// The PostgreSQL schema is derived from the SQLite one (scripts/postgres-schema.mjs): this fails when
// prisma/schema.prisma changed and `npm run db:pg-schema` was not run. (That each migrations folder
// reproduces its schema is checked on a real server by `npm run test:pg`, tests/postgres/.)
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, derivePostgresSchema } from "../../scripts/postgres-schema.mjs";

const sqlite = fs.readFileSync(SQLITE_SCHEMA, "utf8");

describe("prisma/postgres/schema.prisma", () => {
  it("is what scripts/postgres-schema.mjs derives from prisma/schema.prisma (run `npm run db:pg-schema` after changing it)", () => {
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(derivePostgresSchema(sqlite));
  });

  it("differs from the SQLite schema only in its provider, its unused URL, its client's folder and a header", () => {
    const derived = derivePostgresSchema(sqlite).split("\n");
    const source = sqlite.split("\n");
    const changed = derived.slice(derived.length - source.length).filter((line, index) => line !== source[index]);
    expect(changed.map((line) => line.trim().split(/\s+/)[0])).toEqual(["output", "provider", "url"]);
    expect(derived.slice(0, derived.length - source.length).every((line) => line === "" || line.startsWith("//"))).toBe(true);
    expect(derivePostgresSchema(sqlite)).toContain('provider = "postgresql"');
    expect(derivePostgresSchema(sqlite)).toContain('output     = "../../app/generated/prisma-pg"');
  });

  it("refuses a schema it cannot find its way in, rather than writing a half-derived one", () => {
    expect(() => derivePostgresSchema(sqlite.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/prisma\/schema\.prisma/);
  });
});
