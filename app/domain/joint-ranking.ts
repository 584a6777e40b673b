// Joint model of merit and reviewer effects (issue 18 §3b). Pure: no I/O, no framework imports,
// no randomness, no clock.
//
// Why not per-reviewer z-scores (scoreApplications): a reviewer's own mean and spread mix their
// leniency with the quality of the applications they happened to get. Over 60 reviews the luck of
// the draw averages out; over 6 it does not, and z-scores then rank no better than raw means. The
// joint model estimates each reviewer's offset from how they scored the same applications as the
// other reviewers, and shrinks the effects of a reviewer with few reviews toward "no adjustment".
//
// Model, for the review of application i by reviewer j:
//   score = overall + scaleⱼ · meritᵢ + biasⱼ + noise
// fitted by alternating least squares with ridge penalties on biasⱼ (toward 0) and scaleⱼ (toward 1).
// The model is only defined up to a shift and a stretch of the merits (any change to them can be
// undone in the reviewers' offsets and scales), so merits are held at mean 0 over the applications
// and the scales at a review-weighted mean of 1; the offsets then come out at mean 0 over the
// reviewers (the least penalty). A merit is thus in score points as a typical reviewer (offset 0,
// scale 1: the panel's average) would give them, and an application's adjusted score, overall +
// merit, is what that reviewer would have given it.

import { populationStdDev, type ReviewInput, SCALE_MAX, SCALE_MIN } from "./scoring.ts";

/**
 * Ridge penalty on a reviewer's offset, in pseudo-reviews: the offset is estimated as if the reviewer
 * had also written this many reviews scoring exactly as an unbiased reviewer would (residual 0), so
 * biasⱼ ≈ Σ residuals / (reviewCountⱼ + BIAS_PSEUDO_REVIEWS): a reviewer with one review keeps half of
 * what their score suggests, one with 60 keeps 60 / 61. Why a count of reviews rather than a bare λ:
 * the penalty is added to a sum of squared residuals, one per review, so its strength is naturally
 * measured in reviews, means the same in every call, and can be argued about ("an offset is half
 * trusted after one review"). In Bayesian terms it is noise variance / offset variance: about 0.3 in
 * the simulation (offsets sd 0.6, a review's noise about 0.35), whose precision@80 is best
 * from 0.5 to 1; 1 rather than 0.5 because real reviewers disagree about merit more than the
 * simulation's, and too little shrinkage reads their disagreement as bias.
 */
export const BIAS_PSEUDO_REVIEWS = 1;

/**
 * Ridge penalty on a reviewer's scale (toward 1), in pseudo-reviews of a typical application (one whose
 * squared merit is the variance of the applications' raw means) scored at exactly scale 1: a
 * reviewer's scale is halfway between 1 and what their own reviews say once they have reviewed this
 * many typical applications. Larger than BIAS_PSEUDO_REVIEWS because a scale is a ratio of spreads,
 * noisier than an offset from the same reviews and costlier when wrong (undoing it multiplies every
 * score of the reviewer). The simulation's precision hardly moves between 3 and 10 (under 0.003).
 */
export const SCALE_PSEUDO_REVIEWS = 6;

/**
 * Lowest scale a reviewer can be given. A reviewer whose scores barely follow the others' would
 * otherwise get a scale near 0 (or below: "scores backwards"), and undoing it would blow each of
 * their scores up to the ends of the scale; with the floor their scores still count, faintly (an
 * application's merit weighs each review by scale², see AdjustedReview.weight).
 */
export const MIN_REVIEWER_SCALE = 0.2;

/** The fit stops when no parameter moved more than this (score points) in a sweep… */
export const CONVERGENCE_TOLERANCE = 1e-9;
/**
 * …or after this many sweeps. The simulation converges in 25 to 55 and 20,000 applications
 * × 3 reviews in about 40; the sweeps slow down only when the scores carry little but noise (a
 * review's noise sd 2 against merits sd 0.8: 670 sweeps, within 0.00001 of the end after 500). A
 * sweep over 60,000 reviews takes about 1.5 ms, so the cap keeps such a call near a second.
 */
export const MAX_ITERATIONS = 500;

/** Spreads below this count as zero (as in scoring.ts): all scores equal, nothing to fit. */
const EPSILON = 1e-9;

export type JointModelOptions = {
  biasPseudoReviews?: number;
  scalePseudoReviews?: number;
  tolerance?: number;
  maxIterations?: number;
};

/** One review as the model reads it. */
export type AdjustedReview = {
  reviewerId: string;
  /** The reviewer's score as given. */
  score: number;
  /**
   * The score with the reviewer's offset and scale undone, clamped to the scale:
   * overall + (score − overall − bias) / scale.
   */
  adjusted: number;
  /**
   * Share of this review in the application's merit, scaleⱼ² / Σ scale² over the application's
   * reviewers: overall + merit is the weighted mean of the unclamped adjusted scores (up to the
   * term that keeps merits centred, about 0.001 in the simulation), so a reviewer who
   * separates applications more (larger scale, same noise) counts more. Sums to 1 per application.
   */
  weight: number;
};

export type JointApplicationScore = {
  applicationId: string;
  /** Mean of the review scores as given. */
  raw: number;
  /** overall + merit, clamped to the scale: what a typical reviewer would have given. */
  adjusted: number;
  /** Estimated merit in score points around the call's overall level (mean 0 over applications), not clamped: the ranking key. */
  merit: number;
  reviewCount: number;
  /** In the order the reviews were given to fitJointModel. */
  reviews: AdjustedReview[];
};

export type ReviewerEffect = {
  reviewerId: string;
  /** Offset in score points: + for a lenient reviewer, − for a harsh one (0 when not adjusted). */
  bias: number;
  /** Spread relative to a typical reviewer: 1.2 spreads scores 20 % wider (1 when not adjusted). */
  scale: number;
  reviewCount: number;
};

export type JointModelFit = {
  /** Applications with at least one review, in order of first appearance. */
  applications: Map<string, JointApplicationScore>;
  /** Reviewers, in order of first appearance. */
  reviewers: Map<string, ReviewerEffect>;
  /** The call's overall level on the scale (mean of the scores when not adjusted; 0 for no reviews). */
  overall: number;
  /** Sweeps run (0 when not adjusted). */
  iterations: number;
  /** False when the fit stopped at maxIterations or fell back to raw. */
  converged: boolean;
  /** True when the scores were left as given: all equal, or the fit did not give finite numbers. */
  fellBackToRaw: boolean;
};

const clampToScale = (x: number) => Math.min(SCALE_MAX, Math.max(SCALE_MIN, x));

/**
 * A score with its reviewer's offset and scale undone, on the scale (AdjustedReview.adjusted): what the page
 * of an application shows beside each review, from the effects stored with the call's scores.
 */
export function adjustScore(score: number, effect: { bias: number; scale: number }, overall: number): number {
  return clampToScale(overall + (score - overall - effect.bias) / effect.scale);
}

/** Sorted distinct ids and each one's position in that order: code-unit order, not locale-dependent. */
function indexIds(ids: string[]): { sorted: string[]; indexOf: Map<string, number> } {
  const sorted = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { sorted, indexOf: new Map(sorted.map((id, index) => [id, index])) };
}

/**
 * Fits the joint model to one call's submitted reviews (see the top of this file).
 *
 * Deterministic to the last digit whatever the order of `reviews`: applications and reviewers are
 * numbered in sorted id order and every sum runs over the reviews sorted by (application, reviewer).
 * With all scores equal, or a single reviewer, there is nothing to adjust and every adjusted score is
 * the raw one. Throws like scoreApplications on a score outside 1–5 and on two reviews by one reviewer
 * of one application.
 */
export function fitJointModel(reviews: ReviewInput[], options: JointModelOptions = {}): JointModelFit {
  const biasPseudoReviews = options.biasPseudoReviews ?? BIAS_PSEUDO_REVIEWS;
  const scalePseudoReviews = options.scalePseudoReviews ?? SCALE_PSEUDO_REVIEWS;
  const tolerance = options.tolerance ?? CONVERGENCE_TOLERANCE;
  const maxIterations = options.maxIterations ?? MAX_ITERATIONS;
  // Zero pseudo-reviews would leave a reviewer's 2×2 system below singular for one review.
  if (!(biasPseudoReviews > 0) || !(scalePseudoReviews > 0)) throw new RangeError("Pseudo-review counts must be positive");

  for (const { reviewerId, applicationId, score } of reviews) {
    if (!Number.isFinite(score) || score < SCALE_MIN || score > SCALE_MAX)
      throw new RangeError(
        `Score of reviewer ${reviewerId} for application ${applicationId} must be between ${SCALE_MIN} and ${SCALE_MAX}, got ${score}`,
      );
  }

  const reviewCount = reviews.length;
  const applicationIds = indexIds(reviews.map((r) => r.applicationId));
  const reviewerIds = indexIds(reviews.map((r) => r.reviewerId));
  const applicationCount = applicationIds.sorted.length;
  const reviewerCount = reviewerIds.sorted.length;

  const applicationOfInput = new Int32Array(reviewCount);
  const reviewerOfInput = new Int32Array(reviewCount);
  reviews.forEach((r, k) => {
    applicationOfInput[k] = applicationIds.indexOf.get(r.applicationId)!;
    reviewerOfInput[k] = reviewerIds.indexOf.get(r.reviewerId)!;
  });

  // Canonical order of the reviews, by application then reviewer: a counting sort by application,
  // then an insertion sort of each application's few reviews by reviewer. Linear in the reviews,
  // where a general sort of 60,000 would not be, and it puts duplicates next to each other.
  const applicationStart = new Int32Array(applicationCount + 1);
  for (let k = 0; k < reviewCount; k++) applicationStart[applicationOfInput[k] + 1]++;
  for (let i = 0; i < applicationCount; i++) applicationStart[i + 1] += applicationStart[i];
  const canonical = new Int32Array(reviewCount);
  const nextSlot = applicationStart.slice(0, applicationCount);
  for (let k = 0; k < reviewCount; k++) canonical[nextSlot[applicationOfInput[k]]++] = k;
  for (let i = 0; i < applicationCount; i++) {
    for (let p = applicationStart[i] + 1; p < applicationStart[i + 1]; p++) {
      const k = canonical[p];
      let q = p - 1;
      while (q >= applicationStart[i] && reviewerOfInput[canonical[q]] > reviewerOfInput[k]) {
        canonical[q + 1] = canonical[q];
        q--;
      }
      canonical[q + 1] = k;
    }
    for (let p = applicationStart[i] + 1; p < applicationStart[i + 1]; p++) {
      if (reviewerOfInput[canonical[p]] === reviewerOfInput[canonical[p - 1]])
        throw new RangeError(`Reviewer ${reviews[canonical[p]].reviewerId} reviewed application ${applicationIds.sorted[i]} twice`);
    }
  }

  // The reviews in canonical order, as flat arrays (position p, not input index k).
  const reviewerAt = new Int32Array(reviewCount);
  const scoreAt = new Float64Array(reviewCount);
  const applicationAt = new Int32Array(reviewCount);
  for (let p = 0; p < reviewCount; p++) {
    reviewerAt[p] = reviewerOfInput[canonical[p]];
    scoreAt[p] = reviews[canonical[p]].score;
  }
  for (let i = 0; i < applicationCount; i++) applicationAt.fill(i, applicationStart[i], applicationStart[i + 1]);

  const reviewsOfReviewer = new Float64Array(reviewerCount);
  const scoreSumOfReviewer = new Float64Array(reviewerCount);
  for (let p = 0; p < reviewCount; p++) {
    reviewsOfReviewer[reviewerAt[p]]++;
    scoreSumOfReviewer[reviewerAt[p]] += scoreAt[p];
  }
  const rawMean = new Float64Array(applicationCount);
  for (let i = 0; i < applicationCount; i++) {
    let sum = 0;
    for (let p = applicationStart[i]; p < applicationStart[i + 1]; p++) sum += scoreAt[p];
    rawMean[i] = sum / (applicationStart[i + 1] - applicationStart[i]);
  }

  let scoreSum = 0;
  for (let p = 0; p < reviewCount; p++) scoreSum += scoreAt[p];
  const meanScore = reviewCount > 0 ? scoreSum / reviewCount : 0;

  // Parameters, started at "no adjustment".
  let overall = meanScore;
  const merit = new Float64Array(applicationCount);
  const bias = new Float64Array(reviewerCount);
  const scale = new Float64Array(reviewerCount).fill(1);

  let iterations = 0;
  let converged = false;
  let fellBackToRaw = reviewCount === 0 || reviewerCount === 1 || populationStdDev(Array.from(scoreAt)) <= EPSILON;

  if (!fellBackToRaw) {
    // The scale penalty's unit (see SCALE_PSEUDO_REVIEWS), fixed before the sweeps so the objective
    // does not move under them: the variance of the applications' raw means.
    let rawMeanOfMeans = 0;
    for (let i = 0; i < applicationCount; i++) rawMeanOfMeans += rawMean[i];
    rawMeanOfMeans /= applicationCount;
    let typicalSquaredMerit = 0;
    for (let i = 0; i < applicationCount; i++) typicalSquaredMerit += (rawMean[i] - rawMeanOfMeans) ** 2;
    // A call whose applications all average the same still has reviewers to compare: any small
    // positive unit keeps the penalty a penalty.
    typicalSquaredMerit = Math.max(typicalSquaredMerit / applicationCount, EPSILON);
    const biasPenalty = biasPseudoReviews;
    const scalePenalty = scalePseudoReviews * typicalSquaredMerit;

    const weighedSum = new Float64Array(applicationCount);
    const squaredScaleSum = new Float64Array(applicationCount);
    const meritSum = new Float64Array(reviewerCount);
    const squaredMeritSum = new Float64Array(reviewerCount);
    const residualSum = new Float64Array(reviewerCount);
    const meritResidualSum = new Float64Array(reviewerCount);
    const meritScoreSum = new Float64Array(reviewerCount);
    const unconstrainedScale = new Float64Array(reviewerCount);
    const scaleShiftPerMultiplier = new Float64Array(reviewerCount);
    const atFloor = new Uint8Array(reviewerCount);

    // Each step below minimises the penalised sum of squares over one block of parameters exactly,
    // the two normalisations and the scale floor included (as Lagrange constraints rather than by
    // rescaling afterwards, which would undo part of each step and slow the sweeps down): the
    // objective never increases.
    while (iterations < maxIterations) {
      iterations++;
      let largestChange = 0;

      // Merits, with Σ merit = 0: meritᵢ = (Σ scaleⱼ(score − overall − biasⱼ) − λ) / Σ scaleⱼ², λ making the sum 0.
      weighedSum.fill(0);
      squaredScaleSum.fill(0);
      for (let p = 0; p < reviewCount; p++) {
        const j = reviewerAt[p];
        const i = applicationAt[p];
        weighedSum[i] += scale[j] * (scoreAt[p] - overall - bias[j]);
        squaredScaleSum[i] += scale[j] * scale[j];
      }
      let ratioSum = 0;
      let inverseSum = 0;
      for (let i = 0; i < applicationCount; i++) {
        ratioSum += weighedSum[i] / squaredScaleSum[i];
        inverseSum += 1 / squaredScaleSum[i];
      }
      const meritMultiplier = ratioSum / inverseSum;
      for (let i = 0; i < applicationCount; i++) {
        const next = (weighedSum[i] - meritMultiplier) / squaredScaleSum[i];
        largestChange = Math.max(largestChange, Math.abs(next - merit[i]));
        merit[i] = next;
      }

      // Per-reviewer sums over the merits just fitted. They do not involve the overall level, so the
      // level and then the residuals below come from them without another pass over the reviews.
      meritSum.fill(0);
      squaredMeritSum.fill(0);
      meritScoreSum.fill(0);
      for (let p = 0; p < reviewCount; p++) {
        const j = reviewerAt[p];
        const m = merit[applicationAt[p]];
        meritSum[j] += m;
        squaredMeritSum[j] += m * m;
        meritScoreSum[j] += m * scoreAt[p];
      }

      // Overall level: the mean of score − biasⱼ − scaleⱼ · meritᵢ.
      let levelSum = scoreSum;
      for (let j = 0; j < reviewerCount; j++) levelSum -= reviewsOfReviewer[j] * bias[j] + scale[j] * meritSum[j];
      const nextOverall = levelSum / reviewCount;
      largestChange = Math.max(largestChange, Math.abs(nextOverall - overall));
      overall = nextOverall;
      for (let j = 0; j < reviewerCount; j++) {
        residualSum[j] = scoreSumOfReviewer[j] - reviewsOfReviewer[j] * overall;
        meritResidualSum[j] = meritScoreSum[j] - meritSum[j] * overall;
      }

      // Each reviewer's offset and scale together (a 2×2 ridge system), with Σ reviewCountⱼ · scaleⱼ = total reviews.
      // Per reviewer, with n reviews, M = Σ merit, Q = Σ merit², R = Σ residual, S = Σ merit · residual:
      //   (n + βb) · bias + M · scale          = R
      //   M · bias        + (Q + βs) · scale   = S + βs − λ · n
      // (βb, βs: the two penalties) so scale = unconstrained − λ · shift, floored at MIN_REVIEWER_SCALE,
      // and λ is whatever makes the review-weighted mean of the scales 1.
      for (let j = 0; j < reviewerCount; j++) {
        const n = reviewsOfReviewer[j];
        const offsetDiagonal = n + biasPenalty;
        const determinant = offsetDiagonal * (squaredMeritSum[j] + scalePenalty) - meritSum[j] * meritSum[j];
        unconstrainedScale[j] = (offsetDiagonal * (meritResidualSum[j] + scalePenalty) - meritSum[j] * residualSum[j]) / determinant;
        scaleShiftPerMultiplier[j] = (offsetDiagonal * n) / determinant;
      }
      // λ with the floor: solve for it among the reviewers above the floor, put those it pushes below
      // at the floor, and again until none moves. A larger λ only lowers scales, so reviewers only ever
      // join the floor, and this ends within a few rounds. Applying the floor after a λ solved without it
      // would leave the mean scale above 1, and the merits shrinking sweep after sweep to make up for it.
      atFloor.fill(0);
      let scaleMultiplier = 0;
      for (;;) {
        let freeTarget = reviewCount;
        let freeUnconstrained = 0;
        let freeShift = 0;
        for (let j = 0; j < reviewerCount; j++) {
          const n = reviewsOfReviewer[j];
          if (atFloor[j]) freeTarget -= n * MIN_REVIEWER_SCALE;
          else {
            freeUnconstrained += n * unconstrainedScale[j];
            freeShift += n * scaleShiftPerMultiplier[j];
          }
        }
        // Every reviewer at the floor (only when the floor is above 1, which it is not): nothing left to solve.
        if (freeShift === 0) break;
        scaleMultiplier = (freeUnconstrained - freeTarget) / freeShift;
        let joined = false;
        for (let j = 0; j < reviewerCount; j++) {
          if (!atFloor[j] && unconstrainedScale[j] - scaleMultiplier * scaleShiftPerMultiplier[j] < MIN_REVIEWER_SCALE) {
            atFloor[j] = 1;
            joined = true;
          }
        }
        if (!joined) break;
      }
      for (let j = 0; j < reviewerCount; j++) {
        const nextScale = atFloor[j] ? MIN_REVIEWER_SCALE : unconstrainedScale[j] - scaleMultiplier * scaleShiftPerMultiplier[j];
        const nextBias = (residualSum[j] - meritSum[j] * nextScale) / (reviewsOfReviewer[j] + biasPenalty);
        largestChange = Math.max(largestChange, Math.abs(nextScale - scale[j]), Math.abs(nextBias - bias[j]));
        scale[j] = nextScale;
        bias[j] = nextBias;
      }
      // Moving every offset by −c and the overall level by +c leaves the fitted scores as they are and
      // the offsets' penalty is least at c = their mean. The sweeps would get there too, but only by
      // the factor n / (n + βb) a sweep for reviewers with n reviews each: thousands of sweeps for a
      // call of a few reviewers with hundreds of reviews each.
      let biasTotal = 0;
      for (let j = 0; j < reviewerCount; j++) biasTotal += bias[j];
      const meanBias = biasTotal / reviewerCount;
      for (let j = 0; j < reviewerCount; j++) bias[j] -= meanBias;
      overall += meanBias;

      if (!Number.isFinite(largestChange)) break;
      if (largestChange < tolerance) {
        converged = true;
        break;
      }
    }

    const finite = (xs: Float64Array) => xs.every(Number.isFinite);
    if (!Number.isFinite(overall) || !finite(merit) || !finite(bias) || !finite(scale)) {
      fellBackToRaw = true;
      converged = false;
    }
  }

  if (fellBackToRaw) {
    // No adjustment: a typical reviewer gave exactly what these reviewers gave.
    let sumOfMeans = 0;
    for (let i = 0; i < applicationCount; i++) sumOfMeans += rawMean[i];
    overall = meanScore;
    for (let i = 0; i < applicationCount; i++) merit[i] = rawMean[i] - sumOfMeans / applicationCount;
    bias.fill(0);
    scale.fill(1);
  }

  // Results, keyed in order of first appearance like scoreApplications; reviews in input order.
  const squaredScaleOf = new Float64Array(applicationCount);
  for (let p = 0; p < reviewCount; p++) squaredScaleOf[applicationAt[p]] += scale[reviewerAt[p]] ** 2;
  const applications = new Map<string, JointApplicationScore>();
  const reviewers = new Map<string, ReviewerEffect>();
  reviews.forEach((review, k) => {
    const i = applicationOfInput[k];
    const j = reviewerOfInput[k];
    let application = applications.get(review.applicationId);
    if (!application) {
      application = {
        applicationId: review.applicationId,
        raw: rawMean[i],
        adjusted: fellBackToRaw ? rawMean[i] : clampToScale(overall + merit[i]),
        merit: merit[i],
        reviewCount: applicationStart[i + 1] - applicationStart[i],
        reviews: [],
      };
      applications.set(review.applicationId, application);
    }
    application.reviews.push({
      reviewerId: review.reviewerId,
      score: review.score,
      adjusted: fellBackToRaw ? review.score : adjustScore(review.score, { bias: bias[j], scale: scale[j] }, overall),
      weight: scale[j] ** 2 / squaredScaleOf[i],
    });
    if (!reviewers.has(review.reviewerId))
      reviewers.set(review.reviewerId, {
        reviewerId: review.reviewerId,
        bias: bias[j],
        scale: scale[j],
        reviewCount: reviewsOfReviewer[j],
      });
  });

  return { applications, reviewers, overall, iterations, converged, fellBackToRaw };
}
