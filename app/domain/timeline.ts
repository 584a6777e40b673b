// What a founder sees of their application's progress (DESIGN.md §3):
// committee decisions stay hidden until released (app/domain/decision.ts).
import type { ApplicationStatus } from "./constants.ts";
import { founderVisibleStatus } from "./decision.ts";

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
  // Declining the seat (or letting the offer lapse) ends the road at the decision: no enrollment.
  DECLINED: "decision",
  ENROLLED: "enrollment",
  WITHDRAWN: null,
  // After enrollment the road of the selection is over; follow-up has its own page.
  INCUBATING: "enrollment",
  GRADUATED: "enrollment",
  LEFT_EARLY: "enrollment",
  CEASED: "enrollment",
};
/** The same, looked up by a state read from the audit log (any string). */
const STEP_BY_STATE: Readonly<Partial<Record<string, TimelineStep | null>>> = STEP_OF_STATUS;

export function buildTimeline(input: TimelineInput): Timeline {
  const visibleStatus = founderVisibleStatus(input);
  const steps = TIMELINE_STEPS.filter((step) => step !== "interview" || input.hasInterview);
  // A rejection before review is the screening's answer, not the committee's.
  const rejectedAtScreening = visibleStatus === "REJECTED" && !input.history.some((h) => h.toState === "REVIEW");
  const stepOf = (status: string): TimelineStep | null =>
    status === "REJECTED" && rejectedAtScreening ? "screening" : (STEP_BY_STATE[status] ?? null);
  const dateOf = (step: TimelineStep): Date | null => {
    if (step === "decision") return visibleStatus === "COMMITTEE" ? null : (input.decisionReleasedAt ?? null);
    return input.history.find((h) => stepOf(h.toState) === step)?.at ?? null;
  };
  // The furthest step reached, from the history (a withdrawn application keeps where it stopped).
  const reached = [...input.history.map((h) => h.toState), visibleStatus]
    .map(stepOf)
    .filter((s): s is TimelineStep => s !== null && steps.includes(s))
    .reduce((max, s) => Math.max(max, steps.indexOf(s)), -1);
  const finished = ["ENROLLED", "DECLINED", "WITHDRAWN", "REJECTED", "INCUBATING", "GRADUATED", "LEFT_EARLY", "CEASED"].includes(
    visibleStatus,
  );
  return {
    visibleStatus,
    steps: steps.map((step, index) => {
      let state: StepState;
      if (index < reached) state = "done";
      else if (index === reached) state = finished ? "done" : "current";
      else state = finished ? "skipped" : "upcoming";
      return { step, state, date: state === "done" || state === "current" ? dateOf(step) : null };
    }),
  };
}
