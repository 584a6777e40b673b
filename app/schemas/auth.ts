// Shared by the forms (browser) and the actions (server). Messages are i18n keys.
import * as z from "zod";
import { LOCALES } from "~/domain/constants.ts";

export const email = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(254, "errors.tooLong")
  .pipe(z.email("errors.emailInvalid"))
  .transform((value) => value.toLowerCase());

export const newPassword = z
  .string({ error: "errors.required" })
  .min(10, "errors.passwordTooShort")
  .max(200, "errors.passwordTooLong");

export const personName = z
  .string({ error: "errors.required" })
  .trim()
  .min(2, "errors.nameTooShort")
  .max(120, "errors.tooLong");

export const loginSchema = z.object({
  email,
  password: z.string({ error: "errors.required" }).min(1, "errors.required").max(200, "errors.passwordTooLong"),
  redirectTo: z.string().optional(),
});

export const signupSchema = z.object({ name: personName, email, password: newPassword });

export const profileSchema = z.object({
  name: personName,
  locale: z.enum(LOCALES, { error: "errors.localeInvalid" }),
});

export const passwordChangeSchema = z.object({
  currentPassword: z.string({ error: "errors.required" }).min(1, "errors.required"),
  newPassword,
});

export type LoginInput = z.input<typeof loginSchema>;
export type SignupInput = z.input<typeof signupSchema>;
export type ProfileInput = z.input<typeof profileSchema>;
export type PasswordChangeInput = z.input<typeof passwordChangeSchema>;

export const resetRequestSchema = z.object({ email });
export const resetPasswordSchema = z.object({ password: newPassword });
