// An application's discussion (issue 18) against a real database: who reads it and when, how participants
// are named, mentions emailed once each in the reader's language, the 10-minute edit window, a disagreement
// opening the discussion once whoever computes the scores, and stored markup staying text.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { UserError } from "~/domain/errors.ts";
import { renderEmail } from "../../emails/render.tsx";
import { addDiscussionPost, discussionFor, editDiscussionPost } from "~/models/discussion.server.ts";
import { refreshRanking } from "~/models/scores.server.ts";
import { loader as discussionLoader } from "~/routes/staff.discussions.$applicationId.tsx";
import { emailsOf, payloadOf } from "../support/enrollment-factories.ts";
import { createTestUser, refusalOf } from "../support/factories.ts";
import { createApplication, createSite } from "../support/intake-factories.ts";
import { callRoute } from "../support/remix.ts";
import { assignReviewer, createReviewCall, createReviewer, signIn, submitReview } from "../support/review-factories.ts";

beforeAll(async () => {
  await dbReady;
});

const asReader = (user: { id: string }, roles: string[]) => ({ id: user.id, roles });
const MINUTE = 60_000;

/** An application in review with three reviewers (English, Arabic, French), an admin and its founder. */
async function discussionSetup(options: { showReviewerNames?: boolean } = {}) {
  const site = await createSite();
  const { call, criteria } = await createReviewCall({ sites: [site], reviewersPerApplication: 3 });
  if (options.showReviewerNames) await db.call.update({ where: { id: call.id }, data: { showReviewerNames: true } });
  const founder = await createTestUser({ roles: ["FOUNDER"] });
  const { application } = await createApplication({ founder, call, site, status: "REVIEW" });
  const reviewers = [
    await createReviewer({ name: "Rim Alami", locale: "en" }),
    await createReviewer({ name: "Rachid Berrada", locale: "ar" }),
    await createReviewer({ name: "Rania Chraibi", locale: "fr" }),
  ];
  const assignments = [];
  for (const reviewer of reviewers) assignments.push(await assignReviewer(application.id, reviewer.id));
  const admin = await createTestUser({ roles: ["ADMIN"], name: "Amal Admin", locale: "fr" });
  const outsider = await createReviewer({ name: "Omar Outsider" });
  return { call, criteria, application, founder, reviewers, assignments, admin, outsider };
}

describe("who reads the discussion", () => {
  it("opens to a reviewer once their own review is submitted and to admins; not to other reviewers nor founders", async () => {
    const s = await discussionSetup();
    const [r1] = s.reviewers;
    expect(await refusalOf(discussionFor(s.application.id, asReader(r1, ["REVIEWER"])))).toEqual({
      key: "discussion.errors.reviewFirst",
      status: 403,
    });
    expect(await refusalOf(discussionFor(s.application.id, asReader(s.outsider, ["REVIEWER"])))).toEqual({
      key: "errors.title404",
      status: 404,
    });
    expect((await discussionFor(s.application.id, asReader(s.admin, ["ADMIN"]))).posts).toEqual([]);

    await submitReview(s.assignments[0], s.criteria, [3, 3, 3, 3, 3]);
    expect((await discussionFor(s.application.id, asReader(r1, ["REVIEWER"]))).ownAssignmentId).toBe(s.assignments[0].id);
    // Writing is refused on the same grounds, with nothing written.
    await expect(
      addDiscussionPost(s.application.id, asReader(s.reviewers[1], ["REVIEWER"]), { body: "Trop tôt", mentions: [] }),
    ).rejects.toThrow(UserError);
    expect(await db.discussionPost.count({ where: { applicationId: s.application.id } })).toBe(0);

    // Through the page: a founder (even the application's) is refused by role before anything is read.
    const founderCookie = await signIn(s.founder);
    const response = await callRoute(discussionLoader, {
      path: `/staff/discussions/${s.application.id}`,
      params: { applicationId: s.application.id },
      cookie: founderCookie,
    });
    expect(response.status).toBe(403);
  });
});

describe("posting", () => {
  it("names reviewers by letter to each other, emails each mention once in the reader's language, and nests replies", async () => {
    const s = await discussionSetup();
    const [r1, r2, r3] = s.reviewers;
    await submitReview(s.assignments[0], s.criteria, [2, 2, 2, 2, 2]);
    await submitReview(s.assignments[1], s.criteria, [5, 5, 5, 5, 5]);

    // r3 has not submitted: not offered, and refused if posted anyway, with nothing written.
    const offered = (await discussionFor(s.application.id, asReader(r1, ["REVIEWER"]))).mentionable.map((person) => person.id);
    expect(offered).toContain(r2.id);
    expect(offered).toContain(s.admin.id);
    expect(offered).not.toContain(r3.id);
    expect(offered).not.toContain(r1.id);
    expect(await refusalOf(addDiscussionPost(s.application.id, asReader(r1, ["REVIEWER"]), { body: "?", mentions: [r3.id] }))).toEqual({
      key: "discussion.errors.mentionUnknown",
      status: 400,
    });
    expect(await db.discussionPost.count({ where: { applicationId: s.application.id } })).toBe(0);

    const body = "Le marché visé me semble étroit.\nQu'en pensez-vous ?";
    const post = await addDiscussionPost(s.application.id, asReader(r1, ["REVIEWER"]), { body, mentions: [r2.id, s.admin.id] });
    const toR2 = await emailsOf("discussion-mention", r2.email);
    const toAdmin = await emailsOf("discussion-mention", s.admin.email);
    expect(toR2.map((row) => row.locale)).toEqual(["ar"]);
    expect(toAdmin.map((row) => row.locale)).toEqual(["fr"]);
    // The writer as each reader sees them: a letter to the other reviewer, a name to the admin.
    expect(payloadOf(toR2[0])).toMatchObject({ author: { reviewerLetter: "A" }, text: body });
    expect(payloadOf(toAdmin[0])).toMatchObject({ author: { name: "Rim Alami" } });
    expect(String(payloadOf(toR2[0]).discussionUrl)).toMatch(new RegExp(`/staff/discussions/${s.application.id}#post-${post.id}$`));

    await addDiscussionPost(s.application.id, asReader(r2, ["REVIEWER"]), {
      body: "D'accord, mais l'équipe est solide.",
      parentId: post.id,
      mentions: [],
    });
    const seenByR2 = await discussionFor(s.application.id, asReader(r2, ["REVIEWER"]));
    expect(seenByR2.posts).toHaveLength(1);
    expect(seenByR2.posts[0].author).toEqual({ kind: "reviewer", letter: "A" });
    expect(seenByR2.posts[0].replies.map((reply) => [reply.author, reply.mine])).toEqual([
      [{ kind: "name", name: "Rachid Berrada" }, true],
    ]);
    const seenByAdmin = await discussionFor(s.application.id, asReader(s.admin, ["ADMIN"]));
    expect(seenByAdmin.posts[0].author).toEqual({ kind: "name", name: "Rim Alami" });
    // A reply to a reply is refused: one level.
    const reply = seenByR2.posts[0].replies[0];
    expect(
      await refusalOf(addDiscussionPost(s.application.id, asReader(r1, ["REVIEWER"]), { body: "Et ?", parentId: reply.id, mentions: [] })),
    ).toEqual({
      key: "discussion.errors.parentGone",
      status: 409,
    });
  });

  it("shows reviewers' names to each other when the call allows it", async () => {
    const s = await discussionSetup({ showReviewerNames: true });
    await submitReview(s.assignments[0], s.criteria, [3, 3, 3, 3, 3]);
    await submitReview(s.assignments[1], s.criteria, [3, 3, 3, 3, 3]);
    await addDiscussionPost(s.application.id, asReader(s.reviewers[0], ["REVIEWER"]), { body: "Bonjour", mentions: [] });
    const seen = await discussionFor(s.application.id, asReader(s.reviewers[1], ["REVIEWER"]));
    expect(seen.posts[0].author).toEqual({ kind: "name", name: "Rim Alami" });
  });

  it("lets the author edit for 10 minutes, nobody else, and keeps stored markup as text in the email", async () => {
    const s = await discussionSetup();
    const [r1, r2] = s.reviewers;
    await submitReview(s.assignments[0], s.criteria, [3, 3, 3, 3, 3]);
    await submitReview(s.assignments[1], s.criteria, [3, 3, 3, 3, 3]);
    const written = new Date("2026-12-02T10:00:00Z");
    const post = await addDiscussionPost(s.application.id, asReader(r1, ["REVIEWER"]), { body: "Premier jet", mentions: [] }, written);

    expect(
      await refusalOf(editDiscussionPost(s.application.id, asReader(r2, ["REVIEWER"]), { postId: post.id, body: "Pas à moi" }, written)),
    ).toEqual({
      key: "discussion.errors.notEditable",
      status: 409,
    });
    await editDiscussionPost(
      s.application.id,
      asReader(r1, ["REVIEWER"]),
      { postId: post.id, body: "Version revue" },
      new Date(written.getTime() + 9 * MINUTE),
    );
    expect(
      await refusalOf(
        editDiscussionPost(
          s.application.id,
          asReader(r1, ["REVIEWER"]),
          { postId: post.id, body: "Trop tard" },
          new Date(written.getTime() + 11 * MINUTE),
        ),
      ),
    ).toEqual({
      key: "discussion.errors.notEditable",
      status: 409,
    });
    const stored = await db.discussionPost.findUniqueOrThrow({ where: { id: post.id } });
    expect(stored.body).toBe("Version revue");
    expect(stored.editedAt?.toISOString()).toBe(new Date(written.getTime() + 9 * MINUTE).toISOString());

    const payload = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    await addDiscussionPost(s.application.id, asReader(r1, ["REVIEWER"]), { body: payload, mentions: [r2.id] });
    const [row] = await emailsOf("discussion-mention", r2.email);
    const email = await renderEmail("discussion-mention", "ar", payloadOf(row) as never);
    expect(email.html).not.toContain("<script>");
    expect(email.html).not.toContain("<img src=x");
    expect(email.html).toContain("&lt;script&gt;");
    expect(email.text).toContain(payload);
    // The writer's line breaks reach the reader, in both parts.
    const lines = await renderEmail("discussion-mention", "fr", {
      ...(payloadOf(row) as object),
      text: "Premier point.\nSecond point.",
    } as never);
    expect(lines.html).toMatch(/Premier point\.<br\/?>Second point\./);
    expect(lines.text).toMatch(/Premier point\.\s*\n\s*Second point\./);
  });
});

describe("a disagreement", () => {
  it("opens the discussion once, emailing each reviewer who submitted, however many refreshes run at once", async () => {
    for (let round = 0; round < 4; round++) {
      const s = await discussionSetup();
      await submitReview(s.assignments[0], s.criteria, [1, 1, 1, 1, 1]);
      await submitReview(s.assignments[1], s.criteria, [5, 5, 5, 5, 5]);
      await Promise.all([refreshRanking(s.call.id), refreshRanking(s.call.id), refreshRanking(s.call.id)]);
      const application = await db.application.findUniqueOrThrow({ where: { id: s.application.id } });
      expect(application.disagreement).toBeGreaterThan(1);
      expect(application.discussionOpenedAt).not.toBeNull();
      expect(
        await db.discussionPost.findMany({ where: { applicationId: s.application.id }, select: { kind: true, authorId: true } }),
      ).toEqual([{ kind: "OPENED", authorId: null }]);
      const opened = await db.outboxEmail.findMany({ where: { template: "discussion-opened", payload: { contains: s.application.id } } });
      expect(opened.map((row) => row.to).sort()).toEqual(
        [s.reviewers[0].email, s.reviewers[1].email].map((email) => email.toLowerCase()).sort(),
      );
      expect(opened.find((row) => row.to === s.reviewers[1].email.toLowerCase())?.locale).toBe("ar");

      // A third review that agrees with nobody later: the discussion is not opened again.
      await submitReview(s.assignments[2], s.criteria, [3, 3, 3, 3, 3]);
      await refreshRanking(s.call.id);
      expect(await db.discussionPost.count({ where: { applicationId: s.application.id, kind: "OPENED" } })).toBe(1);
    }
  });

  it("leaves an application whose reviews agree without a discussion notice", async () => {
    const s = await discussionSetup();
    await submitReview(s.assignments[0], s.criteria, [4, 4, 4, 4, 4]);
    await submitReview(s.assignments[1], s.criteria, [4, 4, 5, 4, 4]);
    await refreshRanking(s.call.id);
    expect((await db.application.findUniqueOrThrow({ where: { id: s.application.id } })).discussionOpenedAt).toBeNull();
    expect(await db.outboxEmail.count({ where: { template: "discussion-opened", payload: { contains: s.application.id } } })).toBe(0);
  });
});
