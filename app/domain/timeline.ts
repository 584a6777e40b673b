// What a founder sees of their application's progress (DESIGN.md §3):
// committee decisions stay hidden until released.
import type { ApplicationStatus } from "./constants.ts";

export const TIMELINE_STEPS = ["submitted", "screening", "review", "interview", "decision", "enrollment"] as const;
export type TimelineStep = (typeof TIMELINE_STEPS)[number];
export type StepState = "done" | "current" | "upcoming" | "skipped";

export type TimelineInput = {
  status: ApplicationStatus;
  hasInterview: boolean;
  decisionReleasedAt: Date | null;
  /** States the application entered, oldest first, with when. */
  history: Array<{ toState: string; at: Date }>;
};

export type Timeline = {
  /** The status as the founder may know it. */
  visibleStatus: ApplicationStatus;
  steps: Array<{ step: TimelineStep; state: StepState; date: Date | null }>;
};

const STEP_OF_STATUS: Record<ApplicationStatus, TimelineStep | null> = {
  DRAFT: null,
  SUBMITTED: "submitted",
  SCREENING: "screening",
  REVIEW: "review",
  INTERVIEW: "interview",
  COMMITTEE: "decision",
  ACCEPTED: "decision",
  WAITLISTED: "decision",
  REJECTED: "decision",
  DECLINED: "enrollment",
  ENROLLED: "enrollment",
  WITHDRAWN: null,
};

const COMMITTEE_DECISIONS: readonly ApplicationStatus[] = ["ACCEPTED", "WAITLISTED", "REJECTED"];

export function founderVisibleStatus(input: Omit<TimelineInput, "hasInterview">): ApplicationStatus {
  const decidedByCommittee = input.history.some((h) => h.toState === "COMMITTEE");
  if (COMMITTEE_DECISIONS.includes(input.status) && decidedByCommittee && !input.decisionReleasedAt) return "COMMITTEE";
  return input.status;
}

export function buildTimeline(input: TimelineInput): Timeline {
  const visibleStatus = founderVisibleStatus(input);
  const steps = TIMELINE_STEPS.filter((step) => step !== "interview" || input.hasInterview);
  const dateOf = (step: TimelineStep): Date | null => {
    if (step === "decision" && visibleStatus !== "COMMITTEE" && input.decisionReleasedAt) return input.decisionReleasedAt;
    const entered = input.history.filter((h) => STEP_OF_STATUS[h.toState as ApplicationStatus] === step);
    return step === "decision" && visibleStatus === "COMMITTEE" ? null : (entered[0]?.at ?? null);
  };
  // The furthest step reached, from the history (a withdrawn application keeps where it stopped).
  const reached = [...input.history.map((h) => h.toState), visibleStatus]
    .map((s) => STEP_OF_STATUS[s as ApplicationStatus])
    .filter((s): s is TimelineStep => s !== null && steps.includes(s))
    .reduce((max, s) => Math.max(max, steps.indexOf(s)), -1);
  const rejectedAtScreening = visibleStatus === "REJECTED" && !input.history.some((h) => h.toState === "REVIEW");
  const finished = ["ENROLLED", "DECLINED", "WITHDRAWN"].includes(visibleStatus) || rejectedAtScreening || visibleStatus === "REJECTED";
  return {
    visibleStatus,
    steps: steps.map((step, index) => {
      let state: StepState;
      if (index < reached) state = "done";
      else if (index === reached) state = finished && !rejectedAtScreening ? "done" : "current";
      else state = finished ? "skipped" : "upcoming";
      if (rejectedAtScreening && step === "screening") state = "done";
      return { step, state, date: state === "done" || state === "current" ? dateOf(step) : null };
    }),
  };
}
