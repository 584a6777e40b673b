// The admin audit log page: its query string never makes it fail, and a subject
// filter lists that subject's events only.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { loader as auditLoader } from "~/routes/admin.audit.tsx";
import { createTestUser } from "../support/factories.ts";
import { signIn } from "../support/review-factories.ts";
import { callRoute } from "../support/remix.ts";

let adminCookie: string;
let adminId: string;
beforeAll(async () => {
  await dbReady;
  const admin = await createTestUser({ roles: ["ADMIN"] });
  adminId = admin.id;
  adminCookie = await signIn(admin);
});

type AuditData = { rows: Array<{ id: string; subjectId: string }>; hasMore: boolean; page: number };

const load = (query: string) => callRoute(auditLoader, { path: `/admin/audit?${query}`, cookie: adminCookie });

describe("the audit log loader", () => {
  it("answers an over-long subject (65 characters and more) with an empty list, never a 500", async () => {
    for (const length of [65, 200, 5000]) {
      const response = await load(`subject=${"s".repeat(length)}`);
      expect({ length, status: response.status }).toEqual({ length, status: 200 });
      expect(((await response.json()) as AuditData).rows).toEqual([]);
    }
  });

  it("lists one subject's events when asked, whatever the spaces around its id, and every subject otherwise", async () => {
    const subjectId = `audit-subject-${process.pid}-${Date.now()}`;
    const other = `${subjectId}-other`;
    for (const id of [subjectId, subjectId, other]) {
      await db.auditEvent.create({ data: { actorId: adminId, subjectType: "Call", subjectId: id, type: "TEST_EVENT" } });
    }
    for (const query of [`subject=${subjectId}`, `subject=${encodeURIComponent(`  ${subjectId} `)}`]) {
      const response = await load(query);
      expect(response.status).toBe(200);
      const data = (await response.json()) as AuditData;
      expect(data.rows.map((r) => r.subjectId)).toEqual([subjectId, subjectId]);
    }
    const all = (await (await load("subject=")).json()) as AuditData;
    expect(all.rows.map((r) => r.subjectId)).toEqual(expect.arrayContaining([subjectId, other]));
    const longest = (await (await load(`subject=${"s".repeat(64)}`)).json()) as AuditData;
    expect(longest.rows).toEqual([]);
  });
});
