// Duplicate detection in the admin list (issue 16, point 5): applications of one call sharing a team member's
// address or phone number, or whose project names are the same once accents, case and punctuation are set aside, are flagged,
// each linking to another; drafts and other calls are not compared.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { listCallApplications } from "~/models/admin-application.server.ts";
import { getFounderApplication, saveDraftFromForm } from "~/models/application.server.ts";
import { saveMemberProfile } from "~/models/team.server.ts";
import { createTestUser } from "../support/factories.ts";
import { createApplication, createIntakeSetup, createOpenCall } from "../support/intake-factories.ts";

beforeAll(async () => {
  await dbReady;
});

type Setup = Awaited<ReturnType<typeof createIntakeSetup>>;

/** An application named `name` through the wizard's save (which folds the name), then moved to `status`. */
async function applicationNamed(setup: Pick<Setup, "call" | "site">, name: string, status: "SUBMITTED" | "DRAFT" = "SUBMITTED") {
  const founder = await createTestUser();
  const { application } = await createApplication({ founder, call: setup.call, site: setup.site });
  // The factory's team shares its co-founder's address across applications: keep the founder alone.
  await db.teamMember.deleteMany({ where: { applicationId: application.id, position: { gt: 0 } } });
  const form = new FormData();
  form.set("projectName", name);
  expect(await saveDraftFromForm((await getFounderApplication(application.id, founder.id))!, form)).toEqual({});
  await db.application.update({ where: { id: application.id }, data: { status } });
  return application.id;
}

async function flags(callId: string) {
  const { rows } = await listCallApplications(callId, { sort: "submitted", page: 1 });
  return Object.fromEntries(rows.map((row) => [row.id, row.duplicateOf]));
}

describe("duplicate detection in the admin list", () => {
  it("flags near-identical project names of one call, each linking to the other; not drafts, not other calls, not other names", async () => {
    const setup = await createIntakeSetup();
    const first = await applicationNamed(setup, "Atlas Agri-Tech");
    const second = await applicationNamed(setup, "atlas  agritech!");
    const distinct = await applicationNamed(setup, "Atlas Agritek");
    const draftTwin = await applicationNamed(setup, "Atlas Agritek", "DRAFT");
    const otherCall = await createOpenCall({ sites: [setup.site] });
    await applicationNamed({ call: otherCall, site: setup.site }, "Atlas Agritech");
    const listed = await flags(setup.call.id);
    expect(listed[first]).toEqual({ otherId: second, reason: "name" });
    expect(listed[second]).toEqual({ otherId: first, reason: "name" });
    // Its twin is a draft: not compared.
    expect(listed[distinct]).toBeNull();
    expect(listed[draftTwin]).toBeUndefined();
  });

  it("flags two applications of a call that share a team member's address", async () => {
    const setup = await createIntakeSetup();
    const one = await applicationNamed(setup, "Souk Numérique");
    const other = await applicationNamed(setup, "Oasis Solaire");
    const alone = await applicationNamed(setup, "Argane Bleue");
    for (const applicationId of [one, other])
      await db.teamMember.create({ data: { applicationId, name: "Karim Shared", email: "karim.shared@example.test", position: 9 } });
    const listed = await flags(setup.call.id);
    expect(listed[one]).toEqual({ otherId: other, reason: "email" });
    expect(listed[other]).toEqual({ otherId: one, reason: "email" });
    expect(listed[alone]).toBeNull();
  });

  it("flags two applications of a call whose members gave the same phone number, however written", async () => {
    const setup = await createIntakeSetup();
    const one = await applicationNamed(setup, "Dar Digital");
    const other = await applicationNamed(setup, "Nakhla Labs");
    const alone = await applicationNamed(setup, "Tafilalet Solaire");
    for (const [applicationId, phone] of [
      [one, "+212 6 12 34 56 78"],
      [other, "06.12.34.56.78"],
      [alone, "0612345679"],
    ] as const) {
      const application = await db.application.findUniqueOrThrow({ where: { id: applicationId }, include: { founder: true } });
      await db.teamMembership.create({
        data: { applicationId, callId: setup.call.id, userId: application.founderId, lead: true },
      });
      await saveMemberProfile(applicationId, { ...application.founder }, { linkUrl: "", phone, residesInMorocco: "", bio: "" });
    }
    const listed = await flags(setup.call.id);
    expect(listed[one]).toEqual({ otherId: other, reason: "phone" });
    expect(listed[other]).toEqual({ otherId: one, reason: "phone" });
    expect(listed[alone]).toBeNull();
  });
});
