import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { CallSettingsForm, CohortForm, CriterionForm } from "~/components/call-forms.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import type { TranslationKey } from "~/i18n/keys.ts";
import { CALL_STATUS_CHANGES, type CallStatusChange } from "~/domain/call-status.ts";
import { SCORE_VALUES, SECTORS } from "~/domain/constants.ts";
import { utcToZonedWallTime } from "~/domain/time.ts";
import { callTextFormValues, showCallText } from "~/domain/call-texts.ts";
import { ShownTextView } from "~/components/shown-text.tsx";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { listSites } from "~/models/reference-data.server.ts";
import {
  changeCallStatus,
  deleteCriterion,
  getCallForAdmin,
  rubricIsLocked,
  saveCohort,
  saveCriterion,
  updateCallSettings,
} from "~/models/call.server.ts";
import { callSettingsSchema, cohortSchema, criterionSchema } from "~/schemas/call.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.staffNav.admin.calls);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const call = ensureFound(await getCallForAdmin(params.id ?? ""));
  const [sites, rubricLocked, locale] = await Promise.all([listSites(), rubricIsLocked(call.id), getLocale(request)]);
  return json({
    call: {
      id: call.id,
      slug: call.slug,
      status: call.status,
      title: showCallText(call, "title", locale),
      applications: call._count.applications,
      settings: {
        ...callTextFormValues(call),
        opensAt: utcToZonedWallTime(call.opensAt),
        closesAt: utcToZonedWallTime(call.closesAt),
        reviewersPerApplication: call.reviewersPerApplication,
        blindReview: call.blindReview,
        showReviewerNames: call.showReviewerNames,
        hasInterview: call.hasInterview,
        interviewWeightPercent: Math.round(call.interviewWeight * 100),
        offerResponseDays: call.offerResponseDays,
        anyMemberAnswersOffer: call.anyMemberAnswersOffer,
      },
    },
    criteria: call.criteria.map((c) => ({
      id: c.id,
      key: c.key,
      weightPercent: Math.round(c.weight * 100),
      position: c.position,
      label: JSON.parse(c.label) as Record<string, string>,
      anchors: JSON.parse(c.anchors) as Record<string, string[]>,
    })),
    cohorts: call.cohorts.map((c) => ({
      id: c.id,
      siteId: c.siteId,
      siteName: c.site.name,
      name: c.name,
      startsAt: c.startsAt.toISOString().slice(0, 10),
      capacity: c.capacity,
      quotas: Object.fromEntries(SECTORS.map((s) => [s, c.quotas.find((q) => q.sector === s)?.seats ?? ""])) as Record<string, number | "">,
    })),
    sites: sites.map((s) => ({ id: s.id, name: s.name })),
    rubricLocked,
  });
}

type Reply = { intent: string; targetId: string | null; errors: Record<string, string>; message: string | null };

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const call = ensureFound(await getCallForAdmin(params.id ?? ""));
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const targetId = (formData.get("criterionId") ?? formData.get("cohortId") ?? null) as string | null;
  const reply = (body: Partial<Reply>, status: number) => json<Reply>({ intent, targetId, errors: {}, message: null, ...body }, { status });
  // Done: the page is read again, the outcome said by the flash.
  const done = (key: TranslationKey) => redirectWithFlash(`/admin/calls/${call.id}`, { kind: "success", key });
  switch (intent) {
    case "settings": {
      const parsed = parseForm(callSettingsSchema, formData);
      if (!parsed.ok) return reply({ errors: parsed.errors }, 400);
      await updateCallSettings(call.id, parsed.data, admin.id);
      return done("account.saved");
    }
    case "criterion": {
      const parsed = parseForm(criterionSchema, formData);
      if (!parsed.ok) return reply({ errors: parsed.errors }, 400);
      await saveCriterion(call.id, targetId, parsed.data, admin.id);
      return done("account.saved");
    }
    case "deleteCriterion":
      await deleteCriterion(call.id, String(targetId), admin.id);
      return done("callAdmin.criterionDeleted");
    case "cohort": {
      const parsed = parseForm(cohortSchema, formData);
      if (!parsed.ok) return reply({ errors: parsed.errors }, 400);
      await saveCohort(call.id, targetId, parsed.data, admin.id);
      return done("account.saved");
    }
    default: {
      if (!Object.hasOwn(CALL_STATUS_CHANGES, intent)) return reply({ message: "staffErrors.formInvalid" }, 400);
      await changeCallStatus(call.id, intent as CallStatusChange, admin.id);
      return done(`callAdmin.changed.${intent as CallStatusChange}`);
    }
  }
}

export default function AdminCall() {
  const { call, criteria, cohorts, sites, rubricLocked } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  // Which form the last post came from: a refusal (UserError) answers with the posted values instead.
  const repliedTo = actionData
    ? "intent" in actionData
      ? { intent: actionData.intent, targetId: actionData.targetId }
      : { intent: actionData.values.intent, targetId: actionData.values.criterionId ?? actionData.values.cohortId ?? null }
    : null;
  const errorsFor = (intent: string, id: string | null = null) =>
    actionData && repliedTo?.intent === intent && repliedTo.targetId === id ? actionData.errors : undefined;
  const totalWeight = criteria.reduce((sum, c) => sum + c.weightPercent, 0);
  return (
    <div className="stack">
      <p>
        <Link to="/admin/calls">{t("callAdmin.back")}</Link>
      </p>
      <ShownTextView as="h1" value={call.title} />
      <p>
        {t(`callAdmin.status.${call.status}`)} — {t("admin.total", { count: call.applications })} —{" "}
        <Link to={`/admin/applications?call=${call.slug}`}>{t("staffNav.admin.applications")}</Link> ·{" "}
        <Link to={`/admin/calls/${call.id}/questions`}>{t("questionEditor.title")}</Link> ·{" "}
        <Link to={`/admin/calls/${call.id}/allocation`}>{t("allocation.title")}</Link> ·{" "}
        <Link to={`/admin/calls/${call.id}/dashboard`}>{t("dashboard.callTitle")}</Link> ·{" "}
        <Link to={`/admin/calls/${call.id}/calibration`}>{t("calibration.title")}</Link> ·{" "}
        <Link to={`/admin/announcements?call=${call.id}`}>{t("announcements.callLink")}</Link> ·{" "}
        {call.settings.hasInterview ? (
          <>
            <Link to={`/admin/calls/${call.id}/interviews`}>{t("interviews.link")}</Link> ·{" "}
          </>
        ) : null}
        <a href={`/admin/calls/${call.id}/applications.csv`}>{t("dashboard.exportCsv")}</a>
      </p>
      {actionData?.message ? <FormMessage kind="error">{t(actionData.message)}</FormMessage> : null}
      <Form method="post" className="wizard-actions">
        {(Object.keys(CALL_STATUS_CHANGES) as CallStatusChange[])
          .filter((change) => (CALL_STATUS_CHANGES[change].from as readonly string[]).includes(call.status))
          .map((change) => (
            <button key={change} type="submit" name="intent" value={change} className="button button-secondary">
              {t(`callAdmin.actions.${change}`)}
            </button>
          ))}
      </Form>
      <h2>{t("callAdmin.settings")}</h2>
      <CallSettingsForm values={call.settings} errors={errorsFor("settings")} submitLabel={t("account.save")} />
      <h2>{t("callAdmin.rubric")}</h2>
      <p className={totalWeight === 100 ? "muted" : "error-text"}>{t("callAdmin.totalWeight", { total: totalWeight })}</p>
      {rubricLocked ? <p className="muted">{t("callAdmin.rubricLocked")}</p> : null}
      {criteria.map((criterion) => (
        <CriterionForm key={criterion.id} values={criterion} errors={errorsFor("criterion", criterion.id)} locked={rubricLocked} />
      ))}
      {rubricLocked ? null : (
        <CriterionForm
          // A new key once a criterion is added: the empty form starts afresh instead of keeping what was just saved.
          key={`new-criterion:${criteria.map((c) => c.id).join(",")}`}
          values={{
            key: "",
            weightPercent: 20,
            position: criteria.length,
            label: { fr: "", en: "", ar: "" },
            anchors: { fr: SCORE_VALUES.map(() => ""), en: SCORE_VALUES.map(() => ""), ar: SCORE_VALUES.map(() => "") },
          }}
          errors={errorsFor("criterion")}
          locked={false}
        />
      )}
      <h2>{t("callAdmin.cohorts")}</h2>
      <ul>
        {cohorts.map((cohort) => (
          <li key={cohort.id}>
            <Link to={`/admin/cohorts/${cohort.id}`}>{t("roster.linkFor", { name: cohort.name })}</Link>
          </li>
        ))}
      </ul>
      {cohorts.map((cohort) => (
        <CohortForm key={cohort.id} values={cohort} errors={errorsFor("cohort", cohort.id)} sites={sites} />
      ))}
      <CohortForm
        key={`new-cohort:${cohorts.map((c) => c.id).join(",")}`}
        values={{ siteId: "", name: "", startsAt: "", capacity: 10, quotas: {} }}
        errors={errorsFor("cohort")}
        sites={sites}
      />
    </div>
  );
}
