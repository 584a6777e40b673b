// The team step's own forms (issue 16), shared by the forms (browser) and the action (server).
// zod/mini, like application.ts: fetched by the browser on a form's first check.
import * as z from "zod/mini";
import { webAddressOf } from "~/domain/call-questions.ts";
import { email, personName } from "./auth.ts";

const role = z.string().check(z.trim(), z.minLength(2, "errors.required"), z.maxLength(80, "errors.tooLong"));

/** The lead invites a co-founder: who, and in what role. */
export const invitationSchema = z.object({ name: personName, role, email });

/** A member's own part of the team step. */
export const memberProfileSchema = z.object({
  linkUrl: z.string().check(
    z.trim(),
    z.maxLength(300, "errors.tooLong"),
    z.refine((value) => value === "" || webAddressOf(value) !== null, { message: "questions.urlInvalid" }),
  ),
  phone: z.string().check(
    z.trim(),
    z.maxLength(30, "errors.tooLong"),
    z.refine((value) => value === "" || /^\+?[\d\s().-]{6,}$/.test(value), { message: "teams.errors.phoneInvalid" }),
  ),
  residesInMorocco: z.enum(["", "yes", "no"], { error: "errors.choose" }),
  bio: z.string().check(z.trim(), z.maxLength(600, "errors.tooLong")),
});
