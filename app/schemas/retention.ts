// A call's retention periods as the retention page's form posts them (issue 20): whole months, checked by the
// domain's rule (app/domain/retention.ts). Shared by the form and the action. zod/mini: the form ships it to the browser.
import * as z from "zod/mini";
import { parseRetentionMonths } from "~/domain/retention.ts";

/** A number of months as typed (text) or held by the form (a number), checked by parseRetentionMonths. */
const months = z.pipe(
  z.unknown(),
  z.transform((value, ctx) => {
    const parsed = parseRetentionMonths(value);
    if ("months" in parsed) return parsed.months;
    ctx.issues.push({ code: "custom", message: parsed.error, input: value });
    return 0;
  }),
);

export const retentionPeriodsSchema = z.object({
  callId: z.string({ error: "staffErrors.formInvalid" }).check(z.minLength(1, "staffErrors.formInvalid")),
  retainRejectedMonths: months,
  retainDraftMonths: months,
});
export type RetentionPeriodsInput = z.output<typeof retentionPeriodsSchema>;
