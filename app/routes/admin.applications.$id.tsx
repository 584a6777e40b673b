import { callHasInterviewDaysCached } from "~/models/interview.server.ts";
import { logStaffAccess } from "~/models/access-log.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { ApplicationDetails, DetailRow } from "~/components/application-details.tsx";
import { errorId, FieldError } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { MoveControls } from "~/components/move-controls.tsx";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { ADMIN_TRANSITIONS, possibleTransitions, type TransitionName } from "~/domain/lifecycle.ts";
import { DISAGREEMENT_THRESHOLD, toPercent } from "~/domain/scoring.ts";
import { formatDate, formatOptionalDate } from "~/i18n/dates.server.ts";
import { formatNumber } from "~/i18n/format.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { ShownTextView } from "~/components/shown-text.tsx";
import { pageTitle } from "~/i18n/meta.ts";
import { useLocale } from "~/i18n/use-locale.ts";
import { findApplicationId, getAdminApplication, moveApplications, readTeamAccounts } from "~/models/admin-application.server.ts";
import { isRankingUpdating } from "~/models/scores.server.ts";
import { isSeatingTransition, listCohortChoices } from "~/models/allocation.server.ts";
import {
  addAssignment,
  listDetectedConflicts,
  overrideConflict,
  removeAssignment,
  suggestReplacements,
} from "~/models/assignment.server.ts";
import { listAssignableReviewers } from "~/models/reviewer.server.ts";
import { conflictOverrideSchema, interviewSlot, moveSchema } from "~/schemas/admin.ts";
import { issuesToErrors, readFormData, typedValues } from "~/schemas/form-data.ts";
import { DataTable } from "~/components/data-table.tsx";
import { TeamAccounts } from "~/components/team-accounts.tsx";
import { AnswersSection } from "~/components/answers/answers-list.tsx";
import { readAnswersShown } from "~/models/call-questions.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.staffNav.admin.applications);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const locale = await getLocale(request);
  const found = ensureFound(await getAdminApplication(params.id ?? "", locale));
  logStaffAccess(admin.id, "VIEW_APPLICATION", found.id);
  const application = {
    ...found,
    audit: found.audit.map((event) => ({ ...event, createdAtText: formatDate(event.createdAt, locale, "dateTime") })),
  };
  const pendingReviews = application.assignments.filter((a) => a.status === "PENDING").length;
  // The moves to offer; the form asks for what they need (a reason, an override), checked when applied.
  const transitions = possibleTransitions(application.status, {
    now: new Date(),
    actor: { kind: "user", id: admin.id, roles: admin.roles },
    isOwner: false,
    call: application.call,
    decisionReleasedAt: application.decisionReleasedAt,
  }).filter((name) => ADMIN_TRANSITIONS.includes(name));
  const [reviewers, suggested, cohorts, detectedConflicts, rankingUpdating, answers, team, teamsBook] = await Promise.all([
    listAssignableReviewers(),
    application.conflicts.length > 0 && application.status === "REVIEW"
      ? suggestReplacements(application.id, application.call.id)
      : Promise.resolve([]),
    // A move that gives a seat names its cohort.
    transitions.some(isSeatingTransition) ? listCohortChoices(application.call.id) : Promise.resolve(null),
    listDetectedConflicts(application),
    isRankingUpdating(application.call.id),
    // Every answer, identifying ones too: admins see who applied.
    readAnswersShown(application.id, locale, {
      hideIdentifying: false,
      files: new Map(application.attachments.map((a) => [a.id, a.fileName])),
    }),
    // Who joined the team with an account, and the invitations still open or declined.
    readTeamAccounts(application.id, application.founder),
    transitions.includes("shortlist") ? callHasInterviewDaysCached(application.call.id) : Promise.resolve(false),
  ]);
  return json({
    application,
    teamsBook,
    answers,
    transitions,
    pendingReviews,
    reviewers,
    suggested,
    cohorts,
    rankingUpdating,
    // Dates written here, on the server, like every date of the page.
    teamAccounts: {
      members: team.members.map(({ consentAt, joinedAt, ...member }) => ({
        ...member,
        joinedText: formatOptionalDate(joinedAt, locale),
        consentText: formatOptionalDate(consentAt, locale, "dateTime"),
      })),
      invitations: team.invitations.map(({ id, name, email, state, expiresAt }) => ({
        id,
        name,
        email,
        state,
        // A declined invitation's link no longer matters.
        expiresText: state === "DECLINED" ? null : formatDate(expiresAt, locale, "dateTime"),
      })),
    },
    detectedConflicts: detectedConflicts.map(({ override, ...conflict }) => ({
      ...conflict,
      override: override
        ? { reason: override.reason, createdBy: override.createdBy, createdAtText: formatDate(override.createdAt, locale, "dateTime") }
        : null,
    })),
  });
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const applicationId = ensureFound(await findApplicationId(params.id ?? ""));
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "addReviewer") {
    await addAssignment(applicationId, String(formData.get("reviewerId") ?? ""), admin.id);
    return redirectWithFlash(`/admin/applications/${applicationId}`, { kind: "success", key: "assignments.added" });
  }
  if (intent === "removeAssignment") {
    await removeAssignment(applicationId, String(formData.get("assignmentId") ?? ""), admin.id);
    return redirectWithFlash(`/admin/applications/${applicationId}`, { kind: "success", key: "assignments.removed" });
  }
  if (intent === "overrideConflict") {
    const parsed = conflictOverrideSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      const errors = issuesToErrors(parsed.error.issues);
      // What was typed comes back with any refusal (a UserError's answer carries it too), so nothing is lost.
      return json(
        {
          ok: false,
          message: errors.reviewerId ?? null,
          errors: errors.reason ? { overrideReason: errors.reason } : {},
          values: typedValues(request),
        },
        { status: 400 },
      );
    }
    await overrideConflict({ applicationId, reviewerId: parsed.data.reviewerId, reason: parsed.data.reason, actorId: admin.id });
    return redirectWithFlash(`/admin/applications/${applicationId}`, { kind: "success", key: "assignments.overridden" });
  }
  const parsed = moveSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return json({ ok: false, message: null, errors: issuesToErrors(parsed.error.issues) }, { status: 400 });
  const [result] = await moveApplications({
    selections: [{ applicationId: applicationId, version: Number(formData.get("version")) }],
    transition: parsed.data.transition,
    actor: { kind: "user", id: admin.id, roles: admin.roles },
    reason: parsed.data.reason,
    override: parsed.data.override === "on",
    emailData: interviewSlot(parsed.data),
    cohortId: parsed.data.cohortId || undefined,
  });
  // A refusal about one field (the cohort: none, not this call's, full, quota reached) is shown on it too.
  if (result.ok) return redirectWithFlash(`/admin/applications/${applicationId}`, { kind: "success", key: "admin.moved" });
  const errors: Record<string, string> = result.messageKey && result.field ? { [result.field]: result.messageKey } : {};
  return json({ ok: false, message: result.messageKey, errors }, { status: 409 });
}

export default function AdminApplication() {
  const {
    application,
    answers,
    transitions,
    reviewers,
    suggested,
    pendingReviews,
    cohorts,
    detectedConflicts,
    rankingUpdating,
    teamAccounts,
    teamsBook,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const number = (value: number | null, digits = 2) =>
    value === null ? "—" : formatNumber(Math.round(value * 10 ** digits) / 10 ** digits, locale);
  const flagged = application.disagreement !== null && application.disagreement > DISAGREEMENT_THRESHOLD;
  const reviewerName = new Map(reviewers.map((r) => [r.id, r.name]));
  return (
    <div className="stack">
      <p>
        <Link to={`/admin/applications?call=${application.call.slug}`}>{t("admin.backToList")}</Link>
      </p>
      <h1 dir="auto">{application.projectName || t("apply.untitled")}</h1>
      <p className="muted">
        <ShownTextView value={application.call.title} /> — <strong>{t(`statuses.${application.status}`)}</strong> —{" "}
        <span dir="auto">{application.founder.name}</span> ({application.founder.email})
      </p>
      {actionData?.message ? <FormMessage kind="error">{t(actionData.message)}</FormMessage> : null}

      <section className="card" aria-labelledby="scores-title">
        <h2 id="scores-title">{t("admin.scores")}</h2>
        {rankingUpdating ? <p className="muted">{t("admin.rankingUpdating")}</p> : null}
        <dl className="score-summary">
          <div>
            <dt>{t("admin.rank")}</dt>
            <dd>{application.rank ?? "—"}</dd>
          </div>
          <div>
            <dt>{t("admin.normalized")}</dt>
            <dd>
              {number(application.normalizedScore)} / 5
              {application.normalizedScore !== null ? ` (${Math.round(toPercent(application.normalizedScore))} / 100)` : ""}
            </dd>
          </div>
          <div>
            <dt>{t("admin.raw")}</dt>
            <dd>
              {number(application.rawScore)} / 5
              {application.rawScore !== null ? ` (${Math.round(toPercent(application.rawScore))} / 100)` : ""}
            </dd>
          </div>
          <div>
            <dt>{t("admin.spread")}</dt>
            <dd>
              {number(application.disagreement)}{" "}
              {flagged ? <strong className="error-text">{t("admin.flaggedForDiscussion")}</strong> : null}
            </dd>
          </div>
          <div>
            <dt>{t("admin.reviews")}</dt>
            <dd>{application.reviewCount}</dd>
          </div>
        </dl>
        <p>
          <Link to={`/staff/discussions/${application.id}`}>{t("discussion.open")}</Link> ·{" "}
          <Link to={`/admin/applications/${application.id}/messages`}>{t("staffMessages.link")}</Link> ·{" "}
          <Link to={`/admin/access-log?application=${application.id}`}>{t("accessLog.link")}</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="reviews-title">
        <h2 id="reviews-title">{t("admin.reviewsPerCriterion")}</h2>
        <p>
          <Link to={`/admin/calls/${application.call.id}/calibration`}>{t("calibration.title")}</Link>
        </p>
        <DataTable
          caption={t("admin.reviewsPerCriterion")}
          rows={application.assignments}
          rowKey={(a) => a.id}
          emptyMessage={t("admin.tableEmpty")}
          columns={[
            {
              key: "reviewer",
              userText: true,
              header: t("admin.reviewer"),
              rowHeader: true,
              cell: (a) => (
                <>
                  {a.reviewer.name}
                  <br />
                  <small>{t(`statuses.${a.stage}`)}</small>
                </>
              ),
            },
            ...application.criteria.map((c) => ({
              key: c.id,
              header: c.label,
              numeric: true,
              cell: (a: (typeof application.assignments)[number]) =>
                a.review?.submittedAt ? (a.review.scores.find((s) => s.criterionId === c.id)?.value ?? "—") : "—",
            })),
            { key: "score", header: t("admin.score"), numeric: true, cell: (a) => (a.review?.submittedAt ? number(a.review.score) : "—") },
            {
              // How the ranking read the score: the reviewer's offset and scale undone (the joint model).
              key: "adjusted",
              header: t("admin.adjustedScore"),
              numeric: true,
              cell: (a) =>
                a.review?.adjustment ? (
                  <>
                    {number(a.review.adjustment.adjusted)}
                    <br />
                    <small>
                      {t("admin.adjustment", {
                        offset: `${a.review.adjustment.bias < 0 ? "−" : "+"}${number(Math.abs(a.review.adjustment.bias))}`,
                        scale: number(a.review.adjustment.scale),
                      })}
                    </small>
                  </>
                ) : (
                  "—"
                ),
            },
            {
              key: "recommendation",
              header: t("review.recommendation"),
              cell: (a) =>
                a.review?.recommendation && a.review.submittedAt ? t(`review.recommendations.${a.review.recommendation}`) : "—",
            },
            {
              key: "status",
              header: t("outbox.filterLabel"),
              cell: (a) => (
                <>
                  {t(`assignments.status.${a.status}`)}
                  {a.status !== "SUBMITTED" ? (
                    <Form method="post">
                      <input type="hidden" name="assignmentId" value={a.id} />
                      <button type="submit" name="intent" value="removeAssignment" className="link-button">
                        {t("assignments.remove", { name: a.reviewer.name })}
                      </button>
                    </Form>
                  ) : null}
                </>
              ),
            },
          ]}
        />
        {application.assignments
          .filter((a) => a.review?.submittedAt && (a.review.privateComment || a.review.founderFeedback))
          .map((a) => (
            <div key={a.id}>
              <h3>{a.reviewer.name}</h3>
              {a.review?.privateComment ? <p>{a.review.privateComment}</p> : null}
              {a.review?.founderFeedback ? (
                <p>
                  <em>{t("review.founderFeedback")} :</em> {a.review.founderFeedback}
                </p>
              ) : null}
            </div>
          ))}
        {application.conflicts.length > 0 ? (
          <FormMessage kind="error">
            {t("assignments.conflictsDeclared", { count: application.conflicts.length })}
            {suggested.length > 0
              ? ` ${t("assignments.suggested", { names: suggested.map((id) => reviewerName.get(id) ?? id).join(", ") })}`
              : null}
          </FormMessage>
        ) : null}
        <Form method="post" className="inline-form">
          <div className="field">
            <label htmlFor="add-reviewer">{t("assignments.addReviewer")}</label>
            <select id="add-reviewer" name="reviewerId" defaultValue={suggested[0] ?? undefined}>
              {reviewers.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" name="intent" value="addReviewer" className="button button-small">
            {t("assignments.add")}
          </button>
        </Form>
        {detectedConflicts.length > 0 ? <DetectedConflicts conflicts={detectedConflicts} actionData={actionData} /> : null}
      </section>

      {transitions.length > 0 ? (
        <Form method="post">
          <input type="hidden" name="version" value={application.version} />
          {pendingReviews > 0 ? <p className="muted">{t("admin.pendingReviews", { count: pendingReviews })}</p> : null}
          <MoveControls
            errors={actionData?.errors ?? {}}
            only={transitions as TransitionName[]}
            cohorts={cohorts ?? undefined}
            teamsBook={teamsBook}
          />
        </Form>
      ) : null}

      <ApplicationDetails project={application}>
        <DetailRow label={t("apply.steps.team")}>
          <ul>
            {application.teamMembers.map((m) => (
              <li key={m.email}>
                {m.name} ({m.email}) — {m.role}
              </li>
            ))}
          </ul>
        </DetailRow>
        <DetailRow label={t("apply.steps.documents")}>
          <ul>
            {/* A file answering a question is listed with the answers. */}
            {application.attachments
              .filter((a) => a.kind !== "ANSWER")
              .map((a) => (
                <li key={a.id}>
                  <a href={`/files/${a.id}`}>{a.fileName}</a>
                </li>
              ))}
          </ul>
        </DetailRow>
      </ApplicationDetails>

      <TeamAccounts team={teamAccounts} />

      <AnswersSection answers={answers} />

      <section className="card" aria-labelledby="audit-title">
        <h2 id="audit-title">{t("staffNav.admin.audit")}</h2>
        <ol className="audit-list">
          {application.audit.map((event) => (
            <li key={event.id}>
              <time dateTime={event.createdAt}>{event.createdAtText}</time> — {event.actor?.name ?? t("admin.system")} — {event.type}
              {event.fromState || event.toState ? ` (${event.fromState ?? "∅"} → ${event.toState ?? "∅"})` : ""}
              {event.details && event.details !== "{}" ? <code className="audit-details">{event.details}</code> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

type DetectedConflictRow = {
  reviewerId: string;
  name: string;
  reason: string;
  overridable: boolean;
  override: { reason: string; createdBy: string | null; createdAtText: string } | null;
};

/** The reviewers a conflict of interest keeps off this application, each overridable one with its override form. */
function DetectedConflicts({ conflicts, actionData }: { conflicts: DetectedConflictRow[]; actionData: unknown }) {
  const { t } = useTranslation();
  const data = (actionData ?? {}) as { errors?: Record<string, string>; values?: { reviewerId?: string; reason?: string } };
  return (
    <div className="stack" role="group" aria-labelledby="detected-conflicts-title">
      <h3 id="detected-conflicts-title">{t("assignments.detectedTitle")}</h3>
      <p className="muted">{t("assignments.detectedHelp")}</p>
      <DataTable
        caption={t("assignments.detectedTitle")}
        captionHidden
        rows={conflicts}
        rowKey={(c) => c.reviewerId}
        emptyMessage={t("admin.tableEmpty")}
        columns={[
          { key: "reviewer", header: t("assignments.detectedReviewer"), rowHeader: true, userText: true, cell: (c) => c.name },
          { key: "reason", header: t("assignments.detectedReason"), cell: (c) => t(`assignments.conflict.${c.reason}`) },
          {
            key: "action",
            header: t("assignments.detectedAction"),
            cell: (c) => {
              const typed = data.values?.reviewerId === c.reviewerId ? data.values : null;
              const error = typed ? data.errors?.overrideReason : undefined;
              const fieldId = `override-reason-${c.reviewerId}`;
              return c.override ? (
                t("assignments.overriddenBy", {
                  name: c.override.createdBy ?? t("admin.system"),
                  date: c.override.createdAtText,
                  reason: c.override.reason,
                })
              ) : c.overridable ? (
                <Form method="post" className="stack">
                  <input type="hidden" name="reviewerId" value={c.reviewerId} />
                  <div className="field">
                    <label htmlFor={fieldId}>{t("assignments.overrideReason")}</label>
                    <textarea
                      id={fieldId}
                      name="reason"
                      rows={2}
                      dir="auto"
                      required
                      minLength={3}
                      maxLength={2000}
                      defaultValue={typed?.reason ?? ""}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? errorId(fieldId) : undefined}
                    />
                    <FieldError name={fieldId} error={error} />
                  </div>
                  <button type="submit" name="intent" value="overrideConflict" className="button button-small button-secondary">
                    {t("assignments.overrideSubmit", { name: c.name })}
                  </button>
                </Form>
              ) : (
                t("assignments.notOverridable")
              );
            },
          },
        ]}
      />
    </div>
  );
}
