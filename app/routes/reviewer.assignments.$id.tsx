import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { ApplicationDetails, DetailRow } from "~/components/application-details.tsx";
import { ChoiceGroup, choiceProps, FieldError, useValidatedForm } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { TextAreaField } from "~/components/wizard/fields.tsx";
import { RECOMMENDATIONS, SCORE_VALUES } from "~/domain/constants.ts";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { toPercent } from "~/domain/scoring.ts";
import { formatOptionalDate } from "~/i18n/dates.server.ts";
import { formatNumber, siteName } from "~/i18n/format.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { useLocale } from "~/i18n/use-locale.ts";
import { declareConflict, getReviewWorkspace, saveReview } from "~/models/review.server.ts";
import { formDataToObject, issuesToErrors, readFormData } from "~/schemas/form-data.ts";
import { conflictSchema, reviewDraftSchema, reviewSubmitSchema } from "~/schemas/review.ts";
import { ShownTextView } from "~/components/shown-text.tsx";
import { AnswersSection } from "~/components/answers/answers-list.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.review.title);

async function loadWorkspace(request: Request, id: string | undefined) {
  const user = await requireUser(request, { role: "REVIEWER" });
  const workspace = ensureFound(await getReviewWorkspace(id ?? "", user.id, await getLocale(request)));
  return { user, workspace };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await loadWorkspace(request, params.id);
  return json({ ...workspace, dueAtText: formatOptionalDate(workspace.assignment.dueAt, await getLocale(request)) });
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const { user, workspace } = await loadWorkspace(request, params.id);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "conflict") {
    const parsed = conflictSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return json({ errors: issuesToErrors(parsed.error.issues), message: null }, { status: 400 });
    await declareConflict(workspace.assignment.id, user.id, parsed.data.reason);
    return redirectWithFlash("/reviewer", { kind: "success", key: "review.conflictDeclared" });
  }
  const submit = intent === "submit";
  const schema = submit ? reviewSubmitSchema(workspace.criteria.map((c) => c.id)) : reviewDraftSchema;
  const parsed = schema.safeParse(formDataToObject(formData));
  if (!parsed.success) return json({ errors: issuesToErrors(parsed.error.issues), message: null }, { status: 400 });
  await saveReview(workspace.assignment.id, user.id, parsed.data, submit);
  // Saved: the page is read again (Post/Redirect/Get), the outcome in the flash. Errors above stay with the form.
  return redirectWithFlash(new URL(request.url).pathname, { kind: "success", key: submit ? "review.submitted" : "review.draftSaved" });
}

export default function ReviewPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const { application, criteria, review } = data;
  const existing = Object.fromEntries((review?.scores ?? []).map((s) => [s.criterionId, String(s.value)]));
  const { form, onSubmit, errorFor } = useValidatedForm(reviewSubmitSchema(criteria.map((c) => c.id)), {
    defaultValues: {
      scores: existing,
      privateComment: review?.privateComment ?? "",
      founderFeedback: review?.founderFeedback ?? "",
      recommendation: (review?.recommendation ?? undefined) as never,
    },
    serverErrors: actionData?.errors,
    validateOnlyMarkedButtons: true,
  });
  const siteLabel = (site: { name: string; nameAr: string } | null) => (site ? siteName(site, locale) : "—");
  const readOnly = !data.editable;
  return (
    <div className="stack">
      <nav className="pagination" aria-label={t("review.queueNavigation")}>
        <Link to="/reviewer">{t("review.backToQueue")}</Link>
        {data.previousId ? <Link to={`/reviewer/assignments/${data.previousId}`}>{t("review.previous")}</Link> : null}
        {data.nextId ? <Link to={`/reviewer/assignments/${data.nextId}`}>{t("review.next")}</Link> : null}
      </nav>
      <h1 dir="auto">{application.projectName || t("apply.untitled")}</h1>
      <p className="muted">
        <ShownTextView value={data.callTitle} /> — {t(`statuses.${data.assignment.stage}`)}
        {data.dueAtText ? ` — ${t("review.dueOn", { date: data.dueAtText })}` : ""}
        {data.blind ? ` — ${t("review.blind")}` : ""}
      </p>
      {actionData?.message ? <FormMessage kind="error">{t(actionData.message)}</FormMessage> : null}

      <ApplicationDetails project={application}>
        <DetailRow label={t("apply.fields.stage")}>{application.stage ? t(`apply.stages.${application.stage}`) : "—"}</DetailRow>
        <DetailRow label={t("apply.fields.sector")}>{application.sector ? t(`sectors.${application.sector}`) : "—"}</DetailRow>
        <DetailRow label={t("apply.fields.preferredSite")}>
          {siteLabel(application.preferredSite)}
          {application.alternateSite ? ` (${t("apply.fields.alternateSite")} : ${siteLabel(application.alternateSite)})` : ""}
        </DetailRow>
        <DetailRow label={t("apply.steps.team")}>
          <ul>
            {application.team.map((member, index) => (
              <li key={index}>
                {"name" in member ? `${member.name} (${member.email}) — ${member.role}` : member.role || t("review.memberWithoutRole")}
              </li>
            ))}
          </ul>
        </DetailRow>
        <DetailRow label={t("apply.steps.documents")}>
          <ul>
            {application.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/files/${a.id}`}>
                  {a.fileName ??
                    (a.kind === "PITCH_DECK" ? t("apply.documents.deckTitle") : `${t("apply.documents.otherFile")} ${a.index}`)}
                </a>
              </li>
            ))}
          </ul>
        </DetailRow>
      </ApplicationDetails>

      <AnswersSection answers={data.answers} />

      <Form method="post" noValidate onSubmit={onSubmit} className="card stack">
        <h2>{t("review.rubric")}</h2>
        <fieldset disabled={readOnly} className="plain-fieldset stack">
          {criteria.map((criterion) => (
            <ChoiceGroup
              key={criterion.id}
              legend={`${criterion.label} (${t("review.weight", { weight: Math.round(criterion.weight * 100) })})`}
              name={`scores.${criterion.id}`}
              error={errorFor(`scores.${criterion.id}`)}
            >
              {SCORE_VALUES.map((value, index) => (
                <label key={value} className="choice score-choice">
                  <input type="radio" {...choiceProps(form as never, `scores.${criterion.id}`, String(value))} />
                  <span>
                    <strong>{value}</strong> — {criterion.anchors[index] ?? ""}
                  </span>
                </label>
              ))}
            </ChoiceGroup>
          ))}
          <TextAreaField
            label={t("review.privateComment")}
            hint={t("review.privateCommentHint")}
            error={errorFor("privateComment")}
            registration={form.register("privateComment" as never)}
          />
          <TextAreaField
            label={t("review.founderFeedback")}
            hint={t("review.founderFeedbackHint")}
            error={errorFor("founderFeedback")}
            registration={form.register("founderFeedback" as never)}
            rows={4}
          />
          <ChoiceGroup legend={t("review.recommendation")} name="recommendation" error={errorFor("recommendation")}>
            {RECOMMENDATIONS.map((value) => (
              <label key={value} className="choice">
                <input type="radio" {...choiceProps(form as never, "recommendation", value)} />
                {t(`review.recommendations.${value}`)}
              </label>
            ))}
          </ChoiceGroup>
          {readOnly ? (
            <p className="muted">{t("review.stageClosed")}</p>
          ) : (
            <div className="wizard-actions">
              {review?.submittedAt ? null : (
                <button type="submit" name="intent" value="draft" className="button button-secondary">
                  {t("review.saveDraft")}
                </button>
              )}
              <button type="submit" name="intent" value="submit" className="button" data-validate="true">
                {review?.submittedAt ? t("review.update") : t("review.submit")}
              </button>
            </div>
          )}
        </fieldset>
      </Form>

      {review?.submittedAt ? (
        <p>
          <Link to={`/staff/discussions/${data.application.id}`}>{t("discussion.open")}</Link>
        </p>
      ) : null}
      {data.otherReviews.length > 0 ? (
        <section className="card" aria-labelledby="others-title">
          <h2 id="others-title">{t("review.otherReviews")}</h2>
          <ul className="plain-list stack">
            {data.otherReviews.map((other) => (
              <li key={other.number}>
                <strong>{other.reviewer ?? t("review.reviewerNumber", { number: other.number })}</strong> —{" "}
                {other.score !== null
                  ? `${formatNumber(Math.round(other.score * 100) / 100, locale)} / 5 (${Math.round(toPercent(other.score))} / 100)`
                  : "—"}
                {other.recommendation ? ` — ${t(`review.recommendations.${other.recommendation}`)}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {readOnly ? null : (
        <details className="card">
          <summary>{t("review.declareConflict")}</summary>
          <Form method="post" className="stack">
            <p>{t("review.conflictHelp")}</p>
            <div className="field">
              <label htmlFor="conflict-reason">{t("review.conflictReason")}</label>
              <textarea id="conflict-reason" name="reason" rows={3} dir="auto" required />
              <FieldError name="reason" error={errorFor("reason")} />
            </div>
            <button type="submit" name="intent" value="conflict" className="button button-secondary">
              {t("review.declareConflict")}
            </button>
          </Form>
        </details>
      )}
    </div>
  );
}
