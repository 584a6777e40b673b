import * as z from "zod";
import { SECTORS } from "~/domain/constants.ts";

const wallTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "errors.dateTimeInvalid");
// A plain form posts "on" for a ticked box and nothing otherwise; react-hook-form gives booleans.
const checkbox = z
  .union([z.literal("on"), z.boolean()])
  .optional()
  .transform((v) => v === "on" || v === true);

/** A call's settings as the admin edits them; times are Casablanca wall-clock times. */
export const callSettingsSchema = z
  .object({
    title: z.string().trim().min(3, "errors.required").max(160, "errors.tooLong"),
    description: z.string().trim().min(10, "errors.textTooShort").max(5000, "errors.tooLong"),
    opensAt: wallTime,
    closesAt: wallTime,
    reviewersPerApplication: z.coerce.number({ error: "errors.numberInvalid" }).int("errors.numberInvalid").min(1, "errors.numberInvalid").max(10, "errors.numberInvalid"),
    blindReview: checkbox,
    hasInterview: checkbox,
    interviewWeightPercent: z.coerce.number({ error: "errors.numberInvalid" }).int("errors.numberInvalid").min(0, "errors.numberInvalid").max(100, "errors.numberInvalid"),
    offerResponseDays: z.coerce.number({ error: "errors.numberInvalid" }).int("errors.numberInvalid").min(1, "errors.numberInvalid").max(60, "errors.numberInvalid"),
  })
  .refine((v) => v.closesAt > v.opensAt, { message: "errors.closesBeforeOpens", path: ["closesAt"] });
export type CallSettingsInput = z.output<typeof callSettingsSchema>;

const localized = (min: number, max: number) => z.string().trim().min(min, "errors.required").max(max, "errors.tooLong");

/** One rubric line: its label and the meaning of each score 1–5, in the three languages. */
export const criterionSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,30}$/, "errors.keyInvalid"),
  weightPercent: z.coerce.number({ error: "errors.numberInvalid" }).int("errors.numberInvalid").min(1, "errors.numberInvalid").max(100, "errors.numberInvalid"),
  position: z.coerce.number().int().min(0).max(100).default(0),
  label: z.object({ fr: localized(2, 120), en: localized(2, 120), ar: localized(2, 120) }),
  anchors: z.object({
    fr: z.array(localized(2, 300)).length(5),
    en: z.array(localized(2, 300)).length(5),
    ar: z.array(localized(2, 300)).length(5),
  }),
});
export type CriterionInput = z.output<typeof criterionSchema>;

/** Seats at one site for the call; quotas cap a sector's seats and never exceed the capacity together. */
export const cohortSchema = z
  .object({
    siteId: z.string().min(1, "errors.choose"),
    name: z.string().trim().min(2, "errors.required").max(120, "errors.tooLong"),
    startsAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "errors.dateInvalid"),
    capacity: z.coerce.number({ error: "errors.numberInvalid" }).int("errors.numberInvalid").min(1, "errors.numberInvalid").max(1000, "errors.numberInvalid"),
    quotas: z.object(
      Object.fromEntries(
        SECTORS.map((s) => [
          s,
          z
            .union([z.literal(""), z.coerce.number().int("errors.numberInvalid").min(0, "errors.numberInvalid").max(1000, "errors.numberInvalid")])
            .optional()
            .transform((v) => (v === "" || v === undefined ? null : v)),
        ]),
      ) as unknown as Record<(typeof SECTORS)[number], z.ZodType<number | null>>,
    ),
  })
  .refine((v) => Object.values(v.quotas).reduce<number>((sum, q) => sum + (q ?? 0), 0) <= v.capacity, {
    message: "errors.quotasOverCapacity",
    path: ["capacity"],
  });
export type CohortInput = z.output<typeof cohortSchema>;
