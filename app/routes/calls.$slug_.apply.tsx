import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { isEditableByFounder } from "~/domain/lifecycle.ts";
import { withUserErrors } from "~/errors.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { findApplicationToCall, startOrResumeApplication } from "~/models/application.server.ts";
import { showCallText, textInSentence } from "~/domain/call-texts.ts";
import type { AnswerValue } from "~/domain/call-questions.ts";
import { EligibilityRuleList } from "~/components/eligibility-rules.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { QuestionField } from "~/components/question-field.tsx";
import { eligibilityForm } from "~/models/call-questions.server.ts";
import { answerField, readPostedAnswers } from "~/schemas/answers.ts";
import { readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.apply.startTitle);

const wizardOf = (applicationId: string) => `/founder/applications/${applicationId}/edit/project`;

/**
 * Apply. Opening this page never changes anything (a link from another site could
 * open it): an application already started resumes; a new one is started by the
 * form below, a POST that the cross-site check guards.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const { call, applicationId } = ensureFound(await findApplicationToCall(user.id, params.slug ?? ""));
  if (applicationId) return redirect(wizardOf(applicationId));
  if (!isEditableByFounder("DRAFT", call, new Date())) return redirect(`/calls/${call.slug}`);
  const locale = await getLocale(request);
  return json({
    eligibility: await eligibilityForm(call.id, locale),
    call: {
      title: showCallText(call, "title", locale),
      closesAt: call.closesAt,
      closesAtText: formatDate(call.closesAt, locale, "dateTime"),
    },
  });
}

/** A call that closed (or is not open yet) sends the founder back to its page, which says why. */
// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) =>
  withUserErrors(startApplication, { redirectTo: ({ params }) => `/calls/${params.slug}` })(args);

async function startApplication({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const answers = readPostedAnswers(await readFormData(request));
  const started = ensureFound(await startOrResumeApplication(user.id, params.slug ?? "", answers));
  if (started.ok) return redirect(wizardOf(started.applicationId));
  // Invalid answers beside their questions, or the rules not met: no draft, and the answers as given.
  const reasons = Object.fromEntries(started.ineligible.map((failed) => [failed.ruleId, failed.key]));
  return json({ errors: started.errors, errorParams: started.errorParams, reasons, answers }, { status: 422 });
}

export default function StartApplication() {
  const { call, eligibility } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useTranslation();
  const answers = refused && "answers" in refused ? (refused.answers as Record<string, AnswerValue>) : {};
  const errors = refused && "errorParams" in refused ? refused : null;
  const failedRules = errors ? eligibility.rules.filter((rule) => rule.id in errors.reasons) : [];
  return (
    <section className="stack">
      <h1>{t("apply.startTitle")}</h1>
      <p>
        <time dateTime={call.closesAt}>
          {t("apply.startText", { title: textInSentence(call.title, t("calls.inFrench")), date: call.closesAtText })}
        </time>
      </p>
      {failedRules.length > 0 && errors ? (
        <FormMessage kind="error">
          <p>{t("questions.notEligible")}</p>
          <EligibilityRuleList rules={failedRules} reasons={errors.reasons} />
        </FormMessage>
      ) : null}
      <Form method="post" noValidate className="stack">
        {eligibility.questions.length > 0 ? (
          <fieldset className="plain-fieldset stack">
            <legend>{t("questions.eligibilityTitle")}</legend>
            <p className="field-hint">{t("questions.eligibilityIntro")}</p>
            {eligibility.rules.length > 0 ? (
              <section aria-labelledby="eligibility-rules">
                <h2 id="eligibility-rules">{t("questions.rulesTitle")}</h2>
                <EligibilityRuleList rules={eligibility.rules} />
              </section>
            ) : null}
            {eligibility.questions.map((question) => {
              const field = answerField(question.key);
              return (
                <QuestionField
                  key={question.key}
                  question={question}
                  answer={answers[question.key]}
                  error={errors?.errors[field]}
                  errorParams={errors?.errorParams[field]}
                />
              );
            })}
          </fieldset>
        ) : null}
        <button type="submit" className="button">
          {t("apply.start")}
        </button>
      </Form>
    </section>
  );
}
