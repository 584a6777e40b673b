// Reviewer calibration's figures (app/domain/calibration.ts).
import { describe, expect, it } from "vitest";
import { calibrate, type CalibrationReview } from "~/domain/calibration.ts";

const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n));
const review = (reviewerId: string, applicationId: string, score: number, submitted = 0, due: number | null = 5): CalibrationReview => ({
  reviewerId,
  applicationId,
  score,
  submittedAt: day(submitted),
  dueAt: due === null ? null : day(due),
});

describe("calibrate", () => {
  it("gives each reviewer's count, mean, spread and gap to their co-reviewers, and the call's", () => {
    const result = calibrate([
      review("r1", "a", 4),
      review("r2", "a", 2),
      review("r1", "b", 5),
      review("r2", "b", 3),
      review("r3", "b", 4),
      review("r3", "c", 1),
    ]);
    expect(result.reviewCount).toBe(6);
    expect(result.mean).toBeCloseTo(19 / 6, 12);
    const [r1, r2, r3] = result.reviewers;
    expect(r1).toMatchObject({ reviewerId: "r1", reviewCount: 2, mean: 4.5, spread: 0.5, sharedApplications: 2 });
    // On a: |4 − 2| = 2; on b: |5 − mean(3, 4)| = 1.5.
    expect(r1.gapToCoReviewers).toBeCloseTo(1.75, 12);
    expect(r2.gapToCoReviewers).toBeCloseTo((2 + 1.5) / 2, 12);
    // c has nobody else: only b counts for r3 (|4 − mean(5, 3)| = 0).
    expect(r3).toMatchObject({ reviewCount: 2, sharedApplications: 1, gapToCoReviewers: 0 });
    expect(result.gapToCoReviewers).toBeCloseTo((2 + 1.5 + 2 + 1.5 + 0) / 5, 12);
  });

  it("counts late reviews and their mean delay; no due date is never late", () => {
    const [r1] = calibrate([
      review("r1", "a", 3, 7, 5),
      review("r1", "b", 3, 4, 5),
      review("r1", "c", 3, 12, 5),
      review("r1", "d", 3, 30, null),
    ]).reviewers;
    expect(r1).toMatchObject({ lateCount: 2, meanDaysLate: 4.5 });
    expect(calibrate([review("r2", "a", 3, 1, 5)]).reviewers[0]).toMatchObject({
      lateCount: 0,
      meanDaysLate: null,
      gapToCoReviewers: null,
    });
  });

  it("has nothing to say about a call without reviews", () => {
    expect(calibrate([])).toEqual({ reviewCount: 0, mean: null, spread: null, gapToCoReviewers: null, reviewers: [] });
  });
});
