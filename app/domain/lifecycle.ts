// The application lifecycle as data (DESIGN.md §3): every transition in one
// table, with who may apply it, when, and which emails it queues. Pure: the
// model layer (app/models/lifecycle.server.ts) applies it in one transaction.
import type { ApplicationStatus, Role } from "./constants.ts";
import { isDecisionHidden } from "./decision.ts";
import type { TranslationKey } from "~/i18n/keys.ts";

/** Who acts: a signed-in user with roles, or the system (worker, deadlines). */
export type Actor = { kind: "user"; id: string; roles: readonly Role[] } | { kind: "system" };

/** Who acts on which application: the plain facts guards look at, read by the model layer. */
export type TransitionFacts = {
  now: Date;
  actor: Actor;
  isOwner: boolean;
  call: { status: string; opensAt: Date; closesAt: Date; hasInterview: boolean };
  /** When the committee's decision was released to the founder; null: not yet (see app/domain/decision.ts). */
  decisionReleasedAt: Date | null;
};

/** Everything applying a transition looks at: the facts, the stage's reviews and what the request brings. */
export type TransitionContext = TransitionFacts & {
  /** Review assignments of the application's current stage. */
  assignments: { pending: number; submitted: number };
  reason?: string;
  override?: boolean;
};

export type EmailIntent =
  | "application-submitted"
  | "screening-passed"
  | "screening-failed"
  | "interview-invitation"
  | "enrollment-confirmed"
  | "waitlist-promotion"
  | "application-withdrawn";

export type GuardResult = { ok: true } | { ok: false; error: TranslationKey };

export type Transition = {
  from: readonly ApplicationStatus[];
  to: ApplicationStatus;
  /** Roles allowed to apply it; "OWNER" is the founder who owns the application; "SYSTEM" the platform. */
  by: readonly ("OWNER" | "ADMIN" | "SYSTEM")[];
  /** What the application and its call must be like: no input from the request can change it. */
  guard?: (facts: TransitionFacts, from: ApplicationStatus) => GuardResult;
  /** What the request must bring, checked when applying (a reason; an override of pending reviews). */
  requires?: (ctx: TransitionContext) => GuardResult;
  /** Emails queued to the founder in the same transaction. */
  emails?: readonly EmailIntent[];
};

const OK: GuardResult = { ok: true };
const fail = (error: TranslationKey): GuardResult => ({ ok: false, error });

const beforeDeadline = (ctx: TransitionFacts) =>
  isCallOpen(ctx.call, ctx.now) ? OK : fail(ctx.now < ctx.call.opensAt ? "lifecycle.callNotOpenYet" : "lifecycle.deadlinePassed");
const needsReason = (ctx: TransitionContext) => (ctx.reason?.trim() ? OK : fail("lifecycle.reasonRequired"));
const reviewsComplete = (ctx: TransitionContext) =>
  ctx.assignments.pending === 0 || (ctx.override && ctx.reason?.trim()) ? OK : fail("lifecycle.reviewsPending");

/** The founder has not been told the committee's decision yet (app/domain/decision.ts). */
const decisionHidden = (facts: TransitionFacts, from: ApplicationStatus) =>
  isDecisionHidden({ status: from, decisionReleasedAt: facts.decisionReleasedAt });

export const TRANSITIONS = {
  submit: { from: ["DRAFT"], to: "SUBMITTED", by: ["OWNER"], guard: beforeDeadline, emails: ["application-submitted"] },
  startScreening: { from: ["SUBMITTED"], to: "SCREENING", by: ["ADMIN", "SYSTEM"] },
  markEligible: { from: ["SCREENING"], to: "REVIEW", by: ["ADMIN"], emails: ["screening-passed"] },
  markIneligible: { from: ["SCREENING"], to: "REJECTED", by: ["ADMIN"], requires: needsReason, emails: ["screening-failed"] },
  shortlist: {
    from: ["REVIEW"],
    to: "INTERVIEW",
    by: ["ADMIN"],
    guard: (facts) => (facts.call.hasInterview ? OK : fail("lifecycle.noInterviewStage")),
    requires: reviewsComplete,
    emails: ["interview-invitation"],
  },
  sendToCommittee: {
    from: ["REVIEW", "INTERVIEW"],
    to: "COMMITTEE",
    by: ["ADMIN"],
    requires: reviewsComplete,
  },
  // Committee decisions are staged: founders learn them only when released in one batch.
  accept: { from: ["COMMITTEE"], to: "ACCEPTED", by: ["ADMIN"] },
  waitlist: { from: ["COMMITTEE"], to: "WAITLISTED", by: ["ADMIN"] },
  reject: { from: ["COMMITTEE"], to: "REJECTED", by: ["ADMIN"] },
  enroll: { from: ["ACCEPTED"], to: "ENROLLED", by: ["OWNER"], emails: ["enrollment-confirmed"] },
  decline: { from: ["ACCEPTED"], to: "DECLINED", by: ["OWNER", "SYSTEM"] },
  // A seat from the waitlist is offered once the waitlist decision is out; a staged one is changed by reconsidering it.
  promote: {
    from: ["WAITLISTED"],
    to: "ACCEPTED",
    by: ["SYSTEM", "ADMIN"],
    guard: (facts, from) => (decisionHidden(facts, from) ? fail("lifecycle.decisionNotReleased") : OK),
    emails: ["waitlist-promotion"],
  },
  // Undoes a staged committee decision (the founder was told nothing yet): back to the committee, seat given up.
  reconsider: {
    from: ["ACCEPTED", "WAITLISTED", "REJECTED"],
    to: "COMMITTEE",
    by: ["ADMIN"],
    guard: (facts, from) => (decisionHidden(facts, from) ? OK : fail("lifecycle.decisionReleased")),
  },
  withdraw: {
    from: ["DRAFT", "SUBMITTED", "SCREENING", "REVIEW", "INTERVIEW", "COMMITTEE", "ACCEPTED", "WAITLISTED", "REJECTED"],
    to: "WITHDRAWN",
    by: ["OWNER"],
    // A founder still waiting for the committee may withdraw, whatever it decided in private.
    guard: (facts, from) => (from !== "REJECTED" || decisionHidden(facts, from) ? OK : fail("lifecycle.notAllowedFromStatus")),
    // The founder's confirmation, and a warning if someone else did it with their session.
    emails: ["application-withdrawn"],
  },
  // Follow-up after enrollment (issue 17): the cohort's start puts its enrolled projects in incubation; an
  // admin records how each one leaves it. A check-in saying the project no longer operates records its end.
  startIncubation: { from: ["ENROLLED"], to: "INCUBATING", by: ["ADMIN", "SYSTEM"] },
  graduate: { from: ["INCUBATING"], to: "GRADUATED", by: ["ADMIN"] },
  leaveEarly: { from: ["INCUBATING"], to: "LEFT_EARLY", by: ["ADMIN"], requires: needsReason },
  cease: { from: ["INCUBATING", "GRADUATED", "LEFT_EARLY"], to: "CEASED", by: ["ADMIN", "SYSTEM"], requires: needsReason },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof TRANSITIONS;

/** The transitions an admin may apply (the move controls offer these). */
export const ADMIN_TRANSITIONS = (Object.keys(TRANSITIONS) as TransitionName[]).filter((name) =>
  (TRANSITIONS[name].by as readonly string[]).includes("ADMIN"),
) as [TransitionName, ...TransitionName[]];

/** Founders may still edit a submitted application until the deadline (DESIGN.md §3). */
export function isEditableByFounder(status: string, call: CallWindow, now: Date): boolean {
  return (status === "DRAFT" || status === "SUBMITTED") && isCallOpen(call, now);
}

type CallWindow = { status: string; opensAt: Date; closesAt: Date };

/** A call takes applications while it is open, from its opening date until its deadline. */
export function isCallOpen(call: CallWindow, now: Date): boolean {
  return call.status === "OPEN" && call.opensAt <= now && now < call.closesAt;
}

/** The status, the actor and the guard: whether the transition is open to this actor on this application. */
function checkFacts(name: TransitionName, status: ApplicationStatus, facts: TransitionFacts): GuardResult {
  const transition: Transition = TRANSITIONS[name];
  if (!transition.from.includes(status)) return fail("lifecycle.notAllowedFromStatus");
  const actor = facts.actor;
  const allowed =
    actor.kind === "system"
      ? transition.by.includes("SYSTEM")
      : (transition.by.includes("OWNER") && facts.isOwner) || (transition.by.includes("ADMIN") && actor.roles.includes("ADMIN"));
  if (!allowed) return fail("lifecycle.forbidden");
  return transition.guard ? transition.guard(facts, status) : OK;
}

/** Checks a transition before applying it: status, actor, guard, then what the request brings. */
export function checkTransition(name: TransitionName, status: ApplicationStatus, ctx: TransitionContext): GuardResult {
  const verdict = checkFacts(name, status, ctx);
  if (!verdict.ok) return verdict;
  const transition: Transition = TRANSITIONS[name];
  return transition.requires ? transition.requires(ctx) : OK;
}

/** Transitions an actor could apply now with this request (reason, override), all checks included. */
export function availableTransitions(status: ApplicationStatus, ctx: TransitionContext): TransitionName[] {
  return (Object.keys(TRANSITIONS) as TransitionName[]).filter((name) => checkTransition(name, status, ctx).ok);
}

/**
 * Transitions this actor could take on this application: the ones to offer on
 * a page. What a request must still bring (a reason, an override of pending
 * reviews) is asked by the form and checked when the transition is applied.
 */
export function possibleTransitions(status: ApplicationStatus, facts: TransitionFacts): TransitionName[] {
  return (Object.keys(TRANSITIONS) as TransitionName[]).filter((name) => checkFacts(name, status, facts).ok);
}
