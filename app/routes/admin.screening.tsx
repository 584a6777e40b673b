import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { CallPicker } from "~/components/call-picker.tsx";
import { callPickerEntries } from "~/domain/call-texts.ts";
import { FormMessage } from "~/components/form-message.tsx";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { formatOptionalDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { listScreeningQueue, resolveAdminCall, screenApplication, screeningEligibility } from "~/models/admin-application.server.ts";
import { ScreeningEligibility } from "~/components/answers/screening-eligibility.tsx";
import { screeningSchema } from "~/schemas/admin.ts";
import { issuesToErrors, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.staffNav.admin.screening);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const { calls, call } = await resolveAdminCall(new URL(request.url).searchParams.get("call"));
  const [queue, locale] = await Promise.all([call ? listScreeningQueue(call.id) : [], getLocale(request)]);
  const eligibility =
    call && queue.length > 0
      ? await screeningEligibility(
          call.id,
          queue.map((application) => application.id),
          locale,
        )
      : null;
  return json({
    calls: callPickerEntries(calls, locale),
    call,
    rules: eligibility?.rules ?? [],
    queue: queue.map((application) => ({
      ...application,
      submittedAtText: formatOptionalDate(application.submittedAt, locale, "dateTime"),
      eligibility: eligibility?.byApplication.get(application.id) ?? { answers: [], outcomes: [] },
    })),
  });
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const raw = Object.fromEntries(await readFormData(request));
  const parsed = screeningSchema.safeParse(raw);
  if (!parsed.success) {
    return json(
      { applicationId: String(raw.applicationId ?? ""), errors: issuesToErrors(parsed.error.issues), message: null },
      { status: 400 },
    );
  }
  const input = parsed.data;
  await screenApplication({
    applicationId: input.applicationId,
    actor: { kind: "user", id: admin.id, roles: admin.roles },
    expectedVersion: input.version,
    eligible: input.decision === "eligible",
    reason: input.decision === "ineligible" ? input.reason : undefined,
  });
  const url = new URL(request.url);
  return redirectWithFlash(url.pathname + url.search, {
    kind: "success",
    key: input.decision === "eligible" ? "screening.movedToReview" : "screening.rejected",
  });
}

export default function Screening() {
  const { calls, call, rules, queue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  // The row the last post was about, and what was typed in it (a refusal answers with the typed values).
  const repliedTo = actionData ? ("applicationId" in actionData ? actionData.applicationId : actionData.values.applicationId) : undefined;
  const typedReason = actionData && "values" in actionData ? actionData.values.reason : undefined;
  return (
    <section className="stack">
      <h1>{t("staffNav.admin.screening")}</h1>
      <CallPicker calls={calls} current={call?.slug ?? null} />
      {actionData?.message ? <FormMessage kind="error">{t(actionData.message)}</FormMessage> : null}
      {queue.length === 0 ? <p className="muted">{t("screening.empty")}</p> : null}
      <ul className="plain-list stack">
        {queue.map((application) => (
          <li key={application.id} className="card stack">
            <h2>
              <Link to={`/admin/applications/${application.id}`}>{application.projectName || t("apply.untitled")}</Link>
            </h2>
            <p className="muted">
              {t(`statuses.${application.status}`)} — {application.submittedAtText ?? ""} —{" "}
              {application.sector ? t(`sectors.${application.sector}`) : "—"} — {application.preferredSite?.name ?? "—"}
            </p>
            <Form method="post" className="stack">
              <input type="hidden" name="applicationId" value={application.id} />
              <input type="hidden" name="version" value={application.version} />
              <ScreeningEligibility id={`eligibility-${application.id}`} rules={rules} eligibility={application.eligibility} />
              <fieldset className="radio-group">
                <legend>{t("screening.checklist")}</legend>
                <label className="choice">
                  <input type="checkbox" name="complete" defaultChecked={application.attachments.length > 0} /> {t("screening.complete")}
                </label>
                <label className="choice">
                  <input type="checkbox" name="sectorFit" defaultChecked={Boolean(application.sector)} /> {t("screening.sectorFit")}
                </label>
                <label className="choice">
                  <input type="checkbox" name="siteFit" defaultChecked={application.preferredSite?.status === "OPEN"} />{" "}
                  {t("screening.siteFit")}
                </label>
              </fieldset>
              <div className="field">
                <label htmlFor={`reason-${application.id}`}>{t("screening.reason")}</label>
                <textarea
                  id={`reason-${application.id}`}
                  name="reason"
                  rows={2}
                  dir="auto"
                  defaultValue={repliedTo === application.id ? typedReason : undefined}
                />
              </div>
              {actionData && repliedTo === application.id && Object.keys(actionData.errors).length > 0 ? (
                <div role="alert">
                  <ul className="field-error">
                    {[...new Set(Object.values(actionData.errors))].map((key) => (
                      <li key={key}>{t(key)}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <div className="wizard-actions">
                <button type="submit" name="decision" value="eligible" className="button">
                  {t("screening.eligible")}
                </button>
                <button type="submit" name="decision" value="ineligible" className="button button-secondary">
                  {t("screening.ineligible")}
                </button>
              </div>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}
