// The one rule for what a founder may know of the committee's decision (app/domain/decision.ts).
import { describe, expect, it } from "vitest";
import { APPLICATION_STATUSES } from "~/domain/constants.ts";
import { COMMITTEE_DECISIONS, founderVisibleStatus, isDecisionHidden } from "~/domain/decision.ts";

const RELEASED = new Date("2026-06-01T10:00:00Z");

describe("isDecisionHidden", () => {
  it.each(COMMITTEE_DECISIONS)("hides a %s decision until it is released, and only until then", (status) => {
    expect(isDecisionHidden({ status, decisionReleasedAt: null })).toBe(true);
    expect(isDecisionHidden({ status, decisionReleasedAt: RELEASED })).toBe(false);
  });

  it("hides nothing else: a status the committee does not decide is never hidden, released or not", () => {
    const others = APPLICATION_STATUSES.filter((status) => !(COMMITTEE_DECISIONS as readonly string[]).includes(status));
    expect(others).toEqual([
      "DRAFT",
      "SUBMITTED",
      "SCREENING",
      "REVIEW",
      "INTERVIEW",
      "COMMITTEE",
      "ENROLLED",
      "DECLINED",
      "WITHDRAWN",
      "INCUBATING",
      "GRADUATED",
      "LEFT_EARLY",
      "CEASED",
    ]);
    for (const status of others) {
      expect(isDecisionHidden({ status, decisionReleasedAt: null }), status).toBe(false);
      expect(isDecisionHidden({ status, decisionReleasedAt: RELEASED }), status).toBe(false);
    }
  });
});

describe("founderVisibleStatus", () => {
  it("shows a hidden decision as still with the committee, and every other status as it is", () => {
    for (const status of APPLICATION_STATUSES) {
      const hidden = (COMMITTEE_DECISIONS as readonly string[]).includes(status);
      expect(founderVisibleStatus({ status, decisionReleasedAt: null }), status).toBe(hidden ? "COMMITTEE" : status);
      expect(founderVisibleStatus({ status, decisionReleasedAt: RELEASED }), status).toBe(status);
    }
  });
});
