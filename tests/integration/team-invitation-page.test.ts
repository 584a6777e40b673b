// The page an invitation email links to (issue 16): what it shows the holder of a link before any click —
// the team, and why it cannot be answered (expired, another address, already on a team of the call, with the
// way to that other team).
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { inviteTeamMember, acceptTeamInvitation } from "~/models/team.server.ts";
import { loader } from "~/routes/team-invitations.$token.tsx";
import { createTestUser } from "../support/factories.ts";
import { createApplication, createIntakeSetup } from "../support/intake-factories.ts";
import { callRoute } from "../support/remix.ts";
import { signIn } from "../support/review-factories.ts";

beforeAll(async () => {
  await dbReady;
});

async function invitationLink(applicationId: string, lead: { id: string; name: string; email: string; locale: string }, email: string) {
  await inviteTeamMember(applicationId, lead, { name: "Invited Person", role: "CTO", email });
  const sent = await db.outboxEmail.findFirstOrThrow({ where: { to: email, template: "team-invitation" }, orderBy: { createdAt: "desc" } });
  return (JSON.parse(sent.payload) as { acceptUrl: string }).acceptUrl.split("/").pop()!;
}

async function page(token: string, cookie?: string) {
  const response = await callRoute(loader, { path: `/team-invitations/${token}`, params: { token }, cookie });
  return { status: response.status, data: (await response.json()) as Record<string, unknown> };
}

describe("the invitation page", () => {
  it("shows the team to anyone holding the link, and answers 404 for an unknown link", async () => {
    const { call, site, founder } = await createIntakeSetup();
    const { application } = await createApplication({ founder, call, site });
    const token = await invitationLink(application.id, founder, "invited-page@example.test");
    const shown = await page(token);
    expect(shown.status).toBe(200);
    expect(shown.data).toMatchObject({
      invitation: { email: "invited-page@example.test", leadName: founder.name, projectName: application.projectName },
      refusal: null,
      signedIn: false,
    });
    expect(((shown.data.invitation as { members: unknown[] }).members ?? []).length).toBeGreaterThan(1);
    expect((await page("no-such-link")).status).toBe(404);
  });

  it("says why a signed-in holder cannot answer: another address, or already on a team of the call (with the way to it)", async () => {
    const { call, site, founder } = await createIntakeSetup();
    const { application } = await createApplication({ founder, call, site });
    const stranger = await createTestUser();
    const token = await invitationLink(application.id, founder, "someone-else@example.test");
    expect((await page(token, await signIn(stranger))).data).toMatchObject({
      refusal: "teams.errors.otherAccount",
      refusalParams: { email: "someone-else@example.test" },
    });

    // A member of another team of the same call.
    const otherLead = await createTestUser();
    const other = await createApplication({ founder: otherLead, call, site });
    const member = await createTestUser();
    await acceptTeamInvitation(await invitationLink(other.application.id, otherLead, member.email), member);
    const second = await invitationLink(application.id, founder, member.email);
    expect((await page(second, await signIn(member))).data).toMatchObject({
      refusal: "teams.errors.oneApplicationPerCall",
      current: { url: `/founder/applications/${other.application.id}/edit/team`, lead: false },
    });
    // An expired link says so, whoever holds it.
    await db.teamInvitation.updateMany({ where: { email: member.email, applicationId: application.id }, data: { expiresAt: new Date(0) } });
    expect((await page(second)).data).toMatchObject({ refusal: "teams.errors.invitationExpired" });
  });
});
