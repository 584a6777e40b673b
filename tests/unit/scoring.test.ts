import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ApplicationScore,
  blendInterview,
  DISAGREEMENT_THRESHOLD,
  mean,
  MIN_REVIEWS_FOR_OWN_STATS,
  populationStdDev,
  rank,
  type ReviewInput,
  SCALE_MAX,
  SCALE_MIN,
  scoreApplications,
  toPercent,
  weightedScore,
} from "~/domain/scoring.ts";

/** The expected numbers below are worked out by hand, not read from the module. */
const review = (reviewerId: string, applicationId: string, score: number): ReviewInput => ({ reviewerId, applicationId, score });

function scoreOf(scores: Map<string, ApplicationScore>, applicationId: string): ApplicationScore {
  const s = scores.get(applicationId);
  if (!s) throw new Error(`no score for ${applicationId}`);
  return s;
}

describe("constants", () => {
  it("are the documented ones", () => {
    expect([SCALE_MIN, SCALE_MAX, DISAGREEMENT_THRESHOLD, MIN_REVIEWS_FOR_OWN_STATS]).toEqual([1, 5, 1.0, 3]);
  });
});

describe("weightedScore", () => {
  const criteria = [
    { criterionId: "team", weight: 0.25 },
    { criterionId: "market", weight: 0.2 },
    { criterionId: "innovation", weight: 0.2 },
    { criterionId: "traction", weight: 0.2 },
    { criterionId: "fit", weight: 0.15 },
  ];

  it("is the weighted mean of the criteria (worked example)", () => {
    // 4·0.25 + 3·0.2 + 5·0.2 + 2·0.2 + 4·0.15 = 1 + 0.6 + 1 + 0.4 + 0.6 = 3.6; weights sum to 1 → 3.6
    const score = weightedScore({ team: 4, market: 3, innovation: 5, traction: 2, fit: 4 }, criteria);
    expect(score).toBeCloseTo(3.6, 12);
    // (3.6 − 1) / 4 · 100 = 65
    expect(toPercent(score)).toBeCloseTo(65, 10);
  });

  it("normalizes by the weights' sum when they do not sum to 1", () => {
    // weights 2, 1, 1 on values 5, 2, 3: (10 + 2 + 3) / 4 = 3.75
    const score = weightedScore({ a: 5, b: 2, c: 3 }, [
      { criterionId: "a", weight: 2 },
      { criterionId: "b", weight: 1 },
      { criterionId: "c", weight: 1 },
    ]);
    expect(score).toBe(3.75);
    // same weights scaled ×10 give the same score
    expect(
      weightedScore({ a: 5, b: 2, c: 3 }, [
        { criterionId: "a", weight: 20 },
        { criterionId: "b", weight: 10 },
        { criterionId: "c", weight: 10 },
      ]),
    ).toBe(3.75);
  });

  it("ignores values of criteria not in the list", () => {
    expect(weightedScore({ a: 4, retired: 1 }, [{ criterionId: "a", weight: 1 }])).toBe(4);
  });

  it("throws when a criterion is missing", () => {
    expect(() => weightedScore({ team: 4, market: 3, innovation: 5, traction: 2 }, criteria)).toThrow(/Missing a value for criterion fit/);
  });

  it.each([0, 0.99, 5.01, 6, Number.NaN, Number.POSITIVE_INFINITY])("throws on the out-of-range value %s", (bad) => {
    expect(() => weightedScore({ team: 4, market: 3, innovation: bad, traction: 2, fit: 4 }, criteria)).toThrow(/innovation/);
  });

  it("accepts the scale's ends", () => {
    expect(
      weightedScore({ a: 1, b: 5 }, [
        { criterionId: "a", weight: 1 },
        { criterionId: "b", weight: 1 },
      ]),
    ).toBe(3);
  });

  it("throws on bad weights", () => {
    expect(() => weightedScore({ a: 3 }, [])).toThrow();
    expect(() => weightedScore({ a: 3 }, [{ criterionId: "a", weight: -1 }])).toThrow();
    expect(() => weightedScore({ a: 3 }, [{ criterionId: "a", weight: 0 }])).toThrow();
    expect(() =>
      weightedScore({ a: 3 }, [
        { criterionId: "a", weight: 1 },
        { criterionId: "a", weight: 1 },
      ]),
    ).toThrow(/twice/);
  });
});

describe("toPercent", () => {
  it.each([
    [1, 0],
    [2, 25],
    [3, 50],
    [4.2, 80],
    [5, 100],
  ])("maps %s to %s", (score, percent) => {
    expect(toPercent(score)).toBeCloseTo(percent, 10);
  });

  it("takes another scale", () => {
    expect(toPercent(7, 0, 10)).toBe(70);
    expect(() => toPercent(3, 5, 5)).toThrow();
  });
});

describe("mean and populationStdDev", () => {
  it("are the textbook values", () => {
    // mean 5; squared deviations 9,1,1,1,0,0,4,16 = 32; /8 = 4; √4 = 2
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(populationStdDev(xs)).toBe(2);
    expect(populationStdDev([3])).toBe(0);
    expect(() => mean([])).toThrow();
  });
});

describe("scoreApplications: normalization", () => {
  /*
   * Worked example. One review per application, so what an application's raw
   * score is depends on which reviewer it drew.
   *
   *   lenient  L: strong l1 l2 l3 → 5 5 5   weak l4 l5 l6 → 4 4 4   mean 4.5, sd 0.5
   *   harsh    H: strong h1 h2 h3 → 3 3 3   weak h4 h5 h6 → 2 2 2   mean 2.5, sd 0.5
   *   neutral  N: strong n1 n2    → 4 4     weak n3 n4    → 3 3     mean 3.5, sd 0.5
   *   (each reviewer's deviations are all ±0.5, so their sd is 0.5)
   *
   * Call (16 scores): sum = 27 + 15 + 14 = 56, mean = 56/16 = 3.5.
   *   squared deviations from 3.5:
   *     L: 3·1.5² + 3·0.5² = 6.75 + 0.75 = 7.5
   *     H: 3·0.5² + 3·1.5² = 0.75 + 6.75 = 7.5
   *     N: 4·0.5²          = 1
   *   total 16, /16 = 1 → call sd = 1.
   *
   * Every strong review has z = +0.5/0.5 = +1 → 3.5 + 1·1 = 4.5;
   * every weak review   has z = −0.5/0.5 = −1 → 3.5 − 1·1 = 2.5.
   *
   * Raw ranking: L's weak applications (4) beat H's strong ones (3);
   * normalized: every strong application (4.5) beats every weak one (2.5).
   */
  const workedExample: ReviewInput[] = [
    ...["l1", "l2", "l3"].map((a) => review("L", a, 5)),
    ...["l4", "l5", "l6"].map((a) => review("L", a, 4)),
    ...["h1", "h2", "h3"].map((a) => review("H", a, 3)),
    ...["h4", "h5", "h6"].map((a) => review("H", a, 2)),
    ...["n1", "n2"].map((a) => review("N", a, 4)),
    ...["n3", "n4"].map((a) => review("N", a, 3)),
  ];
  const strong = ["l1", "l2", "l3", "h1", "h2", "h3", "n1", "n2"];
  const weak = ["l4", "l5", "l6", "h4", "h5", "h6", "n3", "n4"];

  it("checks the worked example's call statistics", () => {
    const all = workedExample.map((r) => r.score);
    expect(mean(all)).toBe(3.5);
    expect(populationStdDev(all)).toBe(1);
  });

  it("gives equal-quality applications equal normalized scores whatever their reviewer's leniency", () => {
    const scores = scoreApplications(workedExample);
    expect(scores.size).toBe(16);
    for (const id of strong) expect(scoreOf(scores, id).normalized).toBeCloseTo(4.5, 12);
    for (const id of weak) expect(scoreOf(scores, id).normalized).toBeCloseTo(2.5, 12);
    // raw scores still show the reviewer: l1 = 5, n1 = 4, h1 = 3 — all normalized to 4.5
    expect([scoreOf(scores, "l1").raw, scoreOf(scores, "n1").raw, scoreOf(scores, "h1").raw]).toEqual([5, 4, 3]);
  });

  it("stops the reviewer from deciding the ranking", () => {
    const scores = scoreApplications(workedExample);
    const submittedAt = "2026-03-01T00:00:00Z";
    const items = [...scores.values()].map((s) => ({ applicationId: s.applicationId, normalized: s.normalized, raw: s.raw, submittedAt }));

    // By raw score alone, every application the lenient reviewer drew (weak ones included)
    // ranks above every one the harsh reviewer drew (strong ones included).
    const byRaw = rank(items.map((i) => ({ ...i, normalized: i.raw })));
    expect(byRaw.map((r) => r.applicationId)).toEqual([
      "l1",
      "l2",
      "l3",
      "l4",
      "l5",
      "l6",
      "n1",
      "n2",
      "h1",
      "h2",
      "h3",
      "n3",
      "n4",
      "h4",
      "h5",
      "h6",
    ]);

    // Normalized: all 8 strong applications first (ties at 4.5 broken by raw, then id), then the 8 weak ones.
    const ranked = rank(items);
    expect(ranked.map((r) => r.applicationId)).toEqual([
      "l1",
      "l2",
      "l3",
      "n1",
      "n2",
      "h1",
      "h2",
      "h3",
      "l4",
      "l5",
      "l6",
      "n3",
      "n4",
      "h4",
      "h5",
      "h6",
    ]);
    const position = (id: string) => ranked.find((r) => r.applicationId === id)!.rank;
    expect(position("h1")).toBeLessThan(position("l4")); // raw 3 now beats raw 4
  });

  it("maps a shifted reviewer onto the moved call scale (absolute values move, z-positions do not)", () => {
    // Making H one point more lenient (3→4, 2→3) moves the call's mean and sd, so the
    // normalized values themselves change: the call scale is anchored on everyone's raw scores.
    // Strong reviews still sit at callMean + callSd and weak ones at callMean − callSd.
    const shifted = workedExample.map((r) => (r.reviewerId === "H" ? { ...r, score: r.score + 1 } : r));
    const all = shifted.map((r) => r.score);
    // H becomes 4 4 4 3 3 3 (sum 21): call sum = 27 + 21 + 14 = 62, mean 62/16 = 3.875
    const callMean = mean(all);
    expect(callMean).toBe(3.875);
    const callSd = populationStdDev(all);
    const scores = scoreApplications(shifted);
    for (const id of strong) expect(scoreOf(scores, id).normalized).toBeCloseTo(callMean + callSd, 12);
    for (const id of weak) expect(scoreOf(scores, id).normalized).toBeCloseTo(callMean - callSd, 12);
    expect(scoreOf(scores, "h1").normalized).not.toBeCloseTo(4.5, 6);
  });

  /*
   * Fallback worked example.
   *
   *   P  (4 reviews, own stats):  f1 4.5  f2 4.5  f3 3.5  f4 3.5   mean 4, sd 0.5
   *   R1 (2 reviews < 3):         f1 3    f5 2
   *   R2 (3 reviews, no spread):  f6 2    f7 2    f8 2
   *
   * Call (9 scores): sum = 16 + 5 + 6 = 27, mean 3.
   *   squared deviations from 3: P 1.5²+1.5²+0.5²+0.5² = 5; R1 0 + 1 = 1; R2 3·1 = 3; total 9, /9 = 1 → sd 1.
   *
   * P:  4.5 → z = +1 → 3 + 1 = 4;  3.5 → z = −1 → 3 − 1 = 2.
   * R1 falls back to the call's stats: 3 → z = (3−3)/1 = 0 → 3;  2 → z = −1 → 2.
   *    (With its own stats — mean 2.5, sd 0.5 — its 3 would have become 3 + 1 = 4.)
   * R2 falls back too (its own sd is 0, the z-score would be 0/0): 2 → z = −1 → 2.
   *
   * f1 (P 4.5, R1 3): raw (4.5+3)/2 = 3.75, normalized (4+3)/2 = 3.5, disagreement |4.5−3|/2 = 0.75.
   */
  const fallbackExample: ReviewInput[] = [
    review("P", "f1", 4.5),
    review("P", "f2", 4.5),
    review("P", "f3", 3.5),
    review("P", "f4", 3.5),
    review("R1", "f1", 3),
    review("R1", "f5", 2),
    review("R2", "f6", 2),
    review("R2", "f7", 2),
    review("R2", "f8", 2),
  ];

  it("checks the fallback example's call statistics", () => {
    const all = fallbackExample.map((r) => r.score);
    expect(mean(all)).toBe(3);
    expect(populationStdDev(all)).toBe(1);
  });

  it("uses the call's mean and sd for a reviewer with fewer than 3 reviews and for one with no spread", () => {
    const scores = scoreApplications(fallbackExample);
    expect(scoreOf(scores, "f1")).toEqual({
      applicationId: "f1",
      raw: 3.75,
      normalized: 3.5,
      disagreement: 0.75,
      flagged: false,
      reviewCount: 2,
    });
    expect(scoreOf(scores, "f2").normalized).toBeCloseTo(4, 12);
    expect(scoreOf(scores, "f3").normalized).toBeCloseTo(2, 12);
    expect(scoreOf(scores, "f4").normalized).toBeCloseTo(2, 12);
    expect(scoreOf(scores, "f5").normalized).toBe(2);
    for (const id of ["f6", "f7", "f8"]) expect(scoreOf(scores, id).normalized).toBe(2);
  });

  it("treats floating-point noise as no spread", () => {
    // 3.3 + 3.3 + 3.3 = 9.899999999999999, /3 = 3.2999999999999994: a "spread" of ~4e-16.
    expect(populationStdDev([3.3, 3.3, 3.3])).toBeGreaterThan(0);
    const scores = scoreApplications([
      review("Z", "z1", 3.3),
      review("Z", "z2", 3.3),
      review("Z", "z3", 3.3),
      review("W", "w1", 5),
      review("W", "w2", 1),
    ]);
    for (const id of ["z1", "z2", "z3"]) expect(scoreOf(scores, id).normalized).toBe(3.3);
  });

  it("keeps raw scores when the call itself has no spread", () => {
    // Three reviews of 3.3: the call's sd is float noise (see above), so it counts as zero, and each
    // review keeps its score exactly — not the call's mean, which is 3.2999999999999994.
    const scores = scoreApplications(["a", "b", "c"].map((a, i) => review(`r${i % 2}`, a, 3.3)));
    expect(scores.size).toBe(3);
    for (const s of scores.values()) expect(s.normalized).toBe(3.3);
  });

  it("clamps to the scale", () => {
    /*
     * Q: 1 1 1 5 → mean 2, squared deviations 1+1+1+9 = 12, sd √3; z(5) = 3/√3 = √3, z(1) = −1/√3.
     * W: 1 5 1 5 → mean 3, sd 2; z = ±1.
     * Call: 1 1 1 5 1 5 1 5 → mean 20/8 = 2.5; squared deviations 5·1.5² + 3·2.5² = 11.25 + 18.75 = 30, sd √3.75.
     *   q4: 2.5 + √3·√3.75 = 2.5 + √11.25 ≈ 5.854 → clamped to 5
     *   q1: 2.5 − √3.75/√3 = 2.5 − √1.25 ≈ 1.382
     *   w2: 2.5 + √3.75 ≈ 4.436;  w1: 2.5 − √3.75 ≈ 0.564 → clamped to 1
     */
    const scores = scoreApplications([
      review("Q", "q1", 1),
      review("Q", "q2", 1),
      review("Q", "q3", 1),
      review("Q", "q4", 5),
      review("W", "w1", 1),
      review("W", "w2", 5),
      review("W", "w3", 1),
      review("W", "w4", 5),
    ]);
    expect(scoreOf(scores, "q4").normalized).toBe(5);
    expect(scoreOf(scores, "q1").normalized).toBeCloseTo(2.5 - Math.sqrt(1.25), 12);
    expect(scoreOf(scores, "w2").normalized).toBeCloseTo(2.5 + Math.sqrt(3.75), 12);
    expect(scoreOf(scores, "w1").normalized).toBe(1);
  });

  it("returns nothing for no reviews and rejects bad input", () => {
    expect(scoreApplications([]).size).toBe(0);
    expect(() => scoreApplications([review("r", "a", 0.5)])).toThrow(RangeError);
    expect(() => scoreApplications([review("r", "a", Number.NaN)])).toThrow(RangeError);
    expect(() => scoreApplications([review("r", "a", 3), review("r", "a", 4)])).toThrow(/twice/);
  });
});

describe("scoreApplications: disagreement", () => {
  it("is the population sd of the review scores, flagged above the threshold", () => {
    const scores = scoreApplications([
      // a: 1.5 and 4 → mean 2.75, sd |4 − 1.5|/2 = 1.25 > 1 → flagged
      review("r1", "a", 1.5),
      review("r2", "a", 4),
      // b: 2 and 4 → sd 1, exactly the threshold → not flagged
      review("r1", "b", 2),
      review("r2", "b", 4),
      // c: 1, 3, 5 → mean 3, squared deviations 4+0+4 = 8, /3, sd √(8/3) ≈ 1.633 → flagged
      review("r1", "c", 1),
      review("r2", "c", 3),
      review("r3", "c", 5),
      // d: a single review → 0, not flagged
      review("r3", "d", 5),
    ]);
    expect(scoreOf(scores, "a")).toMatchObject({ raw: 2.75, disagreement: 1.25, flagged: true, reviewCount: 2 });
    expect(scoreOf(scores, "b")).toMatchObject({ raw: 3, disagreement: 1, flagged: false });
    expect(scoreOf(scores, "c").disagreement).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(scoreOf(scores, "c").flagged).toBe(true);
    expect(scoreOf(scores, "d")).toMatchObject({ raw: 5, disagreement: 0, flagged: false, reviewCount: 1 });
  });

  it("does not flag a gap that is exactly 2 points in floating point", () => {
    // 1.8 and 3.8 give 0.9999999999999999; 1.3 and 3.3 give exactly 1
    const scores = scoreApplications([review("r1", "a", 1.8), review("r2", "a", 3.8), review("r1", "b", 1.3), review("r2", "b", 3.3)]);
    expect(scoreOf(scores, "a").flagged).toBe(false);
    expect(scoreOf(scores, "b").flagged).toBe(false);
  });
});

describe("blendInterview", () => {
  it("blends (1 − w)·review + w·interview", () => {
    // 0.7·3 + 0.3·5 = 2.1 + 1.5 = 3.6
    expect(blendInterview(3, 5, 0.3)).toBeCloseTo(3.6, 12);
    expect(blendInterview(3, 5, 0)).toBe(3);
    expect(blendInterview(3, 5, 1)).toBe(5);
  });

  it("keeps the review score without an interview, and is null without a review", () => {
    expect(blendInterview(3.2, null, 0.4)).toBe(3.2);
    expect(blendInterview(null, 4, 0.4)).toBeNull();
    expect(blendInterview(null, null, 0.4)).toBeNull();
  });

  it.each([-0.1, 1.1, Number.NaN])("rejects the weight %s", (w) => {
    expect(() => blendInterview(3, 4, w)).toThrow(RangeError);
  });
});

describe("rank", () => {
  const at = (day: number) => new Date(Date.UTC(2026, 2, day));

  it("orders by normalized, then raw, then earlier submission, then id; unscored last", () => {
    const ranked = rank([
      { applicationId: "unscored", normalized: null, raw: null, submittedAt: at(1) },
      { applicationId: "low", normalized: 2, raw: 4.9, submittedAt: at(1) },
      { applicationId: "tie-raw-lower", normalized: 4, raw: 3, submittedAt: at(1) },
      { applicationId: "tie-raw-higher", normalized: 4, raw: 3.5, submittedAt: at(9) },
      { applicationId: "tie-later", normalized: 3, raw: 3, submittedAt: "2026-03-05T00:00:00Z" },
      { applicationId: "tie-earlier", normalized: 3, raw: 3, submittedAt: "2026-03-04T00:00:00Z" },
      { applicationId: "same-b", normalized: 2.5, raw: 2.5, submittedAt: at(2) },
      { applicationId: "same-a", normalized: 2.5, raw: 2.5, submittedAt: at(2) },
      { applicationId: "top", normalized: 4.5, raw: 1, submittedAt: at(20) },
    ]);
    expect(ranked.map((r) => [r.rank, r.applicationId])).toEqual([
      [1, "top"],
      [2, "tie-raw-higher"],
      [3, "tie-raw-lower"],
      [4, "tie-earlier"],
      [5, "tie-later"],
      [6, "same-a"],
      [7, "same-b"],
      [8, "low"],
      [9, "unscored"],
    ]);
  });

  it("orders the unscored among themselves the same way, and treats float noise as a tie", () => {
    const ranked = rank([
      { applicationId: "u2", normalized: null, raw: null, submittedAt: at(1) },
      { applicationId: "u1", normalized: null, raw: 2, submittedAt: at(3) },
      { applicationId: "noisy", normalized: 3.0000000000000004, raw: 2, submittedAt: at(1) },
      { applicationId: "exact", normalized: 3, raw: 4, submittedAt: at(1) },
    ]);
    expect(ranked.map((r) => r.applicationId)).toEqual(["exact", "noisy", "u1", "u2"]);
  });

  it("keeps the inputs' fields, does not modify the input, and rejects a bad date", () => {
    const input = [{ applicationId: "a", normalized: 3, raw: 3, submittedAt: "2026-03-01" }];
    expect(rank(input)).toEqual([{ applicationId: "a", normalized: 3, raw: 3, submittedAt: "2026-03-01", rank: 1 }]);
    expect(input[0]).not.toHaveProperty("rank");
    expect(rank([])).toEqual([]);
    expect(() => rank([{ applicationId: "a", normalized: 3, raw: 3, submittedAt: "not a date" }])).toThrow(/submittedAt/);
  });
});

describe("scoreApplications: properties", () => {
  /** Scores on a quarter-point grid, 1–5. */
  const gridScore = fc.integer({ min: 4, max: 20 }).map((q) => q / 4);
  const anyScore = fc.oneof(gridScore, fc.double({ min: SCALE_MIN, max: SCALE_MAX, noNaN: true }));

  /** Any call: up to 6 reviewers, up to 8 applications, each pair reviewed at most once. */
  const anyCall = fc.uniqueArray(
    fc.record({
      reviewerId: fc.constantFrom("r1", "r2", "r3", "r4", "r5", "r6"),
      applicationId: fc.constantFrom("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"),
      score: anyScore,
    }),
    { minLength: 1, maxLength: 48, selector: (r) => `${r.reviewerId}/${r.applicationId}` },
  );

  it("keeps every score within the scale and counts every review", () => {
    fc.assert(
      fc.property(anyCall, (reviews) => {
        const scores = scoreApplications(reviews);
        let count = 0;
        for (const s of scores.values()) {
          expect(s.normalized).not.toBeNull();
          expect(s.normalized!).toBeGreaterThanOrEqual(SCALE_MIN);
          expect(s.normalized!).toBeLessThanOrEqual(SCALE_MAX);
          expect(s.raw!).toBeGreaterThanOrEqual(SCALE_MIN);
          expect(s.raw!).toBeLessThanOrEqual(SCALE_MAX);
          expect(s.disagreement!).toBeGreaterThanOrEqual(0);
          expect(s.flagged).toBe(s.disagreement! > DISAGREEMENT_THRESHOLD + 1e-9);
          count += s.reviewCount;
        }
        expect(count).toBe(reviews.length);
      }),
    );
  });

  /** A reviewer's pattern: at least 3 grid scores, not all equal. */
  const pattern = fc.array(gridScore, { minLength: MIN_REVIEWS_FOR_OWN_STATS, maxLength: 6 }).filter((xs) => xs.some((x) => x !== xs[0]));

  it("lenient-reviewer invariance: a reviewer who scores the same applications a constant higher yields the same normalized scores", () => {
    // Reviewer "base" scores applications b0…bn with the pattern; reviewer "shifted" scores
    // equally good applications s0…sn with the pattern + c. Other reviewers add arbitrary reviews
    // of other applications. Every sᵢ must end up with the same normalized score as bᵢ.
    fc.assert(
      fc.property(pattern, fc.integer({ min: -16, max: 16 }), anyCall, (xs, quarters, others) => {
        const c = quarters / 4;
        fc.pre(xs.every((x) => x + c >= SCALE_MIN && x + c <= SCALE_MAX));
        const reviews = [
          ...xs.map((x, i) => review("base", `b${i}`, x)),
          ...xs.map((x, i) => review("shifted", `s${i}`, x + c)),
          ...others,
        ];
        const scores = scoreApplications(reviews);
        xs.forEach((_, i) => {
          expect(scoreOf(scores, `s${i}`).normalized!).toBeCloseTo(scoreOf(scores, `b${i}`).normalized!, 9);
        });
      }),
    );
  });

  it("shifting one reviewer's scores by a constant leaves every application's z-position on the call scale unchanged", () => {
    // The call's mean and sd are taken over everyone's raw scores, so shifting one reviewer moves
    // the call scale and with it every absolute normalized value (see the worked example). What is
    // invariant is where each application sits on that scale: (normalized − callMean) / callSd.
    // Shown here for calls where every reviewer has own stats and each application one review,
    // comparing only values that are not clamped.
    const reviewers = fc.array(pattern, { minLength: 2, maxLength: 4 });
    fc.assert(
      fc.property(reviewers, fc.nat(), fc.integer({ min: -16, max: 16 }), (patterns, pick, quarters) => {
        const target = pick % patterns.length;
        const c = quarters / 4;
        fc.pre(patterns[target].every((x) => x + c >= SCALE_MIN && x + c <= SCALE_MAX));
        const build = (shift: number) =>
          patterns.flatMap((xs, r) => xs.map((x, i) => review(`r${r}`, `r${r}-a${i}`, r === target ? x + shift : x)));
        const zPositions = (reviews: ReviewInput[]) => {
          const all = reviews.map((r) => r.score);
          const m = mean(all);
          const sd = populationStdDev(all);
          const scores = scoreApplications(reviews);
          return new Map(
            [...scores.values()].map((s) => [
              s.applicationId,
              { z: (s.normalized! - m) / sd, clamped: s.normalized === SCALE_MIN || s.normalized === SCALE_MAX },
            ]),
          );
        };
        const before = zPositions(build(0));
        const after = zPositions(build(c));
        for (const [id, b] of before) {
          const a = after.get(id)!;
          if (b.clamped || a.clamped) continue;
          expect(a.z).toBeCloseTo(b.z, 9);
        }
      }),
    );
  });
});
