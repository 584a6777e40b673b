import * as z from "zod";

// The withdraw form is a plain confirmation (no client-side validation): its schema stays on the
// server, keeping zod out of the founder's application page.
export const withdrawSchema = z.object({
  version: z.coerce.number().int(),
  confirm: z.literal("on", { error: "apply.withdrawConfirmRequired" }),
});
