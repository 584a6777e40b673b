// Pitch day's forms (issue 19), shared by the pages (react-hook-form) and their actions. zod/mini: the forms
// ship them to the browser. The day's own rules (times, breaks, slot length, the clocks' changes) are the
// domain's (app/domain/interview-slots.ts), checked by the action with their messages' values.
import * as z from "zod/mini";
import { HALF_DAYS } from "~/domain/panels.ts";

const choice = z.prefault(
  z.string({ error: "errors.choose" }).check(z.trim(), z.minLength(1, "errors.choose"), z.maxLength(100, "errors.tooLong")),
  "",
);
const text = (max: number) => z._default(z.string({ error: "errors.tooLong" }).check(z.trim(), z.maxLength(max, "errors.tooLong")), "");

/** An admin moves or assigns one application's interview. */
export const assignSlotSchema = z.object({ applicationId: choice, slotId: choice });

const webLink = z._default(
  z.string({ error: "errors.tooLong" }).check(
    z.trim(),
    z.maxLength(500, "errors.tooLong"),
    z.refine((value) => value === "" || /^https?:\/\/\S+$/i.test(value), { message: "interviews.errors.videoLink" }),
  ),
  "",
);

/** Two optional breaks; a row left empty is no break. */
export const INTERVIEW_BREAK_ROWS = 2;

export const interviewDaySchema = z.object({
  siteId: z.prefault(
    z.string({ error: "interviewDays.errors.siteRequired" }).check(z.trim(), z.minLength(1, "interviewDays.errors.siteRequired")),
    "",
  ),
  date: z.prefault(
    z.string({ error: "interviewDays.errors.dateInvalid" }).check(z.trim(), z.minLength(1, "interviewDays.errors.dateInvalid")),
    "",
  ),
  start: z.prefault(
    z.string({ error: "interviewDays.errors.timeInvalid" }).check(z.trim(), z.minLength(1, "interviewDays.errors.timeInvalid")),
    "",
  ),
  end: z.prefault(
    z.string({ error: "interviewDays.errors.timeInvalid" }).check(z.trim(), z.minLength(1, "interviewDays.errors.timeInvalid")),
    "",
  ),
  slotMinutes: z.prefault(
    z.coerce.number({ error: "interviewDays.errors.slotLength" }).check(z.int("interviewDays.errors.slotLength")),
    "",
  ),
  breaks: z._default(z.array(z.object({ start: text(5), end: text(5) })).check(z.maxLength(INTERVIEW_BREAK_ROWS, "errors.tooLong")), []),
  room: text(300),
  videoLink: webLink,
});
export type InterviewDayForm = z.output<typeof interviewDaySchema>;

export const interviewSettingsSchema = z.object({
  remoteInterviews: z.optional(z.literal("on")),
  interviewBlind: z.optional(z.literal("on")),
  interviewBookBy: z._default(
    z
      .string({ error: "interviewDays.errors.dateInvalid" })
      .check(z.trim(), z.regex(/^(\d{4}-\d{2}-\d{2})?$/, "interviewDays.errors.dateInvalid")),
    "",
  ),
});

/** Fields posted once per ticked box. */
export const JUROR_ARRAY_FIELDS = ["reviewerIds"] as const;
export const inviteJurorsSchema = z.object({
  reviewerIds: z._default(z.array(z.string().check(z.maxLength(100))), []).check(z.minLength(1, "errors.chooseAtLeastOne")),
});

/** A juror's half-days: one checkbox per day and half-day, valued "<dayId>:AM" or "<dayId>:PM". */
export const AVAILABILITY_ARRAY_FIELDS = ["halfDays"] as const;
export const availabilitySchema = z.object({
  callId: choice,
  halfDays: z._default(z.array(z.string().check(z.regex(new RegExp(`^[\\w-]{1,100}:(${HALF_DAYS.join("|")})$`), "errors.choose"))), []),
});

/** The day's panels: one checkbox per juror and half-day, valued "<halfDay>:<reviewerId>". */
export const PANEL_ARRAY_FIELDS = ["seats"] as const;
export const panelsSchema = z.object({
  seats: z._default(z.array(z.string().check(z.regex(new RegExp(`^(${HALF_DAYS.join("|")}):[\\w-]{1,100}$`), "errors.choose"))), []),
});

export const noShowSchema = z.object({ applicationId: choice, noShow: z.enum(["yes", "no"], { error: "errors.choose" }) });
