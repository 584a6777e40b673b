// zod/mini, like auth.ts: the reviewer forms ship these to the browser.
import * as z from "zod/mini";
import { LOCALES, SECTORS } from "~/domain/constants.ts";
import { email, personName } from "./auth.ts";

export const REVIEWER_ARRAY_FIELDS = ["sectors", "siteIds"] as const;

export const reviewerProfileSchema = z.object({
  sectors: z.array(z.enum(SECTORS, { error: "errors.choose" })).check(z.minLength(1, "errors.chooseAtLeastOne")),
  siteIds: z._default(z.array(z.string().check(z.minLength(1))), []),
  maxLoad: z.coerce
    .number({ error: "errors.numberInvalid" })
    .check(z.int("errors.numberInvalid"), z.gte(1, "errors.numberInvalid"), z.lte(200, "errors.numberInvalid")),
});

export const inviteReviewerSchema = z.extend(reviewerProfileSchema, {
  name: personName,
  email,
  locale: z.enum(LOCALES, { error: "errors.localeInvalid" }),
});

export type ReviewerProfileInput = z.input<typeof reviewerProfileSchema>;
