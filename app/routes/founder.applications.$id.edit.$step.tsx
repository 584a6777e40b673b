import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo, useRef } from "react";
import type * as z from "zod";
import { useTranslation } from "react-i18next";
import { ensureFound, notFound, requireUser } from "~/auth/guards.server.ts";
import { hitRateLimit, RATE_LIMITS } from "~/auth/rate-limit.server.ts";
import { AutosaveStatus, useAutosave } from "~/components/autosave.tsx";
import { useValidatedForm } from "~/components/form.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { DocumentsStep } from "~/components/wizard/documents.tsx";
import { ReviewStep } from "~/components/wizard/review.tsx";
import { VerificationNotice } from "~/components/verification-notice.tsx";
import { ProjectStep, SiteStep, TeamStep, type WizardValues } from "~/components/wizard/steps.tsx";
import { MAX_OTHER_ATTACHMENTS } from "~/domain/constants.ts";
import { UserError } from "~/domain/errors.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { isEditableByFounder } from "~/domain/lifecycle.ts";
import { withUserErrors } from "~/errors.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { ShownTextView } from "~/components/shown-text.tsx";
import { AnswerFileForms, QuestionField } from "~/components/question-field.tsx";
import type { AnswerValue, QuestionContext, QuestionDefinition } from "~/domain/call-questions.ts";
import { useAnswersCheck, useShownQuestions } from "~/components/wizard/answers-check.ts";
import { ANSWER_FIELD_PREFIX, answerField } from "~/schemas/answers.ts";
import {
  getFounderApplication,
  saveDraft,
  readStepChanges,
  callTitleFor,
  questionContextOf,
  questionStepViews,
  shownQuestionViews,
  submitApplication,
  submissionErrors,
} from "~/models/application.server.ts";
import { addAttachment, removeAttachment } from "~/models/attachment.server.ts";
import { isEmailVerified } from "~/models/email-verification.server.ts";
import { firstStepWithError, stepOfField, WIZARD_STEPS, type WizardStep } from "~/schemas/wizard-steps.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";
import type { SessionUser } from "~/auth/guards.server.ts";
import type { Locale } from "~/domain/constants.ts";
import { MemberConsent, TeamMembersList, TeamPanel, type TeamPanelData } from "~/components/wizard/team-panel.tsx";
import { ConflictNotices, DraftBaseField, postedAnswer, setAnswerControls, useSharedDraft } from "~/components/wizard/shared-draft.tsx";
import {
  confirmMembership,
  inviteTeamMember,
  readTeam,
  resendTeamInvitation,
  revokeTeamInvitation,
  saveMemberProfile,
  leaveTeam,
  transferLead,
} from "~/models/team.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.apply.title);

function parseStep(value: string | undefined): WizardStep {
  const step = WIZARD_STEPS.find((s) => s === value);
  if (!step) throw notFound();
  return step;
}

async function loadOwnApplication(request: Request, id: string | undefined) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const application = ensureFound(await getFounderApplication(id ?? "", user.id));
  return { user, application };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, application } = await loadOwnApplication(request, params.id);
  const step = parseStep(params.step);
  // Arriving from a refused Submit: show this step's errors against the full schema.
  const checkErrors = new URL(request.url).searchParams.has("check")
    ? Object.fromEntries(Object.entries(submissionErrors(application)).filter(([field]) => stepOfField(field) === step))
    : {};
  // The raw status stays on the server: a staged decision must not reach the founder.
  const { call, sites, teamMembers, attachments, status, decisionReleasedAt: _released, answers, questions, ...fields } = application;
  const locale = await getLocale(request);
  // The call's own questions have a step only when the call asks some.
  const steps = WIZARD_STEPS.filter((s) => s !== "questions" || questions.length > 0);
  if (!steps.includes(step)) throw notFound();
  // The questions step renders every question (a hidden one hidden); the review step those shown.
  const stepQuestions =
    step === "questions"
      ? questionStepViews(application, locale)
      : step === "review"
        ? { questions: shownQuestionViews(application, locale), shownKeys: [] }
        : { questions: [], shownKeys: [] };
  return json({
    submitted: status !== "DRAFT",
    step,
    steps,
    questions: stepQuestions.questions,
    shownKeys: stepQuestions.shownKeys,
    // What the browser's check of the questions step needs: the definitions and what decides which are shown.
    questionCheck:
      step === "questions" ? { questions, context: questionContextOf(application) } : { questions: [], context: { answers: {} } },
    answers: Object.fromEntries(stepQuestions.questions.map((question) => [question.key, answers[question.key]])),
    fields,
    teamMembers,
    attachments,
    sites: sites.map(({ id, name, nameAr, status }) => ({ id, name, nameAr, status })),
    call: {
      title: callTitleFor(application, locale),
      closesAt: call.closesAt,
      closesAtText: formatDate(call.closesAt, locale, "dateTime"),
    },
    editable: isEditableByFounder(application.status, call, new Date()),
    checkErrors,
    // Submitting needs a confirmed address: the review step says so and offers a new link.
    emailVerified: step === "review" ? await isEmailVerified(user.id) : true,
    viewer: { id: user.id, isLead: application.founderId === user.id },
    lastChange: await lastChangeOf(application.id, step, locale),
    team: step === "team" || step === "review" ? await teamPanelData(application.id, user.id, locale) : null,
  });
}

/** Who last changed this step of the draft, and when (formatted here). */
async function lastChangeOf(applicationId: string, step: WizardStep, locale: Locale) {
  const change = (await readStepChanges(applicationId)).find((row) => row.step === step);
  return change ? { name: change.name, at: formatDate(change.changedAt, locale, "dateTime") } : null;
}

/** The team as the team and review steps show it, its dates formatted here (the server's zone and calendar). */
async function teamPanelData(applicationId: string, viewerId: string, locale: Locale): Promise<TeamPanelData | null> {
  const team = await readTeam(applicationId);
  if (!team) return null;
  const own = team.members.find((member) => member.userId === viewerId);
  return {
    maxTeamSize: team.maxTeamSize,
    members: team.members.map((member) => ({
      userId: member.userId,
      lead: member.lead,
      name: member.name,
      email: member.email,
      consentText: member.consentAt ? formatDate(member.consentAt, locale, "dateTime") : null,
    })),
    invitations: team.invitations.map((invitation) => ({
      id: invitation.id,
      name: invitation.name,
      email: invitation.email,
      role: invitation.role,
      state: invitation.state,
      expiresText: formatDate(invitation.expiresAt, locale, "dateTime"),
    })),
    ownProfile: own ? { linkUrl: own.linkUrl, phone: own.phone, residesInMorocco: own.residesInMorocco, bio: own.bio } : null,
  };
}

/** The team step's and review step's own forms: invitations, a member's part, a member's confirmation. */
async function handleTeamIntent(intent: string, formData: FormData, user: SessionUser, applicationId: string, base: string) {
  const back = (step: WizardStep) => `${base}/edit/${step}`;
  // Imported here: a static import would keep the team's schemas, and zod, in the wizard's JavaScript (the bundler
  // keeps a module whose top level runs code even when only the action, which the browser's bundle drops, used it).
  const { invitationSchema, memberProfileSchema } = await import("~/schemas/team.ts");
  if (intent === "invite") {
    const parsed = parseForm(invitationSchema, formData);
    if (!parsed.ok) return json({ ok: false as const, message: null, errors: parsed.errors, values: parsed.values }, { status: 400 });
    await inviteTeamMember(applicationId, user, parsed.data);
    return redirectWithFlash(back("team"), { kind: "success", key: "teams.flash.invited", values: { email: parsed.data.email } });
  }
  if (intent === "resendInvitation" || intent === "revokeInvitation") {
    const invitationId = String(formData.get("invitationId") ?? "");
    const email =
      intent === "resendInvitation"
        ? await resendTeamInvitation(applicationId, invitationId, user)
        : await revokeTeamInvitation(applicationId, invitationId, user);
    const key = intent === "resendInvitation" ? "teams.flash.resent" : "teams.flash.revoked";
    return redirectWithFlash(back("team"), { kind: "success", key, values: { email } });
  }
  if (intent === "saveProfile") {
    const parsed = parseForm(memberProfileSchema, formData);
    if (!parsed.ok) return json({ ok: false as const, message: null, errors: parsed.errors, values: parsed.values }, { status: 400 });
    await saveMemberProfile(applicationId, user, parsed.data);
    return redirectWithFlash(back("team"), { kind: "success", key: "teams.flash.profileSaved" });
  }
  if (intent === "transferLead") {
    const name = await transferLead(applicationId, user, String(formData.get("userId") ?? ""));
    return redirectWithFlash(back("team"), { kind: "success", key: "teams.flash.leadTransferred", values: { name } });
  }
  if (intent === "leaveTeam") {
    await leaveTeam(applicationId, user);
    return redirectWithFlash("/founder", { kind: "success", key: "teams.flash.left" });
  }
  if (intent === "confirmMembership") {
    await confirmMembership(applicationId, user);
    return redirectWithFlash(back("review"), { kind: "success", key: "teams.flash.consentGiven" });
  }
  return null;
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request, params }: ActionFunctionArgs) {
  const { user, application } = await loadOwnApplication(request, params.id);
  const step = parseStep(params.step);
  const base = `/founder/applications/${application.id}`;
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const limit = await hitRateLimit(`upload:user:${user.id}`, RATE_LIMITS.uploadsPerUser);
    if (!limit.allowed) throw new UserError("errors.tooManyUploads", 429);
    const kind = await addAttachment(application, request, new Date(), user.id);
    return redirect(`${base}/edit/${kind === "ANSWER" ? "questions" : "documents"}`);
  }
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const teamAnswer = typeof intent === "string" ? await handleTeamIntent(intent, formData, user, application.id, base) : null;
  if (teamAnswer) return teamAnswer;
  if (intent === "deleteAttachment") {
    await removeAttachment(application, String(formData.get("attachmentId") ?? ""), new Date(), user.id);
    // Back to the step the file was shown on: a question's file on the questions step.
    return redirect(`${base}/edit/${step === "questions" ? "questions" : "documents"}`);
  }
  if (intent === "submit") {
    // A field of this form: its error goes beside the box, like the step fields' own.
    if (formData.get("consent") !== "on") {
      return json({ ok: false as const, message: null, errors: { consent: "errors.consentRequired" } }, { status: 400 });
    }
    if (!(await isEmailVerified(user.id))) throw new UserError("verification.requiredToSubmit", 403);
    // The version the review page showed: what the founder read is what gets submitted.
    const shownVersion = Number(formData.get("version"));
    const expectedVersion = Number.isSafeInteger(shownVersion) && shownVersion > 0 ? shownVersion : application.version;
    const result = await submitApplication(application, { kind: "user", id: user.id, roles: user.roles }, expectedVersion);
    if (!result.ok) return redirect(`${base}/edit/${firstStepWithError(result.errors) ?? "review"}?check=1`);
    return redirectWithFlash(base, { kind: "success", key: "apply.submittedMessage" });
  }
  const { errors, conflicts } = await saveDraft(application, formData, new Date(), user.id);
  if (Object.keys(errors).length > 0) return json({ ok: false as const, message: null, errors, conflicts }, { status: 400 });
  const goto = WIZARD_STEPS.find((s) => s === formData.get("goto")) ?? step;
  return redirect(`${base}/edit/${goto}`);
}

// Fetched on the first check of a step in the browser, with zod: the page itself carries neither.
const stepSchemas = () => import("~/schemas/application.ts");
const STEP_SCHEMAS = {
  project: () => stepSchemas().then((schemas) => schemas.projectStepSchema),
  team: () => stepSchemas().then((schemas) => schemas.teamStepSchema),
  site: () => stepSchemas().then((schemas) => schemas.siteStepSchema),
} as const;

export default function ApplicationWizard() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const { step, fields, editable } = data;
  const base = `/founder/applications/${fields.id}`;
  const steps = data.steps;
  const stepIndex = steps.indexOf(step);
  // The step schemas check a subset of the wizard's values; the form holds them all.
  const stepSchema = (step in STEP_SCHEMAS ? STEP_SCHEMAS[step as keyof typeof STEP_SCHEMAS] : undefined) as
    (() => Promise<z.ZodType<WizardValues, WizardValues>>) | undefined;
  const {
    form,
    onSubmit,
    errorFor: fieldError,
  } = useValidatedForm(stepSchema, {
    defaultValues: {
      projectName: fields.projectName,
      tagline: fields.tagline,
      problem: fields.problem,
      solution: fields.solution,
      market: fields.market,
      traction: fields.traction,
      stage: fields.stage ?? "",
      sector: fields.sector ?? "",
      preferredSiteId: fields.preferredSiteId ?? "",
      alternateSiteId: fields.alternateSiteId ?? "",
      team: data.teamMembers.length > 0 ? data.teamMembers : [{ name: "", email: "", role: "" }],
    },
    serverErrors: actionData?.errors,
    // Continue validates the step in the browser first; other navigation just saves.
    validateOnlyMarkedButtons: true,
  });
  // Another member's value, taken by the page (the team's list as rows of the field array).
  const takeValue = (field: string, value: unknown) =>
    field.startsWith(ANSWER_FIELD_PREFIX)
      ? setAnswerControls(formRef.current, field, value)
      : form.setValue(field as keyof WizardValues, value as never);
  // The saved answers the questions step's form posts (a file is uploaded on its own, not by the form).
  const formAnswers = useMemo(
    () =>
      step === "questions"
        ? Object.fromEntries(data.questions.filter((q) => q.type !== "PDF").map((q) => [q.key, data.answers[q.key] ?? null]))
        : {},
    [step, data.questions, data.answers],
  );
  const shared = useSharedDraft(
    data.fields,
    data.teamMembers,
    formAnswers,
    actionData && "conflicts" in actionData ? actionData.conflicts : undefined,
    takeValue,
  );
  const { baseRef, initialBase } = shared;
  const autosave = useAutosave(formRef, `${base}/autosave`, editable, shared.onReply);
  const answersCheck = useAnswersCheck(data.questionCheck.questions as QuestionDefinition[], data.questionCheck.context as QuestionContext);
  const shownQuestions = useShownQuestions(
    data.questionCheck.questions as QuestionDefinition[],
    data.questionCheck.context as QuestionContext,
    data.shownKeys,
  );
  const errorFor = (name: string): string | undefined =>
    answersCheck.errors[name] ?? fieldError(name) ?? autosave.serverErrors[name] ?? (data.checkErrors as Record<string, string>)[name];
  const stepUrl = (s: WizardStep) => `${base}/edit/${s}`;
  // A file question's answer is the id of the file uploaded for it.
  const answerFile = (key: string) => data.attachments.find((a) => a.kind === "ANSWER" && a.id === data.answers[key]);
  const hasForm = step === "project" || step === "team" || step === "site" || step === "questions";
  const next = steps[stepIndex + 1];
  const previous = steps[stepIndex - 1];

  return (
    <div className="stack wizard">
      <p>
        <Link to={base}>{t("apply.backToApplication")}</Link>
      </p>
      <h1>
        {t("apply.title")} — <ShownTextView value={data.call.title} />
      </h1>
      <p className="muted">
        <time dateTime={data.call.closesAt}>{t("apply.deadline", { date: data.call.closesAtText })}</time>
      </p>
      {!editable ? <FormMessage kind="error">{t("apply.readOnly")}</FormMessage> : null}
      {actionData?.message ? (
        <FormMessage kind="error">{t(actionData.message, "params" in actionData ? actionData.params : undefined)}</FormMessage>
      ) : null}
      <nav aria-label={t("apply.stepsLabel")}>
        <ol className="wizard-steps">
          {steps.map((s, index) => (
            <li key={s}>
              <Link to={stepUrl(s)} aria-current={s === step ? "step" : undefined}>
                <span className="step-number">{index + 1}</span> {t(`apply.steps.${s}`)}
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      <h2>{t(`apply.steps.${step}`)}</h2>
      {data.lastChange ? <p className="muted">{t("teams.lastChange", { name: data.lastChange.name, date: data.lastChange.at })}</p> : null}
      {hasForm ? (
        <Form
          method="post"
          ref={formRef}
          noValidate
          onSubmit={(event) => answersCheck.onSubmit(event) || onSubmit(event)}
          onChange={(event) => {
            shownQuestions.onChange(event);
            autosave.scheduleSave();
          }}
        >
          <DraftBaseField key={initialBase} value={initialBase} inputRef={baseRef} />
          <ConflictNotices
            conflicts={shared.conflicts}
            mine={(field) =>
              field.startsWith(ANSWER_FIELD_PREFIX) ? postedAnswer(formRef.current, field) : form.getValues(field as keyof WizardValues)
            }
            questions={data.questions}
            onUseTheirs={(field, theirs) => {
              takeValue(field, theirs);
              shared.resolve(field, theirs);
              autosave.scheduleSave();
            }}
            onKeepMine={(field, theirs) => {
              shared.resolve(field, theirs);
              autosave.scheduleSave();
            }}
          />
          {step === "project" ? <ProjectStep form={form} errorFor={errorFor} readOnly={!editable} /> : null}
          {step === "team" ? <TeamStep form={form} errorFor={errorFor} readOnly={!editable} /> : null}
          {step === "site" ? <SiteStep form={form} errorFor={errorFor} readOnly={!editable} sites={data.sites} /> : null}
          {step === "questions" ? (
            <fieldset className="plain-fieldset stack" disabled={!editable}>
              {data.questions.map((question) => {
                // A question its conditions hide: not shown, and its controls not posted.
                const hidden = !shownQuestions.isShown(question.key);
                return (
                  <fieldset key={question.key} className="plain-fieldset" hidden={hidden} disabled={hidden}>
                    <QuestionField
                      question={question}
                      answer={data.answers[question.key] as AnswerValue | undefined}
                      error={errorFor(answerField(question.key))}
                      errorParams={question.errorParams}
                      file={answerFile(question.key)}
                    />
                  </fieldset>
                );
              })}
            </fieldset>
          ) : null}
          {editable ? (
            <div className="wizard-actions">
              <AutosaveStatus state={autosave.state} onRetry={() => void autosave.saveNow()} />
              {previous ? (
                <button type="submit" name="goto" value={previous} className="button button-secondary">
                  {t("apply.previous")}
                </button>
              ) : null}
              <button type="submit" name="goto" value={step} className="button button-secondary">
                {t("apply.save")}
              </button>
              {next ? (
                <button type="submit" name="goto" value={next} className="button" data-validate="true">
                  {t("apply.continue")}
                </button>
              ) : null}
            </div>
          ) : null}
        </Form>
      ) : null}
      {step === "team" && data.team ? (
        <TeamPanel
          team={data.team}
          viewerId={data.viewer.id}
          viewerIsLead={data.viewer.isLead}
          editable={editable}
          canLeave={!data.submitted}
          answer={{ intent: String(actionData && "values" in actionData ? (actionData.values?.intent ?? "") : ""), ...(actionData ?? {}) }}
        />
      ) : null}
      {step === "questions"
        ? data.questions
            .filter((question) => question.type === "PDF")
            .map((question) => (
              <AnswerFileForms
                key={question.key}
                questionKey={question.key}
                file={answerFile(question.key)}
                beforeUpload={autosave.saveNow}
              />
            ))
        : null}
      {step === "documents" ? (
        <>
          <DocumentsStep attachments={data.attachments} readOnly={!editable} maxOther={MAX_OTHER_ATTACHMENTS} errorFor={errorFor} />
          <div className="wizard-actions">
            <Link className="button button-secondary" to={stepUrl(previous ?? "site")}>
              {t("apply.previous")}
            </Link>
            <Link className="button" to={stepUrl("review")}>
              {t("apply.continue")}
            </Link>
          </div>
        </>
      ) : null}
      {step === "review" && !data.emailVerified ? <VerificationNotice returnTo={stepUrl("review")} /> : null}
      {step === "review" && data.team && data.team.members.length > 1 ? (
        <section className="stack" aria-labelledby="review-team-title">
          <h3 id="review-team-title">{t("teams.title")}</h3>
          <TeamMembersList team={data.team} viewerId={data.viewer.id} viewerIsLead={data.viewer.isLead} editable={false} />
        </section>
      ) : null}
      {step === "review" && data.team && !data.viewer.isLead ? (
        <MemberConsent
          consentText={data.team.members.find((member) => member.userId === data.viewer.id)?.consentText ?? null}
          editable={editable}
        />
      ) : null}
      {step === "review" && data.team && data.viewer.isLead && data.team.members.length + data.team.invitations.length > 1 ? (
        <p className="field-hint">{t("teams.waitingForTeam")}</p>
      ) : null}
      {step === "review" ? (
        <ReviewStep
          application={{ ...fields, teamMembers: data.teamMembers, attachments: data.attachments }}
          sites={data.sites}
          stepUrl={stepUrl}
          submitted={data.submitted}
          readOnly={!editable}
          canSubmit={data.viewer.isLead}
          errorFor={errorFor}
          questions={data.questions}
          answers={data.answers as Record<string, AnswerValue | undefined>}
        />
      ) : null}
    </div>
  );
}
