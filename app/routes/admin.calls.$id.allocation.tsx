import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { FormMessage } from "~/components/form-message.tsx";
import type { PlacementReason } from "~/domain/allocation.ts";
import { pageTitle } from "~/i18n/meta.ts";
import {
  AllocationRuleError,
  confirmAllocation,
  countStagedDecisions,
  listUnseatedAcceptances,
  previewAllocation,
  releaseDecisions,
  setPin,
} from "~/models/allocation.server.ts";
import { getCallForAdmin } from "~/models/call.server.ts";
import { TransitionError } from "~/models/lifecycle.server.ts";
import { issuesToErrors, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.allocation.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const call = ensureFound(await getCallForAdmin(params.id ?? ""));
  const [preview, staged, unseated] = await Promise.all([previewAllocation(call.id), countStagedDecisions(call.id), listUnseatedAcceptances(call.id)]);
  return json({ call: { id: call.id, title: call.title }, preview, staged, unseated });
}

const pinSchema = z.object({
  applicationId: z.string().check(z.minLength(1)),
  decision: z.enum(["ACCEPT", "WAITLIST", "REJECT", "NONE"], { error: "errors.choose" }),
  reason: z._default(z.string().check(z.trim(), z.maxLength(1000, "errors.tooLong")), ""),
  cohortId: z.optional(z.string()),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const call = ensureFound(await getCallForAdmin(params.id ?? ""));
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const reply = (ok: boolean, message: string, extra: Record<string, unknown> = {}, status = ok ? 200 : 400) =>
    json({ ok, message, errors: {} as Record<string, string>, subject: "", ...extra }, { status });
  try {
    if (intent === "confirm") {
      const count = await confirmAllocation(call.id, { kind: "user", id: admin.id, roles: admin.roles });
      return reply(true, "allocation.confirmed", { count });
    }
    if (intent === "release") {
      const count = await releaseDecisions(call.id, admin.id);
      return reply(true, count > 0 ? "allocation.released" : "allocation.nothingToRelease", { count });
    }
  } catch (error) {
    if (error instanceof AllocationRuleError) return reply(false, error.messageKey, { subject: error.subject }, 409);
    // Another admin confirmed first: the decisions are staged already.
    if (error instanceof TransitionError) return reply(false, error.messageKey, {}, error.status);
    throw error;
  }
  const parsed = pinSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return reply(false, "errors.formInvalid", { errors: issuesToErrors(parsed.error.issues) });
  const { applicationId, decision, reason, cohortId } = parsed.data;
  if (decision !== "NONE" && reason.length < 3) return reply(false, "lifecycle.reasonRequired", { errors: { reason: "lifecycle.reasonRequired" } });
  try {
    await setPin(call.id, applicationId, decision === "NONE" ? null : { decision, reason, cohortId: cohortId || undefined }, admin.id);
  } catch (error) {
    if (error instanceof AllocationRuleError) return reply(false, error.messageKey, {}, 400);
    throw error;
  }
  return reply(true, "allocation.pinned");
}

const blockersOf = (reason: PlacementReason): string[] =>
  reason.code === "ALTERNATE" ? [reason.preferredBlockedBy] : reason.code === "WAITLISTED" ? [...new Set(reason.blockedBy)] : [];

const PIN_OF_DECISION = { ACCEPTED: "ACCEPT", WAITLISTED: "WAITLIST", REJECTED: "REJECT" } as const;

export default function Allocation() {
  const { call, preview, staged, unseated } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const cohortName = new Map(preview.cohorts.map((c) => [c.id, `${c.name} (${c.siteName})`]));
  return (
    <div className="stack">
      <p>
        <Link to={`/admin/calls/${call.id}`}>{call.title}</Link>
      </p>
      <h1>{t("allocation.title")}</h1>
      <p className="muted">{t("allocation.intro")}</p>
      {actionData ? (
        <FormMessage kind={actionData.ok ? "success" : "error"}>{t(actionData.message, { count: (actionData as { count?: number }).count ?? 0, subject: actionData.subject })}</FormMessage>
      ) : null}

      {preview.pinError ? <FormMessage kind="error">{t("allocation.pinImpossible", { subject: preview.pinError })}</FormMessage> : null}
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
        <div className="table-scroll">
          <table className="data-table">
            <caption>{t("allocation.seats")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("calls.admin.cohortName")}</th>
                <th scope="col">{t("allocation.filled")}</th>
                <th scope="col">{t("allocation.bySector")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.fill.map((fill) => (
                <tr key={fill.cohortId}>
                  <th scope="row">{cohortName.get(fill.cohortId)}</th>
                  <td>
                    {fill.total} / {fill.capacity}
                  </td>
                  <td>
                    {Object.entries(fill.bySector)
                      .map(([sector, s]) => `${t(`sectors.${sector}`)} : ${s.filled}${s.quota !== null ? ` / ${s.quota}` : ""}`)
                      .join(" · ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <div className="table-scroll">
        <table className="data-table">
          <caption>{t("allocation.preview", { count: preview.rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.rank")}</th>
              <th scope="col">{t("apply.fields.projectName")}</th>
              <th scope="col">{t("apply.fields.sector")}</th>
              <th scope="col">{t("allocation.decision")}</th>
              <th scope="col">{t("allocation.reason")}</th>
              <th scope="col">{t("allocation.pin")}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <tr key={row.applicationId}>
                <td>{row.rank}</td>
                <td>
                  <Link to={`/admin/applications/${row.applicationId}`}>{row.projectName || t("apply.untitled")}</Link>
                </td>
                <td>{row.sector ? t(`sectors.${row.sector}`) : "—"}</td>
                <td>
                  {t(`statuses.${row.decision}`)}
                  {row.cohortId ? ` — ${cohortName.get(row.cohortId)}` : ""}
                  {row.pinned ? ` (${t("allocation.pinnedBadge")})` : ""}
                </td>
                <td>
                  {t(`allocation.reasons.${row.reason.code}`, {
                    rank: row.reason.rank,
                    position: "waitlistPosition" in row.reason ? row.reason.waitlistPosition : "",
                    note: "note" in row.reason ? row.reason.note : "",
                    blocked: blockersOf(row.reason)
                      .map((blocker) => t(`allocation.blockers.${blocker}`))
                      .join(", "),
                  })}
                  {"reseated" in row.reason && row.reason.reseated ? ` ${t("allocation.reseated")}` : ""}
                </td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="applicationId" value={row.applicationId} />
                    <label className="visually-hidden" htmlFor={`pin-${row.applicationId}`}>
                      {t("allocation.pinFor", { name: row.projectName })}
                    </label>
                    <select id={`pin-${row.applicationId}`} name="decision" defaultValue={row.pinned ? PIN_OF_DECISION[row.decision] : "NONE"}>
                      <option value="NONE">{t("allocation.noPin")}</option>
                      <option value="ACCEPT">{t("transitions.accept")}</option>
                      <option value="WAITLIST">{t("transitions.waitlist")}</option>
                      <option value="REJECT">{t("transitions.reject")}</option>
                    </select>
                    <label className="visually-hidden" htmlFor={`reason-${row.applicationId}`}>
                      {t("admin.reason")}
                    </label>
                    <input id={`reason-${row.applicationId}`} name="reason" placeholder={t("admin.reason")} />
                    <button type="submit" name="intent" value="pin" className="button button-small button-secondary">
                      {t("allocation.applyPin")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <Form method="post" className="card wizard-actions">
        <p>{t("allocation.confirmHelp")}</p>
        <button type="submit" name="intent" value="confirm" className="button" disabled={preview.rows.length === 0}>
          {t("allocation.confirm")}
        </button>
      </Form>
      <Form method="post" className="card wizard-actions">
        <p>{t("allocation.releaseHelp", { count: staged })}</p>
        <button type="submit" name="intent" value="release" className="button" disabled={staged === 0}>
          {t("allocation.release")}
        </button>
      </Form>
    </div>
  );
}
