import { describe, expect, it } from "vitest";
import type { ApplicationStatus } from "~/domain/constants.ts";
import { founderVisibleStatus } from "~/domain/decision.ts";
import { buildTimeline, type StepState, type TimelineInput, type TimelineStep } from "~/domain/timeline.ts";

const START = Date.UTC(2026, 2, 1, 9);
const day = (n: number) => new Date(START + n * 24 * 60 * 60 * 1000);

/** An application that went through `states`, one a day starting on day 0; its status is the last one. */
function input(states: ApplicationStatus[], options: { hasInterview?: boolean; releasedOn?: number } = {}): TimelineInput {
  return {
    status: states[states.length - 1],
    hasInterview: options.hasInterview ?? false,
    decisionReleasedAt: options.releasedOn === undefined ? null : day(options.releasedOn),
    history: states.map((toState, index) => ({ toState, at: day(index) })),
  };
}

function states(timeline: ReturnType<typeof buildTimeline>): Partial<Record<TimelineStep, StepState>> {
  return Object.fromEntries(timeline.steps.map((s) => [s.step, s.state]));
}

function dateOf(timeline: ReturnType<typeof buildTimeline>, step: TimelineStep): Date | null | undefined {
  return timeline.steps.find((s) => s.step === step)?.date;
}

const TO_COMMITTEE: ApplicationStatus[] = ["SUBMITTED", "SCREENING", "REVIEW", "COMMITTEE"];

describe("committee decisions", () => {
  it.each(["ACCEPTED", "WAITLISTED", "REJECTED"] as const)("hides a staged %s decision until it is released", (decision) => {
    const timeline = buildTimeline(input([...TO_COMMITTEE, decision]));
    expect(timeline.visibleStatus).toBe("COMMITTEE");
    expect(founderVisibleStatus(input([...TO_COMMITTEE, decision]))).toBe("COMMITTEE");
    expect(states(timeline)).toEqual({ submitted: "done", screening: "done", review: "done", decision: "current", enrollment: "upcoming" });
    // Not even the date the committee decided gives it away.
    expect(dateOf(timeline, "decision")).toBeNull();
  });

  it("shows an accepted decision once released, dated by the release", () => {
    const timeline = buildTimeline(input([...TO_COMMITTEE, "ACCEPTED"], { releasedOn: 10 }));
    expect(timeline.visibleStatus).toBe("ACCEPTED");
    expect(states(timeline).decision).toBe("current");
    expect(states(timeline).enrollment).toBe("upcoming");
    expect(dateOf(timeline, "decision")).toEqual(day(10));
  });

  it("shows a released rejection as the end of the road", () => {
    const timeline = buildTimeline(input([...TO_COMMITTEE, "REJECTED"], { releasedOn: 10 }));
    expect(timeline.visibleStatus).toBe("REJECTED");
    expect(states(timeline)).toEqual({ submitted: "done", screening: "done", review: "done", decision: "done", enrollment: "skipped" });
  });

  it("shows enrollment after the founder accepts the offer", () => {
    const timeline = buildTimeline(input([...TO_COMMITTEE, "ACCEPTED", "ENROLLED"], { releasedOn: 4 }));
    expect(timeline.visibleStatus).toBe("ENROLLED");
    expect(states(timeline)).toEqual({ submitted: "done", screening: "done", review: "done", decision: "done", enrollment: "done" });
    expect(dateOf(timeline, "enrollment")).toEqual(day(5));
  });
});

describe("declining the seat", () => {
  it("ends at the decision: enrollment is skipped, never marked done", () => {
    const timeline = buildTimeline(input([...TO_COMMITTEE, "ACCEPTED", "DECLINED"], { releasedOn: 4 }));
    expect(timeline.visibleStatus).toBe("DECLINED");
    expect(states(timeline)).toEqual({ submitted: "done", screening: "done", review: "done", decision: "done", enrollment: "skipped" });
    expect(dateOf(timeline, "decision")).toEqual(day(4));
    expect(dateOf(timeline, "enrollment")).toBeNull();
  });

  it("ends at the decision too when a waitlisted founder declines a later offer", () => {
    const timeline = buildTimeline(input([...TO_COMMITTEE, "WAITLISTED", "ACCEPTED", "DECLINED"], { releasedOn: 4, hasInterview: false }));
    expect(states(timeline)).toEqual({ submitted: "done", screening: "done", review: "done", decision: "done", enrollment: "skipped" });
  });
});

describe("screening", () => {
  it("shows a rejection at screening at once: no committee, nothing to release", () => {
    const timeline = buildTimeline(input(["SUBMITTED", "SCREENING", "REJECTED"], { releasedOn: 2 }));
    expect(timeline.visibleStatus).toBe("REJECTED");
    expect(states(timeline).submitted).toBe("done");
    expect(states(timeline).screening).toBe("done");
    expect(dateOf(timeline, "screening")).toEqual(day(1));
  });

  it("does not show the review an application rejected at screening never had", () => {
    const timeline = buildTimeline(input(["SUBMITTED", "SCREENING", "REJECTED"], { releasedOn: 2 }));
    expect(states(timeline)).toEqual({
      submitted: "done",
      screening: "done",
      review: "skipped",
      decision: "skipped",
      enrollment: "skipped",
    });
  });

  it("marks the step in progress as current and the rest as upcoming", () => {
    const timeline = buildTimeline(input(["SUBMITTED", "SCREENING"]));
    expect(timeline.visibleStatus).toBe("SCREENING");
    expect(states(timeline)).toEqual({
      submitted: "done",
      screening: "current",
      review: "upcoming",
      decision: "upcoming",
      enrollment: "upcoming",
    });
    expect(dateOf(timeline, "submitted")).toEqual(day(0));
    expect(dateOf(timeline, "screening")).toEqual(day(1));
    expect(dateOf(timeline, "review")).toBeNull();
  });
});

describe("interview step", () => {
  it("appears only when the call has an interview stage", () => {
    const steps = (hasInterview: boolean) => buildTimeline(input(["SUBMITTED"], { hasInterview })).steps.map((s) => s.step);
    expect(steps(true)).toEqual(["submitted", "screening", "review", "interview", "decision", "enrollment"]);
    expect(steps(false)).toEqual(["submitted", "screening", "review", "decision", "enrollment"]);
  });

  it("is current while interviewing, and done once the committee has it", () => {
    const interviewing = buildTimeline(input(["SUBMITTED", "SCREENING", "REVIEW", "INTERVIEW"], { hasInterview: true }));
    expect(states(interviewing).interview).toBe("current");
    expect(dateOf(interviewing, "interview")).toEqual(day(3));
    const deciding = buildTimeline(input(["SUBMITTED", "SCREENING", "REVIEW", "INTERVIEW", "COMMITTEE"], { hasInterview: true }));
    expect(states(deciding)).toMatchObject({ interview: "done", decision: "current" });
  });
});

describe("withdrawal", () => {
  it("keeps the steps done before withdrawing and skips the rest", () => {
    const timeline = buildTimeline(input(["SUBMITTED", "SCREENING", "WITHDRAWN"]));
    expect(timeline.visibleStatus).toBe("WITHDRAWN");
    expect(states(timeline)).toEqual({
      submitted: "done",
      screening: "done",
      review: "skipped",
      decision: "skipped",
      enrollment: "skipped",
    });
  });

  it("reveals nothing of a staged decision the founder withdrew after", () => {
    const afterDecision = buildTimeline(input([...TO_COMMITTEE, "ACCEPTED", "WITHDRAWN"]));
    const beforeDecision = buildTimeline(input([...TO_COMMITTEE, "WITHDRAWN"]));
    expect(afterDecision.visibleStatus).toBe("WITHDRAWN");
    expect(afterDecision).toEqual(beforeDecision);
  });
});
