import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOptionalUser, homeFor, safeRedirectPath } from "~/auth/guards.server.ts";
import { hitRateLimits, RATE_LIMITS, retryAfterMinutes } from "~/auth/rate-limit.server.ts";
import { startSession } from "~/auth/session.server.ts";
import { TextField, useValidatedForm } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { createUser, EmailTakenError } from "~/models/user.server.ts";
import { signupSchema } from "~/schemas/auth.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.auth.signupTitle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homeFor(user));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const parsed = parseForm(signupSchema, formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, formError: null, minutes: 0 }, { status: 400 });
  const { name, email, password } = parsed.data;
  const values = { name, email };

  const limit = await hitRateLimits([
    [`signup:ip:${context.clientIp}`, RATE_LIMITS.signupPerIp],
    [`signup:email:${email}`, RATE_LIMITS.signupPerEmail],
  ]);
  if (!limit.allowed) {
    const minutes = retryAfterMinutes(limit);
    return json({ errors: {}, values, formError: "auth.rateLimited", minutes }, { status: 429 });
  }

  try {
    const user = await createUser({ name, email, password, locale: await getLocale(request), roles: ["FOUNDER"] });
    const setCookie = await startSession(request, user.id);
    return redirect(safeRedirectPath(formData.get("redirectTo"), "/founder"), { headers: { "Set-Cookie": setCookie } });
  } catch (error) {
    if (error instanceof EmailTakenError) {
      return json({ errors: { email: "auth.emailTaken" }, values, formError: null, minutes: 0 }, { status: 409 });
    }
    throw error;
  }
}

export default function Signup() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const { t } = useTranslation();
  const { form, onSubmit, errorFor } = useValidatedForm(signupSchema, {
    defaultValues: { name: actionData?.values.name ?? "", email: actionData?.values.email ?? "", password: "" },
    serverErrors: actionData?.errors,
  });
  return (
    <div className="card auth-card">
      <h1>{t("auth.signupTitle")}</h1>
      {actionData?.formError ? <FormMessage kind="error">{t(actionData.formError, { minutes: actionData.minutes })}</FormMessage> : null}
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField label={t("auth.name")} autoComplete="name" error={errorFor("name")} registration={form.register("name")} />
        <TextField label={t("auth.email")} type="email" autoComplete="email" error={errorFor("email")} registration={form.register("email")} />
        <TextField
          label={t("auth.password")}
          type="password"
          autoComplete="new-password"
          hint={t("auth.passwordHint")}
          error={errorFor("password")}
          registration={form.register("password")}
        />
        <button type="submit" className="button">
          {t("auth.submitSignup")}
        </button>
      </Form>
      <p>
        {t("auth.haveAccount")} <Link to={redirectTo ? `/login?${new URLSearchParams({ redirectTo })}` : "/login"}>{t("nav.login")}</Link>
      </p>
    </div>
  );
}
