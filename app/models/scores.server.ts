import { db, type Tx } from "~/db/client.server.ts";
import { openDisagreementDiscussions } from "./discussion.server.ts";
import { cachedUntilChange } from "~/db/read-cache.server.ts";
import { wakeSignal } from "~/jobs/periodic.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { fitJointModel } from "~/domain/joint-ranking.ts";
import { blendInterview, rank, scoreApplications } from "~/domain/scoring.ts";

// A call's ranking (normalized scores, disagreement, ranks kept on its applications) is computed call-wide.
// The normalized score is the joint model's (app/domain/joint-ranking.ts: each reviewer's offset and scale
// estimated from the applications they share with others, shrunk for reviewers with few reviews); the
// reviewers' effects are kept beside the scores (ReviewerEffect) for the pages that explain them.
// one review changes every reviewer's baseline, so a change recomputes the whole call (about 0.3 s at 20,000
// applications). A request that changes a submitted review only records that the ranking must be recomputed
// (requestRankingRefresh, in its own transaction); the background job (app/jobs/rankings.server.ts) recomputes
// it once for every request made meanwhile (refreshRanking). Decisions taken on ranks (confirming the
// allocation, a waitlist promotion) bring a stale ranking up to date in their own transaction first; what
// only shows ranks (the lists, an application's page, the allocation preview, the CSV export) shows the last
// computed ones, the pages with a notice while they are being updated.

type ScoreColumns = {
  rawScore: number | null;
  normalizedScore: number | null;
  disagreement: number | null;
  reviewCount: number;
  rank: number | null;
};
const SCORE_COLUMNS = ["rawScore", "normalizedScore", "disagreement", "reviewCount", "rank"] as const;

type ReviewStage = "REVIEW" | "INTERVIEW";
type EffectRow = { stage: ReviewStage; reviewerId: string; bias: number; scale: number; overall: number; reviewCount: number };

/** A call's scores computed from its submitted reviews, with the values its rows held when they were read. */
type CallScores = { callId: string; next: Map<string, ScoreColumns>; current: Map<string, ScoreColumns>; effects: EffectRow[] };

/**
 * Reads a call's submitted reviews and applications through `client` and computes every score and rank. Two
 * typed raw queries: through the ORM, the reviews (a join over three tables, tens of thousands of rows at
 * 20,000 applications) cost several times as much as the computation.
 */
async function computeCallScores(callId: string, client: Tx): Promise<CallScores> {
  // One after another: `client` may be a transaction, whose statements share its connection (on PostgreSQL,
  // node-postgres deprecates a query sent while another is running on the same client).
  const call = await client.call.findUniqueOrThrow({ where: { id: callId }, select: { hasInterview: true, interviewWeight: true } });
  // In a fixed order: the sums of floating-point scores then come out the same to the last digit whatever order
  // the database returns the rows in (PostgreSQL's changes after updates), so an unchanged ranking stays equal.
  const reviews = await client.$queryRaw<Array<{ score: number; reviewerId: string; applicationId: string; stage: string }>>`
      SELECT r."score", a."reviewerId", a."applicationId", a."stage"
      FROM "Review" r JOIN "ReviewAssignment" a ON a."id" = r."assignmentId" JOIN "Application" p ON p."id" = a."applicationId"
      WHERE p."callId" = ${callId} AND a."status" = 'SUBMITTED' AND r."submittedAt" IS NOT NULL AND r."score" IS NOT NULL
      ORDER BY a."id"`;
  const applications = await client.$queryRaw<Array<{ id: string; submittedAt: Date | null; createdAt: Date } & ScoreColumns>>`
      SELECT "id", "submittedAt", "createdAt", "rawScore", "normalizedScore", "disagreement", "reviewCount", "rank"
      FROM "Application" WHERE "callId" = ${callId} AND "status" <> 'DRAFT'`;
  const byStage = (stage: string) =>
    reviews
      .filter((r) => r.stage === stage)
      .map((r) => ({ reviewerId: r.reviewerId, applicationId: r.applicationId, score: Number(r.score) }));
  const reviewInputs = byStage("REVIEW");
  const interviewInputs = call.hasInterview ? byStage("INTERVIEW") : [];
  const reviewScores = scoreApplications(reviewInputs);
  const reviewFit = fitJointModel(reviewInputs);
  const interviewScores = scoreApplications(interviewInputs);
  const interviewFit = fitJointModel(interviewInputs);
  const effects: EffectRow[] = [];
  for (const [stage, fit] of [
    ["REVIEW", reviewFit],
    ["INTERVIEW", interviewFit],
  ] as const) {
    for (const effect of fit.reviewers.values())
      effects.push({
        stage,
        reviewerId: effect.reviewerId,
        bias: effect.bias,
        scale: effect.scale,
        overall: fit.overall,
        reviewCount: effect.reviewCount,
      });
  }

  const ranked = rank(
    applications.map((application) => {
      const review = reviewScores.get(application.id);
      const interview = interviewScores.get(application.id);
      return {
        applicationId: application.id,
        raw: blendInterview(review?.raw ?? null, interview?.raw ?? null, call.interviewWeight),
        normalized: blendInterview(
          reviewFit.applications.get(application.id)?.adjusted ?? null,
          interviewFit.applications.get(application.id)?.adjusted ?? null,
          call.interviewWeight,
        ),
        submittedAt: application.submittedAt ?? application.createdAt,
      };
    }),
  );
  const next = new Map<string, ScoreColumns>();
  for (const row of ranked) {
    const review = reviewScores.get(row.applicationId);
    next.set(row.applicationId, {
      rawScore: row.raw,
      normalizedScore: row.normalized,
      disagreement: review?.disagreement ?? null,
      reviewCount: review?.reviewCount ?? 0,
      rank: row.normalized === null && row.raw === null ? null : row.rank,
    });
  }
  return { callId, next, current: new Map(applications.map((a) => [a.id, scoreColumns(a)])), effects };
}

/**
 * Equal as stored: a score written and read back may differ from the computed one in its last bit (the
 * driver's round trip), which must not count as a change, or every row would be written every time.
 */
function sameValue(stored: number | null, computed: number | null): boolean {
  if (stored === null || computed === null) return stored === computed;
  return Math.abs(stored - computed) <= 1e-12 * Math.max(1, Math.abs(computed));
}

/** Replaces the call's reviewer effects when any differs from what is stored (read in the writing transaction). */
async function writeReviewerEffects(tx: Tx, callId: string, effects: EffectRow[]): Promise<void> {
  const stored = await tx.reviewerEffect.findMany({
    where: { callId },
    select: { stage: true, reviewerId: true, bias: true, scale: true, overall: true, reviewCount: true },
  });
  const storedOf = new Map(stored.map((row) => [`${row.stage} ${row.reviewerId}`, row]));
  const unchanged =
    stored.length === effects.length &&
    effects.every((effect) => {
      const before = storedOf.get(`${effect.stage} ${effect.reviewerId}`);
      return (
        before !== undefined &&
        before.reviewCount === effect.reviewCount &&
        (["bias", "scale", "overall"] as const).every((key) => sameValue(before[key], effect[key]))
      );
    });
  if (unchanged) return;
  await tx.reviewerEffect.deleteMany({ where: { callId } });
  for (let i = 0; i < effects.length; i += UPDATE_BATCH)
    await tx.reviewerEffect.createMany({ data: effects.slice(i, i + UPDATE_BATCH).map((effect) => ({ callId, ...effect })) });
}

/** Writes the rows whose numbers differ from `current`, and the reviewers' effects. */
async function writeChangedScores(tx: Tx, { callId, next, current, effects }: CallScores): Promise<number> {
  await writeReviewerEffects(tx, callId, effects);
  const changed: Array<{ id: string } & ScoreColumns> = [];
  for (const [id, columns] of next) {
    const before = current.get(id);
    if (before && SCORE_COLUMNS.every((key) => sameValue(before[key], columns[key]))) continue;
    changed.push({ id, ...columns });
  }
  for (let i = 0; i < changed.length; i += UPDATE_BATCH) await writeScores(tx, changed.slice(i, i + UPDATE_BATCH));
  return changed.length;
}

/** A raw row's score columns, integers as numbers whatever the driver returns for them. */
const scoreColumns = (row: ScoreColumns): ScoreColumns => ({
  rawScore: row.rawScore === null ? null : Number(row.rawScore),
  normalizedScore: row.normalizedScore === null ? null : Number(row.normalizedScore),
  disagreement: row.disagreement === null ? null : Number(row.disagreement),
  reviewCount: Number(row.reviewCount),
  rank: row.rank === null ? null : Number(row.rank),
});

/** The score columns of a call's applications as they are now (read inside the writing transaction). */
async function readCurrentScores(tx: Tx, callId: string): Promise<Map<string, ScoreColumns>> {
  const rows = await tx.$queryRaw<Array<{ id: string } & ScoreColumns>>`
    SELECT "id", "rawScore", "normalizedScore", "disagreement", "reviewCount", "rank" FROM "Application" WHERE "callId" = ${callId}`;
  return new Map(rows.map((row) => [row.id, scoreColumns(row)]));
}

/**
 * Recomputes every score of a call and writes it on the application rows, so lists and rankings read them
 * instead of recomputing per request, all through `tx` (the seed; refreshRankingInTransaction). It does not
 * touch the call's refresh mark.
 */
export async function refreshCallScores(callId: string, tx: Tx = db): Promise<void> {
  await writeChangedScores(tx, await computeCallScores(callId, tx));
}

/**
 * Records, in the transaction that changes a submitted review, that the call's ranking must be recomputed.
 * Cheap (one row per call): the request never recomputes it. Each request moves `requested` on, so the job
 * knows whether a request came after the one it computed for.
 */
export async function requestRankingRefresh(tx: Tx, callId: string, now = new Date()): Promise<void> {
  const mark = await tx.rankingRefresh.upsert({
    where: { callId },
    create: { callId, requested: 1, computed: 0, requestedAt: now },
    update: { requested: { increment: 1 } },
    select: { requested: true, computed: true },
  });
  // The ranking was up to date until this request: it is out of date since now.
  if (mark.requested === mark.computed + 1) await tx.rankingRefresh.update({ where: { callId }, data: { requestedAt: now } });
}

/**
 * Listened to by the background job in the process that runs it (app/jobs/rankings.server.ts); notified
 * once the transaction that requested a refresh has committed, so the job's next pass starts now.
 */
export const rankingRequested = wakeSignal();

/** The calls whose ranking is being updated (a request not yet computed), read once per database state. */
export function listUpdatingRankings(): Promise<Set<string>> {
  return cachedUntilChange("rankings:updating", async () => {
    const rows = await db.$queryRaw<Array<{ callId: string }>>`SELECT "callId" FROM "RankingRefresh" WHERE "requested" > "computed"`;
    return new Set(rows.map((row) => row.callId));
  });
}

/** Whether the call's ranking is being updated: its pages say so beside the ranks and normalized scores. */
export async function isRankingUpdating(callId: string): Promise<boolean> {
  return (await listUpdatingRankings()).has(callId);
}

export type RefreshOutcome =
  /** Nothing to do: no request since the last computation. */
  | "fresh"
  /** Recomputed, and no request came meanwhile: the call is up to date. */
  | "refreshed"
  /** Recomputed, but a request came during the computation: the call stays marked for the next pass. */
  | "requested-again"
  /** Another runner wrote a computation at least as recent meanwhile: nothing written. */
  | "superseded";

/**
 * The background job's work for one call: recomputes the whole call once for every request made so far,
 * outside any transaction (the write lock is not held while it reads and computes), then writes the scores
 * in one transaction that decides, on what it reads itself, what the computation is worth:
 * - it records as computed the `requested` it started from, so a request made during the computation
 *   keeps the call marked (computed < requested) and the next pass computes again;
 * - it writes nothing if another runner (a second worker process, the allocation) has written a
 *   computation at least as recent, so an older computation never overwrites a newer one.
 */
export async function refreshRanking(callId: string, now: () => Date = () => new Date()): Promise<RefreshOutcome> {
  const mark = await db.rankingRefresh.findUnique({ where: { callId }, select: { requested: true, computed: true } });
  if (!mark || mark.requested <= mark.computed) return "fresh";
  const generation = mark.requested;
  // Read after the mark: it reflects every request up to `generation`, and maybe later ones.
  const scores = await computeCallScores(callId, db);
  return db.$transaction(async (tx) => {
    const latest = await tx.rankingRefresh.findUnique({ where: { callId }, select: { requested: true, computed: true } });
    if (!latest || latest.computed >= generation) return "superseded";
    // Every write of scores moves `computed` on: if it has not moved, the rows still hold what the computation
    // read, else they are read again here so that only what differs now is written.
    if (latest.computed !== mark.computed) scores.current = await readCurrentScores(tx, callId);
    await writeChangedScores(tx, scores);
    await openDisagreementDiscussions(tx, callId, now());
    await tx.rankingRefresh.update({ where: { callId }, data: { computed: generation, computedAt: now() } });
    return latest.requested > generation ? "requested-again" : "refreshed";
  });
}

/**
 * Brings a stale ranking up to date inside the caller's writing transaction (no other writer until it ends),
 * for a decision taken on ranks. Costs one read of the mark when the ranking is up to date.
 */
export async function refreshRankingInTransaction(tx: Tx, callId: string, now = new Date()): Promise<boolean> {
  const mark = await tx.rankingRefresh.findUnique({ where: { callId }, select: { requested: true, computed: true } });
  if (!mark || mark.requested <= mark.computed) return false;
  await refreshCallScores(callId, tx);
  await openDisagreementDiscussions(tx, callId, now);
  await tx.rankingRefresh.update({ where: { callId }, data: { computed: mark.requested, computedAt: now } });
  return true;
}

export type RefreshSummary = Record<RefreshOutcome, number> & { failed: number };

/**
 * One pass of the background job: every call marked stale, recomputed once. A call that fails stays marked
 * (the next pass tries again) and does not keep the others from being recomputed; the pass then fails with
 * the first error, so that it is logged.
 */
export async function refreshStaleRankings(): Promise<RefreshSummary> {
  const summary: RefreshSummary = { fresh: 0, refreshed: 0, "requested-again": 0, superseded: 0, failed: 0 };
  const errors: unknown[] = [];
  for (const callId of await listUpdatingRankings()) {
    try {
      summary[await refreshRanking(callId)] += 1;
    } catch (error) {
      summary.failed += 1;
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, `ranking refresh failed for ${errors.length} call(s): ${String(errors[0])}`);
  return summary;
}

const UPDATE_BATCH = 500;

/**
 * One UPDATE … FROM (VALUES …) per batch (SQLite 3.33+ and PostgreSQL): a whole call re-ranks in a few
 * statements, not one per row. Each row is found by its key, where a CASE per column would compare every
 * row with every id of the batch (twice as slow at 20,000 applications). Each value is CAST to its
 * column's type: PostgreSQL types a parameter in VALUES as text otherwise (SQLite reads the same type
 * names as the affinities it stores: DOUBLE PRECISION is REAL).
 */
async function writeScores(tx: Tx, rows: Array<{ id: string } & ScoreColumns>) {
  const values = Prisma.join(
    rows.map(
      (r) =>
        Prisma.sql`(CAST(${r.id} AS TEXT), CAST(${r.rawScore} AS DOUBLE PRECISION), CAST(${r.normalizedScore} AS DOUBLE PRECISION), CAST(${r.disagreement} AS DOUBLE PRECISION), CAST(${r.reviewCount} AS INTEGER), CAST(${r.rank} AS INTEGER))`,
    ),
  );
  await tx.$executeRaw`UPDATE "Application" SET "rawScore" = v."column2", "normalizedScore" = v."column3", "disagreement" = v."column4",
    "reviewCount" = v."column5", "rank" = v."column6"
    FROM (VALUES ${values}) AS v WHERE "Application"."id" = v."column1"`;
}
