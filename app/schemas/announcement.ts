// An announcement's form (issue 18), shared by the admin's page (react-hook-form) and its action. zod/mini: the
// form ships it to the browser.
import * as z from "zod/mini";
import { APPLICATION_STATUSES } from "~/domain/constants.ts";
import {
  ANNOUNCEMENT_BODY_MAX,
  ANNOUNCEMENT_SUBJECT_MAX,
  missingHalf,
  type AnnouncementAudience,
  type AnnouncementTexts,
} from "~/domain/announcements.ts";

/** Fields posted once per ticked box. */
export const ANNOUNCEMENT_ARRAY_FIELDS = ["statuses"] as const;

const id = z._default(z.string({ error: "errors.choose" }).check(z.trim()), "");
// A field left out of a post reads as empty (prefault): its error then shows with every other one.
const required = (max: number, message: string) =>
  z.prefault(z.string({ error: message }).check(z.trim(), z.minLength(1, message), z.maxLength(max, "errors.tooLong")), "");
const optional = (max: number) => z._default(z.string({ error: "errors.tooLong" }).check(z.trim(), z.maxLength(max, "errors.tooLong")), "");

/** A translation must be whole: its subject and body, or neither. */
function wholeTranslation(subject: "subjectEn" | "subjectAr", body: "bodyEn" | "bodyAr") {
  type Pair = Record<typeof subject | typeof body, string>;
  return [
    z.refine<Pair>((v) => missingHalf(v[subject], v[body]) !== "subject", {
      message: "announcements.errors.subjectMissing",
      path: [subject],
    }),
    z.refine<Pair>((v) => missingHalf(v[subject], v[body]) !== "body", {
      message: "announcements.errors.bodyMissing",
      path: [body],
    }),
  ];
}

export const announcementSchema = z
  .object({
    audience: z.enum(["cohort", "call"], { error: "announcements.errors.audienceRequired" }),
    cohortId: id,
    callId: id,
    statuses: z._default(z.array(z.enum(APPLICATION_STATUSES, { error: "errors.choose" })), []),
    subject: required(ANNOUNCEMENT_SUBJECT_MAX, "announcements.errors.subjectRequired"),
    body: required(ANNOUNCEMENT_BODY_MAX, "announcements.errors.bodyRequired"),
    subjectEn: optional(ANNOUNCEMENT_SUBJECT_MAX),
    bodyEn: optional(ANNOUNCEMENT_BODY_MAX),
    subjectAr: optional(ANNOUNCEMENT_SUBJECT_MAX),
    bodyAr: optional(ANNOUNCEMENT_BODY_MAX),
  })
  .check(
    z.refine((v) => v.audience !== "cohort" || v.cohortId !== "", { message: "announcements.errors.cohortRequired", path: ["cohortId"] }),
    z.refine((v) => v.audience !== "call" || v.callId !== "", { message: "announcements.errors.callRequired", path: ["callId"] }),
    z.refine((v) => v.audience !== "call" || v.statuses.length > 0, { message: "errors.chooseAtLeastOne", path: ["statuses"] }),
    ...wholeTranslation("subjectEn", "bodyEn"),
    ...wholeTranslation("subjectAr", "bodyAr"),
  );
export type AnnouncementInput = z.output<typeof announcementSchema>;

/**
 * What a send carries besides the form: the recipient count and the fingerprint of the preview the admin
 * confirmed (app/domain/announcements.ts), so a send the preview no longer describes is refused.
 */
export const announcementConfirmationSchema = z.object({
  previewCount: z.coerce
    .number({ error: "announcements.errors.previewFirst" })
    .check(z.int("announcements.errors.previewFirst"), z.gte(0, "announcements.errors.previewFirst")),
  previewKey: z.string({ error: "announcements.errors.previewFirst" }).check(z.minLength(1, "announcements.errors.previewFirst")),
});
export type AnnouncementConfirmation = z.output<typeof announcementConfirmationSchema>;

/** The audience the form names. */
export function audienceOf(input: AnnouncementInput): AnnouncementAudience {
  return input.audience === "cohort"
    ? { kind: "cohort", cohortId: input.cohortId }
    : { kind: "call", callId: input.callId, statuses: [...new Set(input.statuses)] };
}

/** The texts the form holds. */
export function textsOf(input: AnnouncementInput): AnnouncementTexts {
  const { subject, body, subjectEn, bodyEn, subjectAr, bodyAr } = input;
  return { subject, body, subjectEn, bodyEn, subjectAr, bodyAr };
}
