// Scoring and ranking (DESIGN.md §4). Pure: no I/O, no framework imports.
//
// Every score here is on the review scale SCALE_MIN..SCALE_MAX (1–5) unless it
// says otherwise; toPercent gives the 0–100 form shown next to it.

export type CriterionWeight = { criterionId: string; weight: number };
/** One submitted review: its weighted 1–5 score (see weightedScore). */
export type ReviewInput = { reviewerId: string; applicationId: string; score: number };

import { SCORE_SCALE } from "./constants.ts";

export const SCALE_MIN = SCORE_SCALE.min;
export const SCALE_MAX = SCORE_SCALE.max;

/**
 * Standard deviation of an application's review scores above which it is
 * flagged for discussion (strictly above). With two reviews the population
 * std dev is half their gap, so 1.0 flags two reviewers more than 2 points
 * apart — more than half of the 4-point range, e.g. 1.5 ("weak") against 4
 * ("strong") — while 2 against 4 is ordinary disagreement. The largest possible
 * value on 1–5 is 2.0 (1 against 5).
 */
export const DISAGREEMENT_THRESHOLD = 1.0;

/** A reviewer needs this many reviews in the call before their own mean/std dev are trusted. */
export const MIN_REVIEWS_FOR_OWN_STATS = 3;

/**
 * Spreads and differences below this count as zero: the mean of equal
 * floating-point scores is not always exactly that score (three reviews of 3.3
 * average 3.2999999999999994), and dividing by such noise would produce
 * meaningless z-scores.
 */
const EPSILON = 1e-9;

function assertOnScale(value: number, what: string): void {
  if (!Number.isFinite(value) || value < SCALE_MIN || value > SCALE_MAX) {
    throw new RangeError(`${what} must be between ${SCALE_MIN} and ${SCALE_MAX}, got ${value}`);
  }
}

/**
 * Weighted mean of a review's criterion values:
 *   score = Σ(weightᵢ · valueᵢ) / Σ weightᵢ
 * so weights need not sum to 1. Throws if a criterion has no value, a value is
 * outside 1–5, a weight is negative or not finite, a criterion is listed twice,
 * or the weights sum to 0. Values for criteria not in the list are ignored.
 */
export function weightedScore(values: Record<string, number>, criteria: CriterionWeight[]): number {
  if (criteria.length === 0) throw new RangeError("At least one criterion is required");
  const seen = new Set<string>();
  let weightSum = 0;
  let total = 0;
  for (const { criterionId, weight } of criteria) {
    if (seen.has(criterionId)) throw new RangeError(`Criterion ${criterionId} is listed twice`);
    seen.add(criterionId);
    if (!Number.isFinite(weight) || weight < 0)
      throw new RangeError(`Weight of ${criterionId} must be a non-negative number, got ${weight}`);
    if (!Object.hasOwn(values, criterionId)) throw new RangeError(`Missing a value for criterion ${criterionId}`);
    const value = values[criterionId];
    assertOnScale(value, `Value of criterion ${criterionId}`);
    weightSum += weight;
    total += weight * value;
  }
  if (!(weightSum > 0)) throw new RangeError("Criterion weights must not all be zero");
  return total / weightSum;
}

/** Linear map of min..max onto 0..100: (score − min) / (max − min) · 100, so 1 → 0, 3 → 50, 5 → 100. Not clamped. */
export function toPercent(score: number, min: number = SCALE_MIN, max: number = SCALE_MAX): number {
  if (!(max > min)) throw new RangeError(`toPercent needs max > min, got ${min}..${max}`);
  return ((score - min) / (max - min)) * 100;
}

/** Arithmetic mean Σx / n. Throws on an empty list. */
export function mean(xs: number[]): number {
  if (xs.length === 0) throw new RangeError("mean of an empty list");
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** Population standard deviation √(Σ(x − mean)² / n) (divides by n, not n − 1). One value → 0; empty → throws. */
export function populationStdDev(xs: number[]): number {
  const m = mean(xs);
  let squares = 0;
  for (const x of xs) squares += (x - m) ** 2;
  return Math.sqrt(squares / xs.length);
}

/** Per-application: raw mean, normalized mean, disagreement (population std dev), flagged, review count. */
export type ApplicationScore = {
  applicationId: string;
  /** Mean of the application's review scores. */
  raw: number | null;
  /** Mean of its reviews' normalized scores (below). */
  normalized: number | null;
  /** Population std dev of its review scores (raw, not normalized); 0 for a single review. */
  disagreement: number | null;
  /** disagreement > DISAGREEMENT_THRESHOLD. */
  flagged: boolean;
  reviewCount: number;
};

const clamp = (x: number) => Math.min(SCALE_MAX, Math.max(SCALE_MIN, x));

/**
 * Normalization (DESIGN §4): each reviewer's scores in a call become z-scores against that reviewer's own mean and population std dev — falling back to the call's mean and std dev when the reviewer has fewer than MIN_REVIEWS_FOR_OWN_STATS reviews or zero spread — then mapped back onto the call's scale: normalized = callMean + z * callStdDev, clamped to [SCALE_MIN, SCALE_MAX]. If the call itself has zero spread, normalized = raw. An application's normalized score is the mean of its reviews' normalized values.
 *
 * `reviews` are one call's submitted reviews; the call's mean and std dev are
 * taken over all of them. For a review by reviewer r:
 *   z          = (score − meanᵣ) / sdᵣ
 *   normalized = clamp(callMean + z · callSd)
 * With the call's stats as fallback the mapping is the identity
 * (callMean + (score − callMean) / callSd · callSd = score), so a fallback
 * reviewer's scores are used as they are; the code says so directly rather than
 * round-tripping through floating point.
 *
 * Throws on a score outside 1–5 and on two reviews by one reviewer of one
 * application. Only applications with at least one review appear in the result
 * (in order of first appearance), so every field is non-null here; the nulls in
 * ApplicationScore are for callers listing unreviewed applications.
 */
export function scoreApplications(reviews: ReviewInput[]): Map<string, ApplicationScore> {
  const result = new Map<string, ApplicationScore>();
  if (reviews.length === 0) return result;

  // Applications per reviewer: a nested lookup, cheaper than a composite key per review (tens of thousands in a large call).
  const reviewed = new Map<string, Set<string>>();
  for (const review of reviews) {
    assertOnScale(review.score, `Score of reviewer ${review.reviewerId} for application ${review.applicationId}`);
    let applications = reviewed.get(review.reviewerId);
    if (!applications) reviewed.set(review.reviewerId, (applications = new Set()));
    if (applications.has(review.applicationId))
      throw new RangeError(`Reviewer ${review.reviewerId} reviewed application ${review.applicationId} twice`);
    applications.add(review.applicationId);
  }

  const allScores = reviews.map((r) => r.score);
  const callMean = mean(allScores);
  const callSd = populationStdDev(allScores);

  const byReviewer = new Map<string, number[]>();
  for (const r of reviews) {
    const list = byReviewer.get(r.reviewerId);
    if (list) list.push(r.score);
    else byReviewer.set(r.reviewerId, [r.score]);
  }
  /** Own stats, or null when the reviewer falls back to the call's. */
  const ownStats = new Map<string, { mean: number; sd: number } | null>();
  for (const [reviewerId, scores] of byReviewer) {
    const sd = populationStdDev(scores);
    ownStats.set(reviewerId, scores.length >= MIN_REVIEWS_FOR_OWN_STATS && sd > EPSILON ? { mean: mean(scores), sd } : null);
  }

  const normalizeOne = (review: ReviewInput): number => {
    if (callSd <= EPSILON) return review.score; // the call has no spread: nothing to normalize against
    const own = ownStats.get(review.reviewerId);
    if (!own) return review.score; // call's stats: identity mapping (see above)
    const z = (review.score - own.mean) / own.sd;
    return clamp(callMean + z * callSd);
  };

  const byApplication = new Map<string, { raw: number[]; normalized: number[] }>();
  for (const review of reviews) {
    let entry = byApplication.get(review.applicationId);
    if (!entry) byApplication.set(review.applicationId, (entry = { raw: [], normalized: [] }));
    entry.raw.push(review.score);
    entry.normalized.push(normalizeOne(review));
  }

  for (const [applicationId, { raw, normalized }] of byApplication) {
    const disagreement = populationStdDev(raw);
    result.set(applicationId, {
      applicationId,
      raw: mean(raw),
      normalized: mean(normalized),
      disagreement,
      flagged: disagreement > DISAGREEMENT_THRESHOLD + EPSILON,
      reviewCount: raw.length,
    });
  }
  return result;
}

/**
 * Blend with interview: (1 - w) * review + w * interview when both exist; review alone when no interview score; w in [0,1].
 * Without a review score the application is unscored (null): an interview
 * does not stand in for the review stage. Throws if w is outside [0, 1].
 */
export function blendInterview(reviewScore: number | null, interviewScore: number | null, weight: number): number | null {
  if (!Number.isFinite(weight) || weight < 0 || weight > 1) throw new RangeError(`Interview weight must be within [0, 1], got ${weight}`);
  if (reviewScore === null) return null;
  if (interviewScore === null) return reviewScore;
  return (1 - weight) * reviewScore + weight * interviewScore;
}

export type RankInput = { applicationId: string; normalized: number | null; raw: number | null; submittedAt: Date | string };

/**
 * Scores are compared at 9 decimals, so floating-point noise (two equal
 * normalized scores computed along different paths) is a tie, not an order.
 * Rounding keeps the comparison transitive, which a tolerance would not.
 */
const scoreKey = (x: number) => Math.round(x * 1e9);

/** Higher first; null (unscored) after every number. */
function compareDesc(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return scoreKey(b) - scoreKey(a);
}

function time(value: Date | string, applicationId: string): number {
  const t = (value instanceof Date ? value : new Date(value)).getTime();
  if (Number.isNaN(t)) throw new RangeError(`Invalid submittedAt for application ${applicationId}`);
  return t;
}

/**
 * Ranking: normalized desc, then raw desc, then earlier submission, then applicationId for total determinism; unscored last. Returns 1-based ranks in order.
 * "Unscored" means normalized is null. Ranks are 1..n with no shared ranks
 * (the order is total). The input is not modified.
 */
export function rank(items: RankInput[]): Array<RankInput & { rank: number }> {
  const keyed = items.map((item) => ({ item, t: time(item.submittedAt, item.applicationId) }));
  keyed.sort(
    (a, b) =>
      compareDesc(a.item.normalized, b.item.normalized) ||
      compareDesc(a.item.raw, b.item.raw) ||
      a.t - b.t ||
      (a.item.applicationId < b.item.applicationId ? -1 : a.item.applicationId > b.item.applicationId ? 1 : 0),
  );
  return keyed.map(({ item }, index) => ({ ...item, rank: index + 1 }));
}
