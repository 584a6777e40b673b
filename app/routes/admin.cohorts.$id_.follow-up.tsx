import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { DataTable } from "~/components/data-table.tsx";
import { ChoiceGroup, choiceProps, FieldShell, TextField, useValidatedForm } from "~/components/form.tsx";
import { FOLLOW_UP_STATUSES } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import { checkInState } from "~/domain/follow-up.ts";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { cohortFollowUp, moveFollowUp, saveFollowUpPlan } from "~/models/follow-up.server.ts";
import { SUPPORT_TRACKS } from "~/domain/check-in-options.ts";
import { FOLLOW_UP_PLAN_ARRAY_FIELDS, followUpPlanSchema } from "~/schemas/follow-up-plan.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.followUpAdmin.cohort.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const followUp = ensureFound(await cohortFollowUp(params.id ?? ""));
  const locale = await getLocale(request);
  const now = new Date();
  return json({
    cohort: { id: followUp.cohort.id, name: followUp.cohort.name, site: followUp.cohort.site.name },
    startsAtText: formatDate(followUp.cohort.startsAt, locale),
    plan: followUp.plan,
    projects: followUp.projects.map((project) => ({
      ...project,
      checkIns: project.checkIns.map((checkIn) => ({
        id: checkIn.id,
        monthsAfter: checkIn.monthsAfter,
        state: checkInState(checkIn, now),
        onBehalf: checkIn.onBehalf,
        dueAtText: formatDate(checkIn.dueAt, locale),
      })),
    })),
  });
}

const moveSchema = z.object({
  applicationId: z.string().check(z.minLength(1)),
  move: z.enum(["graduate", "leaveEarly", "cease"]),
  version: z.coerce.number().check(z.int()),
  reason: z._default(z.string().check(z.trim(), z.maxLength(1000, "errors.tooLong")), ""),
});

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const cohortId = params.id ?? "";
  const formData = await readFormData(request);
  if (formData.get("intent") === "move") {
    const parsed = parseForm(moveSchema, formData);
    if (!parsed.ok) throw new UserError("staffErrors.formInvalid", 400);
    const { applicationId, move, version, reason } = parsed.data;
    await moveFollowUp(cohortId, applicationId, move, admin, version, reason);
    return redirectWithFlash(`/admin/cohorts/${cohortId}/follow-up`, { kind: "success", key: "followUpAdmin.cohort.moved" });
  }
  const parsed = parseForm(followUpPlanSchema, formData, { arrays: FOLLOW_UP_PLAN_ARRAY_FIELDS });
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await saveFollowUpPlan(cohortId, parsed.data, admin.id);
  return redirectWithFlash(`/admin/cohorts/${cohortId}/follow-up`, { kind: "success", key: "followUpAdmin.cohort.planSaved" });
}

/** A cohort's follow-up: its plan of check-ins and tracks, each project's check-ins and how it left incubation. */
export default function CohortFollowUp() {
  const { cohort, startsAtText, plan, projects } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const { form, onSubmit, errorFor } = useValidatedForm(followUpPlanSchema, {
    defaultValues: {
      months: actionData && "values" in actionData ? (actionData.values?.months ?? "") : plan.months.join(", "),
      tracks: plan.tracks,
    } as never,
    serverErrors: actionData && "errors" in actionData ? actionData.errors : undefined,
  });
  return (
    <section className="stack">
      <p>
        <Link to={`/admin/cohorts/${cohort.id}`}>{t("roster.title")}</Link>
      </p>
      <h1>
        {t("followUpAdmin.cohort.title")} — {cohort.name} ({cohort.site})
      </h1>
      <p className="muted">{t("followUpAdmin.cohort.startsOn", { date: startsAtText })}</p>
      <section className="card" aria-labelledby="plan-title">
        <h2 id="plan-title">{t("followUpAdmin.cohort.planTitle")}</h2>
        <Form method="post" noValidate onSubmit={onSubmit} className="stack">
          <input type="hidden" name="intent" value="plan" />
          <TextField
            label={t("followUpAdmin.cohort.months")}
            hint={t("followUpAdmin.cohort.monthsHint")}
            error={errorFor("months")}
            registration={form.register("months" as never)}
          />
          <ChoiceGroup legend={t("followUpAdmin.cohort.tracks")} name="tracks" error={errorFor("tracks")}>
            {SUPPORT_TRACKS.map((track) => (
              <label key={track} className="choice">
                <input type="checkbox" {...choiceProps(form as never, "tracks", track)} /> {t(`followUp.tracks.${track}`)}
              </label>
            ))}
          </ChoiceGroup>
          <button type="submit" className="button">
            {t("followUpAdmin.cohort.savePlan")}
          </button>
        </Form>
      </section>
      <DataTable
        caption={t("followUpAdmin.cohort.projects")}
        rows={projects}
        rowKey={(project) => project.id}
        emptyMessage={t("followUpAdmin.cohort.noProjects")}
        columns={[
          { key: "project", header: t("followUpAdmin.cohort.project"), rowHeader: true, userText: true, cell: (p) => p.projectName },
          { key: "status", header: t("followUpAdmin.cohort.status"), cell: (p) => t(`statuses.${p.status}`) },
          {
            key: "checkIns",
            header: t("followUpAdmin.cohort.checkIns"),
            cell: (p) => (
              <ul className="plain-list">
                {p.checkIns.map((checkIn) => (
                  <li key={checkIn.id}>
                    {t("followUpAdmin.cohort.checkInLine", { months: checkIn.monthsAfter, date: checkIn.dueAtText })} —{" "}
                    <span className={`check-in-${checkIn.state}`}>{t(`followUp.states.${checkIn.state}`)}</span>
                    {checkIn.onBehalf ? ` (${t("followUpAdmin.cohort.onBehalf")})` : null}
                    {checkIn.state === "open" || checkIn.state === "overdue" ? (
                      <>
                        {" "}
                        <Link to={`/admin/check-ins/${checkIn.id}`}>{t("followUpAdmin.cohort.record")}</Link>
                      </>
                    ) : checkIn.state === "submitted" ? (
                      <>
                        {" "}
                        <Link to={`/admin/check-ins/${checkIn.id}`}>{t("followUpAdmin.cohort.view")}</Link>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ),
          },
          {
            key: "move",
            header: t("followUpAdmin.cohort.move"),
            cell: (p) =>
              (FOLLOW_UP_STATUSES as readonly string[]).includes(p.status) && p.status !== "CEASED" ? (
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="move" />
                  <input type="hidden" name="applicationId" value={p.id} />
                  <input type="hidden" name="version" value={p.version} />
                  <FieldShell label={t("followUpAdmin.cohort.reason", { project: p.projectName })}>
                    {(ids) => <input name="reason" dir="auto" maxLength={1000} {...ids} />}
                  </FieldShell>
                  <p className="actions">
                    {p.status === "INCUBATING" ? (
                      <>
                        <button type="submit" name="move" value="graduate" className="button button-small button-secondary">
                          {t("followUpAdmin.moves.graduate", { project: p.projectName })}
                        </button>
                        <button type="submit" name="move" value="leaveEarly" className="button button-small button-secondary">
                          {t("followUpAdmin.moves.leaveEarly", { project: p.projectName })}
                        </button>
                      </>
                    ) : null}
                    <button type="submit" name="move" value="cease" className="button button-small button-secondary">
                      {t("followUpAdmin.moves.cease", { project: p.projectName })}
                    </button>
                  </p>
                </Form>
              ) : null,
          },
        ]}
      />
    </section>
  );
}
