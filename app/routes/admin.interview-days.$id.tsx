import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { DataTable } from "~/components/data-table.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { SlotPicker } from "~/components/slot-picker.tsx";
import type { Sector } from "~/domain/constants.ts";
import type { MessageParams } from "~/domain/errors.ts";
import { PANEL_SIZE_LIMITS, type HalfDay, type PanelExclusion } from "~/domain/panels.ts";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { freeSlotsOfCall, interviewDayView } from "~/models/interview-pages.server.ts";
import { bookInterviewSlot, deleteInterviewDay, proposeDayPanels, savePanels } from "~/models/interview.server.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";
import { assignSlotSchema, PANEL_ARRAY_FIELDS, panelsSchema } from "~/schemas/interview.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.interviews.day.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const locale = await getLocale(request);
  const view = ensureFound(await interviewDayView(params.id ?? "", locale));
  // "Propose panels" is a read: the proposal fills the panels' form, which the admin may change before saving.
  const propose = new URL(request.url).searchParams.get("propose") === "1";
  // Only the call's free slots, for the moves: not the whole pitch-day overview.
  const [proposal, freeSlots] = await Promise.all([
    propose ? proposeDayPanels(view.day.id) : Promise.resolve(null),
    freeSlotsOfCall(view.day.callId, locale),
  ]);
  const names = new Map(view.jurors.map((j) => [j.id, j.name]));
  return json({
    ...view,
    freeSlots,
    proposal: proposal
      ? {
          panels: proposal.proposal.panels.map((panel) => ({ halfDay: panel.halfDay, jurorIds: panel.jurorIds, problems: panel.problems })),
          explanations: proposal.proposal.explanations.map((e) => ({
            halfDay: e.panelId as HalfDay,
            ...explanationText(e.reason, names.get(e.jurorId) ?? "", proposal.projectNames),
          })),
          loads: Object.entries(proposal.proposal.loadByJuror).map(([id, load]) => ({ name: names.get(id) ?? "", load })),
        }
      : null,
  });
}

/** A proposal's reason for leaving a juror off a panel, as a translation key and its values. */
function explanationText(reason: PanelExclusion, name: string, projectNames: Record<string, string>) {
  const params: MessageParams = { name };
  if (reason.code === "CONFLICT") params.project = projectNames[reason.projectId] ?? "";
  if (reason.code === "BALANCE") params.load = reason.load;
  return { key: `interviews.panels.reasons.${reason.code}` as const, params };
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const dayId = params.id ?? "";
  const page = `/admin/interview-days/${dayId}`;
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "savePanels") {
    const parsed = parseForm(panelsSchema, formData, { arrays: PANEL_ARRAY_FIELDS });
    if (!parsed.ok) return json({ ok: false as const, message: "errors.choose" as const, errors: parsed.errors }, { status: 400 });
    const seats = (["AM", "PM"] as const).map((halfDay) => ({
      halfDay,
      jurorIds: parsed.data.seats.filter((seat) => seat.startsWith(`${halfDay}:`)).map((seat) => seat.slice(halfDay.length + 1)),
    }));
    await savePanels(dayId, seats, admin.id);
    return redirectWithFlash(page, { kind: "success", key: "interviews.panels.saved" });
  }
  if (intent === "move") {
    const parsed = parseForm(assignSlotSchema, formData);
    if (!parsed.ok) return json({ ok: false as const, message: "errors.choose" as const, errors: parsed.errors }, { status: 400 });
    await bookInterviewSlot({
      applicationId: parsed.data.applicationId,
      slotId: parsed.data.slotId,
      by: { kind: "admin", userId: admin.id },
    });
    return redirectWithFlash(page, { kind: "success", key: "interviews.day.moved" });
  }
  if (intent === "delete") {
    const { callId } = await deleteInterviewDay(dayId, admin.id);
    return redirectWithFlash(`/admin/calls/${callId}/interviews`, { kind: "success", key: "interviews.days.deleted" });
  }
  return json({ ok: false as const, message: "errors.choose" as const, errors: {} }, { status: 400 });
}

/** One interview day for admins: counts, the schedule (with moves), the panels (proposed or by hand), export and deletion. */
export default function InterviewDayPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const refusal = actionData && !actionData.ok ? actionData : null;
  const halfDay = (half: string) => t(`interviews.halfDays.${half as HalfDay}`);
  const seated = (half: HalfDay, jurorId: string) =>
    data.proposal
      ? (data.proposal.panels.find((p) => p.halfDay === half)?.jurorIds.includes(jurorId) ?? false)
      : (data.panels.find((p) => p.halfDay === half)?.jurors.some((j) => j.id === jurorId) ?? false);
  return (
    <div className="stack">
      <p>
        <Link to={`/admin/calls/${data.day.callId}/interviews`}>{t("interviews.day.back")}</Link>
      </p>
      <h1>
        {t("interviews.day.title")} — {data.day.label}
      </h1>
      <p>
        {data.day.hours} · {data.day.slotMinutes} min · <span dir="auto">{data.day.place}</span>
        {data.day.breaks.length > 0 ? ` · ${t("interviews.day.breaks")} ${data.day.breaks.join(", ")}` : ""}
      </p>
      <p className="card">
        {t("interviews.day.counts", {
          booked: data.counts.booked,
          free: data.counts.free,
          noShows: data.counts.noShows,
          missing: data.counts.scoresMissing,
        })}
      </p>
      {refusal ? (
        <FormMessage kind="error">{t(refusal.message, "params" in refusal ? (refusal.params as MessageParams) : {})}</FormMessage>
      ) : null}
      <p>
        <a href={`/admin/interview-days/${data.day.id}/schedule.csv`}>{t("interviews.day.exportCsv")}</a>
        {data.panels
          .filter((panel) => panel.id)
          .map((panel) => (
            <span key={panel.halfDay}>
              {" · "}
              <Link to={`/admin/interview-panels/${panel.id}/agenda`}>
                {t("interviews.day.agenda")} ({halfDay(panel.halfDay)})
              </Link>
            </span>
          ))}
      </p>

      <section className="stack" aria-labelledby="schedule-title">
        <h2 id="schedule-title">{t("interviews.day.schedule")}</h2>
        <DataTable
          caption={t("interviews.day.schedule")}
          captionHidden
          rows={data.schedule}
          rowKey={(row) => row.slotId}
          emptyMessage="—"
          columns={[
            { key: "time", header: t("interviews.day.time"), rowHeader: true, cell: (row) => row.time },
            { key: "half", header: t("interviews.day.halfDay"), cell: (row) => halfDay(row.halfDay) },
            {
              key: "project",
              header: t("interviews.day.project"),
              userText: true,
              cell: (row) =>
                row.booking ? <Link to={`/admin/applications/${row.booking.applicationId}`}>{row.booking.projectName}</Link> : "—",
            },
            {
              key: "status",
              header: t("interviews.day.status"),
              cell: (row) =>
                !row.booking
                  ? t("interviews.day.free")
                  : row.booking.noShow
                    ? t("interviews.day.noShow")
                    : row.booking.assignedByAdmin
                      ? t("interviews.day.assignedStatus")
                      : t("interviews.day.bookedStatus"),
            },
            {
              key: "scores",
              header: t("interviews.day.scores"),
              numeric: true,
              cell: (row) => (row.booking ? `${row.booking.scoresSubmitted} / ${row.booking.scoresExpected}` : ""),
            },
            {
              key: "move",
              header: t("interviews.day.move"),
              cell: (row) =>
                row.booking && data.freeSlots.length > 0 ? (
                  <SlotPicker
                    applicationId={row.booking.applicationId}
                    projectName={row.booking.projectName}
                    slots={data.freeSlots}
                    intent="move"
                    label={t("interviews.day.move")}
                    submitLabel={t("interviews.day.moveSubmit")}
                  />
                ) : null,
            },
          ]}
        />
      </section>

      <section className="card stack" aria-labelledby="panels-title">
        <h2 id="panels-title">{t("interviews.panels.title")}</h2>
        <p>{t("interviews.panels.intro", PANEL_SIZE_LIMITS)}</p>
        <p>
          <Link to="?propose=1" className="button button-secondary">
            {t("interviews.panels.propose")}
          </Link>
        </p>
        {data.proposal ? (
          <div className="stack" role="status">
            <h3>{t("interviews.panels.proposal")}</h3>
            <p>{t("interviews.panels.proposalHint")}</p>
            {data.proposal.panels.map((panel) =>
              panel.problems.map((problem, index) => (
                <p key={`${panel.halfDay}-${index}`} className="field-error">
                  {halfDay(panel.halfDay)} —{" "}
                  {t(
                    `interviews.panels.problems.${problem.code}`,
                    problem.code === "SECTOR_UNCOVERED" ? { sector: t(`sectors.${problem.sector as Sector}`) } : problem,
                  )}
                </p>
              )),
            )}
            <ul>
              {data.proposal.explanations.map((explanation, index) => (
                <li key={index}>
                  {halfDay(explanation.halfDay)} — {t(explanation.key, explanation.params)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {/* Remounted when a proposal arrives: the boxes' checked state follows the proposal, not the previous ticks. */}
        <Form method="post" className="stack" key={data.proposal ? "proposal" : "saved"}>
          {data.halves.map((half) => (
            <fieldset key={half} className="radio-group">
              <legend>{t("interviews.panels.jurorsOf", { halfDay: halfDay(half) })}</legend>
              {data.jurors.map((juror) => {
                const available = juror.availability.includes(half);
                return (
                  <label key={juror.id} className="choice">
                    <input type="checkbox" name="seats" value={`${half}:${juror.id}`} defaultChecked={seated(half, juror.id)} />
                    <span dir="auto">{juror.name}</span> (
                    {available ? t("interviews.panels.available") : t("interviews.panels.unavailable")})
                  </label>
                );
              })}
            </fieldset>
          ))}
          <div>
            <button type="submit" name="intent" value="savePanels" className="button">
              {t("interviews.panels.save")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="delete-title">
        <h2 id="delete-title">{t("interviews.days.delete")}</h2>
        <p>{t("interviews.days.deleteHint")}</p>
        <Form method="post">
          <button type="submit" name="intent" value="delete" className="button button-secondary">
            {t("interviews.days.delete")}
          </button>
        </Form>
      </section>
    </div>
  );
}
