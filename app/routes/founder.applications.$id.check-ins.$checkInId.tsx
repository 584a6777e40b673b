import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, notFound, requireUser } from "~/auth/guards.server.ts";
import { CheckInForm, CheckInSummary } from "~/components/check-in-form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { checkInState } from "~/domain/follow-up.ts";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { checkInView, getCheckInForTeam, submitCheckIn } from "~/models/follow-up.server.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.followUp.checkIn.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const checkIn = ensureFound(await getCheckInForTeam(params.id ?? "", params.checkInId ?? "", user.id));
  const now = new Date();
  // Not asked yet: nothing to show before its date.
  if (checkInState(checkIn, now) === "upcoming") throw notFound();
  const locale = await getLocale(request);
  return json({
    ...(await checkInView(checkIn)),
    dueAtText: formatDate(checkIn.dueAt, locale),
    submittedAtText: checkIn.submittedAt ? formatDate(checkIn.submittedAt, locale, "dateTime") : "",
  });
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const checkIn = ensureFound(await getCheckInForTeam(params.id ?? "", params.checkInId ?? "", user.id));
  // Imported here: a static import would keep the schema, and zod, in the page's JavaScript (the bundler keeps
  // a module whose top level runs code even when only the action, which the browser's bundle drops, used it).
  const { checkInSchema, CHECK_IN_ARRAY_FIELDS } = await import("~/schemas/check-in.ts");
  const parsed = parseForm(checkInSchema, await readFormData(request), { arrays: CHECK_IN_ARRAY_FIELDS });
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await submitCheckIn(checkIn.id, parsed.data, { userId: user.id, onBehalf: false });
  return redirectWithFlash(`/founder/applications/${checkIn.applicationId}`, { kind: "success", key: "followUp.checkIn.submitted" });
}

/** A follow-up check-in, for any member of the team: the form while it is open, the answers once given. */
export default function CheckInPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const base = `/founder/applications/${data.applicationId}`;
  return (
    <section className="stack">
      <p>
        <Link to={base}>{t("apply.backToApplication")}</Link>
      </p>
      <h1>{t("followUp.checkIn.heading", { months: data.monthsAfter, project: data.projectName })}</h1>
      <p className="muted">{t("followUp.checkIn.due", { date: data.dueAtText, cohort: data.cohortName })}</p>
      {data.submitted ? (
        <>
          <FormMessage kind="success">{t("followUp.checkIn.alreadySubmitted", { date: data.submittedAtText })}</FormMessage>
          <CheckInSummary answers={data.submitted} tracks={data.tracks} />
        </>
      ) : (
        <>
          <p>{t("followUp.checkIn.intro")}</p>
          <CheckInForm
            values={actionData && "values" in actionData ? actionData.values : data.draft}
            tracks={data.tracks}
            serverErrors={actionData && "errors" in actionData ? actionData.errors : undefined}
            autosaveUrl={`${base}/check-ins/${data.id}/autosave`}
            submitLabel={t("followUp.checkIn.submit")}
          />
        </>
      )}
    </section>
  );
}
