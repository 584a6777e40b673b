import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { clearSessionCookie, endSessionsOf, listSessions, sessionKey } from "~/auth/session.server.ts";
import { isStaff, maskedAddress, sessionDevice } from "~/domain/sessions.ts";
import { CONSENT_PURPOSES, consentState, OPTIONAL_PURPOSES, type ConsentPurpose } from "~/domain/consent.ts";
import { consentsOf, saveOptionalConsents } from "~/models/consent.server.ts";
import { latestDataExport, prepareDataExports, requestDataExport } from "~/models/data-export.server.ts";
import { runAfterResponse } from "~/request-scope.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { DELAY_POLICIES, giveBackAttempt, takeAttempt, type DelayPolicy } from "~/auth/rate-limit.server.ts";
import { errorId, FieldError, SelectField, TextField, useValidatedForm } from "~/components/form.tsx";
import { plainText } from "~/domain/call-texts.ts";
import { LOCALES } from "~/domain/constants.ts";
import type { ErasureStatus } from "~/domain/erasure.ts";
import { isUserError } from "~/domain/errors.ts";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { localeCookie } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { erasureStateOf, requestErasure } from "~/models/erasure.server.ts";
import { secondFactorOf } from "~/models/two-factor.server.ts";
import { maySetUpSecondFactor, secondFactorRequired } from "~/domain/two-factor.ts";
import { changePassword, getAccount, updateProfile } from "~/models/user.server.ts";
import { passwordChangeSchema, profileSchema } from "~/schemas/auth.ts";
import { erasureSchema } from "~/schemas/erasure.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.account.title);

export async function loader({ request }: LoaderFunctionArgs) {
  // An admin still to set up two-step verification may use this page (it links to the set-up).
  const user = await requireUser(request, { secondFactor: "setting-up" });
  const [account, sessions, locale, consents, dataExport, erasure, secondFactor] = await Promise.all([
    getAccount(user.id),
    listSessions(user.id, user.sessionId),
    getLocale(request),
    consentsOf(user.id),
    latestDataExport(user.id),
    erasureStateOf(user.id),
    maySetUpSecondFactor(user.roles) ? secondFactorOf(user.id) : null,
  ]);
  return json({
    name: account.name,
    email: account.email,
    locale: account.locale,
    roles: account.roles.map((r) => r.role),
    staff: isStaff(user.roles),
    // Issue 20: staff two-step verification, on (since when) or off, and whether the role requires it.
    twoFactor: secondFactor
      ? {
          onSinceText: secondFactor.confirmedAt ? formatDate(secondFactor.confirmedAt, locale, "dateTime") : null,
          required: secondFactorRequired(user.roles),
        }
      : null,
    // Issue 20: the person's latest copy of their data, as a state and its date.
    dataExport: dataExport ? exportState(dataExport, locale) : null,
    // Issue 20: each purpose's consent as the person is shown it, dates written here.
    consents: CONSENT_PURPOSES.map((purpose) => {
      const state = consentState(
        consents.find((row) => row.purpose === purpose),
        purpose,
      );
      return {
        purpose,
        optional: (OPTIONAL_PURPOSES as readonly ConsentPurpose[]).includes(purpose),
        state: state.state,
        atText: state.state === "NEVER" ? null : formatDate(state.at, locale, "dateTime"),
        olderText: state.state === "GIVEN" && !state.current,
      };
    }),
    // Issue 20: the person's open sessions, dates written here; each named by a digest, never by its id.
    sessions: sessions.map((session) => ({
      key: session.key,
      current: session.current,
      device: sessionDevice(session.userAgent),
      address: maskedAddress(session.ipAddress),
      signedInText: formatDate(session.createdAt, locale, "dateTime"),
      lastSeenText: formatDate(session.lastSeenAt, locale, "dateTime"),
    })),
    // Issue 20: erasure — a request waiting or refused (with its reason), and the applications that would make one wait.
    erasure: erasureView(erasure, locale),
  });
}

function erasureView(state: Awaited<ReturnType<typeof erasureStateOf>>, locale: Parameters<typeof formatDate>[1]) {
  const request = state.request && state.request.status !== "DONE" ? state.request : null;
  return {
    status: (request?.status ?? null) as Exclude<ErasureStatus, "DONE"> | null,
    atText: request ? formatDate(request.decidedAt ?? request.requestedAt, locale, "dateTime") : null,
    reason: request?.status === "REFUSED" ? request.reason : "",
    blocking: state.blocking.map((application) => ({
      id: application.id,
      projectName: application.projectName,
      callTitle: plainText(application.callTitle, locale),
      status: application.status,
      block: application.block,
    })),
  };
}

function exportState(
  dataExport: { status: string; requestedAt: Date; readyAt: Date | null; expiresAt: Date | null; downloadedAt: Date | null },
  locale: Parameters<typeof formatDate>[1],
  now = new Date(),
) {
  const status =
    dataExport.downloadedAt !== null
      ? "DOWNLOADED"
      : dataExport.status === "READY" && dataExport.expiresAt && dataExport.expiresAt <= now
        ? "EXPIRED"
        : (dataExport.status as "PENDING" | "PREPARING" | "READY" | "FAILED");
  const at = dataExport.downloadedAt ?? dataExport.readyAt ?? dataExport.requestedAt;
  return { status, atText: formatDate(at, locale, "dateTime") };
}

type ActionResult = {
  intent: "profile" | "password" | "sessions" | "erasure";
  errors: Record<string, string>;
  values: Record<string, string>;
};

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { secondFactor: "setting-up" });
  const formData = await readFormData(request);
  const posted = formData.get("intent");
  if (posted === "dataExport") {
    await requestDataExport(user.id);
    // Prepared off the request: here once the answer has gone, or by the scheduled jobs on any server.
    runAfterResponse(() => void prepareDataExports().catch(() => undefined));
    return redirectWithFlash("/account", { kind: "success", key: "account.data.asked" });
  }
  if (posted === "consents") {
    // Unticked boxes are not posted: each optional purpose is given exactly when its box is.
    const chosen = Object.fromEntries(OPTIONAL_PURPOSES.map((purpose) => [purpose, formData.get(purpose) === "on"])) as Record<
      (typeof OPTIONAL_PURPOSES)[number],
      boolean
    >;
    await saveOptionalConsents(user.id, chosen);
    return redirectWithFlash("/account", { kind: "success", key: "consent.saved" });
  }
  if (posted === "erase") {
    // Only ever the account of the person signed in (user.id): no field of the form is read to name one.
    const parsed = parseForm(erasureSchema, formData);
    if (!parsed.ok) return json<ActionResult>({ intent: "erasure", errors: parsed.errors, values: {} }, { status: 400 });
    let requested: Awaited<ReturnType<typeof requestErasure>>;
    try {
      requested = await requestErasure(user.id);
    } catch (error) {
      if (!isUserError(error)) throw error;
      return json<ActionResult>({ intent: "erasure", errors: { form: error.key }, values: {} }, { status: error.status });
    }
    // Erased: the sessions are gone with the account, and this browser's cookie with them.
    if (requested.status === "DONE")
      return redirectWithFlash("/", { kind: "success", key: "erasure.done" }, { headers: { "Set-Cookie": await clearSessionCookie() } });
    return redirectWithFlash("/account", { kind: "info", key: "erasure.asked" });
  }
  if (posted === "endSession" || posted === "endOtherSessions") {
    const key = String(formData.get("session") ?? "");
    const ended =
      posted === "endOtherSessions" ? await endSessionsOf(user.id, { allBut: user.sessionId }) : await endSessionsOf(user.id, { key });
    // Ending the session one is using is signing out.
    if (posted === "endSession" && key === sessionKey(user.sessionId) && ended > 0)
      return redirect("/login", { headers: { "Set-Cookie": await clearSessionCookie() } });
    if (posted === "endSession" && ended === 0)
      return json<ActionResult>({ intent: "sessions", errors: { form: "account.sessions.unknown" }, values: {} }, { status: 404 });
    return redirectWithFlash("/account", { kind: "success", key: "account.sessions.ended", values: { count: ended } });
  }
  const intent = posted === "password" ? "password" : "profile";
  const reply = (result: Omit<ActionResult, "intent">, status: number) => json<ActionResult>({ intent, ...result }, { status });

  if (intent === "profile") {
    const parsed = parseForm(profileSchema, formData);
    if (!parsed.ok) return reply({ errors: parsed.errors, values: parsed.values }, 400);
    await updateProfile(user.id, parsed.data);
    // Said in the language just chosen: the flash is translated when the next page shows it.
    return redirectWithFlash(
      "/account",
      { kind: "success", key: "account.saved" },
      {
        headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) },
      },
    );
  }

  const parsed = parseForm(passwordChangeSchema, formData);
  if (!parsed.ok) return reply({ errors: parsed.errors, values: {} }, 400);
  // Wrong current passwords slow down further guesses (whoever holds the session); the right one clears them.
  const throttle: Array<[string, DelayPolicy]> = [[`password-check:user:${user.id}`, DELAY_POLICIES.currentPasswordFailuresPerAccount]];
  const attempt = await takeAttempt(throttle);
  if (!attempt.allowed) return reply({ errors: { currentPassword: "account.tooManyWrongPasswords" }, values: {} }, 429);
  const changed = await changePassword(user.id, user.sessionId, parsed.data.currentPassword, parsed.data.newPassword);
  if (!changed) return reply({ errors: { currentPassword: "account.wrongCurrentPassword" }, values: {} }, 400);
  await giveBackAttempt(throttle, [throttle[0]![0]]);
  return redirectWithFlash("/account", { kind: "success", key: "account.passwordChanged" });
}

export default function Account() {
  const account = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const result = actionData && "intent" in actionData ? actionData : undefined;
  const profileResult = result?.intent === "profile" ? result : undefined;
  const passwordResult = result?.intent === "password" ? result : undefined;
  const profile = useValidatedForm(profileSchema, {
    defaultValues: { name: profileResult?.values.name ?? account.name, locale: (profileResult?.values.locale ?? account.locale) as never },
    serverErrors: profileResult?.errors,
  });
  const password = useValidatedForm(passwordChangeSchema, {
    defaultValues: { currentPassword: "", newPassword: "" },
    serverErrors: passwordResult?.errors,
  });
  return (
    <div className="stack">
      <h1>{t("account.title")}</h1>
      <p>
        {account.email} — {t("account.roles")} : {account.roles.map((role) => t(`roles.${role}`)).join(", ")}
      </p>
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t("account.profileTitle")}</h2>
        <Form method="post" noValidate onSubmit={profile.onSubmit}>
          <input type="hidden" name="intent" value="profile" />
          <TextField
            label={t("auth.name")}
            autoComplete="name"
            error={profile.errorFor("name")}
            registration={profile.form.register("name")}
          />
          <SelectField
            label={t("account.language")}
            error={profile.errorFor("locale")}
            registration={profile.form.register("locale")}
            options={LOCALES.map((locale) => ({ value: locale, label: t(`language.${locale}`) }))}
          />
          <button type="submit" className="button">
            {t("account.save")}
          </button>
        </Form>
      </section>
      <ConsentsSection consents={account.consents} />
      <DataSection dataExport={account.dataExport} error={actionData && "message" in actionData ? actionData.message : undefined} />
      {account.twoFactor ? <TwoFactorSection {...account.twoFactor} /> : null}
      <SessionsSection
        sessions={account.sessions}
        staff={account.staff}
        error={result?.intent === "sessions" ? result.errors.form : undefined}
      />
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">{t("account.passwordTitle")}</h2>
        <Form method="post" noValidate onSubmit={password.onSubmit}>
          <input type="hidden" name="intent" value="password" />
          <TextField
            label={t("account.currentPassword")}
            type="password"
            autoComplete="current-password"
            error={password.errorFor("currentPassword")}
            registration={password.form.register("currentPassword")}
          />
          <TextField
            label={t("account.newPassword")}
            type="password"
            autoComplete="new-password"
            hint={t("auth.passwordHint")}
            error={password.errorFor("newPassword")}
            registration={password.form.register("newPassword")}
          />
          <button type="submit" className="button">
            {t("account.changePassword")}
          </button>
        </Form>
      </section>
      <ErasureSection erasure={account.erasure} errors={result?.intent === "erasure" ? result.errors : undefined} />
    </div>
  );
}

type SessionRow = ReturnType<typeof useLoaderData<typeof loader>>["sessions"][number];

/** The person's open sessions (issue 20): each ended on its own, or every one but this device's at once. */
function SessionsSection({ sessions, staff, error }: { sessions: SessionRow[]; staff: boolean; error?: string }) {
  const { t } = useTranslation();
  const deviceOf = (session: SessionRow) =>
    [session.device.browser, session.device.system].filter(Boolean).join(" — ") || t("account.sessions.unknownDevice");
  return (
    <section className="card stack" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t("account.sessions.title")}</h2>
      <p>
        {t("account.sessions.intro")} {staff ? t("account.sessions.staffIdle") : null}
      </p>
      {error ? <p className="field-error">{t(error as "account.sessions.unknown")}</p> : null}
      {/* A list, not the staff's DataTable: this page is every user's, and the table's pagination speaks staff. */}
      <ul className="plain-list stack" aria-labelledby="sessions-title">
        {sessions.map((session) => (
          <li key={session.key} className="card stack">
            <p>
              <strong dir="ltr">{deviceOf(session)}</strong>
              {session.current ? ` (${t("account.sessions.current")})` : ""}
            </p>
            <dl className="summary">
              <div>
                <dt>{t("account.sessions.address")}</dt>
                <dd>{session.address ? <span dir="ltr">{session.address}</span> : t("account.sessions.unknownAddress")}</dd>
              </div>
              <div>
                <dt>{t("account.sessions.signedIn")}</dt>
                <dd>{session.signedInText}</dd>
              </div>
              <div>
                <dt>{t("account.sessions.lastSeen")}</dt>
                <dd>{session.lastSeenText}</dd>
              </div>
            </dl>
            <Form method="post">
              <input type="hidden" name="session" value={session.key} />
              <button
                type="submit"
                name="intent"
                value="endSession"
                className="button button-secondary"
                aria-label={t("account.sessions.endLabel", { device: deviceOf(session) })}
              >
                {session.current ? t("account.sessions.endCurrent") : t("account.sessions.end")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {sessions.length > 1 ? (
        <Form method="post">
          <button type="submit" name="intent" value="endOtherSessions" className="button">
            {t("account.sessions.endOthers")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

type ConsentRow = ReturnType<typeof useLoaderData<typeof loader>>["consents"][number];

/** The purposes Tremplin processes one's data for (issue 20): the required ones as given, the optional ones to choose. */
function ConsentsSection({ consents }: { consents: ConsentRow[] }) {
  const { t } = useTranslation();
  const status = (consent: ConsentRow) =>
    consent.state === "GIVEN"
      ? t(consent.olderText ? "consent.status.givenOlder" : "consent.status.given", { date: consent.atText })
      : consent.state === "WITHDRAWN"
        ? t("consent.status.withdrawn", { date: consent.atText })
        : t("consent.status.never");
  return (
    <section className="card stack" aria-labelledby="consents-title">
      <h2 id="consents-title">{t("consent.title")}</h2>
      <p>{t("consent.intro")}</p>
      <ul className="plain-list stack">
        {consents
          .filter((consent) => !consent.optional)
          .map((consent) => (
            <li key={consent.purpose}>
              <strong>{t(`consent.purposes.${consent.purpose}.title`)}</strong> — {status(consent)}
              <br />
              <span className="muted">{t(`consent.purposes.${consent.purpose}.text`)}</span>
              <br />
              <span className="muted">{t(`consent.purposes.${consent.purpose}.when`)}</span>
            </li>
          ))}
      </ul>
      <Form method="post" className="stack">
        <fieldset className="radio-group">
          <legend>{t("consent.optionalLegend")}</legend>
          {consents
            .filter((consent) => consent.optional)
            .map((consent) => (
              <div key={consent.purpose} className="stack">
                <label className="choice">
                  <input type="checkbox" name={consent.purpose} defaultChecked={consent.state === "GIVEN"} />
                  {t(`consent.purposes.${consent.purpose}.title`)}
                </label>
                <p className="field-hint">
                  {t(`consent.purposes.${consent.purpose}.text`)} ({status(consent)})
                </p>
              </div>
            ))}
        </fieldset>
        <div>
          <button type="submit" name="intent" value="consents" className="button">
            {t("consent.save")}
          </button>
        </div>
      </Form>
    </section>
  );
}

/** The right of access (issue 20): ask for a copy of one's data; its link comes by email. */
function DataSection({ dataExport, error }: { dataExport: ReturnType<typeof useLoaderData<typeof loader>>["dataExport"]; error?: string }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="data-title">
      <h2 id="data-title">{t("account.data.title")}</h2>
      <p>{t("account.data.intro")}</p>
      {dataExport ? <p className="muted">{t(`account.data.status.${dataExport.status}`, { date: dataExport.atText })}</p> : null}
      {error ? <p className="field-error">{t(error as "dataExport.errors.alreadyAsked")}</p> : null}
      <Form method="post">
        <button type="submit" name="intent" value="dataExport" className="button button-secondary">
          {t("account.data.ask")}
        </button>
      </Form>
    </section>
  );
}

type ErasureState = ReturnType<typeof useLoaderData<typeof loader>>["erasure"];

/**
 * The right to erasure (issue 20): what erasing one's account does, and a confirmed request. Carried out at once,
 * which signs the person out; or, while an application of theirs is in an active selection or an enrolled cohort,
 * recorded for an admin to decide: the section then lists those applications, and shows the request's state.
 */
function ErasureSection({ erasure, errors }: { erasure: ErasureState; errors?: Record<string, string> }) {
  const { t } = useTranslation();
  const { form, onSubmit, errorFor } = useValidatedForm(erasureSchema, { defaultValues: { confirm: false }, serverErrors: errors });
  const confirmError = errorFor("confirm");
  const confirmId = "erasure-confirm";
  return (
    <section className="card stack" aria-labelledby="erasure-title">
      <h2 id="erasure-title">{t("erasure.title")}</h2>
      <p>{t("erasure.intro")}</p>
      <p>{t("erasure.kept")}</p>
      {erasure.status === "PENDING" ? <p className="form-message">{t("erasure.status.PENDING", { date: erasure.atText })}</p> : null}
      {erasure.status === "REFUSED" ? (
        <p className="form-message">{t("erasure.status.REFUSED", { date: erasure.atText, reason: erasure.reason })}</p>
      ) : null}
      {erasure.blocking.length > 0 ? (
        <>
          <p>{t("erasure.blockedIntro")}</p>
          <ul className="stack">
            {erasure.blocking.map((application) => (
              <li key={application.id}>
                <Link to={`/founder/applications/${application.id}`} dir="auto">
                  {application.projectName || t("apply.untitled")}
                </Link>{" "}
                — <span dir="auto">{application.callTitle}</span> — {t(`statuses.${application.status}`)} (
                {t(`erasure.blocks.${application.block}`)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {errors?.form ? <p className="field-error">{t(errors.form as "erasure.errors.alreadyPending")}</p> : null}
      {erasure.status === "PENDING" ? null : (
        <Form method="post" noValidate onSubmit={onSubmit} className="stack">
          <input type="hidden" name="intent" value="erase" />
          <div className="field">
            <label className="choice">
              <input
                type="checkbox"
                value="on"
                {...form.register("confirm")}
                aria-invalid={confirmError ? true : undefined}
                aria-describedby={confirmError ? errorId(confirmId) : undefined}
              />
              {t("erasure.confirm")}
            </label>
            <FieldError name={confirmId} error={confirmError} />
          </div>
          <div>
            <button type="submit" className="button">
              {t("erasure.submit")}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

/** Staff two-step verification (issue 20): on or off, required or not, and the way to the page that manages it. */
function TwoFactorSection({ onSinceText, required }: { onSinceText: string | null; required: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">{t("twoFactor.account.title")}</h2>
      <p>{onSinceText ? t("twoFactor.account.on", { date: onSinceText }) : t("twoFactor.account.off")}</p>
      {required && !onSinceText ? <p>{t("twoFactor.account.required")}</p> : null}
      <p>
        <Link to="/staff/two-factor">{t("twoFactor.account.manage")}</Link>
      </p>
    </section>
  );
}
