// Who saw what (issue 20, point 6) against a real database: a staff member's view of an application page (admin,
// reviewer), download of its files and CSV exports are logged — who, what, when — while a team's own views are
// not; the admin reads the log per application and per person; rows past the retention period are purged.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { flushAccessLog, logStaffAccess, purgeAccessLog } from "~/models/access-log.server.ts";
import { loader as accessLogLoader } from "~/routes/admin.access-log.tsx";
import { loader as adminApplicationLoader } from "~/routes/admin.applications.$id.tsx";
import { loader as csvLoader } from "~/routes/admin.calls.$id.applications[.csv].tsx";
import { loader as fileLoader } from "~/routes/files.$id.tsx";
import { loader as reviewLoader } from "~/routes/reviewer.assignments.$id.tsx";
import { createTestUser } from "../support/factories.ts";
import { callRoute } from "../support/remix.ts";
import { assignReviewer, createReviewApplication, createReviewCall, createReviewer, signIn } from "../support/review-factories.ts";
import { createSite } from "../support/intake-factories.ts";

beforeAll(async () => {
  await dbReady;
});

async function setup() {
  const site = await createSite();
  const { call } = await createReviewCall({ sites: [site], reviewersPerApplication: 1 });
  const { application, founder, attachment: pitchDeck } = await createReviewApplication({ call, site, status: "REVIEW" });
  const reviewer = await createReviewer();
  const assignment = await assignReviewer(application.id, reviewer.id);
  const admin = await createTestUser({ roles: ["ADMIN"] });
  return { call, application, founder, pitchDeck, reviewer, assignment, admin };
}

const logOf = async (applicationId: string) => {
  await flushAccessLog();
  return db.staffAccess.findMany({ where: { applicationId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
};

describe("the staff access log", () => {
  it("logs an admin's and a reviewer's views and downloads of an application, not its team's own", async () => {
    const { application, founder, pitchDeck, reviewer, assignment, admin } = await setup();
    const [adminCookie, reviewerCookie, founderCookie] = [await signIn(admin), await signIn(reviewer), await signIn(founder)];
    expect(
      (
        await callRoute(adminApplicationLoader, {
          path: `/admin/applications/${application.id}`,
          params: { id: application.id },
          cookie: adminCookie,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await callRoute(reviewLoader, {
          path: `/reviewer/assignments/${assignment.id}`,
          params: { id: assignment.id },
          cookie: reviewerCookie,
        })
      ).status,
    ).toBe(200);
    expect(
      (await callRoute(fileLoader, { path: `/files/${pitchDeck.id}`, params: { id: pitchDeck.id }, cookie: reviewerCookie })).status,
    ).toBe(200);
    expect(
      (await callRoute(fileLoader, { path: `/files/${pitchDeck.id}`, params: { id: pitchDeck.id }, cookie: founderCookie })).status,
    ).toBe(200);
    const log = await logOf(application.id);
    expect(log.map((row) => [row.staffId, row.action])).toEqual([
      [admin.id, "VIEW_APPLICATION"],
      [reviewer.id, "VIEW_APPLICATION"],
      [reviewer.id, "DOWNLOAD_FILE"],
    ]);
    // A refused view is not an access: a reviewer not assigned gets nothing and leaves nothing.
    const other = await createReviewer();
    expect(
      (await callRoute(fileLoader, { path: `/files/${pitchDeck.id}`, params: { id: pitchDeck.id }, cookie: await signIn(other) })).status,
    ).toBe(404);
    expect(await logOf(application.id)).toHaveLength(3);
  });

  it("logs CSV exports, and shows the admin the log per application and per person", async () => {
    const { call, application, admin } = await setup();
    const cookie = await signIn(admin);
    await callRoute(adminApplicationLoader, { path: `/admin/applications/${application.id}`, params: { id: application.id }, cookie });
    const csv = await callRoute(csvLoader, { path: `/admin/calls/${call.id}/applications.csv`, params: { id: call.id }, cookie });
    expect(csv.status).toBe(200);
    await csv.text();
    await flushAccessLog();
    const perApplication = (await (
      await callRoute(accessLogLoader, { path: `/admin/access-log?application=${application.id}`, cookie })
    ).json()) as {
      rows: Array<{ action: string; staff: { id: string } }>;
    };
    expect(perApplication.rows.map((row) => [row.staff.id, row.action])).toEqual([[admin.id, "VIEW_APPLICATION"]]);
    const perPerson = (await (await callRoute(accessLogLoader, { path: `/admin/access-log?staff=${admin.id}`, cookie })).json()) as {
      rows: Array<{ action: string; detail: string }>;
    };
    expect(perPerson.rows.map((row) => row.action)).toEqual(["EXPORT_CSV", "VIEW_APPLICATION"]);
    expect(perPerson.rows[0].detail).toContain(call.slug);
  });

  it("purges the rows past the retention period, and only those", async () => {
    const { application, admin } = await setup();
    await db.staffAccess.createMany({
      data: [
        { staffId: admin.id, action: "VIEW_APPLICATION", applicationId: application.id, createdAt: new Date("2020-01-01T00:00:00Z") },
        { staffId: admin.id, action: "VIEW_APPLICATION", applicationId: application.id, createdAt: new Date() },
      ],
    });
    expect(await purgeAccessLog()).toBeGreaterThanOrEqual(1);
    expect((await logOf(application.id)).map((row) => row.createdAt.getUTCFullYear())).toEqual([new Date().getUTCFullYear()]);
  });
});

describe("a batch that cannot be written", () => {
  it("is dropped without stopping the next ones", async () => {
    const { application, admin } = await setup();
    logStaffAccess("no-such-staff-member", "VIEW_APPLICATION", application.id);
    await flushAccessLog();
    logStaffAccess(admin.id, "VIEW_APPLICATION", application.id, "after");
    expect((await logOf(application.id)).map((row) => row.detail)).toEqual(["after"]);
  });
});
