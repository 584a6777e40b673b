import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { resetPasswordSchema } from "~/schemas/auth.ts";
import { TextField, useValidatedForm } from "./form.tsx";

/** Choosing a password from an emailed link (reset or invitation). */
export function NewPasswordForm({
  serverErrors,
  submitLabel,
  intro,
}: {
  serverErrors?: Record<string, string>;
  submitLabel: string;
  intro?: string;
}) {
  const { t } = useTranslation();
  const { form, onSubmit, errorFor } = useValidatedForm(resetPasswordSchema, { defaultValues: { password: "" }, serverErrors });
  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      {intro ? <p>{intro}</p> : null}
      <TextField
        label={t("account.newPassword")}
        type="password"
        autoComplete="new-password"
        hint={t("auth.passwordHint")}
        error={errorFor("password")}
        registration={form.register("password")}
      />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
