import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { logStaffAccess } from "~/models/access-log.server.ts";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { ReviewWorkspace } from "~/components/review-workspace.tsx";
import { ShownTextView } from "~/components/shown-text.tsx";
import { showCallText } from "~/domain/call-texts.ts";
import { UserError } from "~/domain/errors.ts";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { formatOptionalDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import type { Locale } from "~/domain/constants.ts";
import { jurorPanelView } from "~/models/interview-pages.server.ts";
import { markNoShow } from "~/models/interview.server.ts";
import { declareConflict, getReviewWorkspace, saveReview } from "~/models/review.server.ts";
import { formDataToObject, issuesToErrors, parseForm, readFormData } from "~/schemas/form-data.ts";
import { noShowSchema } from "~/schemas/interview.ts";
import { conflictSchema, reviewDraftSchema, reviewSubmitSchema } from "~/schemas/review.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.interviews.jury.panels);

/** The panel as this juror sees it, and the interview chosen on it (`?application=`, else the next one to score). */
async function readPanel(request: Request, panelId: string | undefined) {
  const juror = await requireUser(request, { role: "REVIEWER" });
  const locale = await getLocale(request);
  const panel = ensureFound(await jurorPanelView(panelId ?? "", juror.id, locale));
  const wanted = new URL(request.url).searchParams.get("application");
  const booked = panel.interviews.filter((row) => row.applicationId);
  const selected =
    booked.find((row) => row.applicationId === wanted) ??
    booked.find((row) => !row.noShow && row.assignment?.status === "PENDING") ??
    booked[0] ??
    null;
  return { juror, locale, panel, selected };
}

async function workspaceOf(assignmentId: string | undefined, jurorId: string, locale: Locale) {
  if (!assignmentId) return null;
  const workspace = await getReviewWorkspace(assignmentId, jurorId, locale);
  return workspace ? { ...workspace, dueAtText: formatOptionalDate(workspace.assignment.dueAt, locale) } : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { juror, locale, panel, selected } = await readPanel(request, params.id);
  if (selected?.applicationId && selected.assignment) logStaffAccess(juror.id, "VIEW_APPLICATION", selected.applicationId, "interview");
  return json({
    panel: { ...panel, call: showCallText(panel.call, "title", locale) },
    selected,
    workspace: await workspaceOf(selected?.assignment?.id, juror.id, locale),
  });
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const { juror, panel, selected } = await readPanel(request, params.id);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const here = (applicationId: string | null | undefined) =>
    `/reviewer/panels/${panel.id}${applicationId ? `?application=${applicationId}` : ""}`;
  if (intent === "noShow") {
    const parsed = parseForm(noShowSchema, formData);
    if (!parsed.ok) return json({ errors: parsed.errors, message: null }, { status: 400 });
    await markNoShow({
      panelId: panel.id,
      reviewerId: juror.id,
      applicationId: parsed.data.applicationId,
      noShow: parsed.data.noShow === "yes",
    });
    return redirectWithFlash(here(parsed.data.applicationId), {
      kind: "success",
      key: parsed.data.noShow === "yes" ? "interviews.panel.noShowMarked" : "interviews.panel.noShowUndone",
    });
  }
  // Scoring: the juror's own assignment for the interview shown, nothing else.
  const assignmentId = selected?.assignment?.id;
  if (!assignmentId) throw new UserError("errors.title404", 404);
  if (intent === "conflict") {
    const parsed = conflictSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return json({ errors: issuesToErrors(parsed.error.issues), message: null }, { status: 400 });
    await declareConflict(assignmentId, juror.id, parsed.data.reason);
    return redirectWithFlash(here(null), { kind: "success", key: "review.conflictDeclared" });
  }
  const submit = intent === "submit";
  const workspace = ensureFound(await getReviewWorkspace(assignmentId, juror.id, "fr"));
  const schema = submit ? reviewSubmitSchema(workspace.criteria.map((c) => c.id)) : reviewDraftSchema;
  const parsed = schema.safeParse(formDataToObject(formData));
  if (!parsed.success) return json({ errors: issuesToErrors(parsed.error.issues), message: null }, { status: 400 });
  await saveReview(assignmentId, juror.id, parsed.data, submit);
  return redirectWithFlash(here(selected?.applicationId), { kind: "success", key: submit ? "review.submitted" : "review.draftSaved" });
}

/**
 * A panel on the day, for its jurors: the half-day's interviews in order beside the one being heard, scored on
 * the same screen (the review's rubric, comments and recommendation); a team that did not come is marked so.
 */
export default function PanelPage() {
  const { panel, selected, workspace } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const statusOf = (row: (typeof panel.interviews)[number]) =>
    !row.applicationId
      ? t("interviews.panel.free")
      : row.noShow
        ? t("interviews.panel.noShow")
        : !row.assignment || row.assignment.status === "CONFLICT"
          ? t("interviews.panel.notYours")
          : row.assignment.status === "SUBMITTED"
            ? t("interviews.panel.scored")
            : t("interviews.panel.toScore");
  return (
    <div className="stack">
      <p>
        <Link to="/reviewer/interviews">{t("interviews.jury.title")}</Link>
      </p>
      <h1>
        {t("interviews.panel.title", { day: panel.label })} — {t(`interviews.halfDays.${panel.halfDay}`)}
      </h1>
      <p className="muted">
        <ShownTextView value={panel.call} /> — <span dir="auto">{panel.place}</span>
      </p>
      <p>{t("interviews.panel.jurors", { names: panel.jurors.join(", ") })}</p>
      <div className="panel-layout">
        <nav className="card panel-schedule" aria-labelledby="schedule-title">
          <h2 id="schedule-title">{t("interviews.panel.schedule")}</h2>
          <ol className="plain-list stack">
            {panel.interviews.map((row) => (
              <li key={row.slotId}>
                <strong>{row.time}</strong>{" "}
                {row.applicationId ? (
                  <Link
                    to={`?application=${row.applicationId}`}
                    aria-current={row.applicationId === selected?.applicationId ? "true" : undefined}
                    dir="auto"
                  >
                    {row.projectName}
                  </Link>
                ) : null}{" "}
                — {statusOf(row)}
              </li>
            ))}
          </ol>
        </nav>
        <div className="stack">
          {selected ? (
            <section className="card stack" aria-labelledby="selected-title">
              <h2 id="selected-title" dir="auto">
                {t("interviews.panel.selected", { project: selected.projectName ?? "" })} — {selected.time}
              </h2>
              {selected.noShow ? <p className="field-hint">{t("interviews.panel.noShow")}</p> : null}
              <Form method="post">
                <input type="hidden" name="applicationId" value={selected.applicationId ?? ""} />
                <input type="hidden" name="noShow" value={selected.noShow ? "no" : "yes"} />
                <button type="submit" name="intent" value="noShow" className="button button-secondary">
                  {selected.noShow ? t("interviews.panel.undoNoShow") : t("interviews.panel.markNoShow")}
                </button>
              </Form>
            </section>
          ) : null}
          {selected && !selected.noShow && workspace ? (
            <ReviewWorkspace key={workspace.assignment.id} data={workspace} actionData={actionData} headingLevel={2} />
          ) : null}
        </div>
      </div>
    </div>
  );
}
