// Messages between an application's team and the staff (issue 18) against a real database: any member writes,
// the admins are emailed without the message, an answer clears the inbox and emails every member in their
// language, the inbox lists the longest waiting first, and two messages at once keep the oldest waiting time.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { awaitingThreadCount, awaitingThreads, postStaffMessage, postTeamMessage, threadPage } from "~/models/message.server.ts";
import { action as teamAction, loader as teamLoader } from "~/routes/founder.applications.$id.messages.tsx";
import { loader as staffLoader } from "~/routes/admin.applications.$id_.messages.tsx";
import { createTestUser, refusalOf } from "../support/factories.ts";
import { createApplication, createIntakeSetup } from "../support/intake-factories.ts";
import { callRoute } from "../support/remix.ts";
import { signIn } from "../support/review-factories.ts";

beforeAll(async () => {
  await dbReady;
});

const at = (iso: string) => new Date(iso);

/** A submitted application with its lead (French) and a member (Arabic), and an admin (English). */
async function thread() {
  const { site, call } = await createIntakeSetup();
  const founder = await createTestUser({ roles: ["FOUNDER"], locale: "fr" });
  const { application } = await createApplication({ founder, call, site, status: "SUBMITTED" });
  const member = await createTestUser({ roles: ["FOUNDER"], locale: "ar" });
  await db.teamMembership.create({ data: { applicationId: application.id, callId: call.id, userId: member.id, consentAt: new Date() } });
  const admin = await createTestUser({ roles: ["ADMIN"], locale: "en" });
  return { application, founder, member, admin };
}

describe("a thread", () => {
  it("carries the team's question to the admins and the answer back to every member, each in their language, never the text by email", async () => {
    const s = await thread();
    const secret = "Notre chiffre d'affaires 2026 : 1,2 M MAD <script>alert(1)</script>";
    await postTeamMessage(s.application.id, s.member.id, { body: secret }, at("2026-11-20T09:00:00Z"));
    await postTeamMessage(s.application.id, s.founder.id, { body: "Une autre question." }, at("2026-11-20T10:00:00Z"));
    let stored = await db.application.findUniqueOrThrow({ where: { id: s.application.id } });
    // Waiting since the first unanswered message.
    expect(stored.messageAwaitingSince).toEqual(at("2026-11-20T09:00:00Z"));
    expect((await awaitingThreads()).map((row) => row.id)).toContain(s.application.id);

    const toAdmin = await db.outboxEmail.findMany({ where: { to: s.admin.email, template: "message-from-team" } });
    expect(toAdmin).toHaveLength(2);
    expect(toAdmin.map((email) => email.locale)).toEqual(["en", "en"]);
    for (const email of toAdmin) {
      expect(email.payload).not.toContain("chiffre");
      expect(JSON.parse(email.payload).threadUrl).toMatch(new RegExp(`/admin/applications/${s.application.id}/messages$`));
    }

    await postStaffMessage(s.application.id, s.admin.id, { body: "Bonne question : voici la réponse." }, at("2026-11-21T08:00:00Z"));
    stored = await db.application.findUniqueOrThrow({ where: { id: s.application.id } });
    expect(stored.messageAwaitingSince).toBeNull();
    expect((await awaitingThreads()).map((row) => row.id)).not.toContain(s.application.id);
    const toTeam = await db.outboxEmail.findMany({
      where: { template: "message-from-staff", to: { in: [s.founder.email, s.member.email] } },
      orderBy: { to: "asc" },
    });
    expect(Object.fromEntries(toTeam.map((email) => [email.to, email.locale]))).toEqual({
      [s.founder.email]: "fr",
      [s.member.email]: "ar",
    });
    for (const email of toTeam)
      expect(JSON.parse(email.payload).threadUrl).toMatch(new RegExp(`/founder/applications/${s.application.id}/messages$`));

    const shown = await threadPage(s.application.id, "fr");
    expect(shown!.messages.map((message) => [message.fromStaff, message.body])).toEqual([
      [false, secret],
      [false, "Une autre question."],
      [true, "Bonne question : voici la réponse."],
    ]);
    expect(await db.auditEvent.count({ where: { subjectId: s.application.id, type: { startsWith: "MESSAGE_" } } })).toBe(3);
  });

  it("refuses someone outside the team, and a blank message through the page", async () => {
    const s = await thread();
    const outsider = await createTestUser({ roles: ["FOUNDER"] });
    expect(await refusalOf(postTeamMessage(s.application.id, outsider.id, { body: "Bonjour" }))).toEqual({
      key: "errors.title404",
      status: 404,
    });
    const path = `/founder/applications/${s.application.id}/messages`;
    const params = { id: s.application.id };
    expect((await callRoute(teamLoader, { path, params, cookie: await signIn(outsider) })).status).toBe(404);
    const memberCookie = await signIn(s.member);
    const blank = await callRoute(teamAction, { path, params, cookie: memberCookie, form: { body: "   " } });
    expect(blank.status).toBe(400);
    expect(await blank.json()).toMatchObject({ errors: { body: "messages.errors.bodyRequired" } });
    const sent = await callRoute(teamAction, { path, params, cookie: memberCookie, form: { body: "Question du membre" } });
    expect(sent.status).toBe(302);
    const page = await callRoute(staffLoader, {
      path: `/admin/applications/${s.application.id}/messages`,
      params,
      cookie: await signIn(s.admin),
    });
    expect(((await page.json()) as { messages: Array<{ body: string }> }).messages.map((message) => message.body)).toEqual([
      "Question du membre",
    ]);
  });

  it("lists the threads awaiting an answer oldest first, and counts them", async () => {
    const before = await awaitingThreadCount();
    const [older, newer] = [await thread(), await thread()];
    await postTeamMessage(newer.application.id, newer.founder.id, { body: "Plus récent" }, at("2020-01-02T00:00:00Z"));
    await postTeamMessage(older.application.id, older.founder.id, { body: "Plus ancien" }, at("2020-01-01T00:00:00Z"));
    const ids = (await awaitingThreads()).map((row) => row.id);
    expect(ids.indexOf(older.application.id)).toBeLessThan(ids.indexOf(newer.application.id));
    expect(await awaitingThreadCount()).toBe(before + 2);
  });
});

describe("at the same moment", () => {
  it("two messages of the team keep the thread waiting since the older one, many times over", async () => {
    for (let round = 0; round < 8; round++) {
      const s = await thread();
      const [first, second] = [at("2026-11-20T09:00:00Z"), at("2026-11-20T09:00:05Z")];
      await Promise.all([
        postTeamMessage(s.application.id, s.member.id, { body: "Deuxième" }, second),
        postTeamMessage(s.application.id, s.founder.id, { body: "Première" }, first),
      ]);
      const stored = await db.application.findUniqueOrThrow({ where: { id: s.application.id } });
      expect(stored.messageAwaitingSince, `round ${round}`).toEqual(first);
      expect(await db.message.count({ where: { applicationId: s.application.id } })).toBe(2);
    }
  });
});
