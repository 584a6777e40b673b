// The landing page's headline figures (issue 17): the typed ones until an admin chooses those computed from
// the follow-up, which the scheduled jobs then refresh every hour; each save audited. The landing page's
// loader serves whichever the mode says.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { LANDING_FIGURES_MAX_AGE_MS, landingFigures, refreshLandingFigures, saveLandingFigures } from "~/models/landing-figures.server.ts";
import { outcomesDashboard } from "~/models/outcomes.server.ts";
import { refreshFollowUpSummaries } from "~/models/follow-up-summary.server.ts";
import { loader as landingLoader } from "~/routes/_index.tsx";
import { createCandidate, createDecisionCall, createSites } from "../support/enrollment-factories.ts";
import { createTestUser } from "../support/factories.ts";
import { callRoute } from "../support/remix.ts";

beforeAll(async () => {
  await dbReady;
});

const TYPED = { companies: 3200, jobs: 16000, success: 84, survival: 90, exporting: 27 };

/** Three projects followed since a cohort that started two years before `now`: one ceased, two operate with jobs. */
async function followedProjects(now: Date) {
  const [site] = await createSites(1);
  const { call, cohorts } = await createDecisionCall({ cohorts: [{ site, capacity: 3 }] });
  const startsAt = new Date(now.getTime() - 730 * 24 * 60 * 60 * 1000);
  await db.cohort.update({ where: { id: cohorts[0].id }, data: { startsAt } });
  for (const [index, jobs] of [4, 6, 0].entries()) {
    const { application } = await createCandidate({ call, site, status: "ACCEPTED", projectName: `Suivi ${index} ${call.id}` });
    await db.application.update({
      where: { id: application.id },
      data: {
        status: index === 2 ? "CEASED" : "GRADUATED",
        enrolledCohortId: cohorts[0].id,
        graduatedAt: startsAt,
        ceasedAt: index === 2 ? now : null,
      },
    });
    await db.checkIn.create({
      data: {
        applicationId: application.id,
        monthsAfter: 12,
        dueAt: new Date(startsAt.getTime() + 365 * 24 * 60 * 60 * 1000),
        submittedAt: now,
        answers: "{}",
        operating: index !== 2,
        fullTimeJobs: jobs,
        partTimeJobs: 1,
        exportShare: index === 0 ? 30 : 0,
        fundingAmount: 0,
      },
    });
  }
  // Written row by row, as a database from before the summaries: summarized as the scheduled pass does.
  await db.$transaction((tx) => refreshFollowUpSummaries(tx, { callId: call.id }));
}

describe("the landing page's figures", () => {
  it("shows the typed figures, then the computed ones once chosen, refreshed by the scheduled jobs after an hour", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const now = new Date();
    await followedProjects(now);
    const landing = async () => ((await (await callRoute(landingLoader, { path: "/" })).json()) as { figures: unknown }).figures;

    // Nothing saved yet: the network's published figures.
    expect(await landingFigures()).toEqual({ companies: 3000, jobs: 15000, success: 86, survival: 89, exporting: 25 });
    await saveLandingFigures({ mode: "TYPED", ...TYPED }, admin.id, now);
    expect(await landing()).toEqual(TYPED);
    // No computation while the typed figures are shown.
    expect(await refreshLandingFigures(new Date(now.getTime() + 2 * LANDING_FIGURES_MAX_AGE_MS))).toBe(false);

    await saveLandingFigures({ mode: "COMPUTED", ...TYPED }, admin.id, now);
    const outcomes = await outcomesDashboard({}, now);
    const computed = {
      companies: outcomes.projects,
      jobs: outcomes.jobs.fullTime + outcomes.jobs.partTime,
      success: Math.round(outcomes.success.rate! * 100),
      // Nobody followed five years here: the typed figure stands in for it.
      survival: TYPED.survival,
      exporting: Math.round(outcomes.exporting.share! * 100),
    };
    expect(computed.companies).toBeGreaterThanOrEqual(3);
    expect(await landing()).toEqual(computed);
    const events = await db.auditEvent.findMany({ where: { subjectType: "LandingFigures", type: "LANDING_FIGURES_SAVED" } });
    expect(events.map((event) => JSON.parse(event.details).mode)).toEqual(["TYPED", "COMPUTED"]);

    // Fresh for an hour; then the scheduled jobs compute them again, with what has changed meanwhile.
    expect(await refreshLandingFigures(new Date(now.getTime() + LANDING_FIGURES_MAX_AGE_MS - 1000))).toBe(false);
    await followedProjects(now);
    expect(await refreshLandingFigures(new Date(now.getTime() + LANDING_FIGURES_MAX_AGE_MS))).toBe(true);
    expect(((await landing()) as { companies: number }).companies).toBe(computed.companies + 3);

    // Back to the typed figures.
    await saveLandingFigures({ mode: "TYPED", ...TYPED, companies: 3300 }, admin.id, now);
    expect(await landing()).toEqual({ ...TYPED, companies: 3300 });
  });
});
