// The account page's erasure form (issue 20, point 3): one box the person ticks to confirm. Shared by the form and
// the action. zod/mini: the form ships it to the browser. The form names no account: an erasure is always of the
// person signed in (app/routes/account.tsx).
import * as z from "zod/mini";

/** A plain form posts "on" for a ticked box and nothing otherwise; react-hook-form gives a boolean. */
const ticked = z.pipe(
  z.unknown(),
  z.transform((value, ctx) => {
    if (value === "on" || value === true) return true as const;
    ctx.issues.push({ code: "custom", message: "erasure.errors.confirm", input: value });
    return true as const;
  }),
);

export const erasureSchema = z.object({ confirm: ticked });
export type ErasureInput = z.output<typeof erasureSchema>;
