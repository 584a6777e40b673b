// The staged-decision rule as queries (app/models/decision-release.server.ts)
// selects exactly what the domain's rule (app/domain/decision.ts) says, for
// every status, released or not.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { APPLICATION_STATUSES, type ApplicationStatus } from "~/domain/constants.ts";
import { COMMITTEE_DECISIONS, founderVisibleStatus, isDecisionHidden } from "~/domain/decision.ts";
import { decisionHiddenSql, decisionHiddenWhere, decisionReleasedWhere, founderVisibleWhere } from "~/models/decision-release.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { createOpenCall, createSite } from "../support/intake-factories.ts";

type Row = { id: string; status: ApplicationStatus; decisionReleasedAt: Date | null };
let callId: string;
let rows: Row[];

beforeAll(async () => {
  await dbReady;
  const site = await createSite();
  callId = (await createOpenCall({ sites: [site] })).id;
  rows = [];
  for (const status of APPLICATION_STATUSES) {
    for (const decisionReleasedAt of [null, new Date("2026-06-01T10:00:00Z")]) {
      const founder = await db.user.create({ data: { email: `founder-${randomUUID()}@example.test`, name: "Founder" } });
      rows.push(
        await db.application.create({
          data: { founderId: founder.id, callId, status, decisionReleasedAt },
          select: { id: true, status: true, decisionReleasedAt: true },
        }),
      );
    }
  }
});

const idsWhere = async (where: object) =>
  (await db.application.findMany({ where: { callId, ...where }, select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
const idsOf = (keep: (row: Row) => boolean) =>
  rows
    .filter(keep)
    .map((r) => r.id)
    .sort();

describe("the staged-decision filters", () => {
  it("decisionHiddenWhere selects exactly the applications isDecisionHidden hides", async () => {
    expect(await idsWhere(decisionHiddenWhere())).toEqual(idsOf(isDecisionHidden));
    expect(idsOf(isDecisionHidden)).toHaveLength(COMMITTEE_DECISIONS.length);
  });

  it.each(COMMITTEE_DECISIONS)("narrowed to %s, it keeps only that status's hidden decision", async (status) => {
    expect(await idsWhere(decisionHiddenWhere([status]))).toEqual(idsOf((row) => row.status === status && isDecisionHidden(row)));
    expect(await idsWhere(decisionReleasedWhere([status]))).toEqual(idsOf((row) => row.status === status && !isDecisionHidden(row)));
  });

  it("decisionHiddenSql, for raw queries, selects what decisionHiddenWhere does, whole and narrowed to each status", async () => {
    const idsWhereSql = async (condition: Prisma.Sql) =>
      (
        await db.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "Application" WHERE "callId" = ${callId} AND ${condition} ORDER BY "id"`
      ).map((r) => r.id);
    expect(await idsWhereSql(decisionHiddenSql())).toEqual(idsOf(isDecisionHidden));
    for (const status of COMMITTEE_DECISIONS) {
      expect(await idsWhereSql(decisionHiddenSql([status])), status).toEqual(await idsWhere(decisionHiddenWhere([status])));
    }
  });

  it("founderVisibleWhere selects the applications whose founder sees their status as it is", async () => {
    expect(await idsWhere(founderVisibleWhere())).toEqual(idsOf((row) => founderVisibleStatus(row) === row.status));
  });
});
