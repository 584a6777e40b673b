// The discussion's rules (app/domain/discussion.ts): who reads it, how participants are named, how long a
// post stays editable.
import { describe, expect, it } from "vitest";
import {
  DISCUSSION_EDIT_MINUTES,
  canEditPost,
  discussionAccess,
  editableSince,
  participantLabel,
  reviewerLetter,
} from "~/domain/discussion.ts";

describe("discussionAccess", () => {
  it("opens to admins, and to a reviewer of the application once their own review is submitted", () => {
    expect(discussionAccess({ isAdmin: true, assigned: false, submittedOwnReview: false })).toEqual({ ok: true });
    expect(discussionAccess({ isAdmin: false, assigned: true, submittedOwnReview: true })).toEqual({ ok: true });
    expect(discussionAccess({ isAdmin: false, assigned: true, submittedOwnReview: false })).toEqual({ ok: false, reason: "reviewFirst" });
    expect(discussionAccess({ isAdmin: false, assigned: false, submittedOwnReview: false })).toEqual({ ok: false, reason: "notAssigned" });
  });
});

describe("participantLabel", () => {
  const order = ["r1", "r2", "r3"];
  const reviewer = (id: string) => ({ id, name: `Name of ${id}`, isAdmin: false });
  const admin = { id: "a1", name: "Admin Alaoui", isAdmin: true };

  it("names reviewers by letter to other reviewers, in the order they were assigned", () => {
    const reader = { id: "r1", isAdmin: false, showReviewerNames: false };
    expect(participantLabel(reviewer("r2"), order, reader)).toEqual({ kind: "reviewer", letter: "B" });
    expect(participantLabel(reviewer("r3"), order, reader)).toEqual({ kind: "reviewer", letter: "C" });
    // Oneself and the admins by name; the system's notice as the system.
    expect(participantLabel(reviewer("r1"), order, reader)).toEqual({ kind: "name", name: "Name of r1" });
    expect(participantLabel(admin, order, reader)).toEqual({ kind: "name", name: "Admin Alaoui" });
    expect(participantLabel(null, order, reader)).toEqual({ kind: "system" });
  });

  it("names everyone to admins, and to reviewers when the call shows reviewers' names", () => {
    expect(participantLabel(reviewer("r2"), order, { id: "a1", isAdmin: true, showReviewerNames: false })).toEqual({
      kind: "name",
      name: "Name of r2",
    });
    expect(participantLabel(reviewer("r2"), order, { id: "r1", isAdmin: false, showReviewerNames: true })).toEqual({
      kind: "name",
      name: "Name of r2",
    });
  });

  it("gives an admin who also reviews the application their reviewer's letter", () => {
    const adminReviewer = { id: "r2", name: "Both", isAdmin: true };
    expect(participantLabel(adminReviewer, order, { id: "r1", isAdmin: false, showReviewerNames: false })).toEqual({
      kind: "reviewer",
      letter: "B",
    });
  });

  it("letters past Z go on as AA, AB…", () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(reviewerLetter)).toEqual(["A", "B", "Z", "AA", "AB", "AZ", "BA"]);
  });
});

describe("canEditPost", () => {
  const createdAt = new Date("2026-12-02T10:00:00Z");
  const at = (minutes: number) => new Date(createdAt.getTime() + minutes * 60_000);

  it("lets the author edit for 10 minutes, nobody else ever", () => {
    expect(DISCUSSION_EDIT_MINUTES).toBe(10);
    expect(canEditPost({ authorId: "u1", createdAt }, "u1", at(0))).toBe(true);
    expect(canEditPost({ authorId: "u1", createdAt }, "u1", at(10))).toBe(true);
    expect(canEditPost({ authorId: "u1", createdAt }, "u1", at(10.01))).toBe(false);
    expect(canEditPost({ authorId: "u1", createdAt }, "u2", at(1))).toBe(false);
    expect(canEditPost({ authorId: null, createdAt }, "u1", at(1))).toBe(false);
  });

  it("agrees with the moment the conditional update compares against", () => {
    for (const minutes of [0, 5, 10, 10.5, 60]) {
      const now = at(minutes);
      expect(createdAt >= editableSince(now)).toBe(canEditPost({ authorId: "u1", createdAt }, "u1", now));
    }
  });
});
