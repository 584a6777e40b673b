// The review scale lives in one constant (SCORE_SCALE, app/domain/constants.ts):
// the review form's schema, the rubric's anchors and the scoring all follow it,
// and no per-criterion scale column pretends otherwise.
import fs from "node:fs";
import * as z from "zod/mini";
import { describe, expect, it } from "vitest";
import { SCORE_SCALE, SCORE_VALUES } from "~/domain/constants.ts";
import { SCALE_MAX, SCALE_MIN, toPercent, weightedScore } from "~/domain/scoring.ts";
import { criterionSchema } from "~/schemas/call.ts";
import { reviewDraftSchema, reviewSubmitSchema } from "~/schemas/review.ts";

const ONE = [{ criterionId: "c", weight: 1 }];
const onScaleForScoring = (value: number) => {
  try {
    weightedScore({ c: value }, ONE);
    return true;
  } catch {
    return false;
  }
};
const onScaleForForm = (value: number) =>
  z.safeParse(reviewSubmitSchema(["c"]), { scores: { c: String(value) }, recommendation: "YES" }).success;

describe("the review scale", () => {
  it("is 1–5, every whole score between its ends", () => {
    expect(SCORE_SCALE).toEqual({ min: 1, max: 5 });
    expect(SCORE_VALUES).toEqual([1, 2, 3, 4, 5]);
    expect([SCALE_MIN, SCALE_MAX]).toEqual([SCORE_SCALE.min, SCORE_SCALE.max]);
    expect([toPercent(SCORE_SCALE.min), toPercent(SCORE_SCALE.max)]).toEqual([0, 100]);
  });

  it("is the same for the review form and the scoring: a score one accepts, the other does too", () => {
    for (let value = SCORE_SCALE.min - 2; value <= SCORE_SCALE.max + 2; value++) {
      const expected = SCORE_VALUES.includes(value);
      expect(onScaleForForm(value), `form ${value}`).toBe(expected);
      expect(onScaleForScoring(value), `scoring ${value}`).toBe(expected);
      expect(z.safeParse(reviewDraftSchema, { scores: { c: value } }).success, `draft ${value}`).toBe(expected);
    }
  });

  it("gives the rubric one anchor per score, no more, no fewer", () => {
    const anchors = (count: number) => Array.from({ length: count }, (_, i) => `Score ${i + 1} means this`);
    const criterion = (count: number) => ({
      key: "team",
      weightPercent: 25,
      position: 0,
      label: { fr: "Équipe", en: "Team", ar: "الفريق" },
      anchors: { fr: anchors(count), en: anchors(count), ar: anchors(count) },
    });
    expect(z.safeParse(criterionSchema, criterion(SCORE_VALUES.length)).success).toBe(true);
    expect(z.safeParse(criterionSchema, criterion(SCORE_VALUES.length - 1)).success).toBe(false);
    expect(z.safeParse(criterionSchema, criterion(SCORE_VALUES.length + 1)).success).toBe(false);
  });

  it("has no per-criterion scale in the database that nothing reads", () => {
    const schema = fs.readFileSync("prisma/schema.prisma", "utf8");
    const criterion = /^model Criterion \{\n([\s\S]*?)\n\}/m.exec(schema)?.[1] ?? "";
    const columns = [...criterion.matchAll(/^\s+(\w+)\s+\w/gm)].map((m) => m[1]);
    expect(columns).toContain("anchors");
    expect(columns.filter((name) => /scale|min|max/i.test(name))).toEqual([]);
  });
});
