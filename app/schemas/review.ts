import * as z from "zod";
import { RECOMMENDATIONS } from "~/domain/constants.ts";

// An unticked radio group arrives as null (browser) or "" (form post): that is a missing score, not a 0.
const scoreValue = (missing: string) =>
  z.preprocess(
    (value) => (value === null || value === "" ? undefined : value),
    z.coerce.number({ error: missing }).int("errors.scoreInvalid").min(1, "errors.scoreInvalid").max(5, "errors.scoreInvalid"),
  );
const score = scoreValue("errors.scoreInvalid");

/** A review as a draft: any subset of scores, free texts bounded. */
export const reviewDraftSchema = z.object({
  scores: z.record(z.string(), score).default({}),
  privateComment: z.string().trim().max(5000, "errors.tooLong").default(""),
  founderFeedback: z.string().trim().max(3000, "errors.tooLong").default(""),
  recommendation: z.enum(RECOMMENDATIONS, { error: "errors.choose" }).optional(),
});
export type ReviewInput = z.output<typeof reviewDraftSchema>;

/** Submitting needs a score for every criterion and a recommendation. */
export function reviewSubmitSchema(criterionIds: string[]) {
  return reviewDraftSchema.extend({
    // No radio ticked at all posts no `scores`: report each criterion, not the whole object.
    scores: z.preprocess((value) => value ?? {}, z.object(Object.fromEntries(criterionIds.map((id) => [id, scoreValue("errors.scoreRequired")])))),
    recommendation: z.enum(RECOMMENDATIONS, { error: "errors.recommendationRequired" }),
  });
}

export const conflictSchema = z.object({ reason: z.string().trim().min(3, "errors.reasonRequired").max(1000, "errors.tooLong") });
