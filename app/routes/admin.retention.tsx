import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { DataTable } from "~/components/data-table.tsx";
import { TextField, useValidatedForm } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { callText, plainText } from "~/domain/call-texts.ts";
import { RETENTION_BATCH, RETENTION_MAX_MONTHS, RETENTION_MIN_MONTHS } from "~/domain/retention.ts";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { listRetentionPeriods, planRetention, runRetention, saveRetentionPeriods } from "~/models/anonymizer.server.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";
import { retentionPeriodsSchema } from "~/schemas/retention.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.retention.title);

const PAGE = "/admin/retention";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const locale = await getLocale(request);
  const [calls, plan] = await Promise.all([listRetentionPeriods(), planRetention(new Date())]);
  return json({
    calls: calls.map((call) => ({
      id: call.id,
      title: plainText(callText(call, "title"), locale),
      retainRejectedMonths: call.retainRejectedMonths,
      retainDraftMonths: call.retainDraftMonths,
    })),
    // What the next run takes, as of now; its dates written here, on the server.
    plan: plan.map((item) => ({
      id: item.id,
      projectName: item.projectName,
      callTitle: plainText(item.callTitle, locale),
      status: item.status,
      reason: item.reason,
      dueSinceText: formatDate(item.dueSince, locale),
    })),
    batch: RETENTION_BATCH,
  });
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "run") {
    const count = await runRetention(new Date(), admin.id);
    return redirectWithFlash(PAGE, { kind: "success", key: "retention.ran", values: { count } });
  }
  if (intent === "periods") {
    const parsed = parseForm(retentionPeriodsSchema, formData);
    if (!parsed.ok) return json({ callId: parsed.values.callId ?? "", errors: parsed.errors, values: parsed.values }, { status: 400 });
    const { callId, ...periods } = parsed.data;
    await saveRetentionPeriods(callId, periods, admin.id);
    return redirectWithFlash(PAGE, { kind: "success", key: "retention.saved" });
  }
  return json({ message: "staffErrors.formInvalid" as const, errors: { form: "staffErrors.formInvalid" } }, { status: 400 });
}

type Reply = { callId?: string; errors?: Record<string, string>; values?: Record<string, string>; message?: string };
type CallPeriods = ReturnType<typeof useLoaderData<typeof loader>>["calls"][number];

/** One call's two periods, in a form of its own. */
function PeriodsForm({ call, reply }: { call: CallPeriods; reply: Reply | undefined }) {
  const { t } = useTranslation();
  const mine = reply?.callId === call.id ? reply : undefined;
  const { form, onSubmit, errorFor } = useValidatedForm(retentionPeriodsSchema, {
    defaultValues: {
      callId: call.id,
      retainRejectedMonths: mine?.values?.retainRejectedMonths ?? String(call.retainRejectedMonths),
      retainDraftMonths: mine?.values?.retainDraftMonths ?? String(call.retainDraftMonths),
    },
    serverErrors: mine?.errors,
  });
  const months = { type: "number", min: RETENTION_MIN_MONTHS, max: RETENTION_MAX_MONTHS, step: 1, inputMode: "numeric" } as const;
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="card stack">
      <fieldset className="stack">
        <legend dir="auto">{t("retention.periodsLegend", { call: call.title })}</legend>
        <input type="hidden" name="intent" value="periods" />
        <input type="hidden" {...form.register("callId")} />
        <div className="inline-form">
          <TextField
            label={t("retention.rejectedMonths")}
            hint={t("retention.monthsHint")}
            {...months}
            error={errorFor("retainRejectedMonths")}
            registration={form.register("retainRejectedMonths")}
          />
          <TextField
            label={t("retention.draftMonths")}
            hint={t("retention.monthsHint")}
            {...months}
            error={errorFor("retainDraftMonths")}
            registration={form.register("retainDraftMonths")}
          />
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button button-secondary">
          {t("retention.save", { call: call.title })}
        </button>
      </div>
    </Form>
  );
}

/** Retention per call (issue 20): each call's periods, what the next run anonymizes, and running it now. */
export default function Retention() {
  const { calls, plan, batch } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const navigation = useNavigation();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("retention.title")}</h1>
      <p className="muted">{t("retention.intro")}</p>
      {reply?.message ? <FormMessage kind="error">{t(reply.message)}</FormMessage> : null}

      <section className="stack" aria-labelledby="retention-plan-title">
        <h2 id="retention-plan-title">{t("retention.planTitle")}</h2>
        <p className="muted">
          {t("retention.planHint", { count: batch })} {t("retention.scheduled")}
        </p>
        <DataTable
          caption={t("retention.planTitle")}
          captionHidden
          rows={plan}
          rowKey={(item) => item.id}
          emptyMessage={t("retention.planEmpty")}
          columns={[
            {
              key: "project",
              header: t("retention.project"),
              rowHeader: true,
              userText: true,
              cell: (item) => <Link to={`/admin/applications/${item.id}`}>{item.projectName || "—"}</Link>,
            },
            { key: "call", header: t("retention.call"), userText: true, cell: (item) => item.callTitle },
            { key: "status", header: t("retention.status"), cell: (item) => t(`statuses.${item.status}`) },
            { key: "reason", header: t("retention.reason"), cell: (item) => t(`retention.reasons.${item.reason}`) },
            { key: "dueSince", header: t("retention.dueSince"), cell: (item) => item.dueSinceText },
          ]}
        />
        {plan.length > 0 ? (
          <Form method="post" className="card stack" aria-labelledby="retention-run-title">
            <h3 id="retention-run-title">{t("retention.runTitle")}</h3>
            <p>{t("retention.runWarning", { count: plan.length })}</p>
            <div className="actions">
              <button type="submit" name="intent" value="run" className="button" disabled={navigation.state !== "idle"}>
                {t("retention.run")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      <section className="stack" aria-labelledby="retention-periods-title">
        <h2 id="retention-periods-title">{t("retention.periodsTitle")}</h2>
        {calls.length === 0 ? <p>{t("retention.noCalls")}</p> : null}
        {calls.map((call) => (
          <PeriodsForm key={call.id} call={call} reply={reply} />
        ))}
      </section>
    </section>
  );
}
