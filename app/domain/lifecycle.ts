// The application lifecycle as data (DESIGN.md §3): every transition in one
// table, with who may apply it, when, and which emails it queues. Pure: the
// model layer (app/models/lifecycle.server.ts) applies it in one transaction.
import type { ApplicationStatus, Role } from "./constants.ts";

/** Who acts: a signed-in user with roles, or the system (worker, deadlines). */
export type Actor = { kind: "user"; id: string; roles: readonly Role[] } | { kind: "system" };

/** What guards look at: plain facts the model layer gathers before applying. */
export type TransitionContext = {
  now: Date;
  actor: Actor;
  isOwner: boolean;
  call: { status: string; opensAt: Date; closesAt: Date; hasInterview: boolean };
  /** Review assignments of the application's current stage. */
  assignments: { pending: number; submitted: number };
  reason?: string;
  override?: boolean;
  /** A staged committee decision the founder has not been told yet. */
  decisionHidden?: boolean;
};

export type EmailIntent =
  | "application-submitted"
  | "screening-passed"
  | "screening-failed"
  | "interview-invitation"
  | "enrollment-confirmed"
  | "waitlist-promotion"
  | "application-withdrawn";

export type GuardResult = { ok: true } | { ok: false; error: string };

export type Transition = {
  from: readonly ApplicationStatus[];
  to: ApplicationStatus;
  /** Roles allowed to apply it; "OWNER" is the founder who owns the application; "SYSTEM" the platform. */
  by: readonly ("OWNER" | "ADMIN" | "SYSTEM")[];
  guard?: (ctx: TransitionContext, from: ApplicationStatus) => GuardResult;
  /** Emails queued to the founder in the same transaction. */
  emails?: readonly EmailIntent[];
};

const OK: GuardResult = { ok: true };
const fail = (error: string): GuardResult => ({ ok: false, error });

const beforeDeadline = (ctx: TransitionContext) =>
  isCallOpen(ctx.call, ctx.now) ? OK : fail(ctx.now < ctx.call.opensAt ? "lifecycle.callNotOpenYet" : "lifecycle.deadlinePassed");
const needsReason = (ctx: TransitionContext) => (ctx.reason?.trim() ? OK : fail("lifecycle.reasonRequired"));
const reviewsComplete = (ctx: TransitionContext) =>
  ctx.assignments.pending === 0 || (ctx.override && ctx.reason?.trim()) ? OK : fail("lifecycle.reviewsPending");

export const TRANSITIONS = {
  submit: { from: ["DRAFT"], to: "SUBMITTED", by: ["OWNER"], guard: beforeDeadline, emails: ["application-submitted"] },
  startScreening: { from: ["SUBMITTED"], to: "SCREENING", by: ["ADMIN", "SYSTEM"] },
  markEligible: { from: ["SCREENING"], to: "REVIEW", by: ["ADMIN"], emails: ["screening-passed"] },
  markIneligible: { from: ["SCREENING"], to: "REJECTED", by: ["ADMIN"], guard: needsReason, emails: ["screening-failed"] },
  shortlist: {
    from: ["REVIEW"],
    to: "INTERVIEW",
    by: ["ADMIN"],
    guard: (ctx) => (!ctx.call.hasInterview ? fail("lifecycle.noInterviewStage") : reviewsComplete(ctx)),
    emails: ["interview-invitation"],
  },
  sendToCommittee: {
    from: ["REVIEW", "INTERVIEW"],
    to: "COMMITTEE",
    by: ["ADMIN"],
    guard: reviewsComplete,
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
    guard: (ctx) => (ctx.decisionHidden ? fail("lifecycle.decisionNotReleased") : OK),
    emails: ["waitlist-promotion"],
  },
  // Undoes a staged committee decision (the founder was told nothing yet): back to the committee, seat given up.
  reconsider: {
    from: ["ACCEPTED", "WAITLISTED", "REJECTED"],
    to: "COMMITTEE",
    by: ["ADMIN"],
    guard: (ctx) => (ctx.decisionHidden ? OK : fail("lifecycle.decisionReleased")),
  },
  withdraw: {
    from: ["DRAFT", "SUBMITTED", "SCREENING", "REVIEW", "INTERVIEW", "COMMITTEE", "ACCEPTED", "WAITLISTED", "REJECTED"],
    to: "WITHDRAWN",
    by: ["OWNER"],
    // A founder still waiting for the committee may withdraw, whatever it decided in private.
    guard: (ctx, from) => (from !== "REJECTED" || ctx.decisionHidden ? OK : fail("lifecycle.notAllowedFromStatus")),
    // The founder's confirmation, and a warning if someone else did it with their session.
    emails: ["application-withdrawn"],
  },
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

/** Checks a transition against the current status, the actor and its guard. */
export function checkTransition(name: TransitionName, status: string, ctx: TransitionContext): GuardResult {
  const transition: Transition = TRANSITIONS[name];
  if (!transition.from.includes(status as ApplicationStatus)) return fail("lifecycle.notAllowedFromStatus");
  const actor = ctx.actor;
  const allowed =
    actor.kind === "system"
      ? transition.by.includes("SYSTEM")
      : (transition.by.includes("OWNER") && ctx.isOwner) || (transition.by.includes("ADMIN") && actor.roles.includes("ADMIN"));
  if (!allowed) return fail("lifecycle.forbidden");
  return transition.guard ? transition.guard(ctx, status as ApplicationStatus) : OK;
}

/** Transitions an actor could apply now, e.g. to show only the buttons that will work. */
export function availableTransitions(status: string, ctx: TransitionContext): TransitionName[] {
  return (Object.keys(TRANSITIONS) as TransitionName[]).filter((name) => checkTransition(name, status, ctx).ok);
}
