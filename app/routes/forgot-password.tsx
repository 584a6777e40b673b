import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hitRateLimits, RATE_LIMITS, retryAfterMinutes } from "~/auth/rate-limit.server.ts";
import { TextField, useValidatedForm } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { requestPasswordReset } from "~/models/password-reset.server.ts";
import { resetRequestSchema } from "~/schemas/auth.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.reset.requestTitle);

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(resetRequestSchema, await readFormData(request));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, message: null, minutes: 0 }, { status: 400 });
  const { email } = parsed.data;
  const limit = await hitRateLimits([
    [`reset:ip:${context.clientIp}`, RATE_LIMITS.resetPerIp],
    [`reset:email:${email}`, RATE_LIMITS.resetPerEmail],
  ]);
  if (!limit.allowed) {
    const minutes = retryAfterMinutes(limit);
    return json({ errors: {}, values: { email }, message: "auth.rateLimited", minutes }, { status: 429 });
  }
  await requestPasswordReset(email, await getLocale(request));
  // The same answer whether the address has an account or not; a reload does not ask again.
  return redirectWithFlash("/forgot-password", { kind: "info", key: "reset.requestSent" });
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const { form, onSubmit, errorFor } = useValidatedForm(resetRequestSchema, {
    defaultValues: { email: actionData?.values.email ?? "" },
    serverErrors: actionData?.errors,
  });
  return (
    <div className="card auth-card">
      <h1>{t("reset.requestTitle")}</h1>
      <p>{t("reset.requestIntro")}</p>
      {actionData?.message ? <FormMessage kind="error">{t(actionData.message, { minutes: actionData.minutes })}</FormMessage> : null}
      <Form method="post" noValidate onSubmit={onSubmit}>
        <TextField
          label={t("auth.email")}
          type="email"
          autoComplete="email"
          error={errorFor("email")}
          registration={form.register("email")}
        />
        <button type="submit" className="button">
          {t("reset.requestSubmit")}
        </button>
      </Form>
    </div>
  );
}
