// The landing page's headline figures as the outcomes page's form posts them (issue 17): typed by an admin,
// or computed from the follow-up. Shared by the form and the action.
import * as z from "zod/mini";

export const LANDING_FIGURE_MODES = ["TYPED", "COMPUTED"] as const;
export const LANDING_FIGURE_KEYS = ["companies", "jobs", "success", "survival", "exporting"] as const;
export type LandingFigureKey = (typeof LANDING_FIGURE_KEYS)[number];

const count = z.coerce
  .number({ error: "errors.numberInvalid" })
  .check(z.int("errors.numberInvalid"), z.gte(0, "errors.numberInvalid"), z.lte(10_000_000, "errors.numberInvalid"));
const percent = z.coerce
  .number({ error: "followUp.errors.percentInvalid" })
  .check(z.int("followUp.errors.percentInvalid"), z.gte(0, "followUp.errors.percentInvalid"), z.lte(100, "followUp.errors.percentInvalid"));

export const landingFiguresSchema = z.object({
  mode: z.enum(LANDING_FIGURE_MODES, { error: "errors.choose" }),
  companies: count,
  jobs: count,
  success: percent,
  survival: percent,
  exporting: percent,
});
export type LandingFiguresInput = z.output<typeof landingFiguresSchema>;
