// Reviewer calibration (issue 18): how each reviewer of a call scores against the call — how many reviews,
// the mean and spread of their raw scores, how far they sit from their co-reviewers on the same applications,
// how late they were — beside the offset and scale the ranking's joint model removes (app/domain/joint-ranking.ts).
// Pure: the model reads the call's submitted reviews and asks here.
import { mean, populationStdDev } from "./scoring.ts";

const DAY_MS = 86_400_000;

export type CalibrationReview = {
  reviewerId: string;
  applicationId: string;
  score: number;
  submittedAt: Date;
  /** The assignment's due date, if it had one. */
  dueAt: Date | null;
};

export type ReviewerCalibration = {
  reviewerId: string;
  reviewCount: number;
  mean: number;
  /** Population standard deviation of the reviewer's scores. */
  spread: number;
  /**
   * Mean absolute gap between the reviewer's score and the mean of the other reviewers' scores of the same
   * application, over the applications someone else also reviewed; null when there is none.
   */
  gapToCoReviewers: number | null;
  /** Applications the gap is measured on. */
  sharedApplications: number;
  /** Reviews submitted after their due date, and by how many days on average (null when none was late). */
  lateCount: number;
  meanDaysLate: number | null;
};

export type CallCalibration = {
  reviewCount: number;
  mean: number | null;
  spread: number | null;
  /** The mean of the reviewers' gaps, each application's pair counted once per reviewer. */
  gapToCoReviewers: number | null;
  reviewers: ReviewerCalibration[];
};

/** Each reviewer's figures and the call's, from the call's submitted reviews (one stage); reviewers in first-seen order. */
export function calibrate(reviews: readonly CalibrationReview[]): CallCalibration {
  const byApplication = new Map<string, CalibrationReview[]>();
  const byReviewer = new Map<string, CalibrationReview[]>();
  const add = (map: Map<string, CalibrationReview[]>, key: string, review: CalibrationReview) => {
    const list = map.get(key);
    if (list) list.push(review);
    else map.set(key, [review]);
  };
  for (const review of reviews) {
    add(byApplication, review.applicationId, review);
    add(byReviewer, review.reviewerId, review);
  }
  const allGaps: number[] = [];
  const reviewers = [...byReviewer].map(([reviewerId, own]): ReviewerCalibration => {
    const scores = own.map((review) => review.score);
    const gaps: number[] = [];
    for (const review of own) {
      const others = (byApplication.get(review.applicationId) ?? []).filter((other) => other.reviewerId !== reviewerId);
      if (others.length > 0) gaps.push(Math.abs(review.score - mean(others.map((other) => other.score))));
    }
    allGaps.push(...gaps);
    const daysLate = own
      .filter((review) => review.dueAt !== null && review.submittedAt.getTime() > review.dueAt.getTime())
      .map((review) => (review.submittedAt.getTime() - review.dueAt!.getTime()) / DAY_MS);
    return {
      reviewerId,
      reviewCount: own.length,
      mean: mean(scores),
      spread: populationStdDev(scores),
      gapToCoReviewers: gaps.length > 0 ? mean(gaps) : null,
      sharedApplications: gaps.length,
      lateCount: daysLate.length,
      meanDaysLate: daysLate.length > 0 ? mean(daysLate) : null,
    };
  });
  const scores = reviews.map((review) => review.score);
  return {
    reviewCount: reviews.length,
    mean: scores.length > 0 ? mean(scores) : null,
    spread: scores.length > 0 ? populationStdDev(scores) : null,
    gapToCoReviewers: allGaps.length > 0 ? mean(allGaps) : null,
    reviewers,
  };
}
