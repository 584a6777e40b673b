// Consensus feedback's rules (app/domain/consensus.ts): who drafts, whose approval counts, when a text is approved.
import { describe, expect, it } from "vitest";
import { canDraftConsensus, consensusApprovers, consensusState, mayRespond } from "~/domain/consensus.ts";

const submitted = ["r1", "r2", "r3"];

describe("canDraftConsensus", () => {
  it("lets admins draft, and the named lead reviewer once their own review is in", () => {
    expect(canDraftConsensus({ id: "a1", isAdmin: true }, null, submitted)).toBe(true);
    expect(canDraftConsensus({ id: "r2", isAdmin: false }, "r2", submitted)).toBe(true);
    // Another reviewer, no lead named, or a lead who has not submitted: no.
    expect(canDraftConsensus({ id: "r1", isAdmin: false }, "r2", submitted)).toBe(false);
    expect(canDraftConsensus({ id: "r1", isAdmin: false }, null, submitted)).toBe(false);
    expect(canDraftConsensus({ id: "r4", isAdmin: false }, "r4", submitted)).toBe(false);
  });
});

describe("consensusApprovers", () => {
  it("is every reviewer who submitted but the one who proposed", () => {
    expect(consensusApprovers(submitted, "a1")).toEqual(submitted);
    expect(consensusApprovers(submitted, "r2")).toEqual(["r1", "r3"]);
  });
});

describe("consensusState", () => {
  it("has nothing before a first proposal", () => {
    expect(consensusState({ version: 0, proposedById: null }, submitted, [])).toEqual({ kind: "none" });
  });

  it("waits for every approver of the current version; a comment does not approve", () => {
    const feedback = { version: 1, proposedById: "r2" };
    expect(consensusState(feedback, submitted, [])).toEqual({ kind: "awaiting", version: 1, pending: ["r1", "r3"] });
    const responses = [
      { reviewerId: "r1", version: 1, approved: true },
      { reviewerId: "r3", version: 1, approved: false },
    ];
    expect(consensusState(feedback, submitted, responses)).toEqual({ kind: "awaiting", version: 1, pending: ["r3"] });
    expect(consensusState(feedback, submitted, [...responses, { reviewerId: "r3", version: 1, approved: true }])).toEqual({
      kind: "approved",
      version: 1,
    });
  });

  it("stops counting the approvals of an earlier text once it is rewritten", () => {
    const approvedFirst = submitted.map((reviewerId) => ({ reviewerId, version: 1, approved: true }));
    expect(consensusState({ version: 1, proposedById: "a1" }, submitted, approvedFirst)).toEqual({ kind: "approved", version: 1 });
    expect(consensusState({ version: 2, proposedById: "a1" }, submitted, approvedFirst)).toEqual({
      kind: "awaiting",
      version: 2,
      pending: submitted,
    });
  });

  it("approves at once a text nobody else reviewed, and ignores answers of people who are not approvers", () => {
    expect(consensusState({ version: 1, proposedById: "r1" }, ["r1"], [])).toEqual({ kind: "approved", version: 1 });
    expect(consensusState({ version: 1, proposedById: "a1" }, ["r1"], [{ reviewerId: "r9", version: 1, approved: true }])).toEqual({
      kind: "awaiting",
      version: 1,
      pending: ["r1"],
    });
  });
});

describe("mayRespond", () => {
  const feedback = { version: 2, proposedById: "r2" };
  it("lets an approver answer the version they read", () => {
    expect(mayRespond("r1", feedback, submitted, 2)).toEqual({ ok: true });
  });
  it("refuses the proposer, a reviewer who did not submit, and an answer to an earlier text", () => {
    expect(mayRespond("r2", feedback, submitted, 2)).toEqual({ ok: false, reason: "notApprover" });
    expect(mayRespond("r4", feedback, submitted, 2)).toEqual({ ok: false, reason: "notApprover" });
    expect(mayRespond("r1", feedback, submitted, 1)).toEqual({ ok: false, reason: "stale" });
    expect(mayRespond("r1", { version: 0, proposedById: null }, submitted, 0)).toEqual({ ok: false, reason: "stale" });
  });
});
