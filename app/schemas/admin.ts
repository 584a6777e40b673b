import * as z from "zod";
import { APPLICATION_STATUSES, SECTORS } from "~/domain/constants.ts";
import { ADMIN_TRANSITIONS } from "~/domain/lifecycle.ts";
import { zonedWallTimeToUtc } from "~/domain/time.ts";

export const screeningSchema = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("eligible"),
    applicationId: z.string().min(1),
    version: z.coerce.number().int(),
    complete: z.literal("on", { error: "screening.checkRequired" }),
    sectorFit: z.literal("on", { error: "screening.checkRequired" }),
    siteFit: z.literal("on", { error: "screening.checkRequired" }),
  }),
  z.object({
    decision: z.literal("ineligible"),
    applicationId: z.string().min(1),
    version: z.coerce.number().int(),
    reason: z.string({ error: "lifecycle.reasonRequired" }).trim().min(3, "lifecycle.reasonRequired").max(2000, "errors.tooLong"),
  }),
]);

export const applicationFilterSchema = z.object({
  call: z.string().optional(),
  status: z.enum(APPLICATION_STATUSES).optional().catch(undefined),
  sector: z.enum(SECTORS).optional().catch(undefined),
  siteId: z.string().optional(),
  flagged: z
    .literal("1")
    .optional()
    .catch(undefined)
    .transform((v) => v === "1"),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(["normalized", "raw", "submitted"]).catch("normalized").default("normalized"),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

/** Moving one application or a selection, with a reason (required to override pending reviews). */
export const moveSchema = z.object({
  transition: z.enum(ADMIN_TRANSITIONS, { error: "errors.choose" }),
  reason: z.string().trim().max(2000, "errors.tooLong").optional(),
  override: z.literal("on").optional(),
  interviewAt: z.string().optional(),
  interviewPlace: z.string().trim().max(500, "errors.tooLong").optional(),
});

/** The interview slot typed by the admin (Casablanca time) as email data, or nothing. */
export function interviewSlot(move: { interviewAt?: string; interviewPlace?: string }): Record<string, string> | undefined {
  const at = move.interviewAt ? zonedWallTimeToUtc(move.interviewAt) : null;
  return at ? { at: at.toISOString(), place: move.interviewPlace ?? "" } : undefined;
}
