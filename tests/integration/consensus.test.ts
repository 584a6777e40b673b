// Consensus feedback (issue 18) against a real database: the notes side by side, who drafts (admins, the named
// lead), whose approval counts, a rewrite asking again, approvals landing at once, and the page's forms.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { UserError } from "~/domain/errors.ts";
import { consensusFor, nameConsensusLead, proposeConsensus, respondToConsensus } from "~/models/consensus.server.ts";
import { action as discussionAction, loader as discussionLoader } from "~/routes/staff.discussions.$applicationId.tsx";
import { createTestUser, refusalOf } from "../support/factories.ts";
import { createApplication, createSite } from "../support/intake-factories.ts";
import { callRoute } from "../support/remix.ts";
import { assignReviewer, createReviewCall, createReviewer, signIn, submitReview } from "../support/review-factories.ts";

beforeAll(async () => {
  await dbReady;
});

const asReviewer = (user: { id: string }) => ({ id: user.id, roles: ["REVIEWER"] });
const asAdmin = (user: { id: string }) => ({ id: user.id, roles: ["ADMIN"] });

/** An application whose three reviewers submitted, each with a note for the founder (the third: none), and an admin. */
async function consensusSetup() {
  const site = await createSite();
  const { call, criteria } = await createReviewCall({ sites: [site], reviewersPerApplication: 4 });
  const founder = await createTestUser({ roles: ["FOUNDER"] });
  const { application } = await createApplication({ founder, call, site, status: "REVIEW" });
  const reviewers = [
    await createReviewer({ name: "Rim Alami" }),
    await createReviewer({ name: "Rachid Berrada" }),
    await createReviewer({ name: "Rania Chraibi" }),
  ];
  const notes = ["Marché à chiffrer.", "Montrez une première vente.", ""];
  for (const [index, reviewer] of reviewers.entries()) {
    const assignment = await assignReviewer(application.id, reviewer.id);
    await submitReview(assignment, criteria, [3, 3, 3, 3, 3], { founderFeedback: notes[index] });
  }
  // A fourth, not reviewed yet: no say on the text until they submit.
  const late = await createReviewer({ name: "Reda Late" });
  await assignReviewer(application.id, late.id);
  const admin = await createTestUser({ roles: ["ADMIN"], name: "Amal Admin" });
  return { application, reviewers, late, admin };
}

describe("drafting and approving", () => {
  it("shows the notes side by side, lets an admin propose, and approves once every reviewer who submitted approved", async () => {
    const s = await consensusSetup();
    const [r1, r2, r3] = s.reviewers;
    const before = await consensusFor(s.application.id, asReviewer(r1));
    expect(before.notes.map((note) => note.note)).toEqual(["Marché à chiffrer.", "Montrez une première vente.", ""]);
    // To a reviewer, the others are letters; to an admin, names.
    expect(before.notes.map((note) => note.reviewer)).toEqual([
      { kind: "name", name: "Rim Alami" },
      { kind: "reviewer", letter: "B" },
      { kind: "reviewer", letter: "C" },
    ]);
    expect(before).toMatchObject({ state: "none", canDraft: false, canRespond: false, version: 0 });
    expect((await consensusFor(s.application.id, asAdmin(s.admin))).notes[1].reviewer).toEqual({ kind: "name", name: "Rachid Berrada" });

    // A reviewer who is not the lead may not draft; the admin may.
    expect(await refusalOf(proposeConsensus(s.application.id, asReviewer(r1), { text: "Mon texte", expectedVersion: 0 }))).toEqual({
      key: "consensus.errors.notDrafter",
      status: 403,
    });
    await proposeConsensus(s.application.id, asAdmin(s.admin), { text: "Chiffrez le marché et montrez une vente.", expectedVersion: 0 });
    let view = await consensusFor(s.application.id, asReviewer(r1));
    expect(view).toMatchObject({ state: "awaiting", version: 1, text: "Chiffrez le marché et montrez une vente.", canRespond: true });
    expect(view.pending).toHaveLength(3);

    // A comment asks for changes and does not approve; approvals of all three do.
    await respondToConsensus(s.application.id, asReviewer(r1), { version: 1, approve: false, comment: "Ajoutez un mot sur l'équipe." });
    await respondToConsensus(s.application.id, asReviewer(r1), { version: 1, approve: true, comment: "" });
    await respondToConsensus(s.application.id, asReviewer(r2), { version: 1, approve: true, comment: "" });
    view = await consensusFor(s.application.id, asReviewer(r3));
    expect(view).toMatchObject({ state: "awaiting", canRespond: true });
    expect(view.pending).toEqual([{ kind: "name", name: "Rania Chraibi" }]);
    expect((await db.consensusFeedback.findUniqueOrThrow({ where: { applicationId: s.application.id } })).approvedAt).toBeNull();
    await respondToConsensus(s.application.id, asReviewer(r3), { version: 1, approve: true, comment: "" });
    expect((await consensusFor(s.application.id, asAdmin(s.admin))).state).toBe("approved");
    expect((await db.consensusFeedback.findUniqueOrThrow({ where: { applicationId: s.application.id } })).approvedAt).not.toBeNull();

    // An approval stands; the reviewer not yet submitted has no say; every step audited.
    expect(await refusalOf(respondToConsensus(s.application.id, asReviewer(r2), { version: 1, approve: false, comment: "Non" }))).toEqual({
      key: "consensus.errors.alreadyApproved",
      status: 409,
    });
    expect(await refusalOf(respondToConsensus(s.application.id, asReviewer(s.late), { version: 1, approve: true, comment: "" }))).toEqual({
      key: "discussion.errors.reviewFirst",
      status: 403,
    });
    const audited = await db.auditEvent.findMany({ where: { subjectId: s.application.id, type: { startsWith: "CONSENSUS_" } } });
    expect(audited.map((event) => event.type).sort()).toEqual([
      "CONSENSUS_APPROVED",
      "CONSENSUS_APPROVED",
      "CONSENSUS_APPROVED",
      "CONSENSUS_COMMENTED",
      "CONSENSUS_PROPOSED",
    ]);
  });

  it("lets the lead an admin named draft, without approving their own text; a rewrite asks everyone again", async () => {
    const s = await consensusSetup();
    const [r1, r2, r3] = s.reviewers;
    expect(await refusalOf(nameConsensusLead(s.application.id, asAdmin(s.admin), { leadReviewerId: s.late.id }))).toEqual({
      key: "consensus.errors.leadNotReviewer",
      status: 400,
    });
    expect(await refusalOf(nameConsensusLead(s.application.id, asReviewer(r1), { leadReviewerId: r1.id }))).toEqual({
      key: "errors.title403",
      status: 403,
    });
    await nameConsensusLead(s.application.id, asAdmin(s.admin), { leadReviewerId: r2.id });
    expect((await consensusFor(s.application.id, asReviewer(r2))).canDraft).toBe(true);
    expect((await consensusFor(s.application.id, asReviewer(r1))).canDraft).toBe(false);

    await proposeConsensus(s.application.id, asReviewer(r2), { text: "Première version.", expectedVersion: 0 });
    const lead = await consensusFor(s.application.id, asReviewer(r2));
    expect(lead).toMatchObject({ state: "awaiting", canRespond: false, proposedBy: { kind: "name", name: "Rachid Berrada" } });
    expect(lead.pending).toHaveLength(2);
    expect(await refusalOf(respondToConsensus(s.application.id, asReviewer(r2), { version: 1, approve: true, comment: "" }))).toEqual({
      key: "consensus.errors.notApprover",
      status: 403,
    });
    await respondToConsensus(s.application.id, asReviewer(r1), { version: 1, approve: true, comment: "" });

    // Rewritten: version 2; r1's approval of version 1 no longer counts, and answering version 1 is stale.
    await proposeConsensus(s.application.id, asReviewer(r2), { text: "Deuxième version.", expectedVersion: 1 });
    expect((await consensusFor(s.application.id, asReviewer(r1))).pending).toHaveLength(2);
    expect(await refusalOf(respondToConsensus(s.application.id, asReviewer(r3), { version: 1, approve: true, comment: "" }))).toEqual({
      key: "consensus.errors.changedMeanwhile",
      status: 409,
    });
    // A drafter who read version 1 cannot overwrite version 2.
    expect(await refusalOf(proposeConsensus(s.application.id, asAdmin(s.admin), { text: "Autre.", expectedVersion: 1 }))).toEqual({
      key: "consensus.errors.changedMeanwhile",
      status: 409,
    });
    for (const reviewer of [r1, r3])
      await respondToConsensus(s.application.id, asReviewer(reviewer), { version: 2, approve: true, comment: "" });
    const stored = await db.consensusFeedback.findUniqueOrThrow({ where: { applicationId: s.application.id } });
    expect(stored).toMatchObject({ version: 2, text: "Deuxième version." });
    expect(stored.approvedAt).not.toBeNull();
  });
});

describe("at the same moment", () => {
  it("the last approvals landing together approve the text exactly once, many times over", async () => {
    for (let round = 0; round < 6; round++) {
      const s = await consensusSetup();
      await proposeConsensus(s.application.id, asAdmin(s.admin), { text: `Texte ${round}.`, expectedVersion: 0 });
      await Promise.all(
        s.reviewers.map((reviewer) =>
          respondToConsensus(s.application.id, asReviewer(reviewer), { version: 1, approve: true, comment: "" }),
        ),
      );
      const stored = await db.consensusFeedback.findUniqueOrThrow({ where: { applicationId: s.application.id } });
      expect(stored.approvedAt, `round ${round}`).not.toBeNull();
      expect(await db.consensusResponse.count({ where: { applicationId: s.application.id, approved: true } })).toBe(3);
    }
  });

  it("of two drafters proposing over the same version, one wins and the other is told, many times over", async () => {
    for (let round = 0; round < 6; round++) {
      const s = await consensusSetup();
      const other = await createTestUser({ roles: ["ADMIN"] });
      const results = await Promise.allSettled([
        proposeConsensus(s.application.id, asAdmin(s.admin), { text: "Version de l'une.", expectedVersion: 0 }),
        proposeConsensus(s.application.id, asAdmin(other), { text: "Version de l'autre.", expectedVersion: 0 }),
      ]);
      expect(
        results.filter((result) => result.status === "fulfilled"),
        `round ${round}`,
      ).toHaveLength(1);
      const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(UserError);
      expect((refused.reason as UserError).key).toBe("consensus.errors.changedMeanwhile");
      expect((await db.consensusFeedback.findUniqueOrThrow({ where: { applicationId: s.application.id } })).version).toBe(1);
    }
  });

  it("an approval racing a rewrite never leaves the rewritten text approved", async () => {
    for (let round = 0; round < 6; round++) {
      const s = await consensusSetup();
      const [r1, r2, r3] = s.reviewers;
      await proposeConsensus(s.application.id, asAdmin(s.admin), { text: "Version 1.", expectedVersion: 0 });
      for (const reviewer of [r1, r2])
        await respondToConsensus(s.application.id, asReviewer(reviewer), { version: 1, approve: true, comment: "" });
      await Promise.allSettled([
        respondToConsensus(s.application.id, asReviewer(r3), { version: 1, approve: true, comment: "" }),
        proposeConsensus(s.application.id, asAdmin(s.admin), { text: "Version 2.", expectedVersion: 1 }),
      ]);
      const stored = await db.consensusFeedback.findUniqueOrThrow({ where: { applicationId: s.application.id } });
      if (stored.version === 2) expect(stored.approvedAt, `round ${round}`).toBeNull();
      else expect(stored.approvedAt, `round ${round}`).not.toBeNull();
    }
  });
});

describe("the page's forms", () => {
  it("proposes and answers through the discussion page, refusing a blank text and a change request without a comment", async () => {
    const s = await consensusSetup();
    const params = { applicationId: s.application.id };
    const path = `/staff/discussions/${s.application.id}`;
    const adminCookie = await signIn(s.admin);
    const blank = await callRoute(discussionAction, {
      path,
      params,
      cookie: adminCookie,
      form: { intent: "propose", text: "  ", expectedVersion: "0" },
    });
    expect(blank.status).toBe(400);
    expect(await blank.json()).toMatchObject({ intent: "propose", errors: { text: "consensus.errors.textRequired" } });
    const proposed = await callRoute(discussionAction, {
      path,
      params,
      cookie: adminCookie,
      form: { intent: "propose", text: "<script>alert(1)</script> Chiffrez le marché.", expectedVersion: "0" },
    });
    expect(proposed.status).toBe(302);
    expect(proposed.headers.get("location")).toBe(`${path}#consensus`);

    const reviewerCookie = await signIn(s.reviewers[0]);
    const noComment = await callRoute(discussionAction, {
      path,
      params,
      cookie: reviewerCookie,
      form: { intent: "respond", version: "1", answer: "comment", comment: "" },
    });
    expect(noComment.status).toBe(400);
    expect(await noComment.json()).toMatchObject({
      errors: { comment: "consensus.errors.commentRequired" },
      values: { intent: "respond" },
    });
    const approved = await callRoute(discussionAction, {
      path,
      params,
      cookie: reviewerCookie,
      form: { intent: "respond", version: "1", answer: "approve" },
    });
    expect(approved.status).toBe(302);

    // The page shows the text as text, and what is pending.
    const page = await callRoute(discussionLoader, { path, params, cookie: reviewerCookie });
    const data = (await page.json()) as { consensus: { text: string; state: string; canRespond: boolean } };
    expect(data.consensus).toMatchObject({ text: "<script>alert(1)</script> Chiffrez le marché.", state: "awaiting", canRespond: false });
    // A founder is refused by role before anything is read.
    const founderCookie = await signIn(
      (await db.application.findUniqueOrThrow({ where: { id: s.application.id }, include: { founder: true } })).founder,
    );
    const refused = await callRoute(discussionAction, {
      path,
      params,
      cookie: founderCookie,
      form: { intent: "propose", text: "x", expectedVersion: "0" },
    });
    expect(refused.status).toBe(403);
    expect(await db.consensusFeedback.findUniqueOrThrow({ where: { applicationId: s.application.id } })).toMatchObject({ version: 1 });
  });
});
