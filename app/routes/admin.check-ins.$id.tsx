import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { CheckInForm, CheckInSummary } from "~/components/check-in-form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { checkInState } from "~/domain/follow-up.ts";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { checkInView, getCheckIn, submitCheckIn } from "~/models/follow-up.server.ts";
import { CHECK_IN_ARRAY_FIELDS, checkInSchema } from "~/schemas/check-in.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.followUpAdmin.record.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const checkIn = ensureFound(await getCheckIn(params.id ?? ""));
  const locale = await getLocale(request);
  return json({
    ...(await checkInView(checkIn)),
    cohortId: checkIn.application.enrolledCohort?.id ?? null,
    state: checkInState(checkIn, new Date()),
    dueAtText: formatDate(checkIn.dueAt, locale),
    submittedAtText: checkIn.submittedAt ? formatDate(checkIn.submittedAt, locale, "dateTime") : "",
  });
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

/** An admin records the check-in for the team (a call, a visit): audited, and marked as recorded for it. */
async function handleAction({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const checkIn = ensureFound(await getCheckIn(params.id ?? ""));
  const parsed = parseForm(checkInSchema, await readFormData(request), { arrays: CHECK_IN_ARRAY_FIELDS });
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await submitCheckIn(checkIn.id, parsed.data, { userId: admin.id, onBehalf: true });
  const back = checkIn.application.enrolledCohort ? `/admin/cohorts/${checkIn.application.enrolledCohort.id}/follow-up` : "/admin";
  return redirectWithFlash(back, { kind: "success", key: "followUpAdmin.record.recorded" });
}

export default function RecordCheckIn() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      {data.cohortId ? (
        <p>
          <Link to={`/admin/cohorts/${data.cohortId}/follow-up`}>{t("followUpAdmin.cohort.title")}</Link>
        </p>
      ) : null}
      <h1>{t("followUp.checkIn.heading", { months: data.monthsAfter, project: data.projectName })}</h1>
      <p className="muted">{t("followUp.checkIn.due", { date: data.dueAtText, cohort: data.cohortName })}</p>
      {data.submitted ? (
        <>
          <FormMessage kind="success">
            {t(data.onBehalf ? "followUpAdmin.record.recordedOn" : "followUp.checkIn.alreadySubmitted", { date: data.submittedAtText })}
          </FormMessage>
          <CheckInSummary answers={data.submitted} tracks={data.tracks} />
        </>
      ) : data.state === "upcoming" ? (
        <p>{t("followUpAdmin.record.notDue")}</p>
      ) : (
        <>
          <p>{t("followUpAdmin.record.intro")}</p>
          <CheckInForm
            values={actionData && "values" in actionData ? actionData.values : data.draft}
            tracks={data.tracks}
            serverErrors={actionData && "errors" in actionData ? actionData.errors : undefined}
            submitLabel={t("followUpAdmin.record.submit")}
          />
        </>
      )}
    </section>
  );
}
