import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLocale } from "~/i18n/use-locale.ts";
import type { WizardStep } from "~/schemas/wizard-steps.ts";
import type { AttachmentView } from "./documents.tsx";
import { FieldError } from "~/components/form.tsx";
import type { SiteOption } from "./steps.tsx";
import { formatNumber, siteName } from "~/i18n/format.ts";
import type { ReactNode } from "react";
import type { AnswerValue, QuestionView } from "~/domain/call-questions.ts";
import { ShownTextView } from "~/components/shown-text.tsx";

export type ApplicationSummary = {
  projectName: string;
  tagline: string;
  problem: string;
  solution: string;
  market: string;
  traction: string;
  stage: string | null;
  sector: string | null;
  preferredSiteId: string | null;
  alternateSiteId: string | null;
  teamMembers: Array<{ name: string; email: string; role: string }>;
  attachments: AttachmentView[];
  /** The version shown, posted with Submit so a change made meanwhile is not submitted unseen. */
  version?: number;
};

/** Everything the founder entered, each part linking back to its step, then consent and Submit. */
export function ReviewStep({
  application,
  sites,
  stepUrl,
  submitted,
  readOnly,
  canSubmit = true,
  errorFor,
  questions,
  answers,
}: {
  application: ApplicationSummary;
  sites: SiteOption[];
  stepUrl: (step: WizardStep) => string;
  submitted: boolean;
  readOnly: boolean;
  /** Only the team's lead submits; the other members confirm their own part instead. */
  canSubmit?: boolean;
  errorFor: (name: string) => string | undefined;
  /** The call's own questions the application is shown, and its answers. */
  questions: QuestionView[];
  answers: Record<string, AnswerValue | undefined>;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const answerText = (question: QuestionView, answer: AnswerValue | undefined): string => {
    if (answer === undefined) return "";
    if (typeof answer === "boolean") return t(answer ? "questions.yes" : "questions.no");
    if (typeof answer === "number") return formatNumber(answer, locale);
    if (question.type === "PDF") return application.attachments.find((a) => a.id === answer)?.fileName ?? "";
    const label = (value: string) => question.choices.find((choice) => choice.value === value)?.label.text ?? value;
    return Array.isArray(answer) ? answer.map(label).join(", ") : question.choices.length > 0 ? label(answer) : answer;
  };
  const siteLabel = (id: string | null) => {
    const site = sites.find((s) => s.id === id);
    return site ? siteName(site, locale) : "—";
  };
  const part = (step: WizardStep, rows: Array<[ReactNode, string]>) => (
    <section className="card" aria-labelledby={`summary-${step}`}>
      <div className="summary-head">
        <h2 id={`summary-${step}`}>{t(`apply.steps.${step}`)}</h2>
        {readOnly ? null : (
          <Link to={stepUrl(step)} aria-label={t("apply.editStep", { step: t(`apply.steps.${step}`) })}>
            {t("apply.edit")}
          </Link>
        )}
      </div>
      <dl className="summary">
        {rows.map(([label, value], index) => (
          <div key={index}>
            <dt>{label}</dt>
            {/* Mostly what the founder typed: each value takes the direction of its own text. */}
            <dd dir="auto">{value || "—"}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
  return (
    <div className="stack">
      {part("project", [
        [t("apply.fields.projectName"), application.projectName],
        [t("apply.fields.tagline"), application.tagline],
        [t("apply.fields.problem"), application.problem],
        [t("apply.fields.solution"), application.solution],
        [t("apply.fields.market"), application.market],
        [t("apply.fields.traction"), application.traction],
        [t("apply.fields.stage"), application.stage ? t(`apply.stages.${application.stage}`) : ""],
      ])}
      {part(
        "team",
        application.teamMembers.map((m, i) => [
          i === 0 ? t("apply.team.founder") : t("apply.team.coFounder", { number: i }),
          `${m.name} — ${m.email} — ${m.role}`,
        ]),
      )}
      {part("site", [
        [t("apply.fields.sector"), application.sector ? t(`sectors.${application.sector}`) : ""],
        [t("apply.fields.preferredSite"), siteLabel(application.preferredSiteId)],
        [t("apply.fields.alternateSite"), application.alternateSiteId ? siteLabel(application.alternateSiteId) : t("apply.noAlternate")],
      ])}
      {questions.length > 0
        ? part(
            "questions",
            questions.map((question) => [
              <ShownTextView key={question.key} value={question.label} />,
              answerText(question, answers[question.key]),
            ]),
          )
        : null}
      {part(
        "documents",
        // A file answering a question is shown with its question.
        application.attachments
          .filter((a) => a.kind !== "ANSWER")
          .map((a) => [a.kind === "PITCH_DECK" ? t("apply.documents.deckTitle") : t("apply.documents.otherFile"), a.fileName]),
      )}
      {submitted ? (
        <p className="form-message form-message-success">{t("apply.alreadySubmitted")}</p>
      ) : readOnly || !canSubmit ? null : (
        <Form method="post" className="card">
          {application.version !== undefined ? <input type="hidden" name="version" value={application.version} /> : null}
          <div className="field">
            <label className="choice">
              <input type="checkbox" name="consent" aria-describedby={errorFor("consent") ? "error-consent" : undefined} />
              {t("apply.consent")}
            </label>
            <FieldError name="consent" error={errorFor("consent")} />
          </div>
          <button type="submit" name="intent" value="submit" className="button">
            {t("apply.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
