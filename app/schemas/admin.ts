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

/** A list's page in the query string (?page=): a whole number from 1; anything else is the first page. */
export const pageNumber = z._default(z.catch(z.coerce.number().check(z.int(), z.gte(1)), 1), 1);

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
  // `<questionKey>:<value>`, e.g. `has_prototype:yes`: checked against the call's questions by the list's loader,
  // which ignores (and says so) one naming no choice of them. Empty (the select's "any answer") is no filter.
  answer: z.catch(
    z.optional(
      z.pipe(
        z.string().check(z.trim()),
        z.transform((answer: string) => (answer === "" ? undefined : answer.slice(0, 200))),
      ),
    ),
    undefined,
  ),
  sort: z._default(z.catch(z.enum(["normalized", "raw", "submitted"]), "normalized"), "normalized"),
  page: pageNumber,
});

/** An admin's override of a detected conflict of interest between a reviewer and an application, with its reason. */
export const conflictOverrideSchema = z.object({
  reviewerId: z.string({ error: "errors.choose" }).check(z.minLength(1, "errors.choose"), z.maxLength(100, "errors.choose")),
  reason: z
    .string({ error: "staffErrors.reasonRequired" })
    .check(z.trim(), z.minLength(3, "staffErrors.reasonRequired"), z.maxLength(2000, "errors.tooLong")),
});

/**
 * Moving one application or a selection, with a reason (required to override pending
 * reviews). Shortlisting invites the founder to an interview: its date (a real
 * Casablanca wall time) and its place are required, or the invitation could not say when or where —
 * unless the call has interview days, whose slots the teams book themselves (teamsBook).
 */
export const moveSchema = z
  .object({
    transition: z.enum(ADMIN_TRANSITIONS, { error: "errors.choose" }),
    reason: z.optional(z.string().check(z.trim(), z.maxLength(2000, "errors.tooLong"))),
    override: z.optional(z.literal("on")),
    interviewAt: z.optional(z.string()),
    interviewPlace: z.optional(z.string().check(z.trim(), z.maxLength(500, "errors.tooLong"))),
    /** The call has interview days: teams book their own slot (issue 19), so none is typed. The model checks it again. */
    teamsBook: z.optional(z.literal("on")),
    /** The cohort an acceptance or a promotion takes its seat in (required for those, checked in the model). */
    cohortId: z.optional(z.string().check(z.maxLength(100, "errors.tooLong"))),
  })
  .check(
    z.superRefine((move, ctx) => {
      if (move.transition !== "shortlist" || move.teamsBook) return;
      if (!move.interviewAt || !zonedWallTimeToUtc(move.interviewAt)) {
        ctx.issues.push({ code: "custom", input: move.interviewAt, path: ["interviewAt"], message: "admin.interviewAtRequired" });
      }
      if (!move.interviewPlace) {
        ctx.issues.push({ code: "custom", input: move.interviewPlace, path: ["interviewPlace"], message: "admin.interviewPlaceRequired" });
      }
    }),
  );

/** The interview slot typed by the admin (Casablanca time) as email data, or nothing. */
export function interviewSlot(move: { interviewAt?: string; interviewPlace?: string }): Record<string, string> | undefined {
  const at = move.interviewAt ? zonedWallTimeToUtc(move.interviewAt) : null;
  return at ? { at: at.toISOString(), place: move.interviewPlace ?? "" } : undefined;
}
