// A call's ranking (normalized scores, disagreement, ranks) is recomputed by a background job, not in the
// request that changes a review: the request marks the call in its own transaction, the job recomputes the
// whole call once for every request made meanwhile and clears the mark only if no request came during its
// computation. The admin's pages say when the ranking is being updated; decisions and exports use an
// up-to-date one.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { catalogs } from "~/i18n/catalogs.ts";
import { confirmAllocation } from "~/models/allocation.server.ts";
import { updateCallSettings } from "~/models/call.server.ts";
import { declareConflict } from "~/models/review.server.ts";
import { callSettingsSchema } from "~/schemas/call.ts";
import {
  isRankingUpdating,
  refreshCallScores,
  refreshRanking,
  refreshRankingInTransaction,
  refreshStaleRankings,
  type RefreshOutcome,
} from "~/models/scores.server.ts";
import { startRankingJob } from "~/jobs/rankings.server.ts";
import { fitJointModel } from "~/domain/joint-ranking.ts";
import { getAdminApplication } from "~/models/admin-application.server.ts";
import { loader as allocationLoader } from "~/routes/admin.calls.$id.allocation.tsx";
import { loader as applicationLoader } from "~/routes/admin.applications.$id.tsx";
import { loader as listLoader } from "~/routes/admin.applications._index.tsx";
import { assignReviewer, createReviewApplication, createReviewSetup, signIn, submitReview } from "../support/review-factories.ts";
import { readThroughNewConnection } from "../support/database-faults.ts";
import { callRoute } from "../support/remix.ts";

beforeAll(async () => {
  await dbReady;
});

const SCORE_SELECT = { id: true, rawScore: true, normalizedScore: true, disagreement: true, reviewCount: true, rank: true } as const;

/** The call's stored scores, in id order. */
function storedScores(callId: string) {
  return db.application.findMany({ where: { callId }, orderBy: { id: "asc" }, select: SCORE_SELECT });
}

/** What a computation from scratch gives (every score emptied, then computed); the stored scores are put back after. */
async function fromScratch(callId: string) {
  const stored = await storedScores(callId);
  let expected: typeof stored = [];
  await db.$transaction(async (tx) => {
    await tx.application.updateMany({
      where: { callId },
      data: { rawScore: null, normalizedScore: null, disagreement: null, reviewCount: 0, rank: null },
    });
    await refreshCallScores(callId, tx);
    expected = await tx.application.findMany({ where: { callId }, orderBy: { id: "asc" }, select: SCORE_SELECT });
    for (const { id, ...scores } of stored) await tx.application.update({ where: { id }, data: scores });
  });
  return expected;
}

function mark(callId: string) {
  return db.rankingRefresh.findUnique({ where: { callId }, select: { requested: true, computed: true } });
}

/** Values 1–5 for the rubric's five criteria, different for each reviewer and application. */
const valuesFor = (a: number, b: number) => Array.from({ length: 5 }, (_, i) => ((a * 3 + b * 7 + i * 2) % 5) + 1);

/** A call with `reviewers` reviewers each assigned to each of `applications` applications. */
async function staffedCall(applications: number, reviewers: number) {
  const setup = await createReviewSetup({ reviewers, applications });
  const assignments = [];
  for (const application of setup.applications)
    for (const reviewer of setup.reviewers) assignments.push(await assignReviewer(application.application.id, reviewer.id));
  return { ...setup, assignments };
}

describe("a review's submission", () => {
  it("marks the call's ranking in its own transaction and leaves the scores to the job, which recomputes them and clears the mark", async () => {
    const { call, criteria, assignments, applications } = await staffedCall(2, 1);
    const before = await storedScores(call.id);

    await submitReview(assignments[0], criteria, [5, 4, 3, 2, 1]);
    // The request recomputed nothing: the review is stored, the call marked, the scores untouched.
    expect((await db.review.findUniqueOrThrow({ where: { assignmentId: assignments[0].id } })).score).toBeCloseTo(3.5, 9);
    expect(await storedScores(call.id)).toEqual(before);
    expect(await mark(call.id)).toEqual({ requested: 1, computed: 0 });
    expect(await isRankingUpdating(call.id)).toBe(true);

    const summary = await refreshStaleRankings();
    expect(summary).toMatchObject({ refreshed: 1, "requested-again": 0, superseded: 0, failed: 0 });
    expect(await mark(call.id)).toEqual({ requested: 1, computed: 1 });
    expect(await isRankingUpdating(call.id)).toBe(false);
    const first = await db.application.findUniqueOrThrow({ where: { id: applications[0].application.id }, select: SCORE_SELECT });
    expect(first).toMatchObject({ rawScore: 3.5, normalizedScore: 3.5, disagreement: 0, reviewCount: 1, rank: 1 });
    // Nothing left to do: the next pass recomputes nothing.
    expect(await refreshStaleRankings()).toMatchObject({ refreshed: 0, "requested-again": 0, superseded: 0, failed: 0 });

    // An update of the submitted review marks the call again.
    await submitReview(assignments[0], criteria, [1, 1, 1, 1, 1]);
    expect(await mark(call.id)).toEqual({ requested: 2, computed: 1 });
    expect((await db.application.findUniqueOrThrow({ where: { id: first.id } })).rawScore).toBe(3.5);
    await refreshStaleRankings();
    expect((await db.application.findUniqueOrThrow({ where: { id: first.id } })).rawScore).toBe(1);
    expect(await storedScores(call.id)).toEqual(await fromScratch(call.id));
  });

  it("a conflict declared after submitting marks the call too, and the job stops counting that review", async () => {
    const { call, criteria, reviewers, site } = await createReviewSetup({ reviewers: 2 });
    const { application } = await createReviewApplication({ call, site });
    const theirs = await assignReviewer(application.id, reviewers[0].id);
    await submitReview(theirs, criteria, [5, 5, 5, 5, 5]);
    await submitReview(await assignReviewer(application.id, reviewers[1].id), criteria, [2, 2, 2, 2, 2]);
    await refreshStaleRankings();
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).reviewCount).toBe(2);

    await declareConflict(theirs.id, reviewers[0].id, "Je connais personnellement le fondateur.");
    expect(await isRankingUpdating(call.id)).toBe(true);
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).reviewCount).toBe(2);
    await refreshStaleRankings();
    expect(
      await db.application.findUniqueOrThrow({ where: { id: application.id }, select: { reviewCount: true, rawScore: true } }),
    ).toEqual({
      reviewCount: 1,
      rawScore: 2,
    });
  });

  it("changing the interview's weight marks the call too; the job blends the interview in", async () => {
    const { call, criteria, reviewers, site, admin } = await createReviewSetup({ reviewers: 1 });
    const { application } = await createReviewApplication({ call, site });
    await submitReview(await assignReviewer(application.id, reviewers[0].id), criteria, [2, 2, 2, 2, 2]);
    await db.application.update({ where: { id: application.id }, data: { status: "INTERVIEW" } });
    await submitReview(await assignReviewer(application.id, reviewers[0].id, { stage: "INTERVIEW" }), criteria, [4, 4, 4, 4, 4]);
    await refreshStaleRankings();
    // Without the interview stage, its reviews do not count.
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).rawScore).toBe(2);

    const settings = {
      title: call.title,
      description: "Incubation de projets verts dans les Technoparks du Royaume.",
      opensAt: "2026-12-01T10:00",
      closesAt: "2027-01-15T18:00",
      reviewersPerApplication: "2",
      blindReview: "on",
      offerResponseDays: "7",
    };
    await updateCallSettings(
      call.id,
      callSettingsSchema.parse({ ...settings, hasInterview: "on", interviewWeightPercent: "50" }),
      admin.id,
    );
    expect(await isRankingUpdating(call.id)).toBe(true);
    await refreshStaleRankings();
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).rawScore).toBeCloseTo(3, 9);
    // A change that leaves the scores as they are (the title) asks for nothing.
    await updateCallSettings(
      call.id,
      callSettingsSchema.parse({ ...settings, title: "Autre titre d'appel", hasInterview: "on", interviewWeightPercent: "50" }),
      admin.id,
    );
    expect(await isRankingUpdating(call.id)).toBe(false);
  });
});

describe("the background job", () => {
  it("recomputes a burst of parallel submissions once, to the ranking a computation from scratch gives", async () => {
    // 4 applications × 5 reviewers: 20 reviews per round, submitted all at once, in three rounds (new reviews, then updates).
    const { call, criteria, assignments } = await staffedCall(4, 5);
    for (let round = 0; round < 3; round++) {
      const { requested: before } = (await mark(call.id)) ?? { requested: 0 };
      await Promise.all(assignments.map((assignment, i) => submitReview(assignment, criteria, valuesFor(i, round))));
      expect((await mark(call.id))?.requested, `round ${round}: one request per submission`).toBe(before + assignments.length);
      const summary = await refreshStaleRankings();
      expect(summary, `round ${round}: one recomputation for the whole burst`).toMatchObject({
        refreshed: 1,
        "requested-again": 0,
        superseded: 0,
        failed: 0,
      });
      expect(await isRankingUpdating(call.id)).toBe(false);
      const stored = await storedScores(call.id);
      expect(stored.every((row) => row.reviewCount === 5 && row.rank !== null)).toBe(true);
      expect(stored, `round ${round}`).toEqual(await fromScratch(call.id));
    }
  });

  it("keeps the call marked when a submission lands while it computes, and never leaves a wrong ranking marked up to date", async () => {
    const { call, criteria, assignments } = await staffedCall(3, 4);
    // A first ranking, so that every round starts from computed scores.
    await Promise.all(assignments.map((assignment, i) => submitReview(assignment, criteria, valuesFor(i, 0))));
    await refreshStaleRankings();
    const outcomes: RefreshOutcome[] = [];
    for (let round = 1; round <= 20; round++) {
      // A submission makes the ranking stale; the job starts on it while more submissions arrive, at staggered
      // points of its computation.
      const late = assignments.filter((_, i) => i % 3 === round % 3);
      await submitReview(assignments[round % assignments.length], criteria, valuesFor(round, round + 1));
      // Some rounds start the job a few milliseconds late instead, the last eight from 4 to 32 ms: on
      // PostgreSQL a submission's transaction takes several round trips (more on a busy machine), and ends
      // after a computation that starts with it.
      const jobDelayMs = round > 12 ? (round - 12) * 4 : round % 4 === 1 ? round : 0;
      const [outcome] = await Promise.all([
        (jobDelayMs ? new Promise((resolve) => setTimeout(resolve, jobDelayMs)) : Promise.resolve()).then(() => refreshRanking(call.id)),
        ...late.map(async (assignment, i) => {
          // A few hundred microtasks reach into the computation; a turn of the event loop, past it.
          if (round % 4 === 3) await new Promise((resolve) => setImmediate(resolve));
          for (let tick = 0; tick < (round * 37 + i * 53) % 400; tick++) await Promise.resolve();
          return submitReview(assignment, criteria, valuesFor(i + round, round));
        }),
      ]);
      outcomes.push(outcome);
      const after = await mark(call.id);
      const stored = await storedScores(call.id);
      const expected = await fromScratch(call.id);
      if (after && after.computed >= after.requested) {
        // Marked up to date: then the stored ranking must count every submission.
        expect(stored, `round ${round}: marked up to date`).toEqual(expected);
      }
      // Whatever the interleaving, the next pass leaves an up-to-date ranking, marked so.
      for (let pass = 0; pass < 3 && (await isRankingUpdating(call.id)); pass++) await refreshStaleRankings();
      expect(await isRankingUpdating(call.id)).toBe(false);
      expect(await storedScores(call.id), `round ${round}: after the next pass`).toEqual(expected);
    }
    // The interleaving the mark is for did happen: a submission during the computation kept the call marked.
    expect(outcomes).toContain("requested-again");
  });

  it("with several runners at once (worker processes, the allocation), writes each computation once and never goes back", async () => {
    const { call, criteria, assignments } = await staffedCall(2, 3);
    await Promise.all(assignments.map((assignment, i) => submitReview(assignment, criteria, valuesFor(i, 1))));
    await refreshStaleRankings();
    const outcomes: RefreshOutcome[] = [];
    let computed = (await mark(call.id))!.computed;
    for (let round = 0; round < 12; round++) {
      await submitReview(assignments[round % assignments.length], criteria, valuesFor(round, 2));
      // Three runners start on that request while another review comes, and a decision brings the ranking
      // up to date in its own transaction.
      const late = (async () => {
        for (let tick = 0; tick < round * 25; tick++) await Promise.resolve();
        await submitReview(assignments[(round + 1) % assignments.length], criteria, valuesFor(round, 3));
      })();
      outcomes.push(
        ...(await Promise.all([
          refreshRanking(call.id),
          refreshRanking(call.id),
          db.$transaction((tx) => refreshRankingInTransaction(tx, call.id)).then(() => "refreshed" as const),
          refreshRanking(call.id),
          late.then(() => "fresh" as const),
        ])),
      );
      const after = (await mark(call.id))!;
      expect(after.computed, `round ${round}: what was computed never goes back`).toBeGreaterThanOrEqual(computed);
      computed = after.computed;
      const expected = await fromScratch(call.id);
      if (after.computed === after.requested) expect(await storedScores(call.id), `round ${round}: marked up to date`).toEqual(expected);
    }
    // Runners that found the computation they started on already written did not write it again.
    expect(outcomes).toContain("superseded");
  });

  it("keeps the need to recompute across a crash: the mark is on disk, and a failed pass leaves it", async () => {
    const { call, criteria, assignments, applications } = await staffedCall(1, 1);
    await submitReview(assignments[0], criteria, [4, 4, 4, 4, 4]);

    // What a server started after a crash would read: the mark, committed with the review.
    expect(
      await readThroughNewConnection(`SELECT "requested" - "computed" AS "stale" FROM "RankingRefresh" WHERE "callId" = $1`, call.id),
    ).toEqual([{ stale: 1 }]);

    // A pass that fails (here: a call whose interview weight the scoring refuses) leaves the call marked.
    await db.call.update({ where: { id: call.id }, data: { interviewWeight: 2 } });
    await expect(refreshStaleRankings()).rejects.toThrow(/ranking refresh failed for 1 call/);
    expect(await isRankingUpdating(call.id)).toBe(true);
    expect((await db.application.findUniqueOrThrow({ where: { id: applications[0].application.id } })).rawScore).toBeNull();

    await db.call.update({ where: { id: call.id }, data: { interviewWeight: 0.3 } });
    expect(await refreshStaleRankings()).toMatchObject({ refreshed: 1, failed: 0 });
    expect((await db.application.findUniqueOrThrow({ where: { id: applications[0].application.id } })).rawScore).toBe(4);
  });
});

describe("the job in the server process", () => {
  it("starts a pass as soon as a review is submitted in its process, not at its next tick", async () => {
    const { call, criteria, assignments } = await staffedCall(1, 1);
    await refreshStaleRankings(); // nothing left by other tests for its first pass
    const lines: string[] = [];
    // An interval no test waits for: only the submission's wake can run the pass.
    const job = startRankingJob((line) => lines.push(line), 10 * 60_000);
    try {
      await submitReview(assignments[0], criteria, [4, 4, 4, 4, 4]);
      await expect.poll(() => isRankingUpdating(call.id), { timeout: 10_000 }).toBe(false);
      expect((await storedScores(call.id))[0]).toMatchObject({ rawScore: 4, reviewCount: 1, rank: 1 });
      expect(lines).toEqual([expect.stringMatching(/^rankings: .*"refreshed":1/)]);
    } finally {
      await job.stop();
    }
  });
});

describe("while the ranking is being updated", () => {
  it("the applications list and an application's page say so, translated, until the job has run", async () => {
    const { call, criteria, assignments, applications, admin } = await staffedCall(1, 1);
    const cookie = await signIn(admin);
    const listed = async () =>
      (await (await callRoute(listLoader, { path: `/admin/applications?call=${call.slug}`, cookie })).json()) as {
        rankingUpdating: boolean;
      };
    const page = async () =>
      (await (
        await callRoute(applicationLoader, {
          path: `/admin/applications/${applications[0].application.id}`,
          params: { id: applications[0].application.id },
          cookie,
        })
      ).json()) as { rankingUpdating: boolean };
    expect((await listed()).rankingUpdating).toBe(false);
    expect((await page()).rankingUpdating).toBe(false);

    await submitReview(assignments[0], criteria, [3, 3, 3, 3, 3]);
    expect((await listed()).rankingUpdating).toBe(true);
    expect((await page()).rankingUpdating).toBe(true);

    await refreshStaleRankings();
    expect((await listed()).rankingUpdating).toBe(false);
    expect((await page()).rankingUpdating).toBe(false);

    // The notice in every language.
    for (const locale of ["fr", "en", "ar"] as const) expect(catalogs[locale].admin.rankingUpdating).toMatch(/\S/);
    expect(new Set((["fr", "en", "ar"] as const).map((l) => catalogs[l].admin.rankingUpdating)).size).toBe(3);
  });

  it("the allocation preview shows the last computed ranks and says so; confirming decides on an up-to-date ranking", async () => {
    const { call, site, criteria, reviewers, admin } = await createReviewSetup({ reviewers: 1 });
    await db.cohort.updateMany({ where: { callId: call.id }, data: { capacity: 1 } });
    const strong = await createReviewApplication({ call, site });
    const weak = await createReviewApplication({ call, site });
    await submitReview(await assignReviewer(weak.application.id, reviewers[0].id), criteria, [2, 2, 2, 2, 2]);
    await refreshStaleRankings();
    await submitReview(await assignReviewer(strong.application.id, reviewers[0].id), criteria, [5, 5, 5, 5, 5]);
    await db.application.updateMany({ where: { callId: call.id }, data: { status: "COMMITTEE" } });
    expect(await isRankingUpdating(call.id)).toBe(true);

    // The preview: the last computed ranking (the strong application not scored yet), and the page says so.
    const cookie = await signIn(admin);
    const page = (await (
      await callRoute(allocationLoader, { path: `/admin/calls/${call.id}/allocation`, params: { id: call.id }, cookie })
    ).json()) as { rankingUpdating: boolean; preview: { rows: Array<{ applicationId: string; rank: number; decision: string }> } };
    expect(page.rankingUpdating).toBe(true);
    const decisions = Object.fromEntries(page.preview.rows.map((row) => [row.applicationId, row.decision]));
    expect(decisions).toEqual({ [weak.application.id]: "ACCEPTED", [strong.application.id]: "WAITLISTED" });
    expect(page.preview.rows.find((row) => row.applicationId === weak.application.id)?.rank).toBe(1);
    expect(await isRankingUpdating(call.id)).toBe(true);

    // Confirming recomputes the ranking in its own transaction and decides on it.
    expect(await confirmAllocation(call.id, { kind: "user", id: admin.id, roles: ["ADMIN"] })).toBe(2);
    expect(await isRankingUpdating(call.id)).toBe(false);
    const statuses = await db.application.findMany({ where: { callId: call.id }, select: { id: true, status: true, rank: true } });
    expect(Object.fromEntries(statuses.map((a) => [a.id, [a.rank, a.status]]))).toEqual({
      [strong.application.id]: [1, "ACCEPTED"],
      [weak.application.id]: [2, "WAITLISTED"],
    });
  });
});

describe("the normalized score", () => {
  it("is the joint model's: a lenient reviewer's offset is taken out, and the reviewers' effects are stored beside the scores", async () => {
    // Four applications of equal quality: two reviewers score them all 3; a third, lenient, scores only the first
    // two, 4. Raw means put those two a third of a point ahead; so do z-scores (two reviews are too few for the
    // reviewer's own statistics). The joint model sees the offset in the applications the reviewers share.
    const { call, criteria, assignments, applications, reviewers } = await staffedCall(4, 3);
    for (const [index, assignment] of assignments.entries()) {
      const application = Math.floor(index / reviewers.length);
      const lenient = index % reviewers.length === 2;
      if (lenient && application >= 2) continue;
      await submitReview(
        assignment,
        criteria,
        Array.from({ length: 5 }, () => (lenient ? 4 : 3)),
      );
    }
    await refreshCallScores(call.id);

    const stored = await Promise.all(
      applications.map(({ application }) => db.application.findUniqueOrThrow({ where: { id: application.id }, select: SCORE_SELECT })),
    );
    expect(stored[0].rawScore! - stored[2].rawScore!).toBeCloseTo(1 / 3, 9);
    expect(stored[0].normalizedScore! - stored[2].normalizedScore!).toBeLessThan(0.2);
    expect(stored[0].normalizedScore! - stored[2].normalizedScore!).toBeGreaterThanOrEqual(0);
    // Exactly the model's numbers.
    const reviews = await db.review.findMany({
      where: { submittedAt: { not: null }, assignment: { application: { callId: call.id } } },
      select: { score: true, assignment: { select: { reviewerId: true, applicationId: true } } },
    });
    const fit = fitJointModel(
      reviews.map((review) => ({
        reviewerId: review.assignment.reviewerId,
        applicationId: review.assignment.applicationId,
        score: review.score!,
      })),
    );
    for (const row of stored) expect(row.normalizedScore).toBeCloseTo(fit.applications.get(row.id)!.adjusted, 9);

    const effects = await db.reviewerEffect.findMany({ where: { callId: call.id }, orderBy: { bias: "asc" } });
    expect(effects.map((effect) => [effect.stage, effect.reviewCount])).toEqual([
      ["REVIEW", 4],
      ["REVIEW", 4],
      ["REVIEW", 2],
    ]);
    expect(effects[2].reviewerId).toBe(reviewers[2].id);
    expect(effects[2].bias - effects[1].bias).toBeGreaterThan(0.5);
    expect(effects[2].overall).toBeCloseTo(fit.overall, 9);

    // The application's page shows how each score was read: the lenient reviewer's 4 adjusted down, the others' 3 up.
    const page = await getAdminApplication(applications[0].application.id, "en");
    const fitted = fit.applications.get(applications[0].application.id)!.reviews;
    for (const assignment of page!.assignments) {
      const expected = fitted.find((review) => review.reviewerId === assignment.reviewer.id)!;
      expect(assignment.review?.adjustment?.adjusted).toBeCloseTo(expected.adjusted, 9);
    }
    const lenientRow = page!.assignments.find((assignment) => assignment.reviewer.id === reviewers[2].id)!;
    expect(lenientRow.review?.adjustment?.adjusted).toBeLessThan(4);
    expect(lenientRow.review?.adjustment?.bias).toBeCloseTo(effects[2].bias, 12);

    // Computing again with nothing changed leaves the effects as they are.
    const before = await db.reviewerEffect.findMany({ where: { callId: call.id }, orderBy: { reviewerId: "asc" } });
    await refreshCallScores(call.id);
    expect(await db.reviewerEffect.findMany({ where: { callId: call.id }, orderBy: { reviewerId: "asc" } })).toEqual(before);
  });
});
