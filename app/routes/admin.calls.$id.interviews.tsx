import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { DataTable } from "~/components/data-table.tsx";
import { ChoiceGroup, FieldError, FieldShell, useValidatedForm } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { SlotPicker } from "~/components/slot-picker.tsx";
import type { MessageParams } from "~/domain/errors.ts";
import { validateInterviewDay } from "~/domain/interview-slots.ts";
import { zonedWallTimeToUtc } from "~/domain/time.ts";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import type { TranslationKey } from "~/i18n/keys.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { adminInterviewOverview } from "~/models/interview-pages.server.ts";
import { bookInterviewSlot, createInterviewDay, inviteJurors, saveInterviewSettings } from "~/models/interview.server.ts";
import { parseForm, readFormData, typedValues } from "~/schemas/form-data.ts";
import {
  assignSlotSchema,
  INTERVIEW_BREAK_ROWS,
  interviewDaySchema,
  interviewSettingsSchema,
  inviteJurorsSchema,
  JUROR_ARRAY_FIELDS,
} from "~/schemas/interview.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.interviews.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  return json(ensureFound(await adminInterviewOverview(params.id ?? "", await getLocale(request))));
}

type Refusal = {
  ok: false;
  intent: string;
  message: TranslationKey | null;
  errors: Record<string, string>;
  errorParams: Record<string, MessageParams>;
  values: Record<string, string>;
};

const refused = (request: Request, intent: string, errors: Record<string, string>, errorParams: Record<string, MessageParams> = {}) =>
  json<Refusal>({ ok: false, intent, message: null, errors, errorParams, values: typedValues(request) }, { status: 400 });

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const callId = params.id ?? "";
  const page = `/admin/calls/${callId}/interviews`;
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  if (intent === "createDay") {
    const parsed = parseForm(interviewDaySchema, formData);
    if (!parsed.ok) return refused(request, intent, parsed.errors);
    // A break row left empty is no break; the others keep their row's number for the errors.
    const rows = parsed.data.breaks.map((pause, row) => ({ pause, row })).filter(({ pause }) => pause.start !== "" || pause.end !== "");
    const day = { ...parsed.data, breaks: rows.map(({ pause }) => pause) };
    const problems = validateInterviewDay(day);
    if (problems.length > 0) {
      const field = (name: string) => name.replace(/^breaks\.(\d+)\./, (_, i: string) => `breaks.${rows[Number(i)].row}.`);
      const errors: Record<string, string> = {};
      const errorParams: Record<string, MessageParams> = {};
      for (const problem of problems) {
        const name = field(problem.field);
        if (errors[name]) continue;
        errors[name] = problem.key;
        if (problem.params) errorParams[name] = problem.params;
      }
      return refused(request, intent, errors, errorParams);
    }
    const created = await createInterviewDay(callId, day, admin.id);
    return redirectWithFlash(page, { kind: "success", key: "interviews.days.created", values: { count: created.slots } });
  }
  if (intent === "settings") {
    const parsed = parseForm(interviewSettingsSchema, formData);
    if (!parsed.ok) return refused(request, intent, parsed.errors);
    // The deadline is the end of the chosen day in Casablanca.
    const bookBy = parsed.data.interviewBookBy ? zonedWallTimeToUtc(`${parsed.data.interviewBookBy}T23:59`) : null;
    await saveInterviewSettings(
      callId,
      {
        remoteInterviews: parsed.data.remoteInterviews === "on",
        interviewBlind: parsed.data.interviewBlind === "on",
        interviewBookBy: bookBy,
      },
      admin.id,
    );
    return redirectWithFlash(page, { kind: "success", key: "interviews.settings.saved" });
  }
  if (intent === "inviteJurors") {
    const parsed = parseForm(inviteJurorsSchema, formData, { arrays: JUROR_ARRAY_FIELDS });
    if (!parsed.ok) return refused(request, intent, parsed.errors);
    const { invited } = await inviteJurors(callId, parsed.data.reviewerIds, admin.id);
    return redirectWithFlash(page, { kind: "success", key: "interviews.jurors.invited", values: { count: invited } });
  }
  if (intent === "assign") {
    const parsed = parseForm(assignSlotSchema, formData);
    if (!parsed.ok) return refused(request, intent, parsed.errors);
    await bookInterviewSlot({
      applicationId: parsed.data.applicationId,
      slotId: parsed.data.slotId,
      by: { kind: "admin", userId: admin.id },
    });
    return redirectWithFlash(page, { kind: "success", key: "interviews.unbooked.assigned" });
  }
  return refused(request, intent, { form: "errors.choose" });
}

/** A call's pitch day for admins: settings, interview days, jurors and their availability, teams still without a slot. */
export default function CallInterviewsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const refusal = actionData && !actionData.ok ? actionData : null;
  const errorsOf = (intent: string) => (refusal && "intent" in refusal && refusal.intent === intent ? refusal : null);
  const dayRefusal = errorsOf("createDay");
  const { form, onSubmit, errorFor } = useValidatedForm(interviewDaySchema, {
    defaultValues: {
      siteId: dayRefusal?.values.siteId ?? "",
      date: dayRefusal?.values.date ?? "",
      start: dayRefusal?.values.start ?? "09:00",
      end: dayRefusal?.values.end ?? "17:00",
      slotMinutes: (dayRefusal?.values.slotMinutes ?? "30") as never,
      breaks: Array.from({ length: INTERVIEW_BREAK_ROWS }, (_, row) => ({
        start: dayRefusal?.values[`breaks.${row}.start`] ?? (row === 0 ? "12:30" : ""),
        end: dayRefusal?.values[`breaks.${row}.end`] ?? (row === 0 ? "14:00" : ""),
      })),
      room: dayRefusal?.values.room ?? "",
      videoLink: dayRefusal?.values.videoLink ?? "",
    },
    serverErrors: dayRefusal?.errors,
  });
  const paramsOf = (name: string) => dayRefusal?.errorParams?.[name];
  const dayField = (name: string, label: string, props: Record<string, unknown> = {}) => (
    <FieldShell label={label} error={errorFor(name)} errorParams={paramsOf(name)}>
      {(ids) => <input {...props} {...form.register(name as never)} {...ids} />}
    </FieldShell>
  );
  const { call } = data;
  if (!call.hasInterview) return <p className="card">{t("interviewDays.errors.noInterviewStage")}</p>;
  return (
    <div className="stack">
      <p>
        <Link to={`/admin/calls/${call.id}`}>{t("staffNav.admin.calls")}</Link>
      </p>
      <h1>{t("interviews.title")}</h1>
      <p>{t("interviews.intro")}</p>
      {refusal?.message ? (
        <FormMessage kind="error">{t(refusal.message, "params" in refusal ? (refusal.params as MessageParams) : {})}</FormMessage>
      ) : null}

      <section className="card stack" aria-labelledby="days-title">
        <h2 id="days-title">{t("interviews.days.title")}</h2>
        <DataTable
          caption={t("interviews.days.title")}
          captionHidden
          rows={data.days}
          rowKey={(day) => day.id}
          emptyMessage={t("interviews.days.none")}
          columns={[
            {
              key: "day",
              header: t("interviews.days.day"),
              rowHeader: true,
              cell: (day) => <Link to={`/admin/interview-days/${day.id}`}>{day.label}</Link>,
            },
            { key: "hours", header: t("interviews.days.hours"), cell: (day) => day.hours },
            { key: "place", header: t("interviews.days.place"), userText: true, cell: (day) => day.place },
            { key: "slots", header: t("interviews.days.slots"), numeric: true, cell: (day) => day.slots },
            { key: "booked", header: t("interviews.days.booked"), numeric: true, cell: (day) => day.booked },
          ]}
        />
        <details open={Boolean(dayRefusal) || data.days.length === 0}>
          <summary>{t("interviews.days.add")}</summary>
          <Form method="post" noValidate onSubmit={onSubmit} className="stack">
            <FieldShell label={t("interviews.days.site")} error={errorFor("siteId")}>
              {(ids) => (
                <select {...form.register("siteId")} {...ids}>
                  <option value="">{t("interviews.days.chooseSite")}</option>
                  {data.sites.map((site) => (
                    <option key={site.id} value={site.id}>
                      {site.name}
                    </option>
                  ))}
                </select>
              )}
            </FieldShell>
            <div className="inline-form">
              {dayField("date", t("interviews.days.date"), { type: "date" })}
              {dayField("start", t("interviews.days.start"), { type: "time" })}
              {dayField("end", t("interviews.days.end"), { type: "time" })}
              {dayField("slotMinutes", t("interviews.days.slotMinutes"), { type: "number", min: 10, max: 180, inputMode: "numeric" })}
            </div>
            <p className="field-hint">{t("interviews.days.breaksHint")}</p>
            {Array.from({ length: INTERVIEW_BREAK_ROWS }, (_, row) => (
              <div className="inline-form" key={row}>
                {dayField(`breaks.${row}.start`, t("interviews.days.breakStart", { number: row + 1 }), { type: "time" })}
                {dayField(`breaks.${row}.end`, t("interviews.days.breakEnd", { number: row + 1 }), { type: "time" })}
              </div>
            ))}
            {dayField("room", t("interviews.days.room"), { dir: "auto" })}
            {dayField("videoLink", t("interviews.days.videoLink"), { type: "url", dir: "ltr" })}
            <div>
              <button type="submit" name="intent" value="createDay" className="button">
                {t("interviews.days.create")}
              </button>
            </div>
          </Form>
        </details>
      </section>

      <section className="card stack" aria-labelledby="settings-title">
        <h2 id="settings-title">{t("interviews.settings.title")}</h2>
        <Form method="post" className="stack">
          <label className="choice">
            <input type="checkbox" name="remoteInterviews" defaultChecked={call.remoteInterviews} /> {t("interviews.settings.remote")}
          </label>
          <label className="choice">
            <input type="checkbox" name="interviewBlind" defaultChecked={call.interviewBlind} /> {t("interviews.settings.blind")}
          </label>
          <FieldShell label={t("interviews.settings.bookBy")} error={errorsOf("settings")?.errors.interviewBookBy}>
            {(ids) => <input type="date" name="interviewBookBy" defaultValue={call.interviewBookBy} {...ids} />}
          </FieldShell>
          <div>
            <button type="submit" name="intent" value="settings" className="button button-secondary">
              {t("interviews.settings.save")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="jurors-title">
        <h2 id="jurors-title">{t("interviews.jurors.title")}</h2>
        <p>{t("interviews.jurors.intro")}</p>
        <DataTable
          caption={t("interviews.jurors.title")}
          captionHidden
          rows={data.jurors}
          rowKey={(juror) => juror.id}
          emptyMessage={t("interviews.jurors.none")}
          columns={[
            { key: "name", header: t("interviews.jurors.name"), rowHeader: true, userText: true, cell: (juror) => juror.name },
            { key: "availability", header: t("interviews.jurors.availability"), numeric: true, cell: (juror) => juror.availability },
          ]}
        />
        {data.reviewers.length === 0 ? (
          <p className="muted">{t("interviews.jurors.noneToInvite")}</p>
        ) : (
          <Form method="post" className="stack">
            <ChoiceGroup
              legend={t("interviews.jurors.inviteLegend")}
              name="reviewerIds"
              error={errorsOf("inviteJurors")?.errors.reviewerIds}
            >
              {data.reviewers.map((reviewer) => (
                <label key={reviewer.id} className="choice">
                  <input type="checkbox" name="reviewerIds" value={reviewer.id} /> <span dir="auto">{reviewer.name}</span>
                </label>
              ))}
            </ChoiceGroup>
            <div>
              <button type="submit" name="intent" value="inviteJurors" className="button button-secondary">
                {t("interviews.jurors.invite")}
              </button>
            </div>
          </Form>
        )}
      </section>

      <section className="card stack" aria-labelledby="unbooked-title">
        <h2 id="unbooked-title">{t("interviews.unbooked.title")}</h2>
        {call.bookByText ? (
          <p className={call.bookByPassed ? "field-error" : "muted"}>
            {t("interviews.settings.bookBy")} {call.bookByText}
            {call.bookByPassed ? ` — ${t("interviews.unbooked.pastDeadline")}` : ""}
          </p>
        ) : null}
        <DataTable
          caption={t("interviews.unbooked.title")}
          captionHidden
          rows={data.unbooked}
          rowKey={(team) => team.id}
          emptyMessage={t("interviews.unbooked.none")}
          columns={[
            {
              key: "project",
              header: t("interviews.unbooked.project"),
              rowHeader: true,
              userText: true,
              cell: (team) => <Link to={`/admin/applications/${team.id}`}>{team.projectName}</Link>,
            },
            { key: "site", header: t("interviews.unbooked.site"), cell: (team) => team.site },
            {
              key: "assign",
              header: t("interviews.unbooked.slot"),
              cell: (team) =>
                data.freeSlots.length === 0 ? (
                  t("interviews.unbooked.noFreeSlot")
                ) : (
                  <SlotPicker
                    applicationId={team.id}
                    projectName={team.projectName}
                    slots={data.freeSlots}
                    intent="assign"
                    label={t("interviews.unbooked.slot")}
                    submitLabel={t("interviews.unbooked.assign")}
                  />
                ),
            },
          ]}
        />
        {errorsOf("assign") ? <FieldError name="slotId" error={errorsOf("assign")?.errors.slotId} /> : null}
      </section>
    </div>
  );
}
