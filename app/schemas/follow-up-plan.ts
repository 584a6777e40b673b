// A cohort's follow-up plan as its form posts it (issue 17): the months after the cohort's start when its
// projects check in, typed as a list ("6, 12, 18"), and the support tracks it offers. Shared by the form and
// the action.
import * as z from "zod/mini";
import { parseCheckInMonths } from "~/domain/outcomes.ts";
import { SUPPORT_TRACKS } from "~/domain/check-in-options.ts";

export const FOLLOW_UP_PLAN_ARRAY_FIELDS = ["tracks"] as const;

export const followUpPlanSchema = z.object({
  months: z.pipe(
    z.string({ error: "followUp.errors.monthsInvalid" }),
    z.transform((text, ctx) => {
      const parsed = parseCheckInMonths(text);
      if ("months" in parsed) return parsed.months;
      ctx.issues.push({ code: "custom", message: parsed.error, input: text });
      return [];
    }),
  ),
  tracks: z._default(z.array(z.enum(SUPPORT_TRACKS, { error: "errors.choose" })), []),
});
