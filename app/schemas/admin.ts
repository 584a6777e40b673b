// zod/mini, like auth.ts: route modules import these, so they can end up in the browser bundle.
import * as z from "zod/mini";
import { APPLICATION_STATUSES, SECTORS } from "~/domain/constants.ts";
import { ADMIN_TRANSITIONS } from "~/domain/lifecycle.ts";
import { zonedWallTimeToUtc } from "~/domain/time.ts";

export const screeningSchema = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("eligible"),
    applicationId: z.string().check(z.minLength(1)),
    version: z.coerce.number().check(z.int()),
    complete: z.literal("on", { error: "screening.checkRequired" }),
    sectorFit: z.literal("on", { error: "screening.checkRequired" }),
    siteFit: z.literal("on", { error: "screening.checkRequired" }),
  }),
  z.object({
    decision: z.literal("ineligible"),
    applicationId: z.string().check(z.minLength(1)),
    version: z.coerce.number().check(z.int()),
    reason: z
      .string({ error: "lifecycle.reasonRequired" })
      .check(z.trim(), z.minLength(3, "lifecycle.reasonRequired"), z.maxLength(2000, "errors.tooLong")),
  }),
]);

export const applicationFilterSchema = z.object({
  call: z.optional(z.string()),
  status: z.catch(z.optional(z.enum(APPLICATION_STATUSES)), undefined),
  sector: z.catch(z.optional(z.enum(SECTORS)), undefined),
  siteId: z.optional(z.string()),
  flagged: z.pipe(
    z.catch(z.optional(z.literal("1")), undefined),
    z.transform((v) => v === "1"),
  ),
  // A search box value, not a form to correct: an over-long one is cut rather than refused.
  q: z.optional(
    z.pipe(
      z.string().check(z.trim()),
      z.transform((q: string) => q.slice(0, 100)),
    ),
  ),
  sort: z._default(z.catch(z.enum(["normalized", "raw", "submitted"]), "normalized"), "normalized"),
  page: z._default(z.catch(z.coerce.number().check(z.int(), z.gte(1)), 1), 1),
});

/** Moving one application or a selection, with a reason (required to override pending reviews). */
export const moveSchema = z.object({
  transition: z.enum(ADMIN_TRANSITIONS, { error: "errors.choose" }),
  reason: z.optional(z.string().check(z.trim(), z.maxLength(2000, "errors.tooLong"))),
  override: z.optional(z.literal("on")),
  interviewAt: z.optional(z.string()),
  interviewPlace: z.optional(z.string().check(z.trim(), z.maxLength(500, "errors.tooLong"))),
});

/** The interview slot typed by the admin (Casablanca time) as email data, or nothing. */
export function interviewSlot(move: { interviewAt?: string; interviewPlace?: string }): Record<string, string> | undefined {
  const at = move.interviewAt ? zonedWallTimeToUtc(move.interviewAt) : null;
  return at ? { at: at.toISOString(), place: move.interviewPlace ?? "" } : undefined;
}
