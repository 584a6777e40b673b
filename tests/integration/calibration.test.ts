// Reviewer calibration (issue 18) against a real database: each reviewer's figures beside the offset and scale the
// ranking removed, for admins per call; a reviewer's own page shows their figures only.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { calibrationOfCall } from "~/models/calibration.server.ts";
import { refreshCallScores } from "~/models/scores.server.ts";
import { loader as adminCalibrationLoader } from "~/routes/admin.calls.$id.calibration.tsx";
import { loader as ownCalibrationLoader } from "~/routes/reviewer.calibration.tsx";
import { createTestUser } from "../support/factories.ts";
import { callRoute } from "../support/remix.ts";
import { assignReviewer, createReviewSetup, signIn, submitReview } from "../support/review-factories.ts";

beforeAll(async () => {
  await dbReady;
});

const DAY_MS = 86_400_000;

/** Three applications, each scored by three reviewers; the third adds a point to everything and is two days late once. */
async function calibratedCall() {
  const setup = await createReviewSetup({ reviewers: 3, applications: 3 });
  const quality = [2, 3, 4];
  for (const [a, { application }] of setup.applications.entries()) {
    for (const [r, reviewer] of setup.reviewers.entries()) {
      const assignment = await assignReviewer(application.id, reviewer.id);
      await submitReview(
        assignment,
        setup.criteria,
        Array.from({ length: 5 }, () => quality[a] + (r === 2 ? 1 : 0)),
      );
      if (r === 2 && a === 0) {
        const submitted = await db.review.findUniqueOrThrow({ where: { assignmentId: assignment.id }, select: { submittedAt: true } });
        await db.reviewAssignment.update({
          where: { id: assignment.id },
          data: { dueAt: new Date(submitted.submittedAt!.getTime() - 2 * DAY_MS) },
        });
      }
    }
  }
  await refreshCallScores(setup.call.id);
  return setup;
}

describe("calibration", () => {
  it("gives admins every reviewer's figures with the offset the ranking removed", async () => {
    const s = await calibratedCall();
    const { call, reviewers } = await calibrationOfCall(s.call.id);
    expect(call.reviewCount).toBe(9);
    expect(reviewers).toHaveLength(3);
    const lenient = reviewers.find((row) => row.reviewerId === s.reviewers[2].id)!;
    const others = reviewers.filter((row) => row.reviewerId !== s.reviewers[2].id);
    expect(lenient).toMatchObject({ reviewCount: 3, lateCount: 1, sharedApplications: 3 });
    expect(lenient.mean).toBeCloseTo(4, 9);
    expect(lenient.meanDaysLate).toBeCloseTo(2, 6);
    // A point above the two others on every application, so a gap of 1 to their mean.
    expect(lenient.gapToCoReviewers).toBeCloseTo(1, 9);
    for (const other of others) expect(lenient.bias! - other.bias!).toBeGreaterThan(0.3);
    // Adjusted, the lenient reviewer's mean comes down toward the others'.
    expect(lenient.adjustedMean!).toBeLessThan(lenient.mean);

    const admin = await createTestUser({ roles: ["ADMIN"] });
    const page = await callRoute(adminCalibrationLoader, {
      path: `/admin/calls/${s.call.id}/calibration`,
      params: { id: s.call.id },
      cookie: await signIn(admin),
    });
    expect(page.status).toBe(200);
    const data = (await page.json()) as { reviewers: Array<{ name: string }> };
    expect(data.reviewers.map((row) => row.name).sort()).toEqual(s.reviewers.map((reviewer) => reviewer.name).sort());
  });

  it("shows a reviewer their own figures only, with the call's", async () => {
    const s = await calibratedCall();
    const [me, ...others] = s.reviewers;
    const page = await callRoute(ownCalibrationLoader, { path: "/reviewer/calibration", cookie: await signIn(me) });
    expect(page.status).toBe(200);
    const body = await page.text();
    const data = JSON.parse(body) as {
      calls: Array<{ id: string; own: { reviewerId: string; reviewCount: number }; call: { reviewCount: number } }>;
    };
    expect(data.calls).toHaveLength(1);
    expect(data.calls[0]).toMatchObject({ id: s.call.id, own: { reviewerId: me.id, reviewCount: 3 }, call: { reviewCount: 9 } });
    for (const other of others) {
      expect(body).not.toContain(other.id);
      expect(body).not.toContain(other.name);
    }
  });
});
