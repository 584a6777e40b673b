import { db, type Tx } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";
import { blendInterview, rank, scoreApplications } from "~/domain/scoring.ts";

/**
 * Recomputes every score of a call and keeps them on the application rows, so
 * lists and rankings read them instead of recomputing per request.
 * Normalization is call-wide: one review changes every reviewer's baseline.
 */
export async function refreshCallScores(callId: string, tx: Tx = db): Promise<void> {
  const [call, reviews, applications] = await Promise.all([
    tx.call.findUniqueOrThrow({ where: { id: callId }, select: { hasInterview: true, interviewWeight: true } }),
    tx.review.findMany({
      where: { submittedAt: { not: null }, score: { not: null }, assignment: { status: "SUBMITTED", application: { callId } } },
      select: { score: true, assignment: { select: { reviewerId: true, applicationId: true, stage: true } } },
    }),
    tx.application.findMany({
      where: { callId, status: { not: "DRAFT" } },
      select: {
        id: true,
        submittedAt: true,
        createdAt: true,
        rawScore: true,
        normalizedScore: true,
        disagreement: true,
        reviewCount: true,
        rank: true,
      },
    }),
  ]);
  const byStage = (stage: string) =>
    reviews
      .filter((r) => r.assignment.stage === stage)
      .map((r) => ({ reviewerId: r.assignment.reviewerId, applicationId: r.assignment.applicationId, score: r.score as number }));
  const reviewScores = scoreApplications(byStage("REVIEW"));
  const interviewScores = call.hasInterview ? scoreApplications(byStage("INTERVIEW")) : new Map();

  const ranked = rank(
    applications.map((application) => {
      const review = reviewScores.get(application.id);
      const interview = interviewScores.get(application.id);
      return {
        applicationId: application.id,
        raw: blendInterview(review?.raw ?? null, interview?.raw ?? null, call.interviewWeight),
        normalized: blendInterview(review?.normalized ?? null, interview?.normalized ?? null, call.interviewWeight),
        submittedAt: application.submittedAt ?? application.createdAt,
      };
    }),
  );
  const current = new Map(applications.map((a) => [a.id, a]));
  const changed: Array<{ id: string } & ScoreColumns> = [];
  for (const row of ranked) {
    const review = reviewScores.get(row.applicationId);
    const next = {
      rawScore: row.raw,
      normalizedScore: row.normalized,
      disagreement: review?.disagreement ?? null,
      reviewCount: review?.reviewCount ?? 0,
      rank: row.normalized === null && row.raw === null ? null : row.rank,
    };
    const before = current.get(row.applicationId);
    // Only rows whose numbers moved are written: one review rarely moves them all.
    if (before && (Object.keys(next) as Array<keyof typeof next>).every((key) => before[key] === next[key])) continue;
    changed.push({ id: row.applicationId, ...next });
  }
  for (let i = 0; i < changed.length; i += UPDATE_BATCH) await writeScores(tx, changed.slice(i, i + UPDATE_BATCH));
}

type ScoreColumns = {
  rawScore: number | null;
  normalizedScore: number | null;
  disagreement: number | null;
  reviewCount: number;
  rank: number | null;
};
const UPDATE_BATCH = 200;

/** One UPDATE per batch (CASE per column, standard SQL): a whole call re-ranks in a few statements, not one per row. */
async function writeScores(tx: Tx, rows: Array<{ id: string } & ScoreColumns>) {
  const column = (name: keyof ScoreColumns) =>
    Prisma.sql`${Prisma.raw(`"${name}"`)} = CASE "id" ${Prisma.join(
      rows.map((r) => Prisma.sql`WHEN ${r.id} THEN ${r[name]}`),
      " ",
    )} END`;
  await tx.$executeRaw`UPDATE "Application" SET ${Prisma.join(
    (["rawScore", "normalizedScore", "disagreement", "reviewCount", "rank"] as const).map(column),
    ", ",
  )} WHERE "id" IN (${Prisma.join(rows.map((r) => r.id))})`;
}
