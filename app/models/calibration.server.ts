// Reviewer calibration (issue 18): a call's review-stage figures per reviewer (app/domain/calibration.ts) with the
// offset and scale the ranking's joint model removed from their scores (ReviewerEffect, written with the scores).
// Admins read a whole call; a reviewer reads their own row of each call they reviewed in, beside the call's figures.
import { db } from "~/db/client.server.ts";
import { calibrate, type ReviewerCalibration } from "~/domain/calibration.ts";
import { adjustScore } from "~/domain/joint-ranking.ts";
import { mean } from "~/domain/scoring.ts";

type Row = { reviewerId: string; applicationId: string; score: number; submittedAt: Date; dueAt: Date | null };

/** The call's submitted review-stage reviews (one query: a large call has tens of thousands). */
function reviewsOf(callId: string) {
  return db.$queryRaw<Row[]>`
    SELECT a."reviewerId", a."applicationId", r."score", r."submittedAt", a."dueAt"
    FROM "Review" r JOIN "ReviewAssignment" a ON a."id" = r."assignmentId" JOIN "Application" p ON p."id" = a."applicationId"
    WHERE p."callId" = ${callId} AND a."stage" = 'REVIEW' AND a."status" = 'SUBMITTED' AND r."submittedAt" IS NOT NULL
      AND r."score" IS NOT NULL
    ORDER BY a."id"`;
}

export type ReviewerCalibrationRow = ReviewerCalibration & {
  name: string;
  /** What the ranking removes from the reviewer's scores; null before the ranking counted them. */
  bias: number | null;
  scale: number | null;
  /** The mean of the reviewer's scores once adjusted. */
  adjustedMean: number | null;
};

/** Every reviewer of the call with their figures, by name, and the call's figures (admins). */
export async function calibrationOfCall(callId: string) {
  const rows = (await reviewsOf(callId)).map((row) => ({
    ...row,
    score: Number(row.score),
    submittedAt: new Date(row.submittedAt),
    dueAt: row.dueAt === null ? null : new Date(row.dueAt),
  }));
  const figures = calibrate(rows);
  const reviewerIds = figures.reviewers.map((reviewer) => reviewer.reviewerId);
  const [users, effects] = await Promise.all([
    db.user.findMany({ where: { id: { in: reviewerIds } }, select: { id: true, name: true } }),
    db.reviewerEffect.findMany({
      where: { callId, stage: "REVIEW" },
      select: { reviewerId: true, bias: true, scale: true, overall: true },
    }),
  ]);
  const nameOf = new Map(users.map((user) => [user.id, user.name]));
  const effectOf = new Map(effects.map((effect) => [effect.reviewerId, effect]));
  const scoresOf = new Map<string, number[]>();
  for (const row of rows) {
    const scores = scoresOf.get(row.reviewerId);
    if (scores) scores.push(row.score);
    else scoresOf.set(row.reviewerId, [row.score]);
  }
  const reviewers: ReviewerCalibrationRow[] = figures.reviewers.map((reviewer) => {
    const effect = effectOf.get(reviewer.reviewerId);
    return {
      ...reviewer,
      name: nameOf.get(reviewer.reviewerId) ?? "",
      bias: effect?.bias ?? null,
      scale: effect?.scale ?? null,
      adjustedMean: effect
        ? mean((scoresOf.get(reviewer.reviewerId) ?? []).map((score) => adjustScore(score, effect, effect.overall)))
        : null,
    };
  });
  reviewers.sort((a, b) => a.name.localeCompare(b.name) || a.reviewerId.localeCompare(b.reviewerId));
  const { reviewers: _unused, ...call } = figures;
  return { call, reviewers };
}

/** The reviewer's own figures in each call they submitted reviews in, with the call's (never another reviewer's). */
export async function calibrationOfReviewer(reviewerId: string) {
  const calls = await db.call.findMany({
    where: { applications: { some: { assignments: { some: { reviewerId, stage: "REVIEW", status: "SUBMITTED" } } } } },
    orderBy: [{ closesAt: "desc" }, { id: "asc" }],
    select: { id: true, title: true, titleEn: true, titleAr: true },
  });
  const result = [];
  for (const call of calls) {
    const figures = await calibrationOfCall(call.id);
    const own = figures.reviewers.find((reviewer) => reviewer.reviewerId === reviewerId);
    if (own) result.push({ ...call, call: figures.call, own });
  }
  return result;
}
