import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOptionalUser, homeFor, safeRedirectPath } from "~/auth/guards.server.ts";
import { DELAY_POLICIES, hitRateLimit, RATE_LIMITS, retryMessage, takeAttempt } from "~/auth/rate-limit.server.ts";
import { TextField, useValidatedForm } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { registerFounder } from "~/models/user.server.ts";
import { signupSchema } from "~/schemas/auth.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.auth.signupTitle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homeFor(user));
  return null;
}

type SignupReply = {
  errors: Record<string, string>;
  values: { name: string; email: string };
  formError: string | null;
  minutes: number;
  seconds: number;
  sent: boolean;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const parsed = parseForm(signupSchema, formData);
  const reply = (body: Partial<SignupReply>, status = 200) =>
    json<SignupReply>(
      { errors: {}, values: { name: "", email: "" }, formError: null, minutes: 0, seconds: 0, sent: false, ...body },
      { status },
    );
  if (!parsed.ok)
    return reply({ errors: parsed.errors, values: { name: parsed.values.name ?? "", email: parsed.values.email ?? "" } }, 400);
  const { name, email, password } = parsed.data;
  const values = { name, email };

  // Per address, growing delays rather than a flat cap: a room of founders behind one
  // connection signs up freely; a script is slowed down more and more.
  const limit = await takeAttempt([[`signup:ip:${context.clientIp}`, DELAY_POLICIES.signupsPerAddress]]);
  const perEmail = limit.allowed ? await hitRateLimit(`signup:email:${email}`, RATE_LIMITS.signupPerEmail) : limit;
  if (!perEmail.allowed) {
    const retry = retryMessage(perEmail);
    return reply({ values, formError: retry.key, minutes: retry.minutes, seconds: retry.seconds }, 429);
  }

  // The same answer for a new and a taken address: what happens next is in the email.
  await registerFounder({
    name,
    email,
    password,
    locale: await getLocale(request),
    next: safeRedirectPath(formData.get("redirectTo"), "/founder"),
  });
  return reply({ values, sent: true });
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
  if (actionData?.sent) {
    return (
      <div className="card auth-card">
        <h1>{t("auth.checkInboxTitle")}</h1>
        <FormMessage kind="success">{t("auth.checkInbox", { email: actionData.values.email })}</FormMessage>
        <p>{t("auth.checkInboxHint")}</p>
        <p>
          <Link to={redirectTo ? `/login?${new URLSearchParams({ redirectTo })}` : "/login"}>{t("nav.login")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="card auth-card">
      <h1>{t("auth.signupTitle")}</h1>
      {actionData?.formError ? (
        <FormMessage kind="error">{t(actionData.formError, { minutes: actionData.minutes, seconds: actionData.seconds })}</FormMessage>
      ) : null}
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField label={t("auth.name")} autoComplete="name" error={errorFor("name")} registration={form.register("name")} />
        <TextField
          label={t("auth.email")}
          type="email"
          autoComplete="email"
          error={errorFor("email")}
          registration={form.register("email")}
        />
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
