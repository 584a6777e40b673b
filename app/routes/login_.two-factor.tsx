import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { homeFor, safeRedirectPath } from "~/auth/guards.server.ts";
import { giveBackAttempt, retryMessage, secondFactorThrottleKeys, takeAttempt } from "~/auth/rate-limit.server.ts";
import { challengeTokenFrom, clearChallengeCookie } from "~/auth/second-factor.server.ts";
import { startSession } from "~/auth/session.server.ts";
import { TextField, useValidatedForm } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { checkSecondFactor, endChallenge, readChallenge, takeChallengeAttempt } from "~/models/two-factor.server.ts";
import { getAccount } from "~/models/user.server.ts";
import { secondFactorSchema } from "~/schemas/auth.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

// The sign-in's second step (issue 20): the password was right, the authenticator's code (or a backup code) opens the
// session. Reached only with the cookie the first step set; without it, or once it has expired or taken five codes,
// the password is asked again.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.twoFactor.signInTitle);

async function passwordAgain() {
  return redirectWithFlash(
    "/login",
    { kind: "error", key: "twoFactor.signInExpired" },
    { headers: { "Set-Cookie": await clearChallengeCookie() } },
  );
}

export async function loader({ request }: LoaderFunctionArgs) {
  const token = await challengeTokenFrom(request);
  if (!token || !(await readChallenge(token))) throw await passwordAgain();
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = await challengeTokenFrom(request);
  const challenge = token ? await readChallenge(token) : null;
  if (!token || !challenge) return passwordAgain();
  const parsed = parseForm(secondFactorSchema, await readFormData(request));
  if (!parsed.ok) return json({ errors: parsed.errors, formError: null, minutes: 0, seconds: 0 }, { status: 400 });

  // Counted per account before the code is checked (parallel guesses one by one); a right code gives it back.
  const throttle = secondFactorThrottleKeys(challenge.userId);
  const attempt = await takeAttempt(throttle);
  if (!attempt.allowed) {
    const retry = retryMessage(attempt);
    return json({ errors: {}, formError: retry.key, minutes: retry.minutes, seconds: retry.seconds }, { status: 429 });
  }
  if (!(await takeChallengeAttempt(token))) return passwordAgain();

  const check = await checkSecondFactor(challenge.userId, parsed.data.code, { clientIp: context.clientIp, purpose: "sign-in" });
  if (!check.ok) {
    return json({ errors: { code: `twoFactor.errors.${check.reason}` }, formError: null, minutes: 0, seconds: 0 }, { status: 400 });
  }
  await giveBackAttempt(throttle);
  await endChallenge(token);
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(request, challenge.userId, context.clientIp));
  headers.append("Set-Cookie", await clearChallengeCookie());
  const account = await getAccount(challenge.userId);
  const home = homeFor({ roles: account.roles.map((r) => r.role as never) });
  return redirect(safeRedirectPath(challenge.redirectTo, home), { headers });
}

export default function SecondFactorSignIn() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const { form, onSubmit, errorFor } = useValidatedForm(secondFactorSchema, {
    defaultValues: { code: "" },
    serverErrors: actionData?.errors,
  });
  return (
    <div className="card auth-card">
      <h1>{t("twoFactor.signInTitle")}</h1>
      <p>{t("twoFactor.signInIntro")}</p>
      {actionData?.formError ? (
        <FormMessage kind="error">{t(actionData.formError, { minutes: actionData.minutes, seconds: actionData.seconds })}</FormMessage>
      ) : null}
      <Form method="post" noValidate onSubmit={onSubmit}>
        <TextField
          label={t("twoFactor.code")}
          hint={t("twoFactor.codeHint")}
          autoComplete="one-time-code"
          spellCheck={false}
          autoCapitalize="none"
          error={errorFor("code")}
          registration={form.register("code")}
        />
        <button type="submit" className="button">
          {t("twoFactor.verify")}
        </button>
      </Form>
      <p>{t("twoFactor.lostDevice")}</p>
      <p>
        <Link to="/login">{t("twoFactor.startOver")}</Link>
      </p>
    </div>
  );
}
