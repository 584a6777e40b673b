import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { homeFor, requireUser, type SessionUser } from "~/auth/guards.server.ts";
import { giveBackAttempt, retryMessage, secondFactorThrottleKeys, takeAttempt } from "~/auth/rate-limit.server.ts";
import { TextField, useValidatedForm } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import type { Role } from "~/domain/constants.ts";
import { STAFF_ROLES } from "~/domain/sessions.ts";
import { formatBackupCode, groupedSecret, otpauthUri, secondFactorRequired } from "~/domain/two-factor.ts";
import { UserError } from "~/domain/errors.ts";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import {
  checkSecondFactor,
  confirmSetUp,
  regenerateBackupCodes,
  replaceAuthenticator,
  secondFactorOf,
  startSetUp,
  turnOff,
} from "~/models/two-factor.server.ts";
import { authenticatorCodeSchema, secondFactorSchema } from "~/schemas/auth.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

// Two-step verification of one's own staff account (issue 20, point 4): set up an authenticator app from a QR code
// or its secret in text, confirm it with a code, keep the ten backup codes shown once; later, new backup codes, a new
// authenticator, or (a reviewer's choice) none. An admin without one is sent here before anything else.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.twoFactorSetUp.title);

/** Staff only (admins must have an authenticator, reviewers may); an admin without one yet is welcome here. */
function staffUser(request: Request): Promise<SessionUser> {
  return requireUser(request, { role: STAFF_ROLES as Role[], secondFactor: "setting-up" });
}

/**
 * The QR code as an SVG drawn here and shown as an image: the page carries no QR library and no markup of its own.
 * The library is loaded on the first set-up only (about 7 MB in each server process that never needs it).
 */
async function qrImage(uri: string): Promise<string> {
  const { default: QRCode } = await import("qrcode");
  return `data:image/svg+xml;base64,${Buffer.from(await QRCode.toString(uri, { type: "svg", margin: 2 })).toString("base64")}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await staffUser(request);
  const [state, locale] = await Promise.all([secondFactorOf(user.id), getLocale(request)]);
  const uri = state.pendingSecret ? otpauthUri(state.pendingSecret, user.email) : null;
  return json({
    required: secondFactorRequired(user.roles),
    home: homeFor(user),
    onSinceText: state.confirmedAt ? formatDate(state.confirmedAt, locale, "dateTime") : null,
    backupCodesLeft: state.backupCodesLeft,
    setUp: state.pendingSecret
      ? {
          secretText: groupedSecret(state.pendingSecret),
          qrImage: await qrImage(uri!),
        }
      : null,
  });
}

type ActionResult =
  | { codes: string[]; errors?: undefined; formError?: undefined }
  | { codes?: undefined; errors: Record<string, string>; formError: string | null; minutes: number; seconds: number };

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, context }: ActionFunctionArgs) {
  const user = await staffUser(request);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "start") {
    await startSetUp(user.id);
    return redirect("/staff/two-factor");
  }
  if (intent === "confirm") {
    const parsed = parseForm(authenticatorCodeSchema, formData);
    if (!parsed.ok) return json<ActionResult>({ errors: parsed.errors, formError: null, minutes: 0, seconds: 0 }, { status: 400 });
    return json<ActionResult>({ codes: (await confirmSetUp(user.id, parsed.data.code)).map(formatBackupCode) });
  }
  if (intent !== "regenerate" && intent !== "replace" && intent !== "turnOff") throw new UserError("errors.formUnreadable", 400);

  // What changes a confirmed authenticator asks for a code of it (or a backup code) first: a session left open is not
  // enough. Wrong codes slow down as at sign-in, on the same count.
  const parsed = parseForm(secondFactorSchema, formData);
  if (!parsed.ok) return json<ActionResult>({ errors: parsed.errors, formError: null, minutes: 0, seconds: 0 }, { status: 400 });
  const throttle = secondFactorThrottleKeys(user.id);
  const attempt = await takeAttempt(throttle);
  if (!attempt.allowed) {
    const retry = retryMessage(attempt);
    return json<ActionResult>({ errors: {}, formError: retry.key, minutes: retry.minutes, seconds: retry.seconds }, { status: 429 });
  }
  const purpose = intent === "regenerate" ? "backup-codes" : "turn-off";
  const check = await checkSecondFactor(user.id, parsed.data.code, { clientIp: context.clientIp, purpose });
  if (!check.ok) {
    return json<ActionResult>(
      { errors: { code: `twoFactor.errors.${check.reason}` }, formError: null, minutes: 0, seconds: 0 },
      { status: 400 },
    );
  }
  await giveBackAttempt(throttle);
  if (intent === "regenerate") return json<ActionResult>({ codes: (await regenerateBackupCodes(user.id)).map(formatBackupCode) });
  if (intent === "replace") {
    await replaceAuthenticator(user.id);
    return redirect("/staff/two-factor");
  }
  await turnOff(user.id, user.roles);
  return redirectWithFlash("/account", { kind: "success", key: "twoFactor.turnedOff" });
}

export default function TwoFactorPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const result = actionData && !("message" in actionData) ? (actionData as ActionResult) : undefined;
  const refusal = actionData && "message" in actionData ? actionData : undefined;
  if (result?.codes) return <BackupCodes codes={result.codes} home={page.home} />;
  return (
    <div className="stack">
      <h1>{t("twoFactorSetUp.title")}</h1>
      <p>{t("twoFactorSetUp.intro")}</p>
      {page.required && !page.onSinceText ? (
        <p className="card" role="status">
          {t("twoFactorSetUp.requiredNotice")}
        </p>
      ) : null}
      {refusal ? <FormMessage kind="error">{t(refusal.message, refusal.params)}</FormMessage> : null}
      {page.onSinceText ? (
        <Manage onSinceText={page.onSinceText} backupCodesLeft={page.backupCodesLeft} required={page.required} result={result} />
      ) : page.setUp ? (
        <Confirm setUp={page.setUp} result={result} />
      ) : (
        <section className="card" aria-labelledby="two-factor-start">
          <h2 id="two-factor-start">{t("twoFactorSetUp.offTitle")}</h2>
          <p>{t("twoFactorSetUp.offIntro")}</p>
          <Form method="post">
            <button type="submit" name="intent" value="start" className="button">
              {t("twoFactorSetUp.start")}
            </button>
          </Form>
        </section>
      )}
      <p>
        <Link to="/account">{t("twoFactorSetUp.backToAccount")}</Link>
      </p>
    </div>
  );
}

function Confirm({ setUp, result }: { setUp: { secretText: string; qrImage: string }; result: ActionResult | undefined }) {
  const { t } = useTranslation();
  const { form, onSubmit, errorFor } = useValidatedForm(authenticatorCodeSchema, {
    defaultValues: { code: "" },
    serverErrors: result?.errors,
  });
  return (
    <section className="card" aria-labelledby="two-factor-set-up">
      <h2 id="two-factor-set-up">{t("twoFactorSetUp.setUpTitle")}</h2>
      <ol className="stack">
        <li>
          <p>{t("twoFactorSetUp.scan")}</p>
          <img src={setUp.qrImage} width={200} height={200} alt={t("twoFactorSetUp.qrAlt")} />
          <p>
            {t("twoFactorSetUp.secretIntro")}{" "}
            <code dir="ltr" data-testid="totp-secret">
              {setUp.secretText}
            </code>
          </p>
        </li>
        <li>
          <Form method="post" noValidate onSubmit={onSubmit}>
            <input type="hidden" name="intent" value="confirm" />
            <TextField
              label={t("twoFactorSetUp.confirmCode")}
              autoComplete="one-time-code"
              inputMode="numeric"
              error={errorFor("code")}
              registration={form.register("code")}
            />
            <button type="submit" className="button">
              {t("twoFactorSetUp.confirm")}
            </button>
          </Form>
        </li>
      </ol>
      <Form method="post">
        <button type="submit" name="intent" value="start" className="button button-secondary">
          {t("twoFactorSetUp.newSecret")}
        </button>
      </Form>
    </section>
  );
}

function Manage(props: { onSinceText: string; backupCodesLeft: number; required: boolean; result: ActionResult | undefined }) {
  const { t } = useTranslation();
  const { form, onSubmit, errorFor } = useValidatedForm(secondFactorSchema, {
    defaultValues: { code: "" },
    serverErrors: props.result?.errors,
  });
  return (
    <section className="card" aria-labelledby="two-factor-on">
      <h2 id="two-factor-on">{t("twoFactorSetUp.onTitle")}</h2>
      <p>{t("twoFactorSetUp.onSince", { date: props.onSinceText })}</p>
      <p>{t("twoFactorSetUp.backupCodesLeft", { count: props.backupCodesLeft })}</p>
      {props.result?.formError ? (
        <FormMessage kind="error">
          {t(props.result.formError, { minutes: props.result.minutes, seconds: props.result.seconds })}
        </FormMessage>
      ) : null}
      <Form method="post" noValidate onSubmit={onSubmit}>
        <TextField
          label={t("twoFactor.code")}
          hint={t("twoFactorSetUp.manageHint")}
          autoComplete="one-time-code"
          spellCheck={false}
          autoCapitalize="none"
          error={errorFor("code")}
          registration={form.register("code")}
        />
        <div className="actions">
          <button type="submit" name="intent" value="regenerate" className="button">
            {t("twoFactorSetUp.regenerate")}
          </button>
          <button type="submit" name="intent" value="replace" className="button button-secondary">
            {t("twoFactorSetUp.replace")}
          </button>
          {props.required ? null : (
            <button type="submit" name="intent" value="turnOff" className="button button-secondary">
              {t("twoFactorSetUp.turnOff")}
            </button>
          )}
        </div>
      </Form>
    </section>
  );
}

function BackupCodes({ codes, home }: { codes: string[]; home: string }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t("twoFactorSetUp.codesTitle")}</h1>
      <FormMessage kind="success">{t("twoFactorSetUp.codesIntro")}</FormMessage>
      <ol className="backup-codes" dir="ltr" aria-label={t("twoFactorSetUp.codesTitle")}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>{t("twoFactorSetUp.codesKeep")}</p>
      <p>
        <Link to={home} className="button">
          {t("twoFactorSetUp.continue")}
        </Link>
      </p>
    </div>
  );
}
