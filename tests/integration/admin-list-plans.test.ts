// The admin list's query plans on SQLite: every page and count is read off an index, never
// sorted (the list itself: admin-list.test.ts; PostgreSQL's plans: tests/postgres/admin-list-plans.test.ts).
import { createRequire } from "node:module";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { listCallApplications } from "~/models/admin-application.server.ts";
import { createBigCall, createNamedCall, filter, SORTS } from "../support/admin-list-factories.ts";
import { createSite } from "../support/intake-factories.ts";

beforeAll(async () => {
  await dbReady;
});

afterEach(() => {
  vi.restoreAllMocks();
});

// ---------------------------------------------------------------------------
// Query plans: every page and count is read off an index, never sorted.

type PlanRow = { id: number | bigint; parent: number | bigint; notused: number | bigint; detail: string };

async function plan(sql: string, ...args: unknown[]): Promise<string> {
  const rows = await db.$queryRawUnsafe<PlanRow[]>(`EXPLAIN QUERY PLAN ${sql}`, ...args);
  return rows.map((r) => r.detail).join("\n");
}

// Statements Prisma really sends, caught where the driver adapter runs them (better-sqlite3 is a
// dependency of the adapter, loaded by Node itself, so its classes are shared with the adapter). The
// adapter prepares a SQL text once per connection and runs it again with new parameters (the patch in
// patches/), so the capture is on the statement's all(), where each query's own parameters arrive.
type Statement = { source: string; database: Connection; all: (...args: unknown[]) => Array<{ detail: string }> };
type Connection = { prepare: (sql: string) => Statement; close: () => void };
const BetterSqlite3 = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => Connection;
const StatementPrototype = (() => {
  const memory = new BetterSqlite3(":memory:");
  try {
    return Object.getPrototypeOf(memory.prepare("SELECT 1")) as Statement;
  } finally {
    memory.close();
  }
})();

async function captureStatements(run: () => Promise<unknown>) {
  const captured: Array<{ sql: string; args: unknown[]; connection: Connection }> = [];
  const original = StatementPrototype.all;
  vi.spyOn(StatementPrototype, "all").mockImplementation(function (this: Statement, ...args: unknown[]) {
    captured.push({ sql: this.source, args: args.length === 1 && Array.isArray(args[0]) ? args[0] : args, connection: this.database });
    return original.apply(this, args);
  });
  try {
    await run();
  } finally {
    vi.mocked(StatementPrototype.all).mockRestore();
  }
  return captured.filter((s) => /^\s*SELECT\b/i.test(s.sql) && /\bApplication\b/.test(s.sql));
}

describe("the list's query plans", () => {
  let callId: string;
  beforeAll(async () => {
    // Enough rows that the planner has something to choose between.
    callId = (await createBigCall()).call.id;
    await createNamedCall();
  });

  const PAGE = "SELECT id, projectName, status FROM Application WHERE callId = ? AND status <> 'DRAFT'";

  it("reads the default order off Application_list_by_score_idx, first page or deep", async () => {
    for (const page of ["LIMIT 50 OFFSET 0", "LIMIT 50 OFFSET 100"]) {
      const detail = await plan(`${PAGE} ORDER BY normalizedScore DESC, rawScore DESC, submittedAt ASC, id ASC ${page}`, callId);
      expect(detail).toContain("Application_list_by_score_idx");
      expect(detail).not.toContain("USE TEMP B-TREE");
    }
  });

  it("reads the raw order off Application_list_by_raw_idx", async () => {
    const detail = await plan(`${PAGE} ORDER BY rawScore DESC, submittedAt ASC, id ASC LIMIT 50 OFFSET 50`, callId);
    expect(detail).toContain("Application_list_by_raw_idx");
    expect(detail).not.toContain("USE TEMP B-TREE");
  });

  it("reads the submission order off Application_list_by_submission_idx", async () => {
    const detail = await plan(`${PAGE} ORDER BY submittedAt ASC, id ASC LIMIT 50 OFFSET 50`, callId);
    expect(detail).toContain("Application_list_by_submission_idx");
    expect(detail).not.toContain("USE TEMP B-TREE");
  });

  it("counts a text search from the covering list index alone", async () => {
    const detail = await plan(
      "SELECT COUNT(*) FROM (SELECT id FROM Application WHERE callId = ? AND status <> 'DRAFT' AND (projectName LIKE ? OR tagline LIKE ?))",
      callId,
      "%solar%",
      "%solar%",
    );
    expect(detail).toContain("COVERING INDEX Application_list_by_score_idx");
    expect(detail).not.toContain("USE TEMP B-TREE");
  });

  it("matches the SQL Prisma really runs: no CASE in ORDER BY, and no sort step in any list query", async () => {
    for (const sort of SORTS) {
      // A write first: the total is cached until the database changes, and this wants to see it counted.
      await createSite();
      const statements = await captureStatements(() => listCallApplications(callId, filter({ sort, page: 2, q: "needle" })));
      const page = statements.find((s) => /ORDER BY/i.test(s.sql));
      const count = statements.find((s) => /COUNT\(/i.test(s.sql));
      expect(page, `page query for ${sort}`).toBeDefined();
      expect(count, `count query for ${sort}`).toBeDefined();
      const orderBy = page!.sql.slice(page!.sql.search(/ORDER BY/i));
      expect(orderBy).not.toMatch(/CASE\s+WHEN/i);
      expect(orderBy).not.toMatch(/NULLS\s+(LAST|FIRST)/i);
      const expectedIndex = {
        normalized: "Application_list_by_score_idx",
        raw: "Application_list_by_raw_idx",
        submitted: "Application_list_by_submission_idx",
      }[sort];
      const pagePlan = page!.connection
        .prepare(`EXPLAIN QUERY PLAN ${page!.sql}`)
        .all(page!.args)
        .map((r) => r.detail)
        .join("\n");
      expect({ sort, pagePlan }).toEqual({ sort, pagePlan: expect.stringContaining(expectedIndex) });
      expect(pagePlan).not.toContain("USE TEMP B-TREE");
      const countPlan = count!.connection
        .prepare(`EXPLAIN QUERY PLAN ${count!.sql}`)
        .all(count!.args)
        .map((r) => r.detail)
        .join("\n");
      expect(countPlan).toContain("COVERING INDEX Application_list_by_score_idx");
      expect(countPlan).not.toContain("USE TEMP B-TREE");
    }
  });

  it("counts a list's total again only after a write", async () => {
    const list = () => listCallApplications(callId, filter({ q: "needle" }));
    const countsIn = async () => (await captureStatements(list)).filter((s) => /COUNT\(/i.test(s.sql)).length;
    await createSite();
    expect(await countsIn()).toBe(1);
    expect(await countsIn()).toBe(0);
    const before = (await list()).total;
    const extra = await db.application.findFirstOrThrow({ where: { callId, status: "DRAFT" }, select: { id: true } });
    await db.application.update({
      where: { id: extra.id },
      data: { status: "SUBMITTED", submittedAt: new Date(), tagline: "needle in a late submission" },
    });
    expect((await list()).total).toBe(before + 1);
    await db.application.update({ where: { id: extra.id }, data: { status: "DRAFT", submittedAt: null } });
  });
});
