import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOptionalUser, homeFor, safeRedirectPath } from "~/auth/guards.server.ts";
import { giveBackAttempt, loginThrottleKeys, retryMessage, takeAttempt } from "~/auth/rate-limit.server.ts";
import { challengeCookieHeader, SECOND_FACTOR_PATH } from "~/auth/second-factor.server.ts";
import { startSession } from "~/auth/session.server.ts";
import { TextField, useValidatedForm } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { createChallenge, hasSecondFactor } from "~/models/two-factor.server.ts";
import { getAccount, verifyLogin } from "~/models/user.server.ts";
import { loginSchema } from "~/schemas/auth.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.auth.loginTitle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homeFor(user));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(loginSchema, await readFormData(request));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, formError: null, minutes: 0, seconds: 0 }, { status: 400 });
  const { email, password, redirectTo } = parsed.data;
  const values = { email, redirectTo: redirectTo ?? "" };

  // Every attempt is counted before the password is checked (parallel guesses are counted one by one);
  // a right password gives its attempt back, so only failures slow anyone down.
  const throttle = loginThrottleKeys(email, context.clientIp);
  const attempt = await takeAttempt(throttle);
  if (!attempt.allowed) {
    const retry = retryMessage(attempt);
    return json({ errors: {}, values, formError: retry.key, minutes: retry.minutes, seconds: retry.seconds }, { status: 429 });
  }

  const userId = await verifyLogin(email, password);
  // One message for an unknown email and a wrong password: no account enumeration.
  if (!userId) return json({ errors: {}, values, formError: "auth.invalidCredentials", minutes: 0, seconds: 0 }, { status: 400 });
  await giveBackAttempt(throttle, [throttle[0]![0]]);

  // An account with an authenticator is not signed in yet: the second step asks for its code (issue 20).
  if (await hasSecondFactor(userId)) {
    const token = await createChallenge(userId, redirectTo ?? "");
    return redirect(SECOND_FACTOR_PATH, { headers: { "Set-Cookie": await challengeCookieHeader(token) } });
  }

  const setCookie = await startSession(request, userId, context.clientIp);
  const account = await getAccount(userId);
  const home = homeFor({ roles: account.roles.map((r) => r.role as never) });
  return redirect(safeRedirectPath(redirectTo, home), { headers: { "Set-Cookie": setCookie } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const { form, onSubmit, errorFor } = useValidatedForm(loginSchema, {
    defaultValues: { email: actionData?.values.email ?? "", password: "" },
    serverErrors: actionData?.errors,
  });
  return (
    <div className="card auth-card">
      <h1>{t("auth.loginTitle")}</h1>
      {actionData?.formError ? (
        <FormMessage kind="error">{t(actionData.formError, { minutes: actionData.minutes, seconds: actionData.seconds })}</FormMessage>
      ) : null}
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? actionData?.values.redirectTo ?? ""} />
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
          autoComplete="current-password"
          error={errorFor("password")}
          registration={form.register("password")}
        />
        <button type="submit" className="button">
          {t("auth.submitLogin")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("reset.forgotLink")}</Link>
      </p>
      <p>
        {t("auth.noAccount")}{" "}
        <Link
          to={
            searchParams.get("redirectTo")
              ? `/signup?${new URLSearchParams({ redirectTo: searchParams.get("redirectTo") ?? "" })}`
              : "/signup"
          }
        >
          {t("nav.signup")}
        </Link>
      </p>
    </div>
  );
}
