import { callHasInterviewDaysCached } from "~/models/interview.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { CallPicker } from "~/components/call-picker.tsx";
import { callPickerEntries } from "~/domain/call-texts.ts";
import { DataTable } from "~/components/data-table.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { EmailsPreview, type EmailsPreviewData } from "~/components/emails-preview.tsx";
import { MoveControls } from "~/components/move-controls.tsx";
import { APPLICATION_STATUSES, SECTORS } from "~/domain/constants.ts";
import { DISAGREEMENT_THRESHOLD, toPercent } from "~/domain/scoring.ts";
import { formatNumber } from "~/i18n/format.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { useLocale } from "~/i18n/use-locale.ts";
import {
  findAdminCall,
  listCallApplications,
  moveApplications,
  previewMoves,
  resolveAdminCall,
  resolveAnswerFilter,
} from "~/models/admin-application.server.ts";
import { AnswerFilterField } from "~/components/answers/answer-filter-field.tsx";
import { runAssignment } from "~/models/assignment.server.ts";
import { listSites } from "~/models/reference-data.server.ts";
import { isRankingUpdating } from "~/models/scores.server.ts";
import { applicationFilterSchema, interviewSlot, moveSchema } from "~/schemas/admin.ts";
import { issuesToErrors, readFormData } from "~/schemas/form-data.ts";

/** Why a row is flagged as a possible duplicate. */
const DUPLICATE_REASONS = { name: "admin.duplicateName", email: "admin.duplicateEmail", phone: "admin.duplicatePhone" } as const;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.staffNav.admin.applications);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const filter = applicationFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [{ calls, call }, sites, locale] = await Promise.all([resolveAdminCall(filter.call ?? null), listSites(), getLocale(request)]);
  // The answer filter names a question of the call by its key: read against the call's (cached) questions.
  const answers = call ? await resolveAnswerFilter(call.id, filter.answer, locale) : null;
  const [list, rankingUpdating, teamsBook] = call
    ? await Promise.all([
        listCallApplications(call.id, { ...filter, answer: answers?.filter ?? undefined }),
        isRankingUpdating(call.id),
        callHasInterviewDaysCached(call.id),
      ])
    : [{ total: 0, rows: [], pageCount: 1 }, false, false];
  return json({
    calls: callPickerEntries(calls, locale),
    call,
    sites: sites.filter((s) => s.status === "OPEN"),
    filter,
    answerFilter: { options: answers?.options ?? [], selected: answers?.selected ?? null, ignored: answers?.ignored ?? null },
    ...list,
    rankingUpdating,
    teamsBook,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const formData = await readFormData(request);
  const actor = { kind: "user" as const, id: admin.id, roles: admin.roles };
  const intent = formData.get("intent");
  if (intent === "assign" || intent === "assignInterview") {
    const call = await findAdminCall(String(formData.get("call") ?? ""));
    if (!call)
      return json(
        { kind: "error" as const, errors: {}, message: "errors.title404", report: null, moved: null, preview: null },
        { status: 404 },
      );
    const plan = await runAssignment(call.id, admin.id, intent === "assignInterview" ? "INTERVIEW" : "REVIEW");
    return json({
      kind: "assigned" as const,
      errors: {},
      message: null,
      report: { assigned: plan.assignments.length, unstaffed: plan.unstaffed },
      moved: null,
      preview: null,
    });
  }
  const parsed = moveSchema.safeParse(Object.fromEntries(formData));
  const selections = formData
    .getAll("selected")
    .map(String)
    .map((value) => {
      const [applicationId, version] = value.split(":");
      return { applicationId, version: Number(version) };
    })
    .filter((s) => s.applicationId && Number.isInteger(s.version));
  if (!parsed.success)
    return json(
      { kind: "error" as const, errors: issuesToErrors(parsed.error.issues), message: null, report: null, moved: null, preview: null },
      { status: 400 },
    );
  if (selections.length === 0)
    return json(
      { kind: "error" as const, errors: {}, message: "admin.selectSome", report: null, moved: null, preview: null },
      { status: 400 },
    );
  const move = {
    selections,
    transition: parsed.data.transition,
    actor,
    reason: parsed.data.reason,
    override: parsed.data.override === "on",
    emailData: interviewSlot(parsed.data),
  };
  // Who will be emailed, before it happens (issue 18): a bulk move is previewed, then confirmed with what the
  // preview counted; the confirmation is refused, with the new preview, when that changed meanwhile.
  const preview = async () => ({ ...(await previewMoves(move)), posted: postedMove(formData) });
  if (intent === "previewMove")
    return json({ kind: "preview" as const, errors: {}, message: null, report: null, moved: null, preview: await preview() });
  const expected = formData.get("expectedEmails");
  if (typeof expected !== "string" || !/^\d+$/.test(expected))
    return json(
      { kind: "error" as const, errors: {}, message: "emailPreview.previewFirst", report: null, moved: null, preview: null },
      { status: 400 },
    );
  const current = await preview();
  if (current.emails.count !== Number(expected))
    return json(
      { kind: "preview" as const, errors: {}, message: "emailPreview.changed", report: null, moved: null, preview: current },
      { status: 409 },
    );
  const results = await moveApplications(move);
  return json({ kind: "moved" as const, errors: {}, message: null, report: null, moved: results, preview: null });
}

/** The move as posted, for the confirmation form to post again. */
function postedMove(formData: FormData) {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  return {
    selected: formData.getAll("selected").filter((value): value is string => typeof value === "string"),
    transition: text("transition"),
    reason: text("reason"),
    override: text("override"),
    interviewAt: text("interviewAt"),
    interviewPlace: text("interviewPlace"),
  };
}

export default function AdminApplications() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const { filter } = data;
  const score = (value: number | null) =>
    value === null ? "—" : `${formatNumber(Math.round(value * 100) / 100, locale)} (${Math.round(toPercent(value))})`;
  const moved = actionData?.moved;
  // Both scores sort from the highest; the submission date sorts from the filters only (it is no column).
  const sortBy = (value: "normalized" | "raw") => ({ value, direction: "descending" as const, active: filter.sort === value });
  // Looked up once per page, not once per row.
  const statusLabels: Record<string, string> = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, t(`statuses.${s}`)]));
  const sectorLabels: Record<string, string> = Object.fromEntries(SECTORS.map((s) => [s, t(`sectors.${s}`)]));
  return (
    <section className="stack">
      <h1>{t("staffNav.admin.applications")}</h1>
      <CallPicker calls={data.calls} current={data.call?.slug ?? null} />
      {actionData?.message ? <FormMessage kind="error">{t(actionData.message)}</FormMessage> : null}
      {data.answerFilter.ignored ? (
        <FormMessage kind="error">{t("answersView.filterIgnored", { filter: data.answerFilter.ignored })}</FormMessage>
      ) : null}
      {actionData?.report ? (
        <FormMessage kind="success">
          {t("assignments.report", { count: actionData.report.assigned })}
          {actionData.report.unstaffed.length > 0 ? (
            <ul>
              {actionData.report.unstaffed.map((u) => (
                <li key={u.applicationId}>
                  <Link to={u.applicationId}>{u.applicationId.slice(-6).toUpperCase()}</Link> —{" "}
                  {t(`assignments.unstaffed.${u.reason}`, { assigned: u.assigned, needed: u.needed })}
                </li>
              ))}
            </ul>
          ) : null}
        </FormMessage>
      ) : null}
      {moved ? (
        <FormMessage kind={moved.every((m) => m.ok) ? "success" : "error"}>
          {t("admin.movedCount", { count: moved.filter((m) => m.ok).length })}
          {moved.some((m) => !m.ok) ? (
            <ul>
              {moved
                .filter((m) => !m.ok)
                .map((m) => (
                  <li key={m.applicationId}>
                    <Link to={m.applicationId}>{m.projectName || t("apply.untitled")}</Link> — {t(m.messageKey ?? "errors.title500")}
                  </li>
                ))}
            </ul>
          ) : null}
        </FormMessage>
      ) : null}

      <Form method="get" className="inline-form card" aria-label={t("admin.filters")}>
        <input type="hidden" name="call" value={data.call?.slug ?? ""} />
        <div className="field">
          <label htmlFor="f-status">{t("outbox.filterLabel")}</label>
          <select id="f-status" name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("outbox.all")}</option>
            {APPLICATION_STATUSES.filter((s) => s !== "DRAFT").map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-sector">{t("apply.fields.sector")}</label>
          <select id="f-sector" name="sector" defaultValue={filter.sector ?? ""}>
            <option value="">{t("outbox.all")}</option>
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {t(`sectors.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-site">{t("apply.fields.preferredSite")}</label>
          <select id="f-site" name="siteId" defaultValue={filter.siteId ?? ""}>
            <option value="">{t("outbox.all")}</option>
            {data.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-q">{t("admin.search")}</label>
          <input id="f-q" name="q" type="search" dir="auto" defaultValue={filter.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-sort">{t("admin.sort")}</label>
          <select id="f-sort" name="sort" defaultValue={filter.sort}>
            <option value="normalized">{t("admin.sortNormalized")}</option>
            <option value="raw">{t("admin.sortRaw")}</option>
            <option value="submitted">{t("admin.sortSubmitted")}</option>
          </select>
        </div>
        <AnswerFilterField options={data.answerFilter.options} selected={data.answerFilter.selected} />
        <label className="choice">
          <input type="checkbox" name="flagged" value="1" defaultChecked={filter.flagged} /> {t("admin.flaggedOnly")}
        </label>
        <button type="submit" className="button button-small">
          {t("outbox.filter")}
        </button>
      </Form>

      <Form method="post" className="card">
        <input type="hidden" name="call" value={data.call?.slug ?? ""} />
        <p>{t("assignments.help", { count: data.call?.reviewersPerApplication ?? 0 })}</p>
        <div className="wizard-actions">
          <button type="submit" name="intent" value="assign" className="button button-secondary">
            {t("assignments.run")}
          </button>
          {data.call?.hasInterview ? (
            <button type="submit" name="intent" value="assignInterview" className="button button-secondary">
              {t("assignments.runInterview")}
            </button>
          ) : null}
        </div>
      </Form>

      <Form method="post" className="stack">
        <p aria-live="polite">{t("admin.total", { count: data.total })}</p>
        {/* The last computed ranks and normalized scores stay shown while the background job recomputes them. */}
        {data.rankingUpdating ? <p className="muted">{t("admin.rankingUpdating")}</p> : null}
        <DataTable
          caption={t("staffNav.admin.applications")}
          rows={data.rows}
          rowKey={(row) => row.id}
          delegatedLinks
          emptyMessage={t("admin.noApplications")}
          pagination={{ page: filter.page, hasMore: filter.page < data.pageCount, pageCount: data.pageCount }}
          selection={{
            name: "selected",
            header: t("admin.select"),
            value: (row) => `${row.id}:${row.version}`,
            label: (row) => t("admin.selectProject", { name: row.projectName }),
          }}
          columns={[
            { key: "rank", header: t("admin.rank"), numeric: true, cell: (row) => row.rank ?? "—" },
            {
              key: "project",
              userText: true,
              header: t("apply.fields.projectName"),
              rowHeader: true,
              cell: (row) => (
                <>
                  <a href={`/admin/applications/${row.id}`}>{row.projectName || t("apply.untitled")}</a>
                  <br />
                  <small>{row.preferredSite?.name ?? ""}</small>
                  {row.duplicateOf ? (
                    <>
                      <br />
                      <a className="error-text" href={`/admin/applications/${row.duplicateOf.otherId}`}>
                        {t(DUPLICATE_REASONS[row.duplicateOf.reason])}
                      </a>
                    </>
                  ) : null}
                </>
              ),
            },
            { key: "status", header: t("outbox.filterLabel"), cell: (row) => statusLabels[row.status] ?? row.status },
            {
              key: "sector",
              header: t("apply.fields.sector"),
              cell: (row) => (row.sector ? (sectorLabels[row.sector] ?? row.sector) : "—"),
            },
            {
              key: "normalized",
              header: t("admin.normalized"),
              numeric: true,
              sort: sortBy("normalized"),
              cell: (row) => score(row.normalizedScore),
            },
            { key: "raw", header: t("admin.raw"), numeric: true, sort: sortBy("raw"), cell: (row) => score(row.rawScore) },
            {
              key: "spread",
              header: t("admin.spread"),
              numeric: true,
              cell: (row) => (
                <>
                  {row.disagreement === null ? "—" : formatNumber(Math.round(row.disagreement * 100) / 100, locale)}
                  {row.disagreement !== null && row.disagreement > DISAGREEMENT_THRESHOLD ? (
                    <strong className="error-text"> {t("admin.flagged")}</strong>
                  ) : null}
                </>
              ),
            },
            { key: "reviews", header: t("admin.reviews"), numeric: true, cell: (row) => row.reviewCount },
          ]}
        />
        <MoveControls errors={actionData?.errors ?? {}} previewFirst teamsBook={data.teamsBook} />
      </Form>
      {actionData?.preview ? <MovePreview preview={actionData.preview} /> : null}
    </section>
  );
}

type MovePreviewData = {
  outcomes: Array<{ applicationId: string; projectName: string; ok: boolean; messageKey: string | null }>;
  emails: EmailsPreviewData;
  posted: ReturnType<typeof postedMove>;
};

/** What a bulk move will do and whom it will email, and the form that confirms it as previewed. */
function MovePreview({ preview }: { preview: MovePreviewData }) {
  const { t } = useTranslation();
  const { posted } = preview;
  return (
    <section className="card stack" aria-labelledby="move-preview-title">
      <h2 id="move-preview-title">{t("emailPreview.outcomes")}</h2>
      <ul>
        {preview.outcomes.map((outcome) => (
          <li key={outcome.applicationId}>
            <Link to={outcome.applicationId}>{outcome.projectName || t("apply.untitled")}</Link> —{" "}
            {outcome.ok
              ? t("emailPreview.willMove")
              : t("emailPreview.willBeRefused", { reason: t((outcome.messageKey ?? "errors.title500") as never) })}
          </li>
        ))}
      </ul>
      <EmailsPreview preview={preview.emails} />
      <Form method="post" className="wizard-actions">
        {posted.selected.map((value) => (
          <input key={value} type="hidden" name="selected" value={value} />
        ))}
        {(["transition", "reason", "override", "interviewAt", "interviewPlace"] as const).map((name) =>
          posted[name] ? <input key={name} type="hidden" name={name} value={posted[name]} /> : null,
        )}
        <input type="hidden" name="expectedEmails" value={preview.emails.count} />
        <button type="submit" name="intent" value="move" className="button" disabled={!preview.outcomes.some((outcome) => outcome.ok)}>
          {t("admin.confirmMove")}
        </button>
      </Form>
    </section>
  );
}
