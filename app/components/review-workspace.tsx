// A review of one assignment on one screen (the application, its answers and files, the rubric, the comments,
// the recommendation, the other reviews once submitted, the conflict declaration): the review page's, and the
// panel page's for an interview on the day (issue 19). Its forms post to the page that shows it.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ApplicationDetails, DetailRow } from "~/components/application-details.tsx";
import { ChoiceGroup, choiceProps, FieldError, useValidatedForm } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { TextAreaField } from "~/components/wizard/fields.tsx";
import { RECOMMENDATIONS, SCORE_VALUES } from "~/domain/constants.ts";
import { toPercent } from "~/domain/scoring.ts";
import { formatNumber, siteName } from "~/i18n/format.ts";
import type { TranslationKey } from "~/i18n/keys.ts";
import { useLocale } from "~/i18n/use-locale.ts";
import { reviewSubmitSchema } from "~/schemas/review.ts";
import { ShownTextView } from "~/components/shown-text.tsx";
import { AnswersSection } from "~/components/answers/answers-list.tsx";
import type { SerializeFrom } from "@remix-run/node";
import type { getReviewWorkspace } from "~/models/review.server.ts";

/** The workspace as a loader hands it to the page, with its due date written on the server. */
export type ReviewWorkspaceData = SerializeFrom<NonNullable<Awaited<ReturnType<typeof getReviewWorkspace>>> & { dueAtText: string | null }>;

export function ReviewWorkspace({
  data,
  actionData,
  headingLevel = 1,
}: {
  data: ReviewWorkspaceData;
  actionData: { errors?: Record<string, string> | null; message?: string | null } | undefined;
  /** 1 on the review page; 2 under a panel's page heading (issue 19). */
  headingLevel?: 1 | 2;
}) {
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
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <div className="stack">
      <Heading dir="auto">{application.projectName || t("apply.untitled")}</Heading>
      <p className="muted">
        <ShownTextView value={data.callTitle} /> — {t(`statuses.${data.assignment.stage}`)}
        {data.dueAtText ? ` — ${t("review.dueOn", { date: data.dueAtText })}` : ""}
        {data.blind ? ` — ${t("review.blind")}` : ""}
      </p>
      {actionData?.message ? <FormMessage kind="error">{t(actionData.message as TranslationKey)}</FormMessage> : null}

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
