// Shared by the forms (browser) and the actions (server). Messages are i18n keys.
// zod/mini: these schemas ship to the browser with every sign-in and application
// form, and the functional API lets the bundler keep only what they use.
import * as z from "zod/mini";
import { LOCALES } from "~/domain/constants.ts";
import { codeKind } from "~/domain/two-factor-codes.ts";

export const email = z.pipe(
  z.string({ error: "errors.required" }).check(z.trim(), z.minLength(1, "errors.required"), z.maxLength(254, "errors.tooLong")),
  z.email("errors.emailInvalid").check(z.toLowerCase()),
);

export const newPassword = z
  .string({ error: "errors.required" })
  .check(z.minLength(10, "errors.passwordTooShort"), z.maxLength(200, "errors.passwordTooLong"));

export const personName = z
  .string({ error: "errors.required" })
  .check(z.trim(), z.minLength(2, "errors.nameTooShort"), z.maxLength(120, "errors.tooLong"));

export const loginSchema = z.object({
  email,
  password: z.string({ error: "errors.required" }).check(z.minLength(1, "errors.required"), z.maxLength(200, "errors.passwordTooLong")),
  redirectTo: z.optional(z.string()),
});

export const signupSchema = z.object({ name: personName, email, password: newPassword });

export const profileSchema = z.object({
  name: personName,
  locale: z.enum(LOCALES, { error: "errors.localeInvalid" }),
});

export const passwordChangeSchema = z.object({
  currentPassword: z.string({ error: "errors.required" }).check(z.minLength(1, "errors.required")),
  newPassword,
});

export type LoginInput = z.input<typeof loginSchema>;
export type SignupInput = z.input<typeof signupSchema>;
export type ProfileInput = z.input<typeof profileSchema>;
export type PasswordChangeInput = z.input<typeof passwordChangeSchema>;

export const resetRequestSchema = z.object({ email });
export const resetPasswordSchema = z.object({ password: newPassword });

/** The sign-in's second step (issue 20): six digits from the authenticator app, or one of the backup codes. */
export const secondFactorSchema = z.object({
  code: z.string({ error: "errors.required" }).check(
    z.trim(),
    z.minLength(1, "errors.required"),
    z.maxLength(40, "errors.tooLong"),
    z.refine((value) => codeKind(value) !== "malformed", "twoFactor.errors.malformed"),
  ),
});

/** Confirming an authenticator being set up, and the account page's checks: only the app's six digits will do. */
export const authenticatorCodeSchema = z.object({
  code: z.string({ error: "errors.required" }).check(
    z.trim(),
    z.minLength(1, "errors.required"),
    z.refine((value) => codeKind(value) === "totp", "twoFactor.errors.sixDigits"),
  ),
});
