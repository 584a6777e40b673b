// The admin list's query plans on PostgreSQL: every page the list really asks for is read off its
// index, in the index's order, with no sort step (the same promise as on SQLite, checked by
// tests/integration/admin-list-plans.test.ts). PostgreSQL sorts NULL highest, so the list says
// NULLS LAST for the scores and their indexes are built DESC NULLS LAST (prisma/postgres/migrations):
// without that the index cannot give the order and a Sort appears.
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { dbReady } from "~/db/client.server.ts";
import { listCallApplications } from "~/models/admin-application.server.ts";
import { createBigCall, createNamedCall, filter, SORTS } from "../support/admin-list-factories.ts";
import { hasSortStep, queryPlan } from "../support/database-faults.ts";

beforeAll(async () => {
  await dbReady;
});

afterEach(() => {
  vi.restoreAllMocks();
});

type Sent = { text: string; values: unknown[] };

/** The statements on Application that `run` sends through the driver (@prisma/adapter-pg calls pg's Client.query). */
async function captureStatements(run: () => Promise<unknown>): Promise<Sent[]> {
  const sent: Sent[] = [];
  const original = pg.Client.prototype.query;
  vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
    if (typeof config === "string") sent.push({ text: config, values: values ?? [] });
    else if (config && typeof config.text === "string") sent.push({ text: config.text, values: config.values ?? values ?? [] });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original);
  try {
    await run();
  } finally {
    vi.mocked(pg.Client.prototype.query).mockRestore();
  }
  return sent.filter((s) => /^\s*SELECT\b/i.test(s.text) && /"Application"/.test(s.text));
}

const INDEX = {
  normalized: "Application_list_by_score_idx",
  raw: "Application_list_by_raw_idx",
  submitted: "Application_list_by_submission_idx",
} as const;

describe("the admin list's query plans on PostgreSQL", () => {
  let callId: string;
  beforeAll(async () => {
    callId = (await createBigCall()).call.id;
    await createNamedCall();
  });

  for (const sort of SORTS) {
    for (const page of [1, 2, 3]) {
      it(`reads page ${page} of the ${sort} order off ${INDEX[sort]}, with no sort step`, async () => {
        const statements = await captureStatements(() => listCallApplications(callId, filter({ sort, page })));
        const pageQuery = statements.find((s) => /ORDER BY/i.test(s.text));
        expect(pageQuery, `page query for ${sort}`).toBeDefined();
        const detail = await queryPlan(pageQuery!.text, ...pageQuery!.values);
        expect(detail).toContain(INDEX[sort]);
        expect(hasSortStep(detail)).toBe(false);
      });
    }
  }

  it("searches without a sort step either, the text compared ignoring case (ILIKE)", async () => {
    const statements = await captureStatements(() => listCallApplications(callId, filter({ q: "needle", page: 2 })));
    const pageQuery = statements.find((s) => /ORDER BY/i.test(s.text));
    expect(pageQuery?.text).toMatch(/ILIKE/);
    const detail = await queryPlan(pageQuery!.text, ...pageQuery!.values);
    expect(detail).toContain(INDEX.normalized);
    expect(hasSortStep(detail)).toBe(false);
  });
});
