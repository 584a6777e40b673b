import { describe, expect, it } from "vitest";
import { APPLICATION_STATUSES, type ApplicationStatus } from "~/domain/constants.ts";
import {
  availableTransitions,
  checkTransition,
  isEditableByFounder,
  possibleTransitions,
  TRANSITIONS,
  type Actor,
  type TransitionContext,
  type TransitionFacts,
  type TransitionName,
} from "~/domain/lifecycle.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = new Date("2026-03-02T10:00:00Z");
/** A committee decision released to the founder the day before. */
const RELEASED = new Date(NOW.getTime() - 24 * 60 * 60 * 1000);
const OPEN_CALL = {
  status: "OPEN",
  opensAt: new Date(NOW.getTime() - 7 * DAY_MS),
  closesAt: new Date(NOW.getTime() + 7 * DAY_MS),
  hasInterview: true,
};

type Who = "OWNER" | "ADMIN" | "SYSTEM" | "OTHER_FOUNDER" | "REVIEWER";
const ACTORS: Record<Who, { actor: Actor; isOwner: boolean }> = {
  OWNER: { actor: { kind: "user", id: "founder-1", roles: ["FOUNDER"] }, isOwner: true },
  ADMIN: { actor: { kind: "user", id: "admin-1", roles: ["ADMIN"] }, isOwner: false },
  SYSTEM: { actor: { kind: "system" }, isOwner: false },
  OTHER_FOUNDER: { actor: { kind: "user", id: "founder-2", roles: ["FOUNDER"] }, isOwner: false },
  REVIEWER: { actor: { kind: "user", id: "reviewer-1", roles: ["REVIEWER"] }, isOwner: false },
};

/**
 * A context in which every guard passes (before the deadline, interview stage
 * on, no pending reviews, a reason given), acting as `who`; `changes` break one rule.
 */
function context(
  who: Who,
  changes: Partial<Omit<TransitionContext, "call">> & { call?: Partial<TransitionContext["call"]> } = {},
): TransitionContext {
  return {
    now: NOW,
    ...ACTORS[who],
    assignments: { pending: 0, submitted: 3 },
    reason: "Documented reason",
    decisionReleasedAt: RELEASED,
    ...changes,
    call: { ...OPEN_CALL, ...changes.call },
  };
}

/** The lifecycle of DESIGN.md §3, written out independently of the table under test. */
const EXPECTED: Record<TransitionName, { from: ApplicationStatus[]; to: ApplicationStatus; by: Who[] }> = {
  submit: { from: ["DRAFT"], to: "SUBMITTED", by: ["OWNER"] },
  startScreening: { from: ["SUBMITTED"], to: "SCREENING", by: ["ADMIN", "SYSTEM"] },
  markEligible: { from: ["SCREENING"], to: "REVIEW", by: ["ADMIN"] },
  markIneligible: { from: ["SCREENING"], to: "REJECTED", by: ["ADMIN"] },
  shortlist: { from: ["REVIEW"], to: "INTERVIEW", by: ["ADMIN"] },
  sendToCommittee: { from: ["REVIEW", "INTERVIEW"], to: "COMMITTEE", by: ["ADMIN"] },
  accept: { from: ["COMMITTEE"], to: "ACCEPTED", by: ["ADMIN"] },
  waitlist: { from: ["COMMITTEE"], to: "WAITLISTED", by: ["ADMIN"] },
  reject: { from: ["COMMITTEE"], to: "REJECTED", by: ["ADMIN"] },
  enroll: { from: ["ACCEPTED"], to: "ENROLLED", by: ["OWNER"] },
  decline: { from: ["ACCEPTED"], to: "DECLINED", by: ["OWNER", "SYSTEM"] },
  promote: { from: ["WAITLISTED"], to: "ACCEPTED", by: ["ADMIN", "SYSTEM"] },
  reconsider: { from: ["ACCEPTED", "WAITLISTED", "REJECTED"], to: "COMMITTEE", by: ["ADMIN"] },
  withdraw: {
    from: ["DRAFT", "SUBMITTED", "SCREENING", "REVIEW", "INTERVIEW", "COMMITTEE", "ACCEPTED", "WAITLISTED"],
    to: "WITHDRAWN",
    by: ["OWNER"],
  },
  startIncubation: { from: ["ENROLLED"], to: "INCUBATING", by: ["ADMIN", "SYSTEM"] },
  graduate: { from: ["INCUBATING"], to: "GRADUATED", by: ["ADMIN"] },
  leaveEarly: { from: ["INCUBATING"], to: "LEFT_EARLY", by: ["ADMIN"] },
  cease: { from: ["INCUBATING", "GRADUATED", "LEFT_EARLY"], to: "CEASED", by: ["ADMIN", "SYSTEM"] },
};
const NAMES = Object.keys(EXPECTED) as TransitionName[];
/** What a transition's guard needs on top of `context` to pass: taking back a decision needs it unreleased. */
const GUARD_PASSES: Partial<Record<TransitionName, Partial<TransitionContext>>> = { reconsider: { decisionReleasedAt: null } };
const EVERYONE = Object.keys(ACTORS) as Who[];

describe("the transition table", () => {
  it("holds exactly the transitions of the design, each with its target state", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) expect(TRANSITIONS[name].to, name).toBe(EXPECTED[name].to);
  });

  it.each(NAMES)("%s applies only from its source states", (name) => {
    const who = EXPECTED[name].by[0];
    for (const status of APPLICATION_STATUSES) {
      const verdict = checkTransition(name, status, context(who, GUARD_PASSES[name]));
      if (EXPECTED[name].from.includes(status)) expect(verdict, `${name} from ${status}`).toEqual({ ok: true });
      else expect(verdict, `${name} from ${status}`).toEqual({ ok: false, error: "lifecycle.notAllowedFromStatus" });
    }
  });

  it.each(NAMES)("%s may be applied only by its roles", (name) => {
    const status = EXPECTED[name].from[0];
    for (const who of EVERYONE) {
      const verdict = checkTransition(name, status, context(who, GUARD_PASSES[name]));
      if (EXPECTED[name].by.includes(who)) expect(verdict, `${name} by ${who}`).toEqual({ ok: true });
      else expect(verdict, `${name} by ${who}`).toEqual({ ok: false, error: "lifecycle.forbidden" });
    }
  });

  it("does not let an admin withdraw an application that is not theirs", () => {
    const adminFounder: Actor = { kind: "user", id: "founder-1", roles: ["FOUNDER", "ADMIN"] };
    expect(checkTransition("withdraw", "REVIEW", context("ADMIN", { actor: adminFounder, isOwner: false }))).toEqual({
      ok: false,
      error: "lifecycle.forbidden",
    });
  });

  it("leaves no way out of the final states", () => {
    for (const status of ["DECLINED", "REJECTED", "WITHDRAWN", "CEASED"] as const) {
      for (const who of EVERYONE) expect(availableTransitions(status, context(who)), `${status} by ${who}`).toEqual([]);
    }
  });

  it("leads an enrolled project only into follow-up, and from follow-up only to its ends (issue 17)", () => {
    expect(availableTransitions("ENROLLED", context("ADMIN"))).toEqual(["startIncubation"]);
    expect(availableTransitions("ENROLLED", context("OWNER"))).toEqual([]);
    expect(availableTransitions("INCUBATING", context("ADMIN"))).toEqual(["graduate", "leaveEarly", "cease"]);
    expect(availableTransitions("GRADUATED", context("SYSTEM"))).toEqual(["cease"]);
    expect(availableTransitions("LEFT_EARLY", context("OWNER"))).toEqual([]);
  });

  it("queues the founder's emails on the transitions that announce something", () => {
    const emails = Object.fromEntries(NAMES.map((name) => [name, "emails" in TRANSITIONS[name] ? TRANSITIONS[name].emails : []]));
    expect(emails).toEqual({
      submit: ["application-submitted"],
      startScreening: [],
      markEligible: ["screening-passed"],
      markIneligible: ["screening-failed"],
      shortlist: ["interview-invitation"],
      sendToCommittee: [],
      // Committee decisions are announced when released in one batch, not on each transition.
      accept: [],
      waitlist: [],
      reject: [],
      enroll: ["enrollment-confirmed"],
      decline: [],
      promote: ["waitlist-promotion"],
      reconsider: [],
      withdraw: ["application-withdrawn"],
      startIncubation: [],
      graduate: [],
      leaveEarly: [],
      cease: [],
    });
  });
});

describe("guards", () => {
  const deadlinePassed = { ok: false, error: "lifecycle.deadlinePassed" };

  it("submits only while the call is open and before its deadline", () => {
    expect(checkTransition("submit", "DRAFT", context("OWNER"))).toEqual({ ok: true });
    expect(checkTransition("submit", "DRAFT", context("OWNER", { now: new Date(OPEN_CALL.closesAt.getTime() - 1) }))).toEqual({ ok: true });
    expect(checkTransition("submit", "DRAFT", context("OWNER", { now: OPEN_CALL.closesAt }))).toEqual(deadlinePassed);
    expect(checkTransition("submit", "DRAFT", context("OWNER", { call: { closesAt: new Date(NOW.getTime() - 1) } }))).toEqual(
      deadlinePassed,
    );
    expect(checkTransition("submit", "DRAFT", context("OWNER", { call: { status: "CLOSED" } }))).toEqual(deadlinePassed);
    expect(checkTransition("submit", "DRAFT", context("OWNER", { call: { status: "DRAFT" } }))).toEqual(deadlinePassed);
  });

  it("needs a reason to mark an application ineligible", () => {
    const reasonRequired = { ok: false, error: "lifecycle.reasonRequired" };
    expect(checkTransition("markIneligible", "SCREENING", context("ADMIN"))).toEqual({ ok: true });
    expect(checkTransition("markIneligible", "SCREENING", context("ADMIN", { reason: undefined }))).toEqual(reasonRequired);
    expect(checkTransition("markIneligible", "SCREENING", context("ADMIN", { reason: "   " }))).toEqual(reasonRequired);
    // Marking eligible needs none.
    expect(checkTransition("markEligible", "SCREENING", context("ADMIN", { reason: undefined }))).toEqual({ ok: true });
  });

  it.each([
    ["sendToCommittee", "REVIEW"],
    ["sendToCommittee", "INTERVIEW"],
    ["shortlist", "REVIEW"],
  ] as const)("%s from %s waits for pending reviews unless overridden with a reason", (name, status) => {
    const pending = { assignments: { pending: 1, submitted: 2 } };
    const reviewsPending = { ok: false, error: "lifecycle.reviewsPending" };
    expect(checkTransition(name, status, context("ADMIN", pending))).toEqual(reviewsPending);
    expect(checkTransition(name, status, context("ADMIN", { ...pending, override: true, reason: undefined }))).toEqual(reviewsPending);
    expect(checkTransition(name, status, context("ADMIN", { ...pending, override: true, reason: "  " }))).toEqual(reviewsPending);
    expect(checkTransition(name, status, context("ADMIN", { ...pending, override: false, reason: "Reviewer unreachable" }))).toEqual(
      reviewsPending,
    );
    expect(checkTransition(name, status, context("ADMIN", { ...pending, override: true, reason: "Reviewer unreachable" }))).toEqual({
      ok: true,
    });
    expect(checkTransition(name, status, context("ADMIN", { reason: undefined }))).toEqual({ ok: true });
  });

  it("takes back only a committee decision the founder has not been told, and offers a waitlisted seat only once the waitlist is told", () => {
    for (const status of ["ACCEPTED", "WAITLISTED", "REJECTED"] as const) {
      expect(checkTransition("reconsider", status, context("ADMIN", { decisionReleasedAt: null })), status).toEqual({ ok: true });
      expect(checkTransition("reconsider", status, context("ADMIN", { decisionReleasedAt: RELEASED })), status).toEqual({
        ok: false,
        error: "lifecycle.decisionReleased",
      });
    }
    for (const who of ["ADMIN", "SYSTEM"] as const) {
      expect(checkTransition("promote", "WAITLISTED", context(who, { decisionReleasedAt: null })), who).toEqual({
        ok: false,
        error: "lifecycle.decisionNotReleased",
      });
      expect(checkTransition("promote", "WAITLISTED", context(who, { decisionReleasedAt: RELEASED })), who).toEqual({ ok: true });
    }
  });

  it("shortlists for interview only when the call has an interview stage", () => {
    expect(checkTransition("shortlist", "REVIEW", context("ADMIN", { call: { hasInterview: false } }))).toEqual({
      ok: false,
      error: "lifecycle.noInterviewStage",
    });
    // Without the stage, reviewed applications go straight to the committee.
    expect(checkTransition("sendToCommittee", "REVIEW", context("ADMIN", { call: { hasInterview: false } }))).toEqual({ ok: true });
  });

  it("checks the source state, then the actor, then the guard", () => {
    const lateStranger = context("OTHER_FOUNDER", { call: { status: "CLOSED" } });
    expect(checkTransition("submit", "SUBMITTED", lateStranger)).toEqual({ ok: false, error: "lifecycle.notAllowedFromStatus" });
    expect(checkTransition("submit", "DRAFT", lateStranger)).toEqual({ ok: false, error: "lifecycle.forbidden" });
  });
});

describe("a call that has not opened yet", () => {
  const notYet = { ...OPEN_CALL, opensAt: new Date(NOW.getTime() + DAY_MS) };
  it("takes no application, and says so", () => {
    expect(isEditableByFounder("DRAFT", notYet, NOW)).toBe(false);
    expect(isEditableByFounder("DRAFT", notYet, notYet.opensAt)).toBe(true);
    expect(checkTransition("submit", "DRAFT", context("OWNER", { call: notYet }))).toEqual({
      ok: false,
      error: "lifecycle.callNotOpenYet",
    });
  });
});

describe("isEditableByFounder", () => {
  it("allows edits to drafts and submitted applications until the deadline only", () => {
    expect(isEditableByFounder("DRAFT", OPEN_CALL, NOW)).toBe(true);
    expect(isEditableByFounder("SUBMITTED", OPEN_CALL, NOW)).toBe(true);
    expect(isEditableByFounder("SUBMITTED", OPEN_CALL, OPEN_CALL.closesAt)).toBe(false);
    expect(isEditableByFounder("DRAFT", { ...OPEN_CALL, status: "CLOSED" }, NOW)).toBe(false);
    for (const status of APPLICATION_STATUSES.filter((s) => s !== "DRAFT" && s !== "SUBMITTED")) {
      expect(isEditableByFounder(status, OPEN_CALL, NOW), status).toBe(false);
    }
  });
});

describe("availableTransitions", () => {
  it("offers each actor only what would succeed now", () => {
    expect(availableTransitions("DRAFT", context("OWNER"))).toEqual(["submit", "withdraw"]);
    expect(availableTransitions("DRAFT", context("OWNER", { call: { closesAt: new Date(NOW.getTime() - 1) } }))).toEqual(["withdraw"]);
    expect(availableTransitions("SUBMITTED", context("OWNER"))).toEqual(["withdraw"]);
    expect(availableTransitions("SUBMITTED", context("ADMIN"))).toEqual(["startScreening"]);
    expect(availableTransitions("SUBMITTED", context("SYSTEM"))).toEqual(["startScreening"]);
    expect(availableTransitions("REVIEW", context("ADMIN"))).toEqual(["shortlist", "sendToCommittee"]);
    expect(availableTransitions("REVIEW", context("ADMIN", { call: { hasInterview: false } }))).toEqual(["sendToCommittee"]);
    expect(availableTransitions("REVIEW", context("ADMIN", { assignments: { pending: 2, submitted: 1 } }))).toEqual([]);
    expect(availableTransitions("ACCEPTED", context("OWNER"))).toEqual(["enroll", "decline", "withdraw"]);
    expect(availableTransitions("COMMITTEE", context("REVIEWER"))).toEqual([]);
  });
});

describe("possibleTransitions", () => {
  /** Only facts about the application, the call and who acts: no reason, no override, no review counts. */
  const facts = (who: Who, changes: Partial<TransitionFacts> = {}): TransitionFacts => ({
    now: NOW,
    ...ACTORS[who],
    call: OPEN_CALL,
    decisionReleasedAt: RELEASED,
    ...changes,
  });

  it("answers from facts alone what a page may offer: what the request must bring is asked for, not invented", () => {
    // A screening rejection needs a reason and a move past pending reviews an override: both are the form's to ask.
    expect(possibleTransitions("SCREENING", facts("ADMIN"))).toEqual(["markEligible", "markIneligible"]);
    expect(possibleTransitions("REVIEW", facts("ADMIN"))).toEqual(["shortlist", "sendToCommittee"]);
    expect(possibleTransitions("INTERVIEW", facts("ADMIN"))).toEqual(["sendToCommittee"]);
    // @ts-expect-error -- a reason is what the request brings, not a fact to pass in
    possibleTransitions("SCREENING", { ...facts("ADMIN"), reason: "x" });
    // @ts-expect-error -- nor is an override
    possibleTransitions("REVIEW", { ...facts("ADMIN"), override: true });
  });

  it("still applies every rule that no input can change", () => {
    expect(possibleTransitions("REVIEW", facts("ADMIN", { call: { ...OPEN_CALL, hasInterview: false } }))).toEqual(["sendToCommittee"]);
    expect(possibleTransitions("DRAFT", facts("OWNER"))).toEqual(["submit", "withdraw"]);
    expect(possibleTransitions("DRAFT", facts("OWNER", { call: { ...OPEN_CALL, status: "CLOSED" } }))).toEqual(["withdraw"]);
    expect(possibleTransitions("REVIEW", facts("OTHER_FOUNDER"))).toEqual([]);
    expect(possibleTransitions("COMMITTEE", facts("REVIEWER"))).toEqual([]);
  });

  it("offers taking back a decision only while it is hidden, and withdrawing after a rejection only before it is told", () => {
    for (const status of ["ACCEPTED", "WAITLISTED", "REJECTED"] as const) {
      expect(possibleTransitions(status, facts("ADMIN", { decisionReleasedAt: null })), status).toContain("reconsider");
      expect(possibleTransitions(status, facts("ADMIN")), status).not.toContain("reconsider");
    }
    expect(possibleTransitions("REJECTED", facts("OWNER", { decisionReleasedAt: null }))).toEqual(["withdraw"]);
    expect(possibleTransitions("REJECTED", facts("OWNER"))).toEqual([]);
    expect(possibleTransitions("WAITLISTED", facts("SYSTEM", { decisionReleasedAt: null }))).toEqual([]);
    expect(possibleTransitions("WAITLISTED", facts("SYSTEM"))).toEqual(["promote"]);
  });

  it("agrees with checkTransition given a request that brings everything", () => {
    const full = (who: Who, releasedAt: Date | null) =>
      context(who, {
        decisionReleasedAt: releasedAt,
        assignments: { pending: 2, submitted: 1 },
        override: true,
        reason: "Reviewer unreachable",
      });
    for (const status of APPLICATION_STATUSES) {
      for (const who of EVERYONE) {
        for (const releasedAt of [null, RELEASED]) {
          expect(possibleTransitions(status, facts(who, { decisionReleasedAt: releasedAt })), `${status} by ${who}`).toEqual(
            availableTransitions(status, full(who, releasedAt)),
          );
        }
      }
    }
  });
});
