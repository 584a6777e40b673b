// A team's choice of interview slot (issue 19), shared by the founder's booking page and its action. Apart
// from the staff's pitch-day forms (app/schemas/interview.ts): a founder's page ships only founder strings.
import * as z from "zod/mini";

/** A team's choice of slot. */
export const bookingSchema = z.object({
  slotId: z.prefault(
    z.string({ error: "errors.choose" }).check(z.trim(), z.minLength(1, "errors.choose"), z.maxLength(100, "errors.tooLong")),
    "",
  ),
});
