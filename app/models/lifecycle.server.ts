import { CALL_TITLE_SELECT } from "./reference-data.server.ts";
import { env } from "~/config/env.server.ts";
import { db, type Tx } from "~/db/client.server.ts";
import { FOLLOW_UP_STATUSES, toLocale, type ApplicationStatus } from "~/domain/constants.ts";
import { UserError, type UserErrorStatus } from "~/domain/errors.ts";
import { checkTransition, TRANSITIONS, type Actor, type EmailIntent, type Transition, type TransitionName } from "~/domain/lifecycle.ts";
import { callTitleForEmail } from "~/email/outbox.server.ts";
import { emailTeam } from "./team.server.ts";
import type { TranslationKey } from "~/i18n/keys.ts";
import { storedSubmissionErrors } from "./submission.server.ts";
import { refreshFollowUpSummaries } from "./follow-up-summary.server.ts";
import { recordConsent } from "./consent.server.ts";
import { callHasInterviewDays, cancelUpcomingInterview, slotInvitationFacts } from "./interview.server.ts";

/** The founder's page of an application (and its sub-pages), as emailed links carry it. */
export function founderApplicationUrl(applicationId: string, subPath = ""): string {
  return `${env().APP_URL}/founder/applications/${applicationId}${subPath}`;
}

export type ApplyTransitionInput = {
  applicationId: string;
  name: TransitionName;
  actor: Actor;
  /** The version the actor's page showed; omitted only by system actions. */
  expectedVersion?: number;
  reason?: string;
  override?: boolean;
  /** Extra data for the emails (e.g. interview date and place). */
  emailData?: Record<string, string>;
  now?: Date;
  /** The caller checked, in this transaction, that this user answers for the team's lead (a member answering the seat offer). */
  forLead?: boolean;
};

const ERROR_STATUS: Partial<Record<TranslationKey, UserErrorStatus>> = {
  "lifecycle.forbidden": 403,
  "lifecycle.notAllowedFromStatus": 409,
  "lifecycle.deadlinePassed": 409,
};

/**
 * Applies one lifecycle transition: role and guard check, compare-and-set on
 * `version`, audit event and outbox rows — all in one transaction (the
 * caller's, when batching several).
 */
export async function applyTransition(input: ApplyTransitionInput, tx?: Tx): Promise<{ status: string; version: number }> {
  if (!tx) return db.$transaction((inner) => applyTransition(input, inner));
  const now = input.now ?? new Date();
  const application = await tx.application.findUnique({
    where: { id: input.applicationId },
    select: {
      id: true,
      status: true,
      version: true,
      founderId: true,
      projectName: true,
      submittedAt: true,
      decisionReleasedAt: true,
      allocatedCohortId: true,
      founder: { select: { email: true, name: true, locale: true } },
      callId: true,
      call: { select: { status: true, opensAt: true, closesAt: true, hasInterview: true, ...CALL_TITLE_SELECT } },
    },
  });
  if (!application) throw new UserError("errors.title404", 404);
  const stage = application.status === "INTERVIEW" ? "INTERVIEW" : "REVIEW";
  const byStatus = await tx.reviewAssignment.groupBy({
    by: ["status"],
    where: { applicationId: application.id, stage },
    _count: { _all: true },
  });
  const countOf = (status: string) => byStatus.find((g) => g.status === status)?._count._all ?? 0;
  const [pending, submitted] = [countOf("PENDING"), countOf("SUBMITTED")];
  const transition: Transition = TRANSITIONS[input.name];
  const verdict = checkTransition(input.name, application.status, {
    now,
    actor: input.actor,
    isOwner: input.actor.kind === "user" && (input.actor.id === application.founderId || input.forLead === true),
    call: application.call,
    assignments: { pending, submitted },
    reason: input.reason,
    override: input.override,
    decisionReleasedAt: application.decisionReleasedAt,
  });
  if (!verdict.ok) throw new UserError(verdict.error, ERROR_STATUS[verdict.error] ?? 400);
  // No acceptance without its seat: the allocation, a waitlist promotion or the admin (seatByHand) names the cohort
  // first, having checked its capacity in this same transaction — else the release could offer nothing.
  if (transition.to === "ACCEPTED" && !application.allocatedCohortId)
    throw new UserError("allocation.cohortRequired", 400, { field: "cohortId" });
  // The submission rule, on what this transaction reads: a save or file removal racing the submit
  // either committed before (and is seen here) or waits and then finds the application submitted.
  if (input.name === "submit" && Object.keys(await storedSubmissionErrors(tx, application.id)).length > 0) {
    throw new UserError("lifecycle.incomplete", 400);
  }
  // Pitch day (issue 19): once the call has interview days, the team is invited to book a slot itself.
  const invitedToBook =
    transition.emails?.includes("interview-invitation") === true && (await callHasInterviewDays(tx, application.callId));
  // An interview invitation says when and where: without both it could not be written (the move form requires them too).
  if (transition.emails?.includes("interview-invitation") && !invitedToBook) {
    if (!input.emailData?.at || Number.isNaN(Date.parse(input.emailData.at)))
      throw new UserError("admin.interviewAtRequired", 400, { field: "interviewAt" });
    if (!input.emailData.place?.trim()) throw new UserError("admin.interviewPlaceRequired", 400, { field: "interviewPlace" });
  }

  const { count } = await tx.application.updateMany({
    where: { id: application.id, status: application.status, version: input.expectedVersion ?? application.version },
    data: {
      status: transition.to,
      version: { increment: 1 },
      ...(input.name === "submit" && !application.submittedAt ? { submittedAt: now } : {}),
      ...(input.name === "withdraw" ? { withdrawnAt: now } : {}),
      // Follow-up (issue 17): when incubation started, and when the project graduated or ceased, for the outcomes.
      ...(input.name === "startIncubation" ? { incubationStartedAt: now } : {}),
      ...(input.name === "graduate" ? { graduatedAt: now } : {}),
      ...(input.name === "cease" ? { ceasedAt: now } : {}),
      // A screening rejection is told at once; committee decisions wait for the batch release.
      ...(input.name === "markIneligible" ? { decisionReleasedAt: now } : {}),
      // A staged decision taken back gives up the seat it held.
      ...(input.name === "reconsider" ? { allocatedCohortId: null } : {}),
    },
  });
  if (count === 0) throw new UserError("lifecycle.stale", 409);
  // Submitting is consenting to the processing for the selection (issue 20): the review step's box says so.
  if (input.name === "submit" && input.actor.kind === "user") await recordConsent(tx, input.actor.id, "SELECTION", now);

  await tx.auditEvent.create({
    data: {
      actorId: input.actor.kind === "user" ? input.actor.id : null,
      subjectType: "Application",
      subjectId: application.id,
      type: `TRANSITION_${input.name}`,
      fromState: application.status,
      toState: transition.to,
      details: JSON.stringify({ reason: input.reason ?? null, override: Boolean(input.override) }),
      createdAt: now,
    },
  });

  // A move into, within or out of the follow-up changes what the outcomes dashboard counts of the project.
  const followUp: readonly ApplicationStatus[] = FOLLOW_UP_STATUSES;
  if (followUp.includes(application.status) || followUp.includes(transition.to))
    await refreshFollowUpSummaries(tx, { applicationId: application.id });

  // Leaving the interview stage before the interview frees its slot and cancels the team's calendar event.
  if (application.status === "INTERVIEW" && transition.to !== "INTERVIEW")
    await cancelUpcomingInterview(tx, application.id, now, input.actor.kind === "user" ? input.actor.id : null);

  const newVersion = (input.expectedVersion ?? application.version) + 1;
  // Every member of the team hears it, each in their own language.
  for (const intent of transition.emails ?? []) {
    if (intent === "interview-invitation" && invitedToBook) {
      const facts = await slotInvitationFacts(tx, application.id, application.callId, now);
      await emailTeam(
        tx,
        application.id,
        application.founder,
        "interview-slot-invitation",
        `interview-slot-invitation:${application.id}:${newVersion}`,
        (recipient, locale) => ({
          name: recipient.name,
          projectName: application.projectName,
          callTitle: callTitleForEmail(application.call, locale),
          ...facts,
        }),
      );
      continue;
    }
    await emailTeam(
      tx,
      application.id,
      application.founder,
      intent,
      `${intent}:${application.id}:${newVersion}`,
      (recipient) => emailPayload(intent, { ...application, founder: recipient }, now, input) as never,
    );
  }
  return { status: transition.to, version: newVersion };
}

type EmailSubject = {
  id: string;
  projectName: string;
  founder: { name: string; locale: string };
  call: { title: string; titleEn: string | null; titleAr: string | null };
};

function emailPayload(intent: EmailIntent, application: EmailSubject, now: Date, input: ApplyTransitionInput) {
  const common = {
    name: application.founder.name,
    projectName: application.projectName,
    callTitle: callTitleForEmail(application.call, toLocale(application.founder.locale)),
    applicationUrl: founderApplicationUrl(application.id),
  };
  switch (intent) {
    case "application-submitted":
      return { ...common, submittedAt: now.toISOString() };
    case "screening-failed":
      return { ...common, reason: input.reason ?? "" };
    case "interview-invitation":
      return { ...common, at: input.emailData?.at ?? "", place: input.emailData?.place ?? "" };
    case "screening-passed":
    case "application-withdrawn":
      return common;
    case "enrollment-confirmed":
      return {
        ...common,
        cohortName: input.emailData?.cohortName ?? "",
        siteName: input.emailData?.siteName ?? "",
        startsAt: input.emailData?.startsAt ?? "",
      };
    case "waitlist-promotion":
      return {
        ...common,
        cohortName: input.emailData?.cohortName ?? "",
        siteName: input.emailData?.siteName ?? "",
        startsAt: input.emailData?.startsAt ?? "",
        respondBy: input.emailData?.respondBy ?? "",
        offerUrl: input.emailData?.offerUrl ?? "",
      };
  }
}
