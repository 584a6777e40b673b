// zod/mini, like auth.ts: the review form ships these to the browser.
import * as z from "zod/mini";
import { RECOMMENDATIONS, SCORE_SCALE } from "~/domain/constants.ts";

// An unticked radio group arrives as null (browser) or "" (form post): that is a missing score, not a 0.
const scoreValue = (missing: string) =>
  z.pipe(
    z.transform((value: unknown): unknown => (value === null || value === "" ? undefined : value)),
    z.coerce
      .number({ error: missing })
      .check(
        z.int("staffErrors.scoreInvalid"),
        z.gte(SCORE_SCALE.min, "staffErrors.scoreInvalid"),
        z.lte(SCORE_SCALE.max, "staffErrors.scoreInvalid"),
      ),
  );
const score = scoreValue("staffErrors.scoreInvalid");

/** A review as a draft: any subset of scores, free texts bounded. */
export const reviewDraftSchema = z.object({
  scores: z._default(z.record(z.string(), score), {}),
  privateComment: z._default(z.string().check(z.trim(), z.maxLength(5000, "errors.tooLong")), ""),
  founderFeedback: z._default(z.string().check(z.trim(), z.maxLength(3000, "errors.tooLong")), ""),
  recommendation: z.optional(z.enum(RECOMMENDATIONS, { error: "errors.choose" })),
});
export type ReviewInput = z.output<typeof reviewDraftSchema>;

/** Submitting needs a score for every criterion and a recommendation. */
export function reviewSubmitSchema(criterionIds: string[]) {
  return z.extend(reviewDraftSchema, {
    // No radio ticked at all posts no `scores`: report each criterion, not the whole object.
    scores: z.pipe(
      z.transform((value: unknown) => value ?? {}),
      z.object(Object.fromEntries(criterionIds.map((id) => [id, scoreValue("staffErrors.scoreRequired")]))),
    ),
    recommendation: z.enum(RECOMMENDATIONS, { error: "staffErrors.recommendationRequired" }),
  });
}

export const conflictSchema = z.object({
  reason: z.string().check(z.trim(), z.minLength(3, "staffErrors.reasonRequired"), z.maxLength(1000, "errors.tooLong")),
});
