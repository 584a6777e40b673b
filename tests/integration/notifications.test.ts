// In-app notifications (issue 18) against a real database: a message and a mention put one under each
// recipient's bell, in the event's own transaction; opening one marks it read and leads to what it is about;
// another user's is not found; the bell counts what is unread.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { addDiscussionPost } from "~/models/discussion.server.ts";
import { postStaffMessage, postTeamMessage } from "~/models/message.server.ts";
import { listNotifications, notify, openNotification, unreadNotificationCount } from "~/models/notification.server.ts";
import { action as openAction } from "~/routes/notifications.$id.tsx";
import { createTestUser, refusalOf } from "../support/factories.ts";
import { createApplication, createIntakeSetup, createSite } from "../support/intake-factories.ts";
import { callRoute } from "../support/remix.ts";
import { assignReviewer, createReviewCall, createReviewer, signIn, submitReview } from "../support/review-factories.ts";

beforeAll(async () => {
  await dbReady;
});

describe("the bell", () => {
  it("gets a message for every admin when a team writes and for every member when the staff answers; opening one reads it", async () => {
    const { site, call } = await createIntakeSetup();
    const founder = await createTestUser({ roles: ["FOUNDER"] });
    const { application } = await createApplication({ founder, call, site, status: "SUBMITTED" });
    const member = await createTestUser({ roles: ["FOUNDER"] });
    await db.teamMembership.create({ data: { applicationId: application.id, callId: call.id, userId: member.id } });
    const admin = await createTestUser({ roles: ["ADMIN"] });

    await postTeamMessage(application.id, founder.id, { body: "Une question" });
    const adminBell = await listNotifications(admin.id);
    expect(adminBell).toMatchObject([
      { kind: "MESSAGE", projectName: application.projectName, path: `/admin/applications/${application.id}/messages`, readAt: null },
    ]);
    expect(await unreadNotificationCount(admin.id)).toBe(1);

    await postStaffMessage(application.id, admin.id, { body: "La réponse" });
    for (const person of [founder, member])
      expect(await listNotifications(person.id)).toMatchObject([
        { kind: "MESSAGE", path: `/founder/applications/${application.id}/messages` },
      ]);

    // Opening: read, and where it leads; another user's is not found; through the route, a redirect.
    const [own] = await listNotifications(member.id);
    expect(await refusalOf(openNotification(own.id, founder.id))).toEqual({ key: "errors.title404", status: 404 });
    const opened = await callRoute(openAction, {
      path: `/notifications/${own.id}`,
      params: { id: own.id },
      cookie: await signIn(member),
      form: {},
    });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe(`/founder/applications/${application.id}/messages`);
    expect((await db.notification.findUniqueOrThrow({ where: { id: own.id } })).readAt).not.toBeNull();
    expect(await unreadNotificationCount(member.id)).toBe(0);
    expect(await unreadNotificationCount(founder.id)).toBe(1);
  });

  it("gets a mention for each person ticked, once", async () => {
    const site = await createSite();
    const { call, criteria } = await createReviewCall({ sites: [site], reviewersPerApplication: 2 });
    const founder = await createTestUser({ roles: ["FOUNDER"] });
    const { application } = await createApplication({ founder, call, site, status: "REVIEW" });
    const [r1, r2] = [await createReviewer({ name: "Rim" }), await createReviewer({ name: "Rachid" })];
    for (const reviewer of [r1, r2]) await submitReview(await assignReviewer(application.id, reviewer.id), criteria, [3, 3, 3, 3, 3]);
    const post = await addDiscussionPost(application.id, { id: r1.id, roles: ["REVIEWER"] }, { body: "Ton avis ?", mentions: [r2.id] });
    expect(await listNotifications(r2.id)).toMatchObject([
      { kind: "MENTION", path: `/staff/discussions/${application.id}#post-${post.id}` },
    ]);
    expect(await listNotifications(r1.id)).toEqual([]);
  });

  it("only ever leads to a path of the app", async () => {
    const user = await createTestUser({ roles: ["FOUNDER"] });
    for (const path of ["https://evil.example", "//evil.example", "/\\evil.example"])
      await expect(db.$transaction((tx) => notify(tx, [user.id], { kind: "MESSAGE", projectName: "x", path }))).rejects.toThrow(RangeError);
  });
});
