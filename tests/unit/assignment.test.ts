import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  conflictBetween,
  OVERRIDABLE_CONFLICTS,
  planAssignments,
  PUBLIC_EMAIL_DOMAINS,
  type AssignmentApplication,
  type AssignmentPlan,
  type AssignmentReviewer,
} from "~/domain/assignment.ts";
import { maxFlow, shuffle } from "../support/planner-oracles.ts";

function reviewer(id: string, over: Partial<AssignmentReviewer> = {}): AssignmentReviewer {
  return { id, email: `${id}@reviewers.example`, active: true, maxLoad: 100, currentLoad: 0, sectors: [], siteIds: [], ...over };
}

function application(id: string, over: Partial<AssignmentApplication> = {}): AssignmentApplication {
  return {
    id,
    sector: null,
    preferredSiteId: null,
    teamEmails: [`founder@${id}.example`],
    existingReviewerIds: [],
    declaredConflictReviewerIds: [],
    ...over,
  };
}

const reviewersOf = (plan: AssignmentPlan, applicationId: string) =>
  plan.assignments.filter((a) => a.applicationId === applicationId).map((a) => a.reviewerId);

describe("conflictBetween", () => {
  const team = { teamEmails: ["Salma@OCP.ma", "karim@gmail.com"], declaredConflictReviewerIds: [] as string[] };

  it("reports a conflict the reviewer declared", () => {
    expect(
      conflictBetween({ id: "r1", email: "r1@elsewhere.ma" }, { teamEmails: ["x@startup.ma"], declaredConflictReviewerIds: ["r1"] }),
    ).toBe("DECLARED");
    expect(
      conflictBetween({ id: "r2", email: "r2@elsewhere.ma" }, { teamEmails: ["x@startup.ma"], declaredConflictReviewerIds: ["r1"] }),
    ).toBeNull();
  });

  it("reports a reviewer who is on the team, comparing emails case-insensitively", () => {
    expect(conflictBetween({ id: "r1", email: "KARIM@Gmail.com" }, team)).toBe("ON_TEAM");
    expect(conflictBetween({ id: "r1", email: " salma@ocp.ma " }, team)).toBe("ON_TEAM");
  });

  it("reports a reviewer from a team member's corporate domain", () => {
    expect(conflictBetween({ id: "r1", email: "amine@ocp.ma" }, team)).toBe("SAME_DOMAIN");
    expect(conflictBetween({ id: "r1", email: "amine@OCP.MA" }, team)).toBe("SAME_DOMAIN");
  });

  it("treats a subdomain as the same organisation, but not a mere shared suffix", () => {
    expect(conflictBetween({ id: "r1", email: "amine@rd.ocp.ma" }, team)).toBe("SAME_DOMAIN");
    expect(conflictBetween({ id: "r1", email: "amine@docp.ma" }, team)).toBeNull();
    expect(
      conflictBetween({ id: "r1", email: "prof@um5.ac.ma" }, { teamEmails: ["student@uae.ac.ma"], declaredConflictReviewerIds: [] }),
    ).toBeNull();
  });

  it("ignores public webmail domains", () => {
    expect(conflictBetween({ id: "r1", email: "someone@gmail.com" }, team)).toBeNull();
    expect(
      conflictBetween({ id: "r1", email: "someone@menara.ma" }, { teamEmails: ["other@menara.ma"], declaredConflictReviewerIds: [] }),
    ).toBeNull();
  });

  it("finds no conflict between unrelated people or with malformed emails", () => {
    expect(conflictBetween({ id: "r1", email: "amine@inwi.ma" }, team)).toBeNull();
    expect(
      conflictBetween({ id: "r1", email: "not-an-email" }, { teamEmails: ["also-not-an-email", ""], declaredConflictReviewerIds: [] }),
    ).toBeNull();
    expect(conflictBetween({ id: "r1", email: "" }, { teamEmails: [""], declaredConflictReviewerIds: [] })).toBeNull();
  });

  it("gives the strongest reason when several apply", () => {
    expect(conflictBetween({ id: "r1", email: "salma@ocp.ma" }, { ...team, declaredConflictReviewerIds: ["r1"] })).toBe("DECLARED");
    expect(conflictBetween({ id: "r1", email: "salma@ocp.ma" }, team)).toBe("ON_TEAM");
  });

  it("lifts a shared-domain conflict an admin overrode for that reviewer only, never a declared one or a team member", () => {
    // A founder listed someone at the jury's own domain: every reviewer there is in conflict.
    const staffDomain = { teamEmails: ["founder@startup.ma", "mentor@jury.tremplin.ma"], declaredConflictReviewerIds: [] as string[] };
    expect(conflictBetween({ id: "r1", email: "r1@jury.tremplin.ma" }, staffDomain)).toBe("SAME_DOMAIN");
    expect(conflictBetween({ id: "r2", email: "r2@jury.tremplin.ma" }, staffDomain)).toBe("SAME_DOMAIN");
    const overridden = { ...staffDomain, overriddenConflictReviewerIds: ["r1"] };
    expect(conflictBetween({ id: "r1", email: "r1@jury.tremplin.ma" }, overridden)).toBeNull();
    expect(conflictBetween({ id: "r1", email: "r1@rd.jury.tremplin.ma" }, overridden)).toBeNull();
    expect(conflictBetween({ id: "r2", email: "r2@jury.tremplin.ma" }, overridden)).toBe("SAME_DOMAIN");
    // An override never lifts a declared conflict or a reviewer on the team.
    expect(conflictBetween({ id: "r1", email: "r1@jury.tremplin.ma" }, { ...overridden, declaredConflictReviewerIds: ["r1"] })).toBe(
      "DECLARED",
    );
    expect(conflictBetween({ id: "r1", email: "mentor@jury.tremplin.ma" }, overridden)).toBe("ON_TEAM");
    expect(OVERRIDABLE_CONFLICTS).toEqual(["SAME_DOMAIN"]);
  });

  it("knows the public webmail domains", () => {
    // Written out so that a change to the list is deliberate.
    expect([...PUBLIC_EMAIL_DOMAINS].sort()).toEqual(
      [
        "aol.com",
        "free.fr",
        "gmail.com",
        "gmx.com",
        "gmx.fr",
        "googlemail.com",
        "hotmail.com",
        "hotmail.fr",
        "icloud.com",
        "laposte.net",
        "live.com",
        "live.fr",
        "mail.com",
        "me.com",
        "menara.ma",
        "orange.fr",
        "outlook.com",
        "outlook.fr",
        "proton.me",
        "protonmail.com",
        "yahoo.com",
        "yahoo.fr",
        "yandex.com",
      ].sort(),
    );
  });
});

describe("planAssignments", () => {
  it("spreads load evenly: 10 applications × 3 reviewers over 6 reviewers gives each 5", () => {
    const reviewers = ["r1", "r2", "r3", "r4", "r5", "r6"].map((id) => reviewer(id));
    const applications = Array.from({ length: 10 }, (_, i) => application(`a${String(i).padStart(2, "0")}`));
    const plan = planAssignments({ reviewersPerApplication: 3, reviewers, applications });
    expect(plan.unstaffed).toEqual([]);
    expect(plan.assignments).toHaveLength(30);
    expect(plan.loadByReviewer).toEqual({ r1: 5, r2: 5, r3: 5, r4: 5, r5: 5, r6: 5 });
    for (const app of applications) expect(new Set(reviewersOf(plan, app.id)).size).toBe(3);
  });

  it("prefers sector, then site expertise among equally loaded reviewers", () => {
    const reviewers = [
      reviewer("novice"),
      reviewer("site", { siteIds: ["casa"] }),
      reviewer("sector", { sectors: ["GREEN_TECH"] }),
      reviewer("both", { sectors: ["GREEN_TECH", "NEW_TECH"], siteIds: ["casa", "rabat"] }),
    ];
    const app = application("a1", { sector: "GREEN_TECH", preferredSiteId: "casa" });
    const pick = (pool: AssignmentReviewer[]) =>
      planAssignments({ reviewersPerApplication: 1, reviewers: pool, applications: [app] }).assignments;
    expect(pick(reviewers)).toEqual([{ applicationId: "a1", reviewerId: "both", expertiseMatch: { sector: true, site: true } }]);
    expect(pick(reviewers.filter((r) => r.id !== "both"))).toEqual([
      { applicationId: "a1", reviewerId: "sector", expertiseMatch: { sector: true, site: false } },
    ]);
    expect(pick([reviewers[0], reviewers[1]])).toEqual([
      { applicationId: "a1", reviewerId: "site", expertiseMatch: { sector: false, site: true } },
    ]);
    // Without any expertise the reviewer id decides.
    expect(pick([reviewer("b"), reviewer("a")])).toEqual([
      { applicationId: "a1", reviewerId: "a", expertiseMatch: { sector: false, site: false } },
    ]);
  });

  it("puts even load before expertise", () => {
    const expert = reviewer("expert", { sectors: ["GREEN_TECH"], currentLoad: 1 });
    const plan = planAssignments({
      reviewersPerApplication: 1,
      reviewers: [expert, reviewer("novice")],
      applications: [application("a1", { sector: "GREEN_TECH" })],
    });
    expect(reviewersOf(plan, "a1")).toEqual(["novice"]);
    // Once loads are level, the expert takes the green-tech applications.
    const more = planAssignments({
      reviewersPerApplication: 1,
      reviewers: [expert, reviewer("novice")],
      applications: [
        application("a1", { sector: "NEW_TECH" }),
        application("a2", { sector: "GREEN_TECH" }),
        application("a3", { sector: "GREEN_TECH" }),
      ],
    });
    expect(more.loadByReviewer).toEqual({ expert: 2, novice: 2 });
    expect(more.assignments.filter((a) => a.reviewerId === "expert").every((a) => a.expertiseMatch.sector)).toBe(true);
  });

  it("never exceeds a reviewer's maximum load and reports who was left short", () => {
    const reviewers = [
      reviewer("r1", { maxLoad: 2 }),
      reviewer("r2", { maxLoad: 2 }),
      reviewer("r3", { maxLoad: 3, currentLoad: 1 }),
      reviewer("busy", { maxLoad: 4, currentLoad: 4 }),
    ];
    const applications = ["a1", "a2", "a3", "a4"].map((id) => application(id));
    const plan = planAssignments({ reviewersPerApplication: 2, reviewers, applications });
    expect(plan.loadByReviewer).toEqual({ r1: 2, r2: 2, r3: 3, busy: 4 });
    expect(plan.assignments).toHaveLength(6);
    expect(reviewersOf(plan, "busy")).toEqual([]);
    expect(plan.unstaffed).toEqual([
      {
        applicationId: "a4",
        needed: 2,
        assigned: 0,
        reason: "ALL_AT_MAX_LOAD",
        detail: "0 of 2 reviewers assigned: 4 eligible reviewers are at maximum load",
      },
    ]);
  });

  it("tops up existing assignments instead of replacing them", () => {
    const reviewers = ["r1", "r2", "r3", "r4"].map((id) => reviewer(id, { currentLoad: id === "r1" ? 1 : 0 }));
    const applications = [
      application("a1", { existingReviewerIds: ["r1"] }),
      application("a2", { existingReviewerIds: ["r1", "r2", "gone"] }),
      application("a3", { existingReviewerIds: ["r2", "r3"] }),
    ];
    const plan = planAssignments({ reviewersPerApplication: 3, reviewers, applications });
    expect(reviewersOf(plan, "a1")).toHaveLength(2);
    expect(reviewersOf(plan, "a1")).not.toContain("r1");
    expect(reviewersOf(plan, "a2")).toEqual([]);
    expect(reviewersOf(plan, "a3")).toHaveLength(1);
    expect(reviewersOf(plan, "a3")).not.toContain("r2");
    expect(reviewersOf(plan, "a3")).not.toContain("r3");
    expect(plan.unstaffed).toEqual([]);
    // r1's existing assignment is already in its currentLoad; it gains nothing new.
    expect(plan.loadByReviewer.r1).toBe(1);
    expect(plan.assignments).toHaveLength(3);
  });

  it("gives no work to inactive reviewers", () => {
    const reviewers = [reviewer("away", { active: false, sectors: ["NEW_TECH"], currentLoad: 0 }), reviewer("r1", { currentLoad: 3 })];
    const plan = planAssignments({ reviewersPerApplication: 1, reviewers, applications: [application("a1", { sector: "NEW_TECH" })] });
    expect(reviewersOf(plan, "a1")).toEqual(["r1"]);
    expect(plan.loadByReviewer).toEqual({ away: 0, r1: 4 });
  });

  it("reports NO_ELIGIBLE_REVIEWERS when nobody active is left", () => {
    const none = planAssignments({
      reviewersPerApplication: 2,
      reviewers: [reviewer("away", { active: false })],
      applications: [application("a1")],
    });
    expect(none.assignments).toEqual([]);
    expect(none.unstaffed).toEqual([
      {
        applicationId: "a1",
        needed: 2,
        assigned: 0,
        reason: "NO_ELIGIBLE_REVIEWERS",
        detail: "0 of 2 reviewers assigned: no other active reviewer is available (1 reviewer is inactive)",
      },
    ]);
    const tooFew = planAssignments({
      reviewersPerApplication: 3,
      reviewers: [reviewer("r1"), reviewer("r2")],
      applications: [application("a1", { existingReviewerIds: ["r1"] })],
    });
    expect(reviewersOf(tooFew, "a1")).toEqual(["r2"]);
    expect(tooFew.unstaffed).toMatchObject([{ applicationId: "a1", needed: 3, assigned: 2, reason: "NO_ELIGIBLE_REVIEWERS" }]);
    expect(planAssignments({ reviewersPerApplication: 1, reviewers: [], applications: [application("a1")] }).unstaffed).toMatchObject([
      { reason: "NO_ELIGIBLE_REVIEWERS" },
    ]);
  });

  it("never assigns a conflicted reviewer and reports CONFLICTS when they block a seat", () => {
    const reviewers = [
      reviewer("declared"),
      reviewer("colleague", { email: "amine@ocp.ma" }),
      reviewer("member", { email: "Salma@ocp.ma" }),
      reviewer("free"),
    ];
    const app = application("a1", { teamEmails: ["salma@OCP.ma", "karim@gmail.com"], declaredConflictReviewerIds: ["declared"] });
    const plan = planAssignments({ reviewersPerApplication: 3, reviewers, applications: [app] });
    expect(reviewersOf(plan, "a1")).toEqual(["free"]);
    expect(plan.unstaffed).toEqual([
      {
        applicationId: "a1",
        needed: 3,
        assigned: 1,
        reason: "CONFLICTS",
        detail:
          "1 of 3 reviewers assigned: every other active reviewer is excluded by a conflict — 3 conflicts (declared 1, on team 1, same email domain 1)",
      },
    ]);
    // A webmail reviewer sharing gmail.com with a founder is fine.
    const webmail = planAssignments({
      reviewersPerApplication: 1,
      reviewers: [reviewer("g", { email: "other@gmail.com" })],
      applications: [app],
    });
    expect(reviewersOf(webmail, "a1")).toEqual(["g"]);
  });

  it("assigns a reviewer whose shared-domain conflict an admin overrode, and only that one", () => {
    // Every reviewer sits at the domain a team member listed: nobody can be assigned.
    const reviewers = ["r1", "r2", "r3"].map((id) => reviewer(id, { email: `${id}@jury.tremplin.ma` }));
    const app = application("a1", { teamEmails: ["founder@startup.ma", "mentor@jury.tremplin.ma"] });
    const blocked = planAssignments({ reviewersPerApplication: 2, reviewers, applications: [app] });
    expect(blocked.assignments).toEqual([]);
    expect(blocked.unstaffed).toMatchObject([{ applicationId: "a1", assigned: 0, reason: "CONFLICTS" }]);
    const overridden = planAssignments({
      reviewersPerApplication: 2,
      reviewers,
      applications: [{ ...app, overriddenConflictReviewerIds: ["r2"] }],
    });
    expect(reviewersOf(overridden, "a1")).toEqual(["r2"]);
    expect(overridden.unstaffed).toMatchObject([{ applicationId: "a1", assigned: 1, reason: "CONFLICTS" }]);
    // An override of a declared conflict (which the model never records) would still not assign.
    const declared = planAssignments({
      reviewersPerApplication: 2,
      reviewers,
      applications: [{ ...app, declaredConflictReviewerIds: ["r2"], overriddenConflictReviewerIds: ["r2", "r3"] }],
    });
    expect(reviewersOf(declared, "a1")).toEqual(["r3"]);
  });

  it("names maximum load, not conflicts, when a free seat exists for someone at capacity", () => {
    const reviewers = [reviewer("colleague", { email: "x@ocp.ma" }), reviewer("full", { maxLoad: 1, currentLoad: 1 })];
    const plan = planAssignments({
      reviewersPerApplication: 1,
      reviewers,
      applications: [application("a1", { teamEmails: ["y@ocp.ma"] })],
    });
    expect(plan.unstaffed).toEqual([
      {
        applicationId: "a1",
        needed: 1,
        assigned: 0,
        reason: "ALL_AT_MAX_LOAD",
        detail:
          "0 of 1 reviewers assigned: 1 eligible reviewer is at maximum load; 1 conflict (declared 0, on team 0, same email domain 1) excluded others",
      },
    ]);
  });

  it("re-arranges its own picks to staff an application the first pass could not", () => {
    // Greedy by load gives a→r1 (load 0 beats r2's 5) and b→r3, leaving c
    // (eligible for r1 and r3 only, both full) empty; moving a to r2 frees r1 for c.
    const reviewers = [reviewer("r1", { maxLoad: 1 }), reviewer("r2", { currentLoad: 5, maxLoad: 9 }), reviewer("r3", { maxLoad: 1 })];
    const applications = [
      application("a", { declaredConflictReviewerIds: ["r3"] }),
      application("b", { declaredConflictReviewerIds: ["r2"] }),
      application("c", { declaredConflictReviewerIds: ["r2"] }),
    ];
    const plan = planAssignments({ reviewersPerApplication: 1, reviewers, applications });
    expect(plan.unstaffed).toEqual([]);
    expect(plan.assignments.map((a) => [a.applicationId, a.reviewerId])).toEqual([
      ["a", "r2"],
      ["b", "r3"],
      ["c", "r1"],
    ]);
    expect(plan.loadByReviewer).toEqual({ r1: 1, r2: 6, r3: 1 });
  });

  it("gives the same plan for the same input in any order, without touching it", () => {
    const reviewers = [
      reviewer("r1", { sectors: ["NEW_TECH"], siteIds: ["casa"], maxLoad: 4 }),
      reviewer("r2", { sectors: ["GREEN_TECH"], siteIds: ["rabat", "casa"], maxLoad: 3, currentLoad: 1 }),
      reviewer("r3", { sectors: ["CULTURAL_INDUSTRIES", "NEW_TECH"], siteIds: ["tanger"], maxLoad: 5 }),
      reviewer("r4", { email: "lead@ocp.ma", sectors: ["GREEN_TECH"], siteIds: ["agadir"], maxLoad: 2 }),
      reviewer("r5", { active: false, sectors: ["NEW_TECH"] }),
      reviewer("r6", { sectors: [], siteIds: ["casa"], maxLoad: 3 }),
    ];
    const sectors = ["NEW_TECH", "GREEN_TECH", "CULTURAL_INDUSTRIES", null];
    const sites = ["casa", "rabat", "tanger", "agadir", null];
    const applications = Array.from({ length: 9 }, (_, i) =>
      application(`app-${i}`, {
        sector: sectors[i % sectors.length],
        preferredSiteId: sites[i % sites.length],
        teamEmails: i % 3 === 0 ? ["ceo@ocp.ma", `cto${i}@gmail.com`] : [`founder${i}@startup${i}.ma`],
        existingReviewerIds: i === 4 ? ["r3"] : [],
        declaredConflictReviewerIds: i === 5 ? ["r1", "r6"] : [],
      }),
    );
    const input = { reviewersPerApplication: 2, reviewers, applications };
    const frozen = structuredClone(input);
    deepFreeze(frozen);
    const reference = planAssignments(frozen);
    expect(reference.assignments.length).toBeGreaterThan(0);
    for (let seed = 1; seed <= 20; seed++) {
      const shuffled = {
        reviewersPerApplication: 2,
        reviewers: shuffle(reviewers, seed).map((r) => ({
          ...r,
          sectors: shuffle(r.sectors, seed + 1),
          siteIds: shuffle(r.siteIds, seed + 2),
        })),
        applications: shuffle(applications, seed * 7).map((a) => ({
          ...a,
          teamEmails: shuffle(a.teamEmails, seed),
          declaredConflictReviewerIds: shuffle(a.declaredConflictReviewerIds, seed),
        })),
      };
      expect(JSON.stringify(planAssignments(shuffled))).toBe(JSON.stringify(reference));
    }
    expect(frozen).toEqual(input);
  });

  it("returns its assignments sorted and nothing for a call with no applications", () => {
    const plan = planAssignments({
      reviewersPerApplication: 2,
      reviewers: [reviewer("r2"), reviewer("r1")],
      applications: [application("b"), application("a")],
    });
    expect(plan.assignments.map((a) => `${a.applicationId}/${a.reviewerId}`)).toEqual(["a/r1", "a/r2", "b/r1", "b/r2"]);
    expect(planAssignments({ reviewersPerApplication: 2, reviewers: [reviewer("r1", { currentLoad: 2 })], applications: [] })).toEqual({
      assignments: [],
      unstaffed: [],
      loadByReviewer: { r1: 2 },
    });
  });

  it("refuses malformed input", () => {
    expect(() => planAssignments({ reviewersPerApplication: -1, reviewers: [], applications: [] })).toThrow(RangeError);
    expect(() => planAssignments({ reviewersPerApplication: 1.5, reviewers: [], applications: [] })).toThrow(RangeError);
    expect(() => planAssignments({ reviewersPerApplication: 1, reviewers: [reviewer("r1"), reviewer("r1")], applications: [] })).toThrow(
      /duplicate reviewer id r1/,
    );
    expect(() =>
      planAssignments({ reviewersPerApplication: 1, reviewers: [], applications: [application("a"), application("a")] }),
    ).toThrow(/duplicate application id a/);
  });
});

function deepFreeze(value: unknown) {
  if (value && typeof value === "object") {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
}

// ---------------------------------------------------------------- properties

const LOCALS = ["amine", "salma", "karim", "Yasmine"];
const DOMAINS = ["ocp.ma", "OCP.ma", "rd.ocp.ma", "um5.ac.ma", "startup.ma", "gmail.com", "Hotmail.fr", "menara.ma"];
const emailArb = fc.tuple(fc.constantFrom(...LOCALS), fc.constantFrom(...DOMAINS)).map(([local, domain]) => `${local}@${domain}`);
const SECTORS = ["NEW_TECH", "GREEN_TECH", "CULTURAL_INDUSTRIES"];
const SITES = ["casa", "rabat", "tanger"];

const instanceArb = fc
  .record({
    reviewersPerApplication: fc.integer({ min: 0, max: 4 }),
    reviewers: fc.array(
      fc.record({
        email: emailArb,
        active: fc.boolean(),
        maxLoad: fc.integer({ min: 0, max: 6 }),
        currentLoad: fc.integer({ min: 0, max: 6 }),
        sectors: fc.subarray(SECTORS),
        siteIds: fc.subarray(SITES),
      }),
      { maxLength: 8 },
    ),
  })
  .chain(({ reviewersPerApplication, reviewers }) => {
    const ids = reviewers.map((_, i) => `r${i}`);
    const withIds: AssignmentReviewer[] = reviewers.map((r, i) => ({ ...r, id: ids[i] }));
    const applicationArb = fc.record({
      sector: fc.constantFrom(null, ...SECTORS),
      preferredSiteId: fc.constantFrom(null, ...SITES),
      teamEmails: fc.array(emailArb, { maxLength: 3 }),
      existingReviewerIds: fc.subarray([...ids, "ghost"]),
      declaredConflictReviewerIds: fc.subarray(ids),
    });
    return fc.record({
      reviewersPerApplication: fc.constant(reviewersPerApplication),
      reviewers: fc.constant(withIds),
      applications: fc
        .array(applicationArb, { maxLength: 10 })
        .map((apps) => apps.map((a, i): AssignmentApplication => ({ ...a, id: `a${i}` }))),
    });
  });

type Instance = { reviewersPerApplication: number; reviewers: AssignmentReviewer[]; applications: AssignmentApplication[] };

const eligible = (r: AssignmentReviewer, a: AssignmentApplication) =>
  r.active && !a.existingReviewerIds.includes(r.id) && conflictBetween(r, a) === null;
const openSeats = (a: AssignmentApplication, n: number) => Math.max(0, n - new Set(a.existingReviewerIds).size);

/** Most new assignments any valid plan could make: a max flow, computed independently (Edmonds–Karp). */
function maxAssignable({ reviewersPerApplication: n, reviewers, applications }: Instance): number {
  const A = applications.length;
  const size = A + reviewers.length + 2;
  const source = size - 2;
  const sink = size - 1;
  const cap = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  applications.forEach((a, i) => {
    cap[source][i] = openSeats(a, n);
    reviewers.forEach((r, j) => {
      if (eligible(r, a)) cap[i][A + j] = 1;
    });
  });
  reviewers.forEach((r, j) => (cap[A + j][sink] = r.active ? Math.max(0, r.maxLoad - r.currentLoad) : 0));
  return maxFlow(cap, source, sink);
}

describe("planAssignments properties", () => {
  it("keeps every hard rule and staffs as many seats as any plan could", () => {
    fc.assert(
      fc.property(instanceArb, (instance) => {
        const plan = planAssignments(instance);
        const byId = new Map(instance.reviewers.map((r) => [r.id, r]));
        const appById = new Map(instance.applications.map((a) => [a.id, a]));
        const pairs = new Set<string>();
        const added = new Map<string, number>();
        for (const { applicationId, reviewerId, expertiseMatch } of plan.assignments) {
          const r = byId.get(reviewerId)!;
          const a = appById.get(applicationId)!;
          expect(r).toBeDefined();
          expect(a).toBeDefined();
          expect(r.active).toBe(true);
          expect(conflictBetween(r, a)).toBeNull();
          expect(a.existingReviewerIds).not.toContain(reviewerId);
          expect(pairs.has(`${applicationId}/${reviewerId}`)).toBe(false);
          pairs.add(`${applicationId}/${reviewerId}`);
          added.set(reviewerId, (added.get(reviewerId) ?? 0) + 1);
          expect(expertiseMatch).toEqual({
            sector: a.sector !== null && r.sectors.includes(a.sector),
            site: a.preferredSiteId !== null && r.siteIds.includes(a.preferredSiteId),
          });
        }
        for (const r of instance.reviewers) {
          const extra = added.get(r.id) ?? 0;
          expect(plan.loadByReviewer[r.id]).toBe(r.currentLoad + extra);
          if (extra > 0) expect(r.currentLoad + extra).toBeLessThanOrEqual(r.maxLoad);
        }
        expect(Object.keys(plan.loadByReviewer)).toHaveLength(instance.reviewers.length);
        for (const a of instance.applications) {
          const got = plan.assignments.filter((x) => x.applicationId === a.id).length;
          const open = openSeats(a, instance.reviewersPerApplication);
          expect(got).toBeLessThanOrEqual(open);
          const report = plan.unstaffed.find((u) => u.applicationId === a.id);
          if (got < open) {
            expect(report).toMatchObject({ needed: instance.reviewersPerApplication, assigned: new Set(a.existingReviewerIds).size + got });
            expect(report!.detail).toMatch(/^\d+ of \d+ reviewers assigned: /);
            // A free, eligible reviewer with room would have been used.
            const idle = instance.reviewers.filter(
              (r) => eligible(r, a) && !pairs.has(`${a.id}/${r.id}`) && plan.loadByReviewer[r.id] + 1 <= r.maxLoad,
            );
            expect(idle).toEqual([]);
            const blockedByLoad = instance.reviewers.some((r) => eligible(r, a) && !pairs.has(`${a.id}/${r.id}`));
            const blockedByConflict = instance.reviewers.some(
              (r) => r.active && !a.existingReviewerIds.includes(r.id) && conflictBetween(r, a) !== null,
            );
            expect(report!.reason).toBe(blockedByLoad ? "ALL_AT_MAX_LOAD" : blockedByConflict ? "CONFLICTS" : "NO_ELIGIBLE_REVIEWERS");
          } else {
            expect(report).toBeUndefined();
          }
        }
        expect(plan.assignments.length).toBe(maxAssignable(instance));
      }),
      { numRuns: 400 },
    );
  });

  it("staffs as many seats as any plan could when capacity is tight", () => {
    // Few seats per reviewer, uneven starting loads and dense declared conflicts:
    // the instances where picking by load alone strands an application.
    const tightArb = fc
      .record({
        reviewerCount: fc.integer({ min: 2, max: 6 }),
        applicationCount: fc.integer({ min: 2, max: 8 }),
        n: fc.integer({ min: 1, max: 2 }),
      })
      .chain(({ reviewerCount, applicationCount, n }) => {
        const ids = Array.from({ length: reviewerCount }, (_, i) => `r${i}`);
        return fc.record({
          reviewersPerApplication: fc.constant(n),
          reviewers: fc.tuple(
            ...ids.map((id) =>
              fc
                .tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 2 }))
                .map(([currentLoad, room]) => reviewer(id, { currentLoad, maxLoad: currentLoad + room })),
            ),
          ),
          applications: fc.tuple(
            ...Array.from({ length: applicationCount }, (_, i) =>
              fc.subarray(ids).map((declared) => application(`a${i}`, { declaredConflictReviewerIds: declared })),
            ),
          ),
        });
      });
    fc.assert(
      fc.property(tightArb, (instance) => {
        const plan = planAssignments(instance);
        expect(plan.assignments.length).toBe(maxAssignable(instance));
        for (const r of instance.reviewers) expect(plan.loadByReviewer[r.id]).toBeLessThanOrEqual(r.maxLoad);
      }),
      { numRuns: 1000 },
    );
  });

  it("gives every application min(open seats, eligible reviewers) when capacity suffices", () => {
    fc.assert(
      fc.property(instanceArb, (instance) => {
        const ample = {
          ...instance,
          reviewers: instance.reviewers.map((r) => ({ ...r, maxLoad: r.currentLoad + instance.applications.length })),
        };
        const plan = planAssignments(ample);
        expect(plan.unstaffed.every((u) => u.reason !== "ALL_AT_MAX_LOAD")).toBe(true);
        for (const a of ample.applications) {
          const possible = ample.reviewers.filter((r) => eligible(r, a)).length;
          expect(plan.assignments.filter((x) => x.applicationId === a.id)).toHaveLength(
            Math.min(openSeats(a, ample.reviewersPerApplication), possible),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps max − min load at most 1 when capacity and conflicts allow", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.tuple(fc.subarray(SECTORS), fc.subarray(SITES)), { minLength: 9, maxLength: 9 }),
        (reviewerCount, applicationCount, perApplication, startLoad, expertise) => {
          const n = Math.min(perApplication, reviewerCount);
          const reviewers = Array.from({ length: reviewerCount }, (_, i) =>
            reviewer(`r${i}`, { currentLoad: startLoad, maxLoad: 1000, sectors: expertise[i][0], siteIds: expertise[i][1] }),
          );
          const applications = Array.from({ length: applicationCount }, (_, i) =>
            application(`a${i}`, { sector: SECTORS[i % 3], preferredSiteId: SITES[(i * 2) % 3] }),
          );
          const plan = planAssignments({ reviewersPerApplication: n, reviewers, applications });
          const loads = Object.values(plan.loadByReviewer);
          expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
          expect(plan.assignments).toHaveLength(n * applicationCount);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is deterministic whatever the order of its input", () => {
    fc.assert(
      fc.property(instanceArb, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (instance, seed) => {
        const shuffled: Instance = {
          reviewersPerApplication: instance.reviewersPerApplication,
          reviewers: shuffle(instance.reviewers, seed).map((r) => ({
            ...r,
            sectors: shuffle(r.sectors, seed),
            siteIds: shuffle(r.siteIds, seed),
          })),
          applications: shuffle(instance.applications, seed + 1).map((a) => ({
            ...a,
            teamEmails: shuffle(a.teamEmails, seed),
            existingReviewerIds: shuffle(a.existingReviewerIds, seed),
            declaredConflictReviewerIds: shuffle(a.declaredConflictReviewerIds, seed),
          })),
        };
        expect(JSON.stringify(planAssignments(shuffled))).toBe(JSON.stringify(planAssignments(instance)));
      }),
      { numRuns: 300 },
    );
  });
});
