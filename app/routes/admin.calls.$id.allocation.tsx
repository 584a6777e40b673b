import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { FormMessage } from "~/components/form-message.tsx";
import type { PlacementReason } from "~/domain/allocation.ts";
import { UserError } from "~/domain/errors.ts";
import { withUserErrors } from "~/errors.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { ShownTextView } from "~/components/shown-text.tsx";
import { showCallText } from "~/domain/call-texts.ts";
import {
  confirmAllocation,
  countStagedDecisions,
  listUnseatedAcceptances,
  previewAllocation,
  previewRelease,
  releaseDecisions,
  setPin,
} from "~/models/allocation.server.ts";
import { getCallForAdmin } from "~/models/call.server.ts";
import { isRankingUpdating } from "~/models/scores.server.ts";
import { issuesToErrors, readFormData } from "~/schemas/form-data.ts";
import { DataTable } from "~/components/data-table.tsx";
import { EmailsPreview, type EmailsPreviewData } from "~/components/emails-preview.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.allocation.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const call = ensureFound(await getCallForAdmin(params.id ?? ""));
  const [preview, staged, unseated, rankingUpdating, locale] = await Promise.all([
    previewAllocation(call.id),
    countStagedDecisions(call.id),
    listUnseatedAcceptances(call.id),
    isRankingUpdating(call.id),
    getLocale(request),
  ]);
  // One row's pin form at a time (?pin=<application id>): a form on each of a committee's hundreds of rows
  // made most of the page's HTML and of its render.
  const pin = new URL(request.url).searchParams.get("pin");
  const editing = preview.rows.some((row) => row.applicationId === pin) ? pin : null;
  return json({
    call: { id: call.id, title: showCallText(call, "title", locale) },
    // What the page shows, and no more: the preview's placements again, or the reasons' English summary, would
    // double the data every page carries.
    preview: {
      pinError: preview.pinError,
      fill: preview.fill,
      cohorts: preview.cohorts,
      rows: preview.rows.map((row) => ({
        applicationId: row.applicationId,
        rank: row.rank,
        projectName: row.projectName,
        sector: row.sector,
        decision: row.decision,
        cohortId: row.cohortId,
        reason: row.reason,
        pinned: row.pinned,
      })),
    },
    editing,
    staged,
    unseated,
    rankingUpdating,
  });
}

const pinSchema = z.object({
  applicationId: z.string().check(z.minLength(1)),
  decision: z.enum(["ACCEPT", "WAITLIST", "REJECT", "NONE"], { error: "errors.choose" }),
  reason: z._default(z.string().check(z.trim(), z.maxLength(1000, "errors.tooLong")), ""),
  cohortId: z.optional(z.string()),
});

/** The number of emails the admin's preview of the release showed. */
const releaseConfirmation = z.object({ expectedEmails: z.coerce.number().check(z.int(), z.gte(0)) });

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const call = ensureFound(await getCallForAdmin(params.id ?? ""));
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const done = (message: string, count = 0) =>
    json({ ok: true, message, errors: {} as Record<string, string>, count, emails: null as EmailsPreviewData | null });
  // A refusal (pins that cannot hold, a decision without its seat, another admin confirming first) is a UserError.
  if (intent === "confirm")
    return done("allocation.confirmed", await confirmAllocation(call.id, { kind: "user", id: admin.id, roles: admin.roles }));
  // Who will be emailed, before it happens: the release sends only after the admin saw its emails (issue 18).
  if (intent === "previewRelease")
    return json({ ok: true, message: "", errors: {} as Record<string, string>, count: 0, emails: await previewRelease(call.id, admin.id) });
  if (intent === "release") {
    const expected = releaseConfirmation.safeParse(Object.fromEntries(formData));
    if (!expected.success) throw new UserError("emailPreview.previewFirst", 400);
    const count = await releaseDecisions(call.id, admin.id, new Date(), { expectedEmails: expected.data.expectedEmails });
    return done(count > 0 ? "allocation.released" : "allocation.nothingToRelease", count);
  }
  const parsed = pinSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success)
    return json({ ok: false, message: "staffErrors.formInvalid", errors: issuesToErrors(parsed.error.issues), count: 0 }, { status: 400 });
  const { applicationId, decision, reason, cohortId } = parsed.data;
  if (decision !== "NONE" && reason.length < 3) throw new UserError("lifecycle.reasonRequired", 400, { field: "reason" });
  await setPin(call.id, applicationId, decision === "NONE" ? null : { decision, reason, cohortId: cohortId || undefined }, admin.id);
  return done("allocation.pinned");
}

const blockersOf = (reason: PlacementReason): string[] =>
  reason.code === "ALTERNATE" ? [reason.preferredBlockedBy] : reason.code === "WAITLISTED" ? [...new Set(reason.blockedBy)] : [];

const PIN_OF_DECISION = { ACCEPTED: "ACCEPT", WAITLISTED: "WAITLIST", REJECTED: "REJECT" } as const;

export default function Allocation() {
  const { call, preview, editing, staged, unseated, rankingUpdating } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const releaseEmails = (actionData && "emails" in actionData ? actionData.emails : null) as EmailsPreviewData | null;
  const { t } = useTranslation();
  const cohortName = new Map(preview.cohorts.map((c) => [c.id, `${c.name} (${c.siteName})`]));
  return (
    <div className="stack">
      <p>
        <Link to={`/admin/calls/${call.id}`}>
          <ShownTextView value={call.title} />
        </Link>
      </p>
      <h1>{t("allocation.title")}</h1>
      <p className="muted">{t("allocation.intro")}</p>
      {rankingUpdating ? <p className="muted">{t("allocation.rankingUpdating")}</p> : null}
      {actionData?.message ? (
        <FormMessage kind={actionData.ok ? "success" : "error"}>
          {t(actionData.message, "params" in actionData ? actionData.params : { count: actionData.count })}
        </FormMessage>
      ) : null}

      {preview.pinError ? <FormMessage kind="error">{t(preview.pinError.key, preview.pinError.params)}</FormMessage> : null}
      {unseated.length > 0 ? (
        <FormMessage kind="error">
          {t("allocation.unseated", { count: unseated.length })}
          <ul>
            {unseated.map((a) => (
              <li key={a.id}>
                <Link to={`/admin/applications/${a.id}`}>{a.projectName || t("apply.untitled")}</Link>
              </li>
            ))}
          </ul>
        </FormMessage>
      ) : null}
      <section className="card" aria-labelledby="fill-title">
        <h2 id="fill-title">{t("allocation.seats")}</h2>
        <DataTable
          caption={t("allocation.seats")}
          rows={preview.fill}
          rowKey={(fill) => fill.cohortId}
          emptyMessage={t("admin.tableEmpty")}
          columns={[
            { key: "cohort", header: t("callAdmin.cohortName"), rowHeader: true, cell: (fill) => cohortName.get(fill.cohortId) },
            {
              key: "filled",
              header: t("allocation.filled"),
              cell: (fill) => (
                <>
                  {fill.total} / {fill.capacity}
                </>
              ),
            },
            {
              key: "bySector",
              header: t("allocation.bySector"),
              cell: (fill) =>
                Object.entries(fill.bySector)
                  .map(([sector, s]) => `${t(`sectors.${sector}`)} : ${s.filled}${s.quota !== null ? ` / ${s.quota}` : ""}`)
                  .join(" · "),
            },
          ]}
        />
      </section>

      <DataTable
        caption={t("allocation.preview", { count: preview.rows.length })}
        rows={preview.rows}
        rowKey={(row) => row.applicationId}
        emptyMessage={t("admin.tableEmpty")}
        columns={[
          { key: "rank", header: t("admin.rank"), numeric: true, cell: (row) => row.rank },
          {
            key: "project",
            userText: true,
            header: t("apply.fields.projectName"),
            rowHeader: true,
            cell: (row) => <Link to={`/admin/applications/${row.applicationId}`}>{row.projectName || t("apply.untitled")}</Link>,
          },
          { key: "sector", header: t("apply.fields.sector"), cell: (row) => (row.sector ? t(`sectors.${row.sector}`) : "—") },
          {
            key: "decision",
            header: t("allocation.decision"),
            cell: (row) => (
              <>
                {t(`statuses.${row.decision}`)}
                {row.cohortId ? ` — ${cohortName.get(row.cohortId)}` : ""}
                {row.pinned ? ` (${t("allocation.pinnedBadge")})` : ""}
              </>
            ),
          },
          {
            key: "reason",
            header: t("allocation.reason"),
            cell: (row) => (
              <>
                {t(`allocation.reasons.${row.reason.code}`, {
                  rank: row.reason.rank,
                  position: "waitlistPosition" in row.reason ? row.reason.waitlistPosition : "",
                  note: "note" in row.reason ? row.reason.note : "",
                  blocked: blockersOf(row.reason)
                    .map((blocker) => t(`allocation.blockers.${blocker}`))
                    .join(", "),
                })}
                {"reseated" in row.reason && row.reason.reseated ? ` ${t("allocation.reseated")}` : ""}
              </>
            ),
          },
          {
            key: "pin",
            header: t("allocation.pin"),
            cell: (row) =>
              row.applicationId !== editing ? (
                <Link
                  to={`?pin=${row.applicationId}#pin-${row.applicationId}`}
                  aria-label={t("allocation.pinFor", { name: row.projectName })}
                >
                  {t("allocation.editPin")}
                </Link>
              ) : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="applicationId" value={row.applicationId} />
                  <label className="visually-hidden" htmlFor={`pin-${row.applicationId}`}>
                    {t("allocation.pinFor", { name: row.projectName })}
                  </label>
                  <select
                    id={`pin-${row.applicationId}`}
                    name="decision"
                    defaultValue={row.pinned ? PIN_OF_DECISION[row.decision] : "NONE"}
                  >
                    <option value="NONE">{t("allocation.noPin")}</option>
                    <option value="ACCEPT">{t("transitions.accept")}</option>
                    <option value="WAITLIST">{t("transitions.waitlist")}</option>
                    <option value="REJECT">{t("transitions.reject")}</option>
                  </select>
                  <label className="visually-hidden" htmlFor={`reason-${row.applicationId}`}>
                    {t("admin.reason")}
                  </label>
                  <input id={`reason-${row.applicationId}`} name="reason" dir="auto" placeholder={t("admin.reason")} />
                  <button type="submit" name="intent" value="pin" className="button button-small button-secondary">
                    {t("allocation.applyPin")}
                  </button>
                  <Link to=".">{t("allocation.closePin")}</Link>
                </Form>
              ),
          },
        ]}
      />

      <Form method="post" className="card wizard-actions">
        <p>{t("allocation.confirmHelp")}</p>
        <button type="submit" name="intent" value="confirm" className="button" disabled={preview.rows.length === 0}>
          {t("allocation.confirm")}
        </button>
      </Form>
      <Form method="post" className="card stack">
        <p>{t("allocation.releaseHelp", { count: staged })}</p>
        <div className="wizard-actions">
          <button type="submit" name="intent" value="previewRelease" className="button button-secondary" disabled={staged === 0}>
            {t("allocation.previewRelease")}
          </button>
        </div>
        {releaseEmails ? (
          <>
            <EmailsPreview preview={releaseEmails} />
            <input type="hidden" name="expectedEmails" value={releaseEmails.count} />
            <p>{t("allocation.confirmHint")}</p>
            <div className="wizard-actions">
              <button type="submit" name="intent" value="release" className="button" disabled={staged === 0}>
                {t("allocation.release")}
              </button>
            </div>
          </>
        ) : null}
      </Form>
    </div>
  );
}
