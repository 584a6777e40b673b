// An admin's override of a detected conflict of interest. A founder who lists a
// team member at a staff address's domain puts every reviewer on that domain in
// conflict: nobody can be assigned, by a run or by hand. The admin overrides the
// conflict for one reviewer, with a reason (audited), on the application's page;
// that reviewer can then be assigned, the others stay excluded. A reviewer on the
// team, or one who declared a conflict, cannot be overridden. Only admins may.
import { beforeEach, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { runAssignment } from "~/models/assignment.server.ts";
import { action as applicationAction, loader as applicationLoader } from "~/routes/admin.applications.$id.tsx";
import { createTestUser } from "../support/factories.ts";
import { createReviewer, createReviewSetup, signIn } from "../support/review-factories.ts";
import { expectRedirectWithFlash, flashOf } from "../support/flash.ts";
import { callRoute } from "../support/remix.ts";

await dbReady;

const STAFF_DOMAIN = `jury-${process.pid}.tremplin.test`;
let domainSequence = 0;

/**
 * An application in REVIEW whose team lists someone at the staff domain, three reviewers on that
 * domain (all in conflict), one of them also on the team, and one on another domain.
 */
async function setup() {
  const domain = `${++domainSequence}.${STAFF_DOMAIN}`;
  const { call, admin, applications } = await createReviewSetup({ applications: 1, reviewers: 0, reviewersPerApplication: 2 });
  const application = applications[0].application;
  const staffA = await createReviewer({ name: "Amina Staff", email: `amina@${domain}` });
  const staffB = await createReviewer({ name: "Badr Staff", email: `badr@${domain}` });
  const onTeam = await createReviewer({ name: "Chama Team", email: `chama@${domain}` });
  const elsewhere = await createReviewer({ name: "Driss Elsewhere", email: `driss@elsewhere-${domain}.ma` });
  await db.teamMember.create({ data: { applicationId: application.id, name: "Chama", email: onTeam.email, role: "Advisor", position: 5 } });
  const adminCookie = await signIn(admin);
  return { call, admin, application, staffA, staffB, onTeam, elsewhere, adminCookie };
}

type Setup = Awaited<ReturnType<typeof setup>>;
type ActionBody = { ok: boolean; message: string | null; errors: Record<string, string> };
type LoaderBody = {
  detectedConflicts: Array<{
    reviewerId: string;
    reason: string;
    overridable: boolean;
    override: { reason: string; createdBy: string | null; createdAtText: string } | null;
  }>;
};

function post(s: Setup, form: Record<string, string>, cookie: string | null = s.adminCookie) {
  return callRoute(applicationAction, { path: `/admin/applications/${s.application.id}`, params: { id: s.application.id }, cookie, form });
}

async function loadPage(s: Setup) {
  const response = await callRoute(applicationLoader, {
    path: `/admin/applications/${s.application.id}`,
    params: { id: s.application.id },
    cookie: s.adminCookie,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as LoaderBody;
}

const overrides = (s: Setup) =>
  db.conflictOverride.findMany({ where: { applicationId: s.application.id }, orderBy: { reviewerId: "asc" } });
const overrideEvents = (s: Setup) =>
  db.auditEvent.findMany({ where: { subjectType: "Application", subjectId: s.application.id, type: "CONFLICT_OVERRIDDEN" } });
const assignedIds = async (s: Setup) =>
  (await db.reviewAssignment.findMany({ where: { applicationId: s.application.id }, select: { reviewerId: true } }))
    .map((a) => a.reviewerId)
    .sort();

let s: Setup;
beforeEach(async () => {
  s = await setup();
});

describe("overriding a detected conflict of interest", () => {
  it("shows every detected conflict on the application's page, the shared domain as overridable", async () => {
    const page = await loadPage(s);
    const byReviewer = new Map(page.detectedConflicts.map((c) => [c.reviewerId, c]));
    expect(byReviewer.get(s.staffA.id)).toEqual({
      reviewerId: s.staffA.id,
      name: "Amina Staff",
      reason: "SAME_DOMAIN",
      overridable: true,
      override: null,
    });
    expect(byReviewer.get(s.staffB.id)).toMatchObject({ reason: "SAME_DOMAIN", overridable: true, override: null });
    expect(byReviewer.get(s.onTeam.id)).toMatchObject({ reason: "ON_TEAM", overridable: false, override: null });
    expect(byReviewer.has(s.elsewhere.id)).toBe(false);
  });

  it("lets the overridden reviewer be assigned by hand and by a run, the others staying excluded", async () => {
    // Before: a run assigns only the reviewer elsewhere, and adding a staff reviewer by hand is refused.
    const before = await runAssignment(s.call.id, s.admin.id);
    expect(before.assignments.map((a) => a.reviewerId)).toEqual([s.elsewhere.id]);
    expect(before.unstaffed).toEqual([
      expect.objectContaining({ applicationId: s.application.id, reason: "CONFLICTS", assigned: 1, needed: 2 }),
    ]);
    const refused = await post(s, { intent: "addReviewer", reviewerId: s.staffA.id });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ActionBody).message).toBe("assignments.conflict.SAME_DOMAIN");

    const response = await post(s, {
      intent: "overrideConflict",
      reviewerId: s.staffA.id,
      reason: "  Amina n'a aucun lien avec l'équipe : adresse saisie par erreur.  ",
    });
    await expectRedirectWithFlash(response, `/admin/applications/${s.application.id}`, { kind: "success", key: "assignments.overridden" });
    expect(await overrides(s)).toEqual([
      expect.objectContaining({
        reviewerId: s.staffA.id,
        createdById: s.admin.id,
        reason: "Amina n'a aucun lien avec l'équipe : adresse saisie par erreur.",
      }),
    ]);
    const [event] = await overrideEvents(s);
    expect(event.actorId).toBe(s.admin.id);
    expect(JSON.parse(event.details)).toEqual({
      reviewerId: s.staffA.id,
      conflict: "SAME_DOMAIN",
      reason: "Amina n'a aucun lien avec l'équipe : adresse saisie par erreur.",
    });
    const page = await loadPage(s);
    expect(page.detectedConflicts.find((c) => c.reviewerId === s.staffA.id)?.override).toEqual({
      reason: "Amina n'a aucun lien avec l'équipe : adresse saisie par erreur.",
      createdBy: "Admin Tremplin",
      createdAtText: expect.any(String),
    });

    // A run now staffs the second seat with the overridden reviewer only.
    const after = await runAssignment(s.call.id, s.admin.id);
    expect(after.assignments.map((a) => a.reviewerId)).toEqual([s.staffA.id]);
    expect(after.unstaffed).toEqual([]);
    expect(await assignedIds(s)).toEqual([s.elsewhere.id, s.staffA.id].sort());

    // By hand: the other staff reviewer is still refused; the overridden one, once removed, can be added back.
    const other = await post(s, { intent: "addReviewer", reviewerId: s.staffB.id });
    expect({ status: other.status, message: ((await other.json()) as ActionBody).message }).toEqual({
      status: 409,
      message: "assignments.conflict.SAME_DOMAIN",
    });
    const assignment = await db.reviewAssignment.findFirstOrThrow({ where: { applicationId: s.application.id, reviewerId: s.staffA.id } });
    await expectRedirectWithFlash(
      await post(s, { intent: "removeAssignment", assignmentId: assignment.id }),
      `/admin/applications/${s.application.id}`,
      { kind: "success", key: "assignments.removed" },
    );
    const added = await post(s, { intent: "addReviewer", reviewerId: s.staffA.id });
    await expectRedirectWithFlash(added, `/admin/applications/${s.application.id}`, { kind: "success", key: "assignments.added" });
  });

  it("requires a reason, keeping what was typed, and writes nothing without one", async () => {
    for (const reason of ["", "  ", "ab"]) {
      const response = await post(s, { intent: "overrideConflict", reviewerId: s.staffA.id, reason });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        ok: false,
        message: null,
        errors: { overrideReason: "staffErrors.reasonRequired" },
        values: { intent: "overrideConflict", reviewerId: s.staffA.id, reason },
      });
    }
    const tooLong = await post(s, { intent: "overrideConflict", reviewerId: s.staffA.id, reason: "x".repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as ActionBody).errors).toEqual({ overrideReason: "errors.tooLong" });
    const noReviewer = await post(s, { intent: "overrideConflict", reason: "Une raison valable" });
    expect(noReviewer.status).toBe(400);
    expect(((await noReviewer.json()) as ActionBody).message).toBe("errors.choose");
    expect(await overrides(s)).toEqual([]);
    expect(await overrideEvents(s)).toEqual([]);
  });

  it("refuses to override a reviewer on the team, a declared conflict, no conflict at all, or an unknown reviewer", async () => {
    await db.conflictDeclaration.create({ data: { applicationId: s.application.id, reviewerId: s.staffB.id, reason: "Ancien associé" } });
    const cases: Array<[string, string]> = [
      [s.onTeam.id, "assignments.override.notOverridable"],
      [s.staffB.id, "assignments.override.notOverridable"],
      [s.elsewhere.id, "assignments.override.notDetected"],
      ["no-such-reviewer", "assignments.reviewerUnavailable"],
      [s.admin.id, "assignments.reviewerUnavailable"],
    ];
    for (const [reviewerId, message] of cases) {
      const response = await post(s, { intent: "overrideConflict", reviewerId, reason: "Je prends la responsabilité." });
      // Refused, it answers with what was typed, so the form keeps the reason.
      const body = (await response.json()) as ActionBody & { values: Record<string, string> };
      expect({ reviewerId, status: response.status, message: body.message, values: body.values }).toEqual({
        reviewerId,
        status: 409,
        message,
        values: { intent: "overrideConflict", reviewerId, reason: "Je prends la responsabilité." },
      });
    }
    expect(await overrides(s)).toEqual([]);
    expect(await overrideEvents(s)).toEqual([]);
  });

  it("is for admins only", async () => {
    const founder = await createTestUser({ roles: ["FOUNDER"] });
    const reviewer = await createReviewer({ email: `eve@other-${process.pid}.ma` });
    for (const cookie of [await signIn(founder), await signIn(reviewer), await signIn(s.staffA)]) {
      const response = await post(s, { intent: "overrideConflict", reviewerId: s.staffA.id, reason: "Je me lève moi-même." }, cookie);
      expect(response.status).toBe(403);
    }
    const anonymous = await post(s, { intent: "overrideConflict", reviewerId: s.staffA.id, reason: "Anonyme" }, null);
    expect(anonymous.status).toBe(401);
    expect(await overrides(s)).toEqual([]);
  });

  it("records one override and one audit event when the same override is posted many times at once", async () => {
    for (let round = 0; round < 4; round++) {
      const fresh = round === 0 ? s : await setup();
      const target = round % 2 === 0 ? fresh.staffA : fresh.staffB;
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          post(fresh, { intent: "overrideConflict", reviewerId: target.id, reason: `Raison numéro ${i} de la manche ${round}` }),
        ),
      );
      const outcomes = await Promise.all(
        responses.map(
          async (r) => `${r.status} ${r.status === 302 ? (await flashOf(r)).flash?.key : ((await r.json()) as ActionBody).message}`,
        ),
      );
      expect(outcomes.filter((o) => o === "302 assignments.overridden")).toHaveLength(1);
      expect(outcomes.filter((o) => o !== "302 assignments.overridden")).toEqual(Array(29).fill("409 assignments.override.already"));
      expect(await overrides(fresh)).toHaveLength(1);
      expect(await overrideEvents(fresh)).toHaveLength(1);
    }
  });
});
