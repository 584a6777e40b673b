// zod/mini, like auth.ts: the call settings, rubric and cohort forms ship these to the browser.
import * as z from "zod/mini";
import { SCORE_VALUES, SECTORS } from "~/domain/constants.ts";

const wallTime = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "staffErrors.dateTimeInvalid"));
// A plain form posts "on" for a ticked box and nothing otherwise; react-hook-form gives booleans.
const checkbox = z.pipe(
  z.optional(z.union([z.literal("on"), z.boolean()])),
  z.transform((v) => v === "on" || v === true),
);
/** A whole number typed in a form, within bounds; anything else is `errors.numberInvalid`. */
const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: "errors.numberInvalid" })
    .check(z.int("errors.numberInvalid"), z.gte(min, "errors.numberInvalid"), z.lte(max, "errors.numberInvalid"));

/**
 * A translation of one of a call's texts: optional (the reader then gets the French text, marked as such), so a
 * blank field is stored as null; when written, it follows the French text's length rules.
 */
const translation = (min: number, max: number) =>
  z.pipe(
    z._default(z.string(), ""),
    z.pipe(
      z.string().check(
        z.trim(),
        z.refine((v) => v === "" || v.length >= min, min >= 10 ? "errors.textTooShort" : "errors.required"),
        z.maxLength(max, "errors.tooLong"),
      ),
      z.transform((v) => (v === "" ? null : v)),
    ),
  );

/** A call's settings as the admin edits them; times are Casablanca wall-clock times. Texts: app/domain/call-texts.ts. */
export const callSettingsSchema = z
  .object({
    title: z.string().check(z.trim(), z.minLength(3, "errors.required"), z.maxLength(160, "errors.tooLong")),
    titleEn: translation(3, 160),
    titleAr: translation(3, 160),
    description: z.string().check(z.trim(), z.minLength(10, "errors.textTooShort"), z.maxLength(5000, "errors.tooLong")),
    descriptionEn: translation(10, 5000),
    descriptionAr: translation(10, 5000),
    eligibilityText: z._default(z.string().check(z.trim(), z.maxLength(3000, "errors.tooLong")), ""),
    eligibilityTextEn: translation(1, 3000),
    eligibilityTextAr: translation(1, 3000),
    supportOffer: z._default(z.string().check(z.trim(), z.maxLength(3000, "errors.tooLong")), ""),
    supportOfferEn: translation(1, 3000),
    supportOfferAr: translation(1, 3000),
    opensAt: wallTime,
    closesAt: wallTime,
    reviewersPerApplication: wholeNumber(1, 10),
    blindReview: checkbox,
    showReviewerNames: checkbox,
    hasInterview: checkbox,
    interviewWeightPercent: wholeNumber(0, 100),
    offerResponseDays: wholeNumber(1, 60),
    anyMemberAnswersOffer: checkbox,
  })
  .check(
    z.refine((v) => v.closesAt > v.opensAt, { message: "staffErrors.closesBeforeOpens", path: ["closesAt"] }),
    // French is the original every reader can fall back to: a translation needs it.
    z.refine((v) => v.eligibilityText !== "" || (v.eligibilityTextEn === null && v.eligibilityTextAr === null), {
      message: "errors.required",
      path: ["eligibilityText"],
    }),
    z.refine((v) => v.supportOffer !== "" || (v.supportOfferEn === null && v.supportOfferAr === null), {
      message: "errors.required",
      path: ["supportOffer"],
    }),
  );
export type CallSettingsInput = z.output<typeof callSettingsSchema>;

const localized = (min: number, max: number) =>
  z.string().check(z.trim(), z.minLength(min, "errors.required"), z.maxLength(max, "errors.tooLong"));

/** One rubric line: its label and the meaning of each score of the scale (SCORE_SCALE), in the three languages. */
export const criterionSchema = z.object({
  key: z.string().check(z.trim(), z.regex(/^[a-z][a-z0-9_]{1,30}$/, "staffErrors.keyInvalid")),
  weightPercent: wholeNumber(1, 100),
  position: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(100)), 0),
  label: z.object({ fr: localized(2, 120), en: localized(2, 120), ar: localized(2, 120) }),
  anchors: z.object({
    fr: z.array(localized(2, 300)).check(z.length(SCORE_VALUES.length)),
    en: z.array(localized(2, 300)).check(z.length(SCORE_VALUES.length)),
    ar: z.array(localized(2, 300)).check(z.length(SCORE_VALUES.length)),
  }),
});
export type CriterionInput = z.output<typeof criterionSchema>;

/** Seats at one site for the call; quotas cap a sector's seats and never exceed the capacity together. */
export const cohortSchema = z
  .object({
    siteId: z.string().check(z.minLength(1, "errors.choose")),
    name: z.string().check(z.trim(), z.minLength(2, "errors.required"), z.maxLength(120, "errors.tooLong")),
    startsAt: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, "staffErrors.dateInvalid")),
    capacity: wholeNumber(1, 1000),
    quotas: z.object(
      Object.fromEntries(
        SECTORS.map((s) => [
          s,
          z.pipe(
            z.optional(
              z.union([
                z.literal(""),
                z.coerce
                  .number()
                  .check(z.int("errors.numberInvalid"), z.gte(0, "errors.numberInvalid"), z.lte(1000, "errors.numberInvalid")),
              ]),
            ),
            z.transform((v) => (v === "" || v === undefined ? null : v)),
          ),
        ]),
      ) as unknown as Record<(typeof SECTORS)[number], z.ZodMiniType<number | null>>,
    ),
  })
  .check(
    z.refine((v) => Object.values(v.quotas).reduce<number>((sum, q) => sum + (q ?? 0), 0) <= v.capacity, {
      message: "staffErrors.quotasOverCapacity",
      path: ["capacity"],
    }),
  );
export type CohortInput = z.output<typeof cohortSchema>;
