// From the committee to the cohort: the allocation preview with its reasons
// and the admin's pins, confirmation (decisions staged, invisible to
// founders), the one-batch release (atomic, idempotent), and the life of an
// offer — accept, decline with waitlist promotion, expiry, reminders — with the
// closing-soon reminder, and seat accounting under concurrent answers.
import type { EmailsPreview } from "~/models/email-preview.server.ts";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { UserError } from "~/domain/errors.ts";
import { confirmAllocation, previewAllocation, releaseDecisions, setPin } from "~/models/allocation.server.ts";
import { cohortRoster } from "~/models/export.server.ts";
import {
  cohortSeats,
  cohortsSeats,
  expireOffers,
  remindClosingCalls,
  remindOffers,
  respondToOffer,
  runScheduledJobs,
} from "~/models/offer.server.ts";
import { action as applicationAction, loader as applicationLoader } from "~/routes/admin.applications.$id.tsx";
import { action as allocationAction, loader as allocationLoader } from "~/routes/admin.calls.$id.allocation.tsx";
import { loader as dashboardLoader } from "~/routes/founder._index.tsx";
import { action as overviewAction, loader as overviewLoader } from "~/routes/founder.applications.$id._index.tsx";
import { action as offerAction, loader as offerLoader } from "~/routes/founder.applications.$id.offer.tsx";
import { createOpenCall } from "../support/intake-factories.ts";
import { translate } from "../support/translate.ts";
import {
  addReviewWithFeedback,
  asFounderUser,
  createCandidate,
  createDecisionCall,
  createReleasedCandidate,
  createSites,
  DAY_MS,
  doubleHolders,
  emailsOf,
  HOUR_MS,
  json,
  payloadOf,
  seatCensus,
  signedIn,
} from "../support/enrollment-factories.ts";
import { signIn } from "../support/review-factories.ts";
import { flashOf } from "../support/flash.ts";
import { refuseOutboxInserts } from "../support/database-faults.ts";
import { callRoute } from "../support/remix.ts";
import { renderEmail } from "../../emails/render.tsx";

beforeAll(async () => {
  await dbReady;
});

let adminCookie: string;
let adminId: string;
beforeAll(async () => {
  const admin = await signedIn("ADMIN");
  adminCookie = admin.cookie;
  adminId = admin.user.id;
});

// ---------------------------------------------------------------------------
// Helpers

type Row = {
  applicationId: string;
  decision: "ACCEPTED" | "WAITLISTED" | "REJECTED";
  cohortId: string | null;
  rank: number;
  pinned: boolean;
  reason: { code: string; rank: number; waitlistPosition?: number; blockedBy?: string[]; preferredBlockedBy?: string; note?: string };
};
type Preview = {
  rows: Row[];
  pinError: { key: string; params: Record<string, string | number> } | null;
  fill: Array<{ cohortId: string; capacity: number; total: number; bySector: Record<string, { filled: number; quota: number | null }> }>;
};
type AllocationPage = { preview: Preview; staged: number; editing: string | null };
type AllocationReply = {
  ok: boolean;
  message: string;
  count?: number;
  params?: Record<string, string | number>;
  errors: Record<string, string>;
};

async function allocationPage(callId: string, search = ""): Promise<AllocationPage> {
  const response = await callRoute(allocationLoader, {
    path: `/admin/calls/${callId}/allocation${search}`,
    params: { id: callId },
    cookie: adminCookie,
  });
  expect(response.status).toBe(200);
  return json<AllocationPage>(response);
}

function allocationPost(callId: string, form: Record<string, string>, cookie: string | null = adminCookie) {
  return callRoute(allocationAction, { path: `/admin/calls/${callId}/allocation`, params: { id: callId }, cookie, form });
}

/**
 * Releases as the page does: the admin previews who will be emailed, then confirms with that count (issue 18).
 * A refused preview is the answer.
 */
async function releasePost(callId: string): Promise<Response> {
  const preview = await allocationPost(callId, { intent: "previewRelease" });
  if (preview.status !== 200) return preview;
  const { emails } = await json<{ emails: { count: number } }>(preview);
  return allocationPost(callId, { intent: "release", expectedEmails: String(emails.count) });
}

const pin = (callId: string, applicationId: string, decision: string, reason = "Décision du comité", cohortId = "") =>
  allocationPost(callId, { intent: "pin", applicationId, decision, reason, cohortId });

function offerPost(applicationId: string, cookie: string, answer: string) {
  return callRoute(offerAction, {
    path: `/founder/applications/${applicationId}/offer`,
    params: { id: applicationId },
    cookie,
    form: { answer },
  });
}

async function founderView(applicationId: string, cookie: string) {
  const response = await callRoute(overviewLoader, {
    path: `/founder/applications/${applicationId}`,
    params: { id: applicationId },
    cookie,
  });
  expect(response.status).toBe(200);
  const text = await response.text();
  return {
    text,
    data: JSON.parse(text) as {
      status: string;
      timeline: { visibleStatus: string; steps: Array<{ step: string; state: string; date: string | null }> };
    },
  };
}

const statusOf = async (id: string) => (await db.application.findUniqueOrThrow({ where: { id } })).status;

/**
 * The hand-made committee of DESIGN.md §5, worked out by hand:
 * cohort A (site A) 2 seats with at most 1 GREEN_TECH; cohort B (site B) 1 seat; site C has no cohort.
 *   p1 rank 1 GREEN A      → A, preferred
 *   p2 rank 2 GREEN A/B    → A's green quota is taken → B, alternate
 *   p3 rank 3 NEW_TECH A/B → A, preferred (A is now full)
 *   p4 rank 4 NEW_TECH A/B → both full → waitlist 1
 *   p5 rank 5 CULTURAL C/B → no cohort at C, B full → waitlist 2
 *   p6 unscored CULTURAL B → B full → waitlist 3, after every scored applicant
 */
async function committeeScenario(options: { founderLocale?: "fr" | "en" | "ar" } = {}) {
  const [siteA, siteB, siteC] = await createSites(3);
  const {
    call,
    cohorts: [cohortA, cohortB],
  } = await createDecisionCall({
    cohorts: [
      { site: siteA, capacity: 2, quotas: { GREEN_TECH: 1 } },
      { site: siteB, capacity: 1 },
    ],
  });
  const p1 = await createCandidate({ call, site: siteA, sector: "GREEN_TECH", rank: 1, locale: options.founderLocale });
  const p2 = await createCandidate({ call, site: siteA, alternateSite: siteB, sector: "GREEN_TECH", rank: 2 });
  const p3 = await createCandidate({ call, site: siteA, alternateSite: siteB, sector: "NEW_TECH", rank: 3 });
  const p4 = await createCandidate({ call, site: siteA, alternateSite: siteB, sector: "NEW_TECH", rank: 4 });
  const p5 = await createCandidate({ call, site: siteC, alternateSite: siteB, sector: "CULTURAL_INDUSTRIES", rank: 5 });
  const p6 = await createCandidate({ call, site: siteB, sector: "CULTURAL_INDUSTRIES", rank: null });
  // Not at the committee stage: never part of the allocation.
  const inReview = await createCandidate({ call, site: siteA, sector: "NEW_TECH", rank: 7, status: "REVIEW" });
  return { call, siteA, siteB, siteC, cohortA, cohortB, p1, p2, p3, p4, p5, p6, inReview, all: [p1, p2, p3, p4, p5, p6] };
}

type Scenario = Awaited<ReturnType<typeof committeeScenario>>;

/** Row of the preview for an applicant. */
function rowOf(preview: Preview, who: { application: { id: string } }): Row {
  const row = preview.rows.find((r) => r.applicationId === who.application.id);
  if (!row) throw new Error(`no preview row for ${who.application.id}`);
  return row;
}

/** `[decision, cohortId]` per applicant p1..p6. */
function outcome(preview: Preview, s: Scenario) {
  return s.all.map((p) => [rowOf(preview, p).decision, rowOf(preview, p).cohortId]);
}

// ---------------------------------------------------------------------------

describe("allocation preview", () => {
  it("carries what the page shows, with one row's pin form open when ?pin names a row of the preview", async () => {
    const s = await committeeScenario();
    const page = await allocationPage(s.call.id);
    expect(page.editing).toBeNull();
    expect(Object.keys(page.preview).sort()).toEqual(["cohorts", "fill", "pinError", "rows"]);
    expect(Object.keys(rowOf(page.preview, s.p1)).sort()).toEqual([
      "applicationId",
      "cohortId",
      "decision",
      "pinned",
      "projectName",
      "rank",
      "reason",
      "sector",
    ]);
    expect((await allocationPage(s.call.id, `?pin=${s.p4.application.id}`)).editing).toBe(s.p4.application.id);
    // Not a row of this preview (in review, or nothing): no form opens.
    expect((await allocationPage(s.call.id, `?pin=${s.inReview.application.id}`)).editing).toBeNull();
    expect((await allocationPage(s.call.id, "?pin=")).editing).toBeNull();
  });

  it("places by rank at the preferred then the alternate site under capacity and sector quotas, and says why", async () => {
    const s = await committeeScenario();
    const { preview, staged } = await allocationPage(s.call.id);
    expect(staged).toBe(0);
    expect(preview.pinError).toBeNull();
    // Rank order, only committee applications.
    expect(preview.rows.map((r) => r.applicationId)).toEqual(s.all.map((p) => p.application.id));
    expect(outcome(preview, s)).toEqual([
      ["ACCEPTED", s.cohortA.id],
      ["ACCEPTED", s.cohortB.id],
      ["ACCEPTED", s.cohortA.id],
      ["WAITLISTED", null],
      ["WAITLISTED", null],
      ["WAITLISTED", null],
    ]);
    expect(rowOf(preview, s.p1).reason).toEqual({ code: "PREFERRED", rank: 1 });
    expect(rowOf(preview, s.p2).reason).toEqual({ code: "ALTERNATE", rank: 2, preferredBlockedBy: "QUOTA" });
    // The reasons' English summary (the audit events' reason when the allocation is confirmed) stays off the page.
    const summaries = new Map((await previewAllocation(s.call.id)).rows.map((r) => [r.applicationId, r.summary]));
    expect(summaries.get(s.p2.application.id)).toBe("rank 2, preferred site full for GREEN_TECH, placed at alternate");
    expect(summaries.get(s.p3.application.id)).toBe("rank 3, placed at preferred site");
    expect(rowOf(preview, s.p4).reason).toEqual({ code: "WAITLISTED", rank: 4, waitlistPosition: 1, blockedBy: ["CAPACITY", "CAPACITY"] });
    expect(summaries.get(s.p4.application.id)).toBe("rank 4, preferred site full, alternate site full, waitlisted at position 1");
    expect(rowOf(preview, s.p5).reason).toEqual({ code: "WAITLISTED", rank: 5, waitlistPosition: 2, blockedBy: ["NO_COHORT", "CAPACITY"] });
    expect(summaries.get(s.p5.application.id)).toBe("rank 5, no cohort at preferred site, alternate site full, waitlisted at position 2");
    const unscored = rowOf(preview, s.p6);
    expect(unscored.rank).toBeGreaterThan(5);
    expect(unscored.reason).toMatchObject({ code: "WAITLISTED", waitlistPosition: 3, blockedBy: ["CAPACITY"] });
    expect(preview.rows.every((r) => !r.pinned)).toBe(true);

    const fill = Object.fromEntries(preview.fill.map((f) => [f.cohortId, f]));
    expect(fill[s.cohortA.id]).toMatchObject({
      capacity: 2,
      total: 2,
      bySector: { GREEN_TECH: { filled: 1, quota: 1 }, NEW_TECH: { filled: 1, quota: null } },
    });
    expect(fill[s.cohortB.id]).toMatchObject({ capacity: 1, total: 1, bySector: { GREEN_TECH: { filled: 1, quota: null } } });

    // Previewing changes nothing.
    expect(await db.application.count({ where: { callId: s.call.id, status: "COMMITTEE" } })).toBe(6);
    expect(await db.offer.count({ where: { application: { callId: s.call.id } } })).toBe(0);
  });

  it("applies ACCEPT, WAITLIST and REJECT pins before the ranking and marks them; NONE removes a pin", async () => {
    const s = await committeeScenario();
    const noReason = await pin(s.call.id, s.p5.application.id, "ACCEPT", " ");
    expect(noReason.status).toBe(400);
    expect((await json<AllocationReply>(noReason)).errors).toEqual({ reason: "lifecycle.reasonRequired" });
    expect(await db.allocationPin.count({ where: { applicationId: s.p5.application.id } })).toBe(0);
    const badDecision = await pin(s.call.id, s.p5.application.id, "PROMOTE");
    expect(badDecision.status).toBe(400);

    for (const [who, decision, reason] of [
      [s.p5, "ACCEPT", "Projet prioritaire pour Tanger"],
      [s.p1, "REJECT", "Hors périmètre de l'appel"],
      [s.p3, "WAITLIST", "En attente d'un complément"],
    ] as const) {
      const response = await pin(s.call.id, who.application.id, decision, reason);
      expect(response.status).toBe(200);
      expect((await json<AllocationReply>(response)).message).toBe("allocation.pinned");
    }
    expect(
      await db.auditEvent.count({
        where: { type: "ALLOCATION_PINNED", actorId: adminId, subjectId: { in: s.all.map((p) => p.application.id) } },
      }),
    ).toBe(3);

    // Worked out by hand: p5 takes B's only seat first; p1 is out, so p2 gets A's green seat; p3 waits; p4 takes A's last seat.
    const { preview } = await allocationPage(s.call.id);
    expect(preview.pinError).toBeNull();
    expect(outcome(preview, s)).toEqual([
      ["REJECTED", null],
      ["ACCEPTED", s.cohortA.id],
      ["WAITLISTED", null],
      ["ACCEPTED", s.cohortA.id],
      ["ACCEPTED", s.cohortB.id],
      ["WAITLISTED", null],
    ]);
    expect(rowOf(preview, s.p5).reason).toEqual({ code: "PINNED_ACCEPT", rank: 5, note: "Projet prioritaire pour Tanger" });
    expect(rowOf(preview, s.p1).reason).toEqual({ code: "PINNED_REJECT", rank: 1, note: "Hors périmètre de l'appel" });
    expect(rowOf(preview, s.p3).reason).toEqual({ code: "PINNED_WAITLIST", rank: 3, note: "En attente d'un complément" });
    expect(rowOf(preview, s.p6).reason).toMatchObject({ code: "WAITLISTED", waitlistPosition: 2, blockedBy: ["CAPACITY"] });
    expect(s.all.map((p) => rowOf(preview, p).pinned)).toEqual([true, false, true, false, true, false]);

    // Removing a pin puts the applicant back under the ranking.
    expect((await pin(s.call.id, s.p1.application.id, "NONE", "")).status).toBe(200);
    expect(await db.allocationPin.count({ where: { applicationId: s.p1.application.id } })).toBe(0);
    const after = (await allocationPage(s.call.id)).preview;
    expect(rowOf(after, s.p1)).toMatchObject({ decision: "ACCEPTED", cohortId: s.cohortA.id, pinned: false });
    expect(rowOf(after, s.p2)).toMatchObject({ decision: "WAITLISTED", reason: { blockedBy: ["QUOTA", "CAPACITY"] } });
  });

  it("reports a pin that cannot hold as pinError, previews without pins, and refuses to confirm", async () => {
    const s = await committeeScenario();
    const base = (await allocationPage(s.call.id)).preview;
    // Two forced seats in cohort B, which has one.
    for (const who of [s.p4, s.p6])
      expect((await pin(s.call.id, who.application.id, "ACCEPT", "Forcé en B", s.cohortB.id)).status).toBe(200);
    const { preview } = await allocationPage(s.call.id);
    // Named as the admin knows them: the project and the cohort (at its site), never an id or the allocator's English.
    const cohortB = await db.cohort.findUniqueOrThrow({
      where: { id: s.cohortB.id },
      select: { name: true, site: { select: { name: true } } },
    });
    const named = { project: s.p6.application.projectName, cohort: `${cohortB.name} (${cohortB.site.name})`, capacity: 1 };
    expect(preview.pinError).toEqual({ key: "allocation.pinOverCapacity", params: named });
    const ids = [...s.all.map((p) => p.application.id), s.cohortA.id, s.cohortB.id];
    for (const locale of ["fr", "en", "ar"] as const) {
      const shown = translate(locale, preview.pinError!.key, preview.pinError!.params);
      expect(shown).toContain(named.project);
      expect(shown).toContain(named.cohort);
      for (const id of ids) expect(shown).not.toContain(id);
      expect(shown).not.toMatch(/over capacity|pinned applicant|\{\{/);
    }
    expect(translate("fr", preview.pinError!.key, preview.pinError!.params)).toMatch(/forçages/);
    expect(translate("ar", preview.pinError!.key, preview.pinError!.params)).toMatch(/المفروضة/);
    expect(outcome(preview, s)).toEqual(outcome(base, s));
    expect(preview.rows.every((r) => !r.pinned)).toBe(true);

    const confirm = await allocationPost(s.call.id, { intent: "confirm" });
    expect(confirm.status).toBe(409);
    expect(await json<AllocationReply>(confirm)).toMatchObject({ ok: false, message: "allocation.pinOverCapacity", params: named });
    for (const p of s.all) expect(await statusOf(p.application.id)).toBe("COMMITTEE");
    expect(await db.allocationPin.count({ where: { applicationId: { in: [s.p4.application.id, s.p6.application.id] } } })).toBe(2);

    // One forced seat fits: confirmed as pinned.
    expect((await pin(s.call.id, s.p6.application.id, "NONE", "")).status).toBe(200);
    const ok = await allocationPost(s.call.id, { intent: "confirm" });
    expect(ok.status).toBe(200);
    expect(await statusOf(s.p4.application.id)).toBe("ACCEPTED");
    expect((await db.application.findUniqueOrThrow({ where: { id: s.p4.application.id } })).allocatedCohortId).toBe(s.cohortB.id);
    expect(await db.allocationPin.count({ where: { applicationId: { in: s.all.map((p) => p.application.id) } } })).toBe(0);
  });

  it("a pin forcing a cohort of another call is refused or reported, never breaking the allocation page", async () => {
    const s = await committeeScenario();
    const other = await committeeScenario();
    const response = await pin(s.call.id, s.p4.application.id, "ACCEPT", "Forcé ailleurs", other.cohortA.id);
    if (response.status === 200) {
      const page = await callRoute(allocationLoader, {
        path: `/admin/calls/${s.call.id}/allocation`,
        params: { id: s.call.id },
        cookie: adminCookie,
      }).catch((error: unknown) => new Response(String(error), { status: 500 }));
      expect(page.status).toBe(200);
      expect((await json<AllocationPage>(page)).preview.pinError).toBeTruthy();
    } else {
      expect(response.status).toBe(400);
      expect(await db.allocationPin.count({ where: { applicationId: s.p4.application.id } })).toBe(0);
    }
  });
});

describe("confirming the allocation", () => {
  it("stages decisions with their cohort and reason, invisible to founders until released", async () => {
    const s = await committeeScenario();
    const confirmed = await allocationPost(s.call.id, { intent: "confirm" });
    expect(confirmed.status).toBe(200);
    expect(await json<AllocationReply>(confirmed)).toMatchObject({ ok: true, message: "allocation.confirmed", count: 6 });

    const rows = await db.application.findMany({ where: { id: { in: s.all.map((p) => p.application.id) } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(s.all.map((p) => [byId.get(p.application.id)!.status, byId.get(p.application.id)!.allocatedCohortId])).toEqual([
      ["ACCEPTED", s.cohortA.id],
      ["ACCEPTED", s.cohortB.id],
      ["ACCEPTED", s.cohortA.id],
      ["WAITLISTED", null],
      ["WAITLISTED", null],
      ["WAITLISTED", null],
    ]);
    expect(rows.every((r) => r.decisionReleasedAt === null)).toBe(true);
    expect(await statusOf(s.inReview.application.id)).toBe("REVIEW");
    const event = await db.auditEvent.findFirstOrThrow({ where: { subjectId: s.p2.application.id, type: "TRANSITION_accept" } });
    expect([event.actorId, event.fromState, event.toState]).toEqual([adminId, "COMMITTEE", "ACCEPTED"]);
    expect(JSON.parse(event.details).reason).toBe("rank 2, preferred site full for GREEN_TECH, placed at alternate");

    // Nothing told, nothing offered.
    expect(await db.offer.count({ where: { application: { callId: s.call.id } } })).toBe(0);
    for (const template of ["decision-accepted", "decision-waitlisted", "decision-rejected"]) {
      expect(await db.outboxEmail.count({ where: { template, dedupeKey: { in: s.all.map((p) => `decision:${p.application.id}`) } } })).toBe(
        0,
      );
    }
    expect((await allocationPage(s.call.id)).staged).toBe(6);

    for (const who of [s.p1, s.p4]) {
      const cookie = await signIn(who.founder);
      const { data, text } = await founderView(who.application.id, cookie);
      expect(data.status).toBe("COMMITTEE");
      expect(data.timeline.visibleStatus).toBe("COMMITTEE");
      expect(data.timeline.steps.find((step) => step.step === "decision")).toMatchObject({ state: "current", date: null });
      expect(text).not.toMatch(/ACCEPTED|WAITLISTED|REJECTED/);
      const dashboard = await callRoute(dashboardLoader, { path: "/founder", cookie });
      expect(await dashboard.text()).not.toMatch(/ACCEPTED|WAITLISTED|REJECTED/);
      const offer = await callRoute(offerLoader, {
        path: `/founder/applications/${who.application.id}/offer`,
        params: { id: who.application.id },
        cookie,
      });
      expect(offer.status).toBe(404);
    }

    // Confirming again finds nobody left at the committee.
    const again = await allocationPost(s.call.id, { intent: "confirm" });
    expect((await json<AllocationReply>(again)).count).toBe(0);
    expect(
      await db.auditEvent.count({ where: { subjectId: { in: s.all.map((p) => p.application.id) }, type: { startsWith: "TRANSITION_" } } }),
    ).toBe(6);
  });

  it("two admins confirming at once stage each decision exactly once", async () => {
    const s = await committeeScenario();
    const actor = { kind: "user" as const, id: adminId, roles: ["ADMIN" as const] };
    const results = await Promise.allSettled([confirmAllocation(s.call.id, actor), confirmAllocation(s.call.id, actor)]);
    expect(results.some((r) => r.status === "fulfilled" && r.value === 6)).toBe(true);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(UserError);
    const ids = s.all.map((p) => p.application.id);
    expect(await db.auditEvent.count({ where: { subjectId: { in: ids }, type: { startsWith: "TRANSITION_" } } })).toBe(6);
    const versions = await db.application.findMany({ where: { id: { in: ids } }, select: { version: true } });
    expect(versions.every((v) => v.version === 6)).toBe(true);
  });
});

describe("pinning while another admin confirms", () => {
  it("never leaves a pin on an application the confirmation decided, in any order (10 rounds)", async () => {
    const actor = { kind: "user" as const, id: adminId, roles: ["ADMIN" as const] };
    for (let round = 0; round < 10; round++) {
      const s = await committeeScenario();
      const target = s.all[round % s.all.length].application.id;
      const [pinned, confirmed] = await Promise.allSettled([
        setPin(s.call.id, target, { decision: "REJECT", reason: "Décision du comité" }, adminId),
        confirmAllocation(s.call.id, actor),
      ]);
      expect(confirmed.status).toBe("fulfilled");
      // The pin came first (the confirmation applied it and cleared it) or after (refused: no longer in committee).
      if (pinned.status === "rejected") expect(pinned.reason).toMatchObject({ key: "allocation.pinUnknownApplication" });
      expect(await statusOf(target)).not.toBe("COMMITTEE");
      expect(await db.allocationPin.count({ where: { applicationId: { in: s.all.map((p) => p.application.id) } } })).toBe(0);
    }
  });
});

describe("confirming from two admin pages at once", () => {
  it("answers both requests (one confirms, the other gets a clear refusal), never a server error", async () => {
    const s = await committeeScenario();
    const settled = await Promise.allSettled([
      allocationPost(s.call.id, { intent: "confirm" }),
      allocationPost(s.call.id, { intent: "confirm" }),
    ]);
    expect(
      await db.auditEvent.count({ where: { subjectId: { in: s.all.map((p) => p.application.id) }, type: { startsWith: "TRANSITION_" } } }),
    ).toBe(6);
    for (const r of settled) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(UserError);
    expect(settled.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    const statuses = settled.map((r) => (r.status === "fulfilled" ? r.value.status : 500)).sort();
    expect(statuses[0]).toBe(200);
    expect([200, 409]).toContain(statuses[1]);
  });
});

describe("releasing decisions", () => {
  it("tells everyone at once: release time, one offer per acceptance, decision emails with the approved feedback only; a second release sends nothing", async () => {
    const s = await committeeScenario({ founderLocale: "ar" });
    expect((await pin(s.call.id, s.p6.application.id, "REJECT", "Hors périmètre")).status).toBe(200);
    await addReviewWithFeedback(s.p6.application.id, "Précisez votre modèle économique et vos premiers clients.");
    await addReviewWithFeedback(s.p6.application.id, "BROUILLON jamais soumis", "draft");
    await addReviewWithFeedback(s.p6.application.id, "   ");
    // The reviewers' agreed texts (issue 18): approved for p4 (waitlisted) and p6 (rejected), still awaiting approval for p5.
    const approvedAt = new Date();
    await db.consensusFeedback.createMany({
      data: [
        { applicationId: s.p4.application.id, text: "Texte approuvé pour la liste d'attente.", version: 1, approvedAt },
        { applicationId: s.p5.application.id, text: "PROPOSITION en attente d'approbation.", version: 2 },
        { applicationId: s.p6.application.id, text: "Texte approuvé : précisez votre modèle économique.", version: 3, approvedAt },
      ],
    });
    expect((await allocationPost(s.call.id, { intent: "confirm" })).status).toBe(200);

    const before = Date.now();
    const released = await releasePost(s.call.id);
    expect(released.status).toBe(200);
    expect(await json<AllocationReply>(released)).toMatchObject({ ok: true, message: "allocation.released", count: 6 });

    const rows = await db.application.findMany({ where: { id: { in: s.all.map((p) => p.application.id) } } });
    const releasedAt = rows[0].decisionReleasedAt!;
    expect(releasedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(rows.every((r) => r.decisionReleasedAt?.getTime() === releasedAt.getTime())).toBe(true);
    expect((await db.application.findUniqueOrThrow({ where: { id: s.inReview.application.id } })).decisionReleasedAt).toBeNull();

    // One PENDING offer per acceptance, in the allocated cohort, answerable for offerResponseDays.
    const offers = await db.offer.findMany({ where: { application: { callId: s.call.id } } });
    expect(offers.map((o) => [o.applicationId, o.cohortId, o.status]).sort()).toEqual(
      [
        [s.p1.application.id, s.cohortA.id, "PENDING"],
        [s.p2.application.id, s.cohortB.id, "PENDING"],
        [s.p3.application.id, s.cohortA.id, "PENDING"],
      ].sort(),
    );
    for (const offer of offers) expect(offer.expiresAt.getTime()).toBe(releasedAt.getTime() + 7 * DAY_MS);

    // One decision email each, keyed decision:<id>, in the founder's language.
    const emails = await db.outboxEmail.findMany({ where: { dedupeKey: { in: s.all.map((p) => `decision:${p.application.id}`) } } });
    expect(emails).toHaveLength(6);
    const emailOf = (who: { application: { id: string } }) => emails.find((e) => e.dedupeKey === `decision:${who.application.id}`)!;
    expect(s.all.map((p) => emailOf(p).template)).toEqual([
      "decision-accepted",
      "decision-accepted",
      "decision-accepted",
      "decision-waitlisted",
      "decision-waitlisted",
      "decision-rejected",
    ]);
    expect(emailOf(s.p1).to).toBe(s.p1.founder.email);
    expect(emailOf(s.p1).locale).toBe("ar");
    expect(emailOf(s.p2).locale).toBe("fr");
    const accepted = payloadOf(emailOf(s.p2));
    const p2Offer = offers.find((o) => o.applicationId === s.p2.application.id)!;
    expect(accepted).toMatchObject({
      projectName: s.p2.application.projectName,
      cohortName: s.cohortB.name,
      respondBy: p2Offer.expiresAt.toISOString(),
    });
    expect(String(accepted.offerUrl)).toMatch(new RegExp(`/founder/applications/${s.p2.application.id}/offer$`));
    expect(payloadOf(emailOf(s.p4))).toMatchObject({ callTitle: s.call.title, feedback: "Texte approuvé pour la liste d'attente." });
    expect(payloadOf(emailOf(s.p5)).feedback).toBeUndefined();
    expect(payloadOf(emailOf(s.p6)).feedback).toBe("Texte approuvé : précisez votre modèle économique.");
    // Founders never receive a reviewer's own note, nor a text not approved yet.
    expect(JSON.stringify(emails.map((e) => e.payload))).not.toMatch(/Commentaire privé|BROUILLON|premiers clients|PROPOSITION/);

    expect(await db.auditEvent.count({ where: { type: "DECISION_RELEASED", subjectId: { in: s.all.map((p) => p.application.id) } } })).toBe(
      6,
    );
    expect(await db.auditEvent.count({ where: { type: "DECISIONS_RELEASED", subjectId: s.call.id, actorId: adminId } })).toBe(1);

    // Founders now see their decision and their offer.
    const cookie = await signIn(s.p1.founder);
    expect((await founderView(s.p1.application.id, cookie)).data.status).toBe("ACCEPTED");
    const offerPage = await json<{ offer: { status: string } }>(
      await callRoute(offerLoader, {
        path: `/founder/applications/${s.p1.application.id}/offer`,
        params: { id: s.p1.application.id },
        cookie,
      }),
    );
    expect(offerPage.offer.status).toBe("PENDING");
    expect((await founderView(s.p4.application.id, await signIn(s.p4.founder))).data.status).toBe("WAITLISTED");

    // Releasing again: nothing new.
    const again = await releasePost(s.call.id);
    expect(again.status).toBe(200);
    expect(await json<AllocationReply>(again)).toMatchObject({ message: "allocation.nothingToRelease", count: 0 });
    expect(await db.offer.count({ where: { application: { callId: s.call.id } } })).toBe(3);
    expect(await db.outboxEmail.count({ where: { dedupeKey: { in: s.all.map((p) => `decision:${p.application.id}`) } } })).toBe(6);
    expect((await db.application.findUniqueOrThrow({ where: { id: s.p1.application.id } })).decisionReleasedAt?.getTime()).toBe(
      releasedAt.getTime(),
    );
  });

  it("two releases at the same moment create each offer and each email once", async () => {
    const s = await committeeScenario();
    expect((await allocationPost(s.call.id, { intent: "confirm" })).status).toBe(200);
    const counts = await Promise.all([releaseDecisions(s.call.id, adminId), releaseDecisions(s.call.id, adminId)]);
    expect(counts.sort()).toEqual([0, 6]);
    expect(await db.offer.count({ where: { application: { callId: s.call.id } } })).toBe(3);
    expect(await db.outboxEmail.count({ where: { dedupeKey: { in: s.all.map((p) => `decision:${p.application.id}`) } } })).toBe(6);
  });

  it("sends no reviewer text with a rejection that has no approved feedback, whatever the reviewers wrote", async () => {
    const s = await committeeScenario();
    expect((await pin(s.call.id, s.p6.application.id, "REJECT", "Hors périmètre")).status).toBe(200);
    await addReviewWithFeedback(s.p6.application.id, "Retour partageable.");
    await addReviewWithFeedback(s.p6.application.id, "Retour d'un évaluateur en conflit d'intérêts.", "conflict");
    expect((await allocationPost(s.call.id, { intent: "confirm" })).status).toBe(200);
    expect((await releasePost(s.call.id)).status).toBe(200);
    const email = (await emailsOf("decision-rejected", s.p6.founder.email))[0];
    expect(payloadOf(email).feedback).toBeUndefined();
    expect(email.payload).not.toMatch(/Retour/);
  });

  it("refuses the whole release when an accepted application has no cohort: no release time, offers or emails for anyone", async () => {
    const s = await committeeScenario();
    expect((await allocationPost(s.call.id, { intent: "confirm" })).status).toBe(200);
    // An acceptance made outside the allocation, among the others.
    await db.application.update({ where: { id: s.p3.application.id }, data: { allocatedCohortId: null } });

    const refused = await releasePost(s.call.id);
    expect(refused.status).toBe(409);
    expect(await json<AllocationReply>(refused)).toMatchObject({
      ok: false,
      message: "allocation.acceptedWithoutCohort",
      params: { project: s.p3.application.projectName },
    });
    await expectNothingReleased(s);

    await db.application.update({ where: { id: s.p3.application.id }, data: { allocatedCohortId: s.cohortA.id } });
    expect(await json<AllocationReply>(await releasePost(s.call.id))).toMatchObject({ count: 6 });
    expect(await db.offer.count({ where: { application: { callId: s.call.id } } })).toBe(3);
  });

  describe("when the outbox refuses an email midway", () => {
    let restoreOutbox: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await restoreOutbox?.();
      restoreOutbox = undefined;
    });

    it("rolls back every release time, offer and email already written", async () => {
      const s = await committeeScenario();
      expect((await pin(s.call.id, s.p6.application.id, "REJECT", "Hors périmètre")).status).toBe(200);
      expect((await allocationPost(s.call.id, { intent: "confirm" })).status).toBe(200);
      // Only the rejection email fails: acceptances and waitlist emails would be written before or after it.
      restoreOutbox = await refuseOutboxInserts("refuse_decision_email", "decision-rejected");
      await expect(releasePost(s.call.id)).rejects.toThrow();
      await expectNothingReleased(s);

      await restoreOutbox();
      restoreOutbox = undefined;
      expect(await json<AllocationReply>(await releasePost(s.call.id))).toMatchObject({ count: 6 });
      expect(await db.outboxEmail.count({ where: { dedupeKey: { in: s.all.map((p) => `decision:${p.application.id}`) } } })).toBe(6);
    });
  });

  async function expectNothingReleased(s: Scenario) {
    const ids = s.all.map((p) => p.application.id);
    expect(await db.application.count({ where: { id: { in: ids }, decisionReleasedAt: { not: null } } })).toBe(0);
    expect(await db.offer.count({ where: { applicationId: { in: ids } } })).toBe(0);
    expect(await db.outboxEmail.count({ where: { dedupeKey: { in: ids.map((id) => `decision:${id}`) } } })).toBe(0);
    expect(
      await db.auditEvent.count({
        where: { subjectId: { in: [...ids, s.call.id] }, type: { in: ["DECISION_RELEASED", "DECISIONS_RELEASED"] } },
      }),
    ).toBe(0);
    expect((await allocationPage(s.call.id)).staged).toBe(6);
  }

  it("shows who will be emailed before releasing, releases nothing by showing it, and sends only what was shown", async () => {
    const s = await committeeScenario({ founderLocale: "ar" });
    expect((await pin(s.call.id, s.p6.application.id, "REJECT", "Hors périmètre")).status).toBe(200);
    expect((await allocationPost(s.call.id, { intent: "confirm" })).status).toBe(200);

    const preview = await allocationPost(s.call.id, { intent: "previewRelease" });
    expect(preview.status).toBe(200);
    const { emails } = await json<{ emails: EmailsPreview }>(preview);
    // One email per founder of the six staged decisions, each in its kind and language, rendered as sent.
    expect(emails.count).toBe(6);
    expect(emails.recipients.map((r) => r.email).sort()).toEqual(s.all.map((p) => p.founder.email.toLowerCase()).sort());
    expect(new Set(emails.emails.map((e) => e.template))).toEqual(
      new Set(["decision-accepted", "decision-waitlisted", "decision-rejected"]),
    );
    const accepted = emails.emails.find((e) => e.template === "decision-accepted" && e.locale === "ar");
    expect(accepted?.subject).toMatch(/^إجراء مطلوب: /);
    expect(accepted?.html).toContain('dir="rtl"');
    await expectNothingReleased(s);

    // Confirming without the preview's count, or with another count, releases nothing.
    const unconfirmed = await allocationPost(s.call.id, { intent: "release" });
    expect(unconfirmed.status).toBe(400);
    expect(await json<AllocationReply>(unconfirmed)).toMatchObject({ message: "emailPreview.previewFirst" });
    const stale = await allocationPost(s.call.id, { intent: "release", expectedEmails: "5" });
    expect(stale.status).toBe(409);
    expect(await json<AllocationReply>(stale)).toMatchObject({ message: "emailPreview.changed" });
    await expectNothingReleased(s);

    const released = await allocationPost(s.call.id, { intent: "release", expectedEmails: String(emails.count) });
    expect(await json<AllocationReply>(released)).toMatchObject({ message: "allocation.released", count: 6 });
    expect(await db.outboxEmail.count({ where: { dedupeKey: { in: s.all.map((p) => `decision:${p.application.id}`) } } })).toBe(6);
  });

  it("is refused to non-admins", async () => {
    const s = await committeeScenario();
    // The applicant themself, and a reviewer.
    const cookie = await signIn(s.p1.founder);
    const reviewer = await signedIn("REVIEWER");
    for (const c of [cookie, reviewer.cookie]) {
      for (const intent of ["confirm", "release"]) expect((await allocationPost(s.call.id, { intent }, c)).status).toBe(403);
      const pinned = await allocationPost(
        s.call.id,
        { intent: "pin", applicationId: s.p1.application.id, decision: "ACCEPT", reason: "Je me sélectionne" },
        c,
      );
      expect(pinned.status).toBe(403);
      expect(
        (await callRoute(allocationLoader, { path: `/admin/calls/${s.call.id}/allocation`, params: { id: s.call.id }, cookie: c })).status,
      ).toBe(403);
    }
    expect(await db.allocationPin.count({ where: { applicationId: s.p1.application.id } })).toBe(0);
    for (const p of s.all) expect(await statusOf(p.application.id)).toBe("COMMITTEE");
  });
});

// ---------------------------------------------------------------------------
// Offers

/**
 * A released call with one cohort at site A and the seats given out: holders
 * with PENDING offers, and waitlisted applicants described by (rank, sector, sites).
 */
async function offerScenario(options: {
  capacity: number;
  quotas?: Partial<Record<"NEW_TECH" | "GREEN_TECH" | "CULTURAL_INDUSTRIES", number>>;
  holders: Array<{ sector?: "NEW_TECH" | "GREEN_TECH" | "CULTURAL_INDUSTRIES"; expiresAt?: Date }>;
  waitlist: Array<{ rank: number; sector?: "NEW_TECH" | "GREEN_TECH" | "CULTURAL_INDUSTRIES"; site?: "A" | "B"; alternate?: "A" | "B" }>;
  offerResponseDays?: number;
}) {
  const [siteA, siteB] = await createSites(2);
  const sites = { A: siteA, B: siteB };
  const {
    call,
    cohorts: [cohort],
  } = await createDecisionCall({
    cohorts: [{ site: siteA, capacity: options.capacity, quotas: options.quotas }],
    offerResponseDays: options.offerResponseDays,
  });
  const holders = [];
  for (const [index, h] of options.holders.entries()) {
    holders.push(
      await createReleasedCandidate({
        call,
        site: siteA,
        cohort,
        status: "ACCEPTED",
        rank: index + 1,
        sector: h.sector ?? "NEW_TECH",
        expiresAt: h.expiresAt,
      }),
    );
  }
  const waitlisted = [];
  for (const w of options.waitlist) {
    waitlisted.push(
      await createReleasedCandidate({
        call,
        site: sites[w.site ?? "A"],
        alternateSite: w.alternate ? sites[w.alternate] : null,
        status: "WAITLISTED",
        rank: w.rank,
        sector: w.sector ?? "NEW_TECH",
      }),
    );
  }
  return { call, cohort, siteA, siteB, holders, waitlisted };
}

// ---------------------------------------------------------------------------
// Committee decisions made by hand, on an application's page

type ApplicationPage = {
  application: { status: string; version: number };
  transitions: string[];
  cohorts: Array<{ id: string; name: string; siteName: string; capacity: number; free: number }> | null;
};
type MoveReply = { ok: boolean; message: string | null; errors: Record<string, string> };

async function applicationPage(applicationId: string): Promise<ApplicationPage> {
  const response = await callRoute(applicationLoader, {
    path: `/admin/applications/${applicationId}`,
    params: { id: applicationId },
    cookie: adminCookie,
  });
  expect(response.status).toBe(200);
  return json<ApplicationPage>(response);
}

/** The admin applies `transition` from the application's page, with the version it shows and, if given, a cohort. */
async function moveByHand(who: { application: { id: string } }, transition: string, cohortId?: string) {
  const { version } = await db.application.findUniqueOrThrow({ where: { id: who.application.id }, select: { version: true } });
  const form: Record<string, string> = { intent: "move", version: String(version), transition, reason: "Décision du comité" };
  if (cohortId) form.cohortId = cohortId;
  const response = await callRoute(applicationAction, {
    path: `/admin/applications/${who.application.id}`,
    params: { id: who.application.id },
    cookie: adminCookie,
    form,
  });
  if (response.status !== 302) return { status: response.status, reply: await json<MoveReply>(response) };
  // Done: back to the application's page, the outcome said by the flash.
  expect(response.headers.get("Location")).toBe(`/admin/applications/${who.application.id}`);
  const { flash } = await flashOf(response);
  return { status: response.status, reply: { ok: flash?.kind === "success", message: flash?.key ?? null, errors: {} } satisfies MoveReply };
}

describe("a committee decision made by hand", () => {
  it("accepting by hand takes a seat in a cohort the admin chooses, within its capacity and quota; the release then offers that seat", async () => {
    const s = await committeeScenario();
    const page = await applicationPage(s.p4.application.id);
    expect(page.transitions).toContain("accept");
    expect(page.cohorts?.map((c) => [c.id, c.free, c.capacity]).sort()).toEqual(
      [
        [s.cohortA.id, 2, 2],
        [s.cohortB.id, 1, 1],
      ].sort(),
    );

    // No cohort: refused, on the field, and nothing changes.
    const noCohort = await moveByHand(s.p4, "accept");
    expect(noCohort.status).toBe(409);
    expect(noCohort.reply).toMatchObject({
      ok: false,
      message: "allocation.cohortRequired",
      errors: { cohortId: "allocation.cohortRequired" },
    });
    expect(await statusOf(s.p4.application.id)).toBe("COMMITTEE");

    // A cohort with a seat: staged acceptance holding that seat.
    expect((await moveByHand(s.p4, "accept", s.cohortB.id)).reply).toMatchObject({ ok: true, message: "admin.moved" });
    const p4 = await db.application.findUniqueOrThrow({ where: { id: s.p4.application.id } });
    expect([p4.status, p4.allocatedCohortId, p4.decisionReleasedAt]).toEqual(["ACCEPTED", s.cohortB.id, null]);
    expect(await db.auditEvent.count({ where: { subjectId: s.p4.application.id, type: "COHORT_CHOSEN", actorId: adminId } })).toBe(1);

    // B's only seat is p4's now; A takes one GREEN_TECH at most.
    expect((await moveByHand(s.p5, "accept", s.cohortB.id)).reply).toMatchObject({
      ok: false,
      message: "allocation.cohortFull",
      errors: { cohortId: "allocation.cohortFull" },
    });
    expect((await moveByHand(s.p1, "accept", s.cohortA.id)).reply.ok).toBe(true);
    expect((await moveByHand(s.p2, "accept", s.cohortA.id)).reply).toMatchObject({ ok: false, message: "allocation.cohortQuotaFull" });
    // A cohort of another call is no choice.
    const other = await createDecisionCall({ cohorts: [{ site: s.siteA, capacity: 5 }] });
    expect((await moveByHand(s.p3, "accept", other.cohorts[0].id)).reply).toMatchObject({
      ok: false,
      message: "allocation.pinUnknownCohort",
    });
    expect(await Promise.all([s.p2, s.p3, s.p5].map((p) => statusOf(p.application.id)))).toEqual(["COMMITTEE", "COMMITTEE", "COMMITTEE"]);

    // The allocation counts those seats; the release offers each acceptance its seat.
    const { preview } = await allocationPage(s.call.id);
    expect(outcome(preview, { ...s, all: [s.p2, s.p3, s.p5, s.p6] } as Scenario)).toEqual([
      ["WAITLISTED", null],
      ["ACCEPTED", s.cohortA.id],
      ["WAITLISTED", null],
      ["WAITLISTED", null],
    ]);
    expect((await allocationPost(s.call.id, { intent: "confirm" })).status).toBe(200);
    const released = await releasePost(s.call.id);
    expect(released.status).toBe(200);
    expect(await json<AllocationReply>(released)).toMatchObject({ ok: true, count: 6 });
    const offers = await db.offer.findMany({
      where: { application: { callId: s.call.id } },
      select: { applicationId: true, cohortId: true },
    });
    expect(offers.map((o) => [o.applicationId, o.cohortId]).sort()).toEqual(
      [
        [s.p1.application.id, s.cohortA.id],
        [s.p3.application.id, s.cohortA.id],
        [s.p4.application.id, s.cohortB.id],
      ].sort(),
    );
  });

  it("admins accepting many applications into one cohort at the same moment never give more seats than its capacity and quota allow", async () => {
    for (let round = 0; round < 3; round++) {
      const [site] = await createSites(1);
      const {
        call,
        cohorts: [cohort],
      } = await createDecisionCall({ cohorts: [{ site, capacity: 5, quotas: { GREEN_TECH: 2 } }] });
      // One seat already held by a released acceptance.
      await createReleasedCandidate({ call, site, status: "ACCEPTED", cohort, sector: "NEW_TECH" });
      const candidates = [];
      for (let i = 0; i < 24; i++)
        candidates.push(await createCandidate({ call, site, sector: i % 2 === 0 ? "GREEN_TECH" : "NEW_TECH", rank: i + 1 }));
      const results = await Promise.all(candidates.map((c) => moveByHand(c, "accept", cohort.id)));
      expect(results.filter((r) => r.reply.ok)).toHaveLength(4);
      expect(
        results.every((r) => r.reply.ok || r.reply.message === "allocation.cohortFull" || r.reply.message === "allocation.cohortQuotaFull"),
      ).toBe(true);
      const staged = await db.application.findMany({
        where: { callId: call.id, status: "ACCEPTED", decisionReleasedAt: null },
        select: { sector: true, allocatedCohortId: true },
      });
      expect(staged).toHaveLength(4);
      expect(staged.every((a) => a.allocatedCohortId === cohort.id)).toBe(true);
      expect(staged.filter((a) => a.sector === "GREEN_TECH").length).toBeLessThanOrEqual(2);
      // What was staged can be released: one offer per acceptance, none beyond the seats.
      expect(await json<AllocationReply>(await releasePost(call.id))).toMatchObject({ ok: true, count: 4 });
      expect((await seatCensus(cohort.id)).holders).toBe(5);
    }
  });

  it("an acceptance left without a cohort is listed on the allocation page and sent back to the committee from its page; the call is then released", async () => {
    const s = await committeeScenario();
    expect((await allocationPost(s.call.id, { intent: "confirm" })).status).toBe(200);
    // As an older version left it (or a deleted cohort): accepted, no seat.
    await db.application.update({ where: { id: s.p3.application.id }, data: { allocatedCohortId: null } });
    expect((await releasePost(s.call.id)).status).toBe(409);
    expect((await allocationPage(s.call.id)) as unknown).toMatchObject({
      unseated: [{ id: s.p3.application.id, projectName: s.p3.application.projectName }],
    });

    const page = await applicationPage(s.p3.application.id);
    expect(page.transitions).toContain("reconsider");
    expect((await moveByHand(s.p3, "reconsider")).reply).toMatchObject({ ok: true });
    const p3 = await db.application.findUniqueOrThrow({ where: { id: s.p3.application.id } });
    expect([p3.status, p3.allocatedCohortId]).toEqual(["COMMITTEE", null]);
    expect((await allocationPage(s.call.id)) as unknown).toMatchObject({ unseated: [] });

    // Allocated again, it gets A's seat back; the release goes through for everyone.
    const { preview } = await allocationPage(s.call.id);
    expect(preview.rows.map((r) => [r.applicationId, r.decision, r.cohortId])).toEqual([[s.p3.application.id, "ACCEPTED", s.cohortA.id]]);
    expect((await allocationPost(s.call.id, { intent: "confirm" })).status).toBe(200);
    expect(await json<AllocationReply>(await releasePost(s.call.id))).toMatchObject({ ok: true, count: 6 });
    expect(await db.offer.count({ where: { application: { callId: s.call.id } } })).toBe(3);

    // A released decision cannot be taken back.
    expect((await applicationPage(s.p4.application.id)).transitions).not.toContain("reconsider");
    expect((await moveByHand(s.p4, "reconsider")).reply).toMatchObject({ ok: false, message: "lifecycle.decisionReleased" });
  });

  it("a staged decision of any kind can be sent back to the committee, giving up its seat", async () => {
    const s = await committeeScenario();
    expect((await allocationPost(s.call.id, { intent: "confirm" })).status).toBe(200);
    for (const who of [s.p1, s.p4]) expect((await moveByHand(who, "reconsider")).reply.ok).toBe(true);
    // p1's seat at A is free again: the preview hands it to the best-ranked of the two.
    const { preview } = await allocationPage(s.call.id);
    expect(preview.rows.map((r) => [r.applicationId, r.decision, r.cohortId])).toEqual([
      [s.p1.application.id, "ACCEPTED", s.cohortA.id],
      [s.p4.application.id, "WAITLISTED", null],
    ]);
  });

  it("offers a seat from the released waitlist by hand in the chosen cohort, with its offer and email; never from a staged waitlist", async () => {
    const [site] = await createSites(1);
    const {
      call,
      cohorts: [cohort],
    } = await createDecisionCall({ cohorts: [{ site, capacity: 1 }] });
    const waiting = await createReleasedCandidate({ call, site, status: "WAITLISTED", rank: 3 });
    expect((await moveByHand(waiting, "promote")).reply).toMatchObject({ ok: false, message: "allocation.cohortRequired" });
    expect((await moveByHand(waiting, "promote", cohort.id)).reply).toMatchObject({ ok: true });
    const offer = await db.offer.findFirstOrThrow({ where: { applicationId: waiting.application.id } });
    expect([offer.cohortId, offer.status]).toEqual([cohort.id, "PENDING"]);
    const email = (await emailsOf("waitlist-promotion", waiting.founder.email))[0];
    expect(payloadOf(email)).toMatchObject({ cohortName: cohort.name, respondBy: offer.expiresAt.toISOString() });

    // The cohort is full now.
    const next = await createReleasedCandidate({ call, site, status: "WAITLISTED", rank: 4 });
    expect((await moveByHand(next, "promote", cohort.id)).reply).toMatchObject({ ok: false, message: "allocation.cohortFull" });

    // A waitlist decision still staged is not told yet: no promotion email ahead of the release.
    const staged = await createCandidate({ call, site, status: "WAITLISTED", rank: 5 });
    expect((await applicationPage(staged.application.id)).transitions).not.toContain("promote");
    await db.cohort.update({ where: { id: cohort.id }, data: { capacity: 3 } });
    expect((await moveByHand(staged, "promote", cohort.id)).reply).toMatchObject({ ok: false, message: "lifecycle.decisionNotReleased" });
    expect(await emailsOf("waitlist-promotion", staged.founder.email)).toHaveLength(0);
  });
});

describe("answering an offer", () => {
  it("shows the offer's deadline as the email writes it, and after a decline ends the founder's timeline at the decision", async () => {
    const { holders } = await offerScenario({ capacity: 1, holders: [{}], waitlist: [] });
    const [holder] = holders;
    const cookie = await signIn(holder.founder);
    const offerPage = () =>
      callRoute(offerLoader, {
        path: `/founder/applications/${holder.application.id}/offer`,
        params: { id: holder.application.id },
        cookie,
      });
    const page = await json<{ offer: { expiresAt: string; expiresAtText: string } }>(await offerPage());
    expect(page.offer.expiresAt).toBe(holder.offer!.expiresAt.toISOString());
    // The page gets finished text from the server (no date left for the browser to format), the email's very words.
    const email = await renderEmail("offer-reminder", "fr", {
      name: "Salma",
      projectName: "Projet",
      cohortName: "Cohorte",
      expiresAt: page.offer.expiresAt,
      offerUrl: "http://localhost/x",
    });
    expect(page.offer.expiresAtText).toMatch(/\d{2}:\d{2}$/);
    expect(email.text).toContain(`${page.offer.expiresAtText} (heure de Casablanca)`);

    expect((await offerPost(holder.application.id, cookie, "decline")).status).toBe(302);
    const { data } = await founderView(holder.application.id, cookie);
    expect(data.timeline.visibleStatus).toBe("DECLINED");
    const states = Object.fromEntries(data.timeline.steps.map((step) => [step.step, step.state]));
    expect(states).toMatchObject({ decision: "done", enrollment: "skipped" });
    expect(data.timeline.steps.find((step) => step.step === "enrollment")?.date).toBeNull();
  });

  it("accepting enrolls the founder in the cohort, confirms by email and puts the project on the roster", async () => {
    const { cohort, holders } = await offerScenario({ capacity: 2, holders: [{}, {}], waitlist: [] });
    const [holder] = holders;
    const cookie = await signIn(holder.founder);

    const invalid = await offerPost(holder.application.id, cookie, "maybe");
    expect(invalid.status).toBe(400);
    expect(await json(invalid)).toEqual({
      ok: false,
      message: "errors.choose",
      params: {},
      errors: { answer: "errors.choose" },
      values: { answer: "maybe" },
    });

    const accepted = await offerPost(holder.application.id, cookie, "accept");
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe(`/founder/applications/${holder.application.id}/offer`);
    const row = await db.application.findUniqueOrThrow({ where: { id: holder.application.id } });
    expect(row.status).toBe("ENROLLED");
    expect(row.enrolledCohortId).toBe(cohort.id);
    expect(row.version).toBe(holder.application.version + 1);
    const offer = await db.offer.findUniqueOrThrow({ where: { id: holder.offer!.id } });
    expect(offer.status).toBe("ACCEPTED");
    expect(offer.respondedAt).not.toBeNull();
    const emails = await emailsOf("enrollment-confirmed", holder.founder.email);
    expect(emails).toHaveLength(1);
    expect(payloadOf(emails[0])).toMatchObject({ projectName: holder.application.projectName, cohortName: cohort.name });
    expect(
      await db.auditEvent.count({ where: { subjectId: holder.application.id, type: "TRANSITION_enroll", actorId: holder.founder.id } }),
    ).toBe(1);

    const roster = await cohortRoster(cohort.id);
    expect(roster?.members.find((m) => m.id === holder.application.id)).toMatchObject({
      status: "ENROLLED",
      projectName: holder.application.projectName,
    });
    const page = await json<{ offer: { status: string } }>(
      await callRoute(offerLoader, {
        path: `/founder/applications/${holder.application.id}/offer`,
        params: { id: holder.application.id },
        cookie,
      }),
    );
    expect(page.offer.status).toBe("ACCEPTED");
    expect(await seatCensus(cohort.id)).toMatchObject({ holders: 2, accepted: 1, pending: 1, enrolled: 1 });

    // A second answer changes nothing.
    for (const answer of ["accept", "decline"]) {
      const again = await offerPost(holder.application.id, cookie, answer);
      expect(again.status).toBe(409);
      expect(await json(again)).toMatchObject({ ok: false, message: "offer.noLongerAvailable" });
    }
    expect(await statusOf(holder.application.id)).toBe("ENROLLED");
    expect(await emailsOf("enrollment-confirmed", holder.founder.email)).toHaveLength(1);
  });

  it("counts each cohort's seat holders once, read for several cohorts at once as for each alone", async () => {
    const first = await offerScenario({ capacity: 3, holders: [{}, { sector: "GREEN_TECH" }], waitlist: [] });
    const second = await offerScenario({ capacity: 2, holders: [{ sector: "GREEN_TECH" }], waitlist: [] });
    // The first holder accepts: enrolled, and its offer is kept as ACCEPTED — still one seat.
    expect((await offerPost(first.holders[0].application.id, await signIn(first.holders[0].founder), "accept")).status).toBe(302);
    expect(await seatCensus(first.cohort.id)).toMatchObject({ holders: 2, offersHeld: 2, enrolled: 1 });

    const ids = [second.cohort.id, first.cohort.id, second.cohort.id];
    const together = await cohortsSeats(db, ids);
    expect(together.map((seats) => ({ id: seats.id, capacity: seats.capacity, filled: seats.filled }))).toEqual([
      { id: second.cohort.id, capacity: 2, filled: { total: 1, bySector: { GREEN_TECH: 1 } } },
      { id: first.cohort.id, capacity: 3, filled: { total: 2, bySector: { NEW_TECH: 1, GREEN_TECH: 1 } } },
      { id: second.cohort.id, capacity: 2, filled: { total: 1, bySector: { GREEN_TECH: 1 } } },
    ]);
    expect(together).toEqual(await Promise.all(ids.map((id) => cohortSeats(db, id))));
    await expect(cohortsSeats(db, ["no-such-cohort"])).rejects.toThrow(/no-such-cohort/);
  });

  it("only the founder of the application may answer its offer", async () => {
    const { holders } = await offerScenario({ capacity: 2, holders: [{}, {}], waitlist: [] });
    const [mine, theirs] = holders;
    const cookie = await signIn(theirs.founder);
    const stranger = await offerPost(mine.application.id, cookie, "decline");
    expect(stranger.status).toBe(404);
    expect(
      (
        await callRoute(offerLoader, {
          path: `/founder/applications/${mine.application.id}/offer`,
          params: { id: mine.application.id },
          cookie,
        })
      ).status,
    ).toBe(404);
    expect((await offerPost(mine.application.id, adminCookie, "decline")).status).toBe(403);
    expect(await statusOf(mine.application.id)).toBe("ACCEPTED");
    expect((await db.offer.findUniqueOrThrow({ where: { id: mine.offer!.id } })).status).toBe("PENDING");
  });

  it("declining frees the seat for the best-ranked waitlisted applicant whose site and sector fit it", async () => {
    const { call, cohort, siteA, holders, waitlisted } = await offerScenario({
      capacity: 2,
      quotas: { GREEN_TECH: 1 },
      holders: [{ sector: "GREEN_TECH" }, { sector: "NEW_TECH" }],
      waitlist: [
        { rank: 3, sector: "NEW_TECH", site: "B" }, // another site only: does not fit
        { rank: 4, sector: "GREEN_TECH", site: "A" }, // the green quota is still taken
        { rank: 5, sector: "NEW_TECH", site: "B", alternate: "A" }, // fits through the alternate site
        { rank: 6, sector: "NEW_TECH", site: "A" }, // fits, ranked lower
      ],
    });
    // A better-ranked waitlisted applicant of another call at the same site is not this call's waitlist.
    const elsewhere = await offerScenario({ capacity: 1, holders: [{}], waitlist: [] });
    const outsider = await createReleasedCandidate({
      call: elsewhere.call,
      site: siteA,
      status: "WAITLISTED",
      rank: 1,
      sector: "NEW_TECH",
    });

    const leaver = holders[1];
    const declined = await offerPost(leaver.application.id, await signIn(leaver.founder), "decline");
    expect(declined.status).toBe(302);
    expect(await statusOf(leaver.application.id)).toBe("DECLINED");
    expect((await db.offer.findUniqueOrThrow({ where: { id: leaver.offer!.id } })).status).toBe("DECLINED");
    expect(
      await db.auditEvent.count({ where: { subjectId: leaver.application.id, type: "TRANSITION_decline", actorId: leaver.founder.id } }),
    ).toBe(1);
    // The founder's answer is confirmed by email.
    const confirmation = await emailsOf("offer-declined", leaver.founder.email);
    expect(confirmation).toHaveLength(1);
    expect(payloadOf(confirmation[0])).toMatchObject({ projectName: leaver.application.projectName });

    const promoted = waitlisted[2];
    const row = await db.application.findUniqueOrThrow({ where: { id: promoted.application.id }, include: { offers: true } });
    expect(row.status).toBe("ACCEPTED");
    expect(row.allocatedCohortId).toBe(cohort.id);
    expect(row.offers).toHaveLength(1);
    const offer = row.offers[0];
    expect([offer.cohortId, offer.status]).toEqual([cohort.id, "PENDING"]);
    expect(offer.expiresAt.getTime() - offer.createdAt.getTime()).toBeGreaterThan(7 * DAY_MS - 60_000);
    expect(offer.expiresAt.getTime() - offer.createdAt.getTime()).toBeLessThan(7 * DAY_MS + 60_000);
    const emails = await emailsOf("waitlist-promotion", promoted.founder.email);
    expect(emails).toHaveLength(1);
    expect(payloadOf(emails[0])).toMatchObject({ cohortName: cohort.name, respondBy: offer.expiresAt.toISOString() });
    expect(String(payloadOf(emails[0]).offerUrl)).toMatch(new RegExp(`/founder/applications/${promoted.application.id}/offer$`));
    expect(await db.auditEvent.count({ where: { subjectId: promoted.application.id, type: "TRANSITION_promote", actorId: null } })).toBe(1);

    for (const other of [waitlisted[0], waitlisted[1], waitlisted[3]]) expect(await statusOf(other.application.id)).toBe("WAITLISTED");
    expect(await statusOf(outsider.application.id)).toBe("WAITLISTED");
    expect(await seatCensus(cohort.id)).toMatchObject({ holders: 2, pending: 2 });
    expect(await doubleHolders(call.id)).toEqual([]);

    // The promoted founder can take the seat.
    const accept = await offerPost(promoted.application.id, await signIn(promoted.founder), "accept");
    expect(accept.status).toBe(302);
    expect(await statusOf(promoted.application.id)).toBe("ENROLLED");
  });

  it("a declined seat nobody on the waitlist fits stays free", async () => {
    const { cohort, holders, waitlisted } = await offerScenario({ capacity: 1, holders: [{}], waitlist: [{ rank: 2, site: "B" }] });
    const result = await respondToOffer(holders[0].application.id, asFounderUser(holders[0].founder), false);
    expect(result).toEqual({ enrolled: false, promoted: null });
    expect(await statusOf(waitlisted[0].application.id)).toBe("WAITLISTED");
    expect(await seatCensus(cohort.id)).toMatchObject({ holders: 0 });
  });
});

describe("offer deadlines", () => {
  it("refuses an answer after the deadline, then expiry declines, tells the founder once and promotes the next", async () => {
    const { call, cohort, holders, waitlisted } = await offerScenario({
      capacity: 1,
      holders: [{ expiresAt: new Date(Date.now() + HOUR_MS) }],
      waitlist: [{ rank: 2 }, { rank: 3 }],
    });
    const [holder] = holders;

    // Before the deadline nothing expires.
    await expireOffers(new Date());
    expect((await db.offer.findUniqueOrThrow({ where: { id: holder.offer!.id } })).status).toBe("PENDING");

    // The deadline passes before the job runs: answers are refused, the page says expired.
    await db.offer.update({ where: { id: holder.offer!.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const cookie = await signIn(holder.founder);
    const late = await offerPost(holder.application.id, cookie, "accept");
    expect(late.status).toBe(409);
    expect(await json(late)).toMatchObject({ ok: false, message: "offer.expired" });
    expect(await statusOf(holder.application.id)).toBe("ACCEPTED");
    expect((await db.offer.findUniqueOrThrow({ where: { id: holder.offer!.id } })).status).toBe("PENDING");
    const page = await json<{ offer: { status: string } }>(
      await callRoute(offerLoader, {
        path: `/founder/applications/${holder.application.id}/offer`,
        params: { id: holder.application.id },
        cookie,
      }),
    );
    expect(page.offer.status).toBe("EXPIRED");

    await expireOffers(new Date());
    expect((await db.offer.findUniqueOrThrow({ where: { id: holder.offer!.id } })).status).toBe("EXPIRED");
    expect(await statusOf(holder.application.id)).toBe("DECLINED");
    const expired = await emailsOf("offer-expired", holder.founder.email);
    expect(expired).toHaveLength(1);
    expect(payloadOf(expired[0])).toMatchObject({ projectName: holder.application.projectName, cohortName: cohort.name });
    const decline = await db.auditEvent.findFirstOrThrow({ where: { subjectId: holder.application.id, type: "TRANSITION_decline" } });
    expect([decline.actorId, JSON.parse(decline.details).reason]).toEqual([null, "offer expired"]);

    expect(await statusOf(waitlisted[0].application.id)).toBe("ACCEPTED");
    expect(await statusOf(waitlisted[1].application.id)).toBe("WAITLISTED");
    expect(await emailsOf("waitlist-promotion", waitlisted[0].founder.email)).toHaveLength(1);
    expect(await seatCensus(cohort.id)).toMatchObject({ holders: 1, pending: 1 });

    // Running the job again changes nothing; answering now finds no open offer.
    await expireOffers(new Date());
    expect(await emailsOf("offer-expired", holder.founder.email)).toHaveLength(1);
    expect(await emailsOf("waitlist-promotion", waitlisted[1].founder.email)).toHaveLength(0);
    const after = await offerPost(holder.application.id, cookie, "decline");
    expect(after.status).toBe(409);
    expect(await doubleHolders(call.id)).toEqual([]);
  });

  it("reminds each open offer once, 48 hours before it expires", async () => {
    const now = new Date();
    const at = (hours: number) => new Date(now.getTime() + hours * HOUR_MS);
    const { holders } = await offerScenario({
      capacity: 4,
      holders: [{ expiresAt: at(47) }, { expiresAt: at(49) }, { expiresAt: at(24) }, { expiresAt: at(30) }],
      waitlist: [],
    });
    const [soon, later, answered, already] = holders;
    await respondToOffer(answered.application.id, asFounderUser(answered.founder), true, now);
    await db.offer.update({ where: { id: already.offer!.id }, data: { remindedAt: new Date(now.getTime() - HOUR_MS) } });

    await remindOffers(now);
    await remindOffers(now);
    await runScheduledJobs(now);
    const reminders = async (who: (typeof holders)[number]) => emailsOf("offer-reminder", who.founder.email);
    expect(await reminders(soon)).toHaveLength(1);
    expect(payloadOf((await reminders(soon))[0])).toMatchObject({
      expiresAt: soon.offer!.expiresAt.toISOString(),
      projectName: soon.application.projectName,
    });
    expect(String(payloadOf((await reminders(soon))[0]).offerUrl)).toMatch(/\/offer$/);
    expect((await db.offer.findUniqueOrThrow({ where: { id: soon.offer!.id } })).remindedAt?.getTime()).toBe(now.getTime());
    for (const quiet of [later, answered, already]) expect(await reminders(quiet)).toHaveLength(0);
    // The bell too (issue 18): once, for the team whose offer expires soon, leading to the offer.
    expect(await db.notification.findMany({ where: { userId: soon.founder.id, kind: "OFFER_EXPIRING" }, select: { path: true } })).toEqual([
      { path: `/founder/applications/${soon.application.id}/offer` },
    ]);
    expect(await db.notification.count({ where: { userId: later.founder.id, kind: "OFFER_EXPIRING" } })).toBe(0);

    // Two hours on, the other offer enters its last 48 hours.
    await remindOffers(at(2));
    await remindOffers(at(3));
    expect(await reminders(later)).toHaveLength(1);
    expect(await reminders(soon)).toHaveLength(1);
  });

  it("reminds founders with a draft once, 72 hours before the deadline of an open call", async () => {
    const now = new Date();
    const [site] = await createSites(1);
    const closingSoon = await createOpenCall({ sites: [site], closesInDays: 2 });
    const closingLater = await createOpenCall({ sites: [site], closesInDays: 5 });
    const closedEarly = await createOpenCall({ sites: [site], closesInDays: 2 });
    await db.call.update({ where: { id: closedEarly.id }, data: { status: "CLOSED" } });
    const drafts = [
      await createCandidate({ call: closingSoon, site, status: "DRAFT" }),
      await createCandidate({ call: closingSoon, site, status: "DRAFT", locale: "en" }),
    ];
    const submitted = await createCandidate({ call: closingSoon, site, status: "SUBMITTED" });
    const laterDraft = await createCandidate({ call: closingLater, site, status: "DRAFT" });
    const closedDraft = await createCandidate({ call: closedEarly, site, status: "DRAFT" });

    await remindClosingCalls(now);
    await remindClosingCalls(now);
    await runScheduledJobs(new Date(now.getTime() + HOUR_MS));
    // The call has only its French title: the English email isolates it and says it is in French.
    const titleIn = { fr: closingSoon.title, en: `\u2068${closingSoon.title}\u2069 (in French)` };
    for (const [index, draft] of drafts.entries()) {
      const emails = await emailsOf("call-closing-soon", draft.founder.email);
      expect(emails).toHaveLength(1);
      expect(emails[0].dedupeKey).toBe(`call-closing-soon:${draft.application.id}`);
      expect(payloadOf(emails[0])).toMatchObject({
        callTitle: titleIn[index === 0 ? "fr" : "en"],
        closesAt: closingSoon.closesAt.toISOString(),
      });
      expect(String(payloadOf(emails[0]).draftUrl)).toMatch(new RegExp(`/founder/applications/${draft.application.id}/edit/`));
    }
    expect((await emailsOf("call-closing-soon", drafts[1].founder.email))[0].locale).toBe("en");
    for (const quiet of [submitted, laterDraft, closedDraft])
      expect(await emailsOf("call-closing-soon", quiet.founder.email)).toHaveLength(0);

    // Three days before the later call's deadline, its draft hears too.
    await remindClosingCalls(new Date(now.getTime() + 2.5 * DAY_MS));
    expect(await emailsOf("call-closing-soon", laterDraft.founder.email)).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------
// Concurrency: a seat is never given to two people nor lost.

/** Seat invariants for a cohort after the dust settles. */
async function expectSeatsConsistent(callId: string, cohortId: string, capacity: number, demand: number) {
  const census = await seatCensus(cohortId);
  expect(census.holders).toBeLessThanOrEqual(capacity);
  expect(census.offersHeld).toBe(census.holders);
  expect(census.holders).toBe(Math.min(capacity, demand));
  expect(await doubleHolders(callId)).toEqual([]);
  // Every waitlisted or promoted applicant has at most one open offer, and only ACCEPTED applications hold one.
  const open = await db.offer.findMany({
    where: { status: "PENDING", application: { callId } },
    select: { applicationId: true, application: { select: { status: true } } },
  });
  expect(new Set(open.map((o) => o.applicationId)).size).toBe(open.length);
  expect(open.every((o) => o.application.status === "ACCEPTED")).toBe(true);
  // Nobody still waiting while a seat they fit is free.
  const waiting = await db.application.count({ where: { callId, status: "WAITLISTED" } });
  if (census.holders < capacity) expect(waiting).toBe(0);
}

describe("concurrent answers", () => {
  it("two declines at the same moment in one cohort promote two different waitlisted applicants", async () => {
    const { call, cohort, holders, waitlisted } = await offerScenario({
      capacity: 3,
      holders: [{}, {}, {}],
      waitlist: [{ rank: 10 }, { rank: 11 }, { rank: 12 }, { rank: 13 }],
    });
    const cookies = await Promise.all([signIn(holders[0].founder), signIn(holders[1].founder)]);
    const responses = await Promise.all([
      offerPost(holders[0].application.id, cookies[0], "decline"),
      offerPost(holders[1].application.id, cookies[1], "decline"),
    ]);
    expect(responses.map((r) => r.status)).toEqual([302, 302]);
    expect(await statusOf(waitlisted[0].application.id)).toBe("ACCEPTED");
    expect(await statusOf(waitlisted[1].application.id)).toBe("ACCEPTED");
    expect(await statusOf(waitlisted[2].application.id)).toBe("WAITLISTED");
    await expectSeatsConsistent(call.id, cohort.id, 3, 1 + 4);
    expect(
      await db.outboxEmail.count({ where: { template: "waitlist-promotion", to: { in: waitlisted.map((w) => w.founder.email) } } }),
    ).toBe(2);
  });

  it("every holder declining at once gives the seats to exactly the waitlist, once each", async () => {
    const { call, cohort, holders, waitlisted } = await offerScenario({
      capacity: 4,
      holders: [{}, {}, {}, {}],
      waitlist: [{ rank: 10 }, { rank: 11 }],
    });
    const results = await Promise.all(holders.map((h) => respondToOffer(h.application.id, asFounderUser(h.founder), false)));
    expect(
      results
        .filter((r) => r.promoted !== null)
        .map((r) => r.promoted)
        .sort(),
    ).toEqual(waitlisted.map((w) => w.application.id).sort());
    await expectSeatsConsistent(call.id, cohort.id, 4, 2);
  });

  it("a decline racing the expiry job, and an answer racing its own expiry, never double-book or lose a seat", async () => {
    const outcomes = new Set<string>();
    for (const order of ["together", "expiry-first"] as const) {
      const deadline = new Date(Date.now() + HOUR_MS);
      const { call, cohort, holders, waitlisted } = await offerScenario({
        capacity: 3,
        holders: [{ expiresAt: deadline }, {}, {}],
        waitlist: [{ rank: 10 }, { rank: 11 }, { rank: 12 }],
      });
      const [expiring, decliner, keeper] = holders;
      const beforeDeadline = new Date(deadline.getTime() - 1000);
      const afterDeadline = new Date(deadline.getTime() + 1000);
      const answers = () => [
        respondToOffer(decliner.application.id, asFounderUser(decliner.founder), false, beforeDeadline),
        // The expiring founder declines at the last second (the request started before the deadline).
        respondToOffer(expiring.application.id, asFounderUser(expiring.founder), false, beforeDeadline),
      ];
      let settled: Array<PromiseSettledResult<unknown>>;
      if (order === "together") {
        settled = await Promise.allSettled([expireOffers(afterDeadline), ...answers()]);
      } else {
        // The job has already taken the expiring offer when the answers arrive.
        settled = [...(await Promise.allSettled([expireOffers(afterDeadline)])), ...(await Promise.allSettled(answers()))];
      }
      expect(settled[0].status).toBe("fulfilled");
      expect(settled[1].status).toBe("fulfilled");
      if (settled[2].status === "rejected") {
        expect(settled[2].reason).toBeInstanceOf(UserError);
        expect(["offer.expired", "offer.noLongerAvailable"]).toContain((settled[2].reason as UserError).key);
      }

      const expiringOffer = await db.offer.findUniqueOrThrow({ where: { id: expiring.offer!.id } });
      expect(["DECLINED", "EXPIRED"]).toContain(expiringOffer.status);
      // Whoever won, the founder's answer and the expiry never both took effect.
      expect(expiringOffer.status === "DECLINED").toBe(settled[2].status === "fulfilled");
      outcomes.add(expiringOffer.status);
      expect(await statusOf(expiring.application.id)).toBe("DECLINED");
      expect(await db.auditEvent.count({ where: { subjectId: expiring.application.id, type: "TRANSITION_decline" } })).toBe(1);
      expect(await emailsOf("offer-expired", expiring.founder.email)).toHaveLength(expiringOffer.status === "EXPIRED" ? 1 : 0);
      expect(await statusOf(decliner.application.id)).toBe("DECLINED");
      expect(await statusOf(keeper.application.id)).toBe("ACCEPTED");
      // Two seats freed, two promotions: the two best-ranked waitlisted applicants.
      const states = await Promise.all(waitlisted.map((w) => statusOf(w.application.id)));
      expect(states).toEqual(["ACCEPTED", "ACCEPTED", "WAITLISTED"]);
      await expectSeatsConsistent(call.id, cohort.id, 3, 1 + 3);
    }
    // The job's way of winning was exercised (the founder's is whenever the answers commit first).
    expect(outcomes.has("EXPIRED")).toBe(true);
  });
});

describe("withdrawing with an open offer", () => {
  it("frees the seat for the waitlist instead of holding it until the deadline", async () => {
    const { cohort, holders, waitlisted } = await offerScenario({ capacity: 1, holders: [{}], waitlist: [{ rank: 2 }] });
    const [holder] = holders;
    const cookie = await signIn(holder.founder);
    const response = await callRoute(overviewAction, {
      path: `/founder/applications/${holder.application.id}`,
      params: { id: holder.application.id },
      cookie,
      form: { version: String(holder.application.version), confirm: "on" },
    });
    expect(response.status).toBe(302);
    expect(await statusOf(holder.application.id)).toBe("WITHDRAWN");
    expect((await db.offer.findUniqueOrThrow({ where: { id: holder.offer!.id } })).status).not.toBe("PENDING");
    expect((await cohortRoster(cohort.id))?.members.map((m) => m.id)).not.toContain(holder.application.id);
    expect(await statusOf(waitlisted[0].application.id)).toBe("ACCEPTED");
  });

  it("the expiry job keeps expiring other offers when a withdrawn founder's offer passes its deadline", async () => {
    const past = new Date(Date.now() - HOUR_MS);
    const { holders } = await offerScenario({ capacity: 2, holders: [{ expiresAt: past }, { expiresAt: past }], waitlist: [] });
    const [withdrawn, ordinary] = holders;
    // The founder withdrew while the offer was open (see the test above); the offer row is still PENDING.
    await db.application.update({
      where: { id: withdrawn.application.id },
      data: { status: "WITHDRAWN", withdrawnAt: new Date(), version: { increment: 1 } },
    });
    await db.offer.update({ where: { id: withdrawn.offer!.id }, data: { createdAt: new Date(Date.now() - 3 * DAY_MS) } });

    const outcome = await expireOffers(new Date()).then(
      () => "ok",
      (error: unknown) => (error instanceof UserError ? error.key : String(error)),
    );
    // Leave no wedged offer behind for later runs of the job in this file.
    await db.offer.updateMany({ where: { id: withdrawn.offer!.id, status: "PENDING" }, data: { status: "REVOKED" } });
    expect(outcome).toBe("ok");
    expect((await db.offer.findUniqueOrThrow({ where: { id: ordinary.offer!.id } })).status).toBe("EXPIRED");
    expect((await db.offer.findUniqueOrThrow({ where: { id: withdrawn.offer!.id } })).status).not.toBe("PENDING");
  });
});
