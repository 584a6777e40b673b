import * as z from "zod";
import { LOCALES, SECTORS } from "~/domain/constants.ts";
import { email, personName } from "./auth.ts";

export const REVIEWER_ARRAY_FIELDS = ["sectors", "siteIds"] as const;

export const reviewerProfileSchema = z.object({
  sectors: z.array(z.enum(SECTORS, { error: "errors.choose" })).min(1, "errors.chooseAtLeastOne"),
  siteIds: z.array(z.string().min(1)).default([]),
  maxLoad: z.coerce.number({ error: "errors.numberInvalid" }).int("errors.numberInvalid").min(1, "errors.numberInvalid").max(200, "errors.numberInvalid"),
});

export const inviteReviewerSchema = reviewerProfileSchema.extend({
  name: personName,
  email,
  locale: z.enum(LOCALES, { error: "errors.localeInvalid" }),
});

export type ReviewerProfileInput = z.input<typeof reviewerProfileSchema>;
