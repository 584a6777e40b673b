import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allocate,
  type AllocationApplicant,
  type AllocationCohort,
  type AllocationResult,
  describeReason,
  type Pin,
  pickPromotion,
  type Placement,
} from "~/domain/allocation.ts";
import { UserError } from "~/domain/errors.ts";

/** The expected placements below are worked out by hand, not read from the module. */

const cohort = (
  id: string,
  siteId: string,
  capacity: number,
  quotas: Record<string, number> = {},
  filled?: AllocationCohort["filled"],
): AllocationCohort => ({
  id,
  siteId,
  capacity,
  quotas,
  ...(filled ? { filled } : {}),
});

const applicant = (
  applicationId: string,
  rank: number,
  sector: string,
  preferredSiteId: string | null,
  alternateSiteId: string | null = null,
): AllocationApplicant => ({
  applicationId,
  rank,
  sector,
  preferredSiteId,
  alternateSiteId,
});

function placementOf(result: AllocationResult, applicationId: string): Placement {
  const p = result.placements.find((x) => x.applicationId === applicationId);
  if (!p) throw new Error(`no placement for ${applicationId}`);
  return p;
}

/** applicationId → cohortId, or "WAIT"/"REJECT". */
function summary(result: AllocationResult): Record<string, string> {
  return Object.fromEntries(
    result.placements.map((p) => [
      p.applicationId,
      p.decision === "ACCEPTED" ? (p.cohortId ?? "?") : p.decision === "WAITLISTED" ? "WAIT" : "REJECT",
    ]),
  );
}

function fillOf(result: AllocationResult, cohortId: string) {
  const f = result.fill.find((x) => x.cohortId === cohortId);
  if (!f) throw new Error(`no fill for ${cohortId}`);
  return f;
}

describe("allocate: basic placement", () => {
  it("places in rank order at the preferred site until it is full, then the alternate, then the waitlist", () => {
    const result = allocate({
      cohorts: [cohort("c-rabat", "rabat", 2), cohort("c-casa", "casa", 1)],
      applicants: [
        // given out of order on purpose
        applicant("d", 4, "AGRI", "rabat", "casa"),
        applicant("a", 1, "AGRI", "rabat", "casa"),
        applicant("c", 3, "AGRI", "rabat", "casa"),
        applicant("b", 2, "AGRI", "rabat", "casa"),
      ],
    });
    expect(result.placements.map((p) => p.applicationId)).toEqual(["a", "b", "c", "d"]);
    expect(summary(result)).toEqual({ a: "c-rabat", b: "c-rabat", c: "c-casa", d: "WAIT" });
    expect(placementOf(result, "a").reason).toEqual({ code: "PREFERRED", rank: 1 });
    expect(placementOf(result, "c").reason).toEqual({ code: "ALTERNATE", rank: 3, preferredBlockedBy: "CAPACITY" });
    expect(placementOf(result, "d")).toEqual({
      applicationId: "d",
      decision: "WAITLISTED",
      cohortId: null,
      reason: { code: "WAITLISTED", rank: 4, waitlistPosition: 1, blockedBy: ["CAPACITY", "CAPACITY"] },
    });
    expect(result.fill).toEqual([
      { cohortId: "c-casa", capacity: 1, total: 1, bySector: { AGRI: { filled: 1, quota: null } } },
      { cohortId: "c-rabat", capacity: 2, total: 2, bySector: { AGRI: { filled: 2, quota: null } } },
    ]);
  });

  it("waitlists when there is no alternate site and the preferred site is full", () => {
    const result = allocate({
      cohorts: [cohort("c1", "rabat", 1)],
      applicants: [applicant("a", 1, "AGRI", "rabat"), applicant("b", 2, "AGRI", "rabat")],
    });
    expect(placementOf(result, "b").reason).toEqual({ code: "WAITLISTED", rank: 2, waitlistPosition: 1, blockedBy: ["CAPACITY"] });
  });

  it("uses the alternate site when the preferred site has no cohort in this call", () => {
    const result = allocate({
      cohorts: [cohort("c-casa", "casa", 3)],
      applicants: [
        applicant("a", 1, "AGRI", "fes", "casa"),
        applicant("b", 2, "AGRI", null, "casa"),
        applicant("c", 3, "AGRI", "fes", "oujda"),
      ],
    });
    expect(placementOf(result, "a")).toMatchObject({
      decision: "ACCEPTED",
      cohortId: "c-casa",
      reason: { code: "ALTERNATE", preferredBlockedBy: "NO_COHORT" },
    });
    expect(placementOf(result, "b")).toMatchObject({
      decision: "ACCEPTED",
      cohortId: "c-casa",
      reason: { code: "ALTERNATE", preferredBlockedBy: "NO_COHORT" },
    });
    expect(placementOf(result, "c").reason).toEqual({
      code: "WAITLISTED",
      rank: 3,
      waitlistPosition: 1,
      blockedBy: ["NO_COHORT", "NO_COHORT"],
    });
  });

  it("does not try an alternate equal to the preferred site twice", () => {
    const result = allocate({
      cohorts: [cohort("c1", "rabat", 0)],
      applicants: [applicant("a", 1, "AGRI", "rabat", "rabat")],
    });
    expect(placementOf(result, "a").reason).toEqual({ code: "WAITLISTED", rank: 1, waitlistPosition: 1, blockedBy: ["CAPACITY"] });
  });

  it("numbers the waitlist 1..n in rank order, ties broken by applicationId", () => {
    const result = allocate({
      cohorts: [cohort("c1", "rabat", 1)],
      applicants: [
        applicant("z", 5, "AGRI", "rabat"),
        applicant("m", 2, "AGRI", "rabat"),
        applicant("b", 2, "AGRI", "rabat"),
        applicant("top", 1, "AGRI", "rabat"),
        applicant("a", 9, "AGRI", "rabat"),
      ],
    });
    expect(result.placements.map((p) => [p.applicationId, p.reason.code === "WAITLISTED" ? p.reason.waitlistPosition : null])).toEqual([
      ["top", null],
      ["b", 1],
      ["m", 2],
      ["z", 3],
      ["a", 4],
    ]);
  });

  it("breaks a tie in rank by applicationId for the last seat", () => {
    const applicants = [applicant("app-b", 3, "AGRI", "rabat"), applicant("app-a", 3, "AGRI", "rabat")];
    const result = allocate({ cohorts: [cohort("c1", "rabat", 1)], applicants });
    expect(summary(result)).toEqual({ "app-a": "c1", "app-b": "WAIT" });
  });

  it("fills several cohorts at one site in id order", () => {
    const result = allocate({
      cohorts: [cohort("k2", "rabat", 1), cohort("k1", "rabat", 1)],
      applicants: [applicant("a", 1, "AGRI", "rabat"), applicant("b", 2, "AGRI", "rabat"), applicant("c", 3, "AGRI", "rabat")],
    });
    expect(summary(result)).toEqual({ a: "k1", b: "k2", c: "WAIT" });
    expect(result.fill.map((f) => f.cohortId)).toEqual(["k1", "k2"]);
  });

  it("handles no applicants and no cohorts", () => {
    expect(allocate({ cohorts: [], applicants: [] })).toEqual({ placements: [], fill: [] });
    const result = allocate({ cohorts: [], applicants: [applicant("a", 1, "AGRI", "rabat", "casa")] });
    expect(placementOf(result, "a").reason).toEqual({
      code: "WAITLISTED",
      rank: 1,
      waitlistPosition: 1,
      blockedBy: ["NO_COHORT", "NO_COHORT"],
    });
  });
});

describe("allocate: sector quotas", () => {
  it("sends the next applicant of a full sector to the alternate site while other sectors still get seats", () => {
    const result = allocate({
      cohorts: [cohort("c-rabat", "rabat", 3, { GREEN_TECH: 1 }), cohort("c-casa", "casa", 2)],
      applicants: [
        applicant("g1", 1, "GREEN_TECH", "rabat", "casa"),
        applicant("g2", 2, "GREEN_TECH", "rabat", "casa"),
        applicant("f1", 3, "FINTECH", "rabat", "casa"),
        applicant("f2", 4, "FINTECH", "rabat", "casa"),
        applicant("f3", 5, "FINTECH", "rabat", "casa"),
      ],
    });
    expect(summary(result)).toEqual({ g1: "c-rabat", g2: "c-casa", f1: "c-rabat", f2: "c-rabat", f3: "c-casa" });
    expect(placementOf(result, "g2").reason).toEqual({ code: "ALTERNATE", rank: 2, preferredBlockedBy: "QUOTA" });
    expect(placementOf(result, "f3").reason).toEqual({ code: "ALTERNATE", rank: 5, preferredBlockedBy: "CAPACITY" });
    expect(fillOf(result, "c-rabat")).toEqual({
      cohortId: "c-rabat",
      capacity: 3,
      total: 3,
      bySector: { FINTECH: { filled: 2, quota: null }, GREEN_TECH: { filled: 1, quota: 1 } },
    });
  });

  it("waitlists the next applicant of a full sector without an alternate, and keeps seats for the others", () => {
    const result = allocate({
      cohorts: [cohort("c1", "rabat", 4, { AGRI: 2, HEALTH: 0 })],
      applicants: [
        applicant("a1", 1, "AGRI", "rabat"),
        applicant("a2", 2, "AGRI", "rabat"),
        applicant("a3", 3, "AGRI", "rabat"),
        applicant("h1", 4, "HEALTH", "rabat"),
        applicant("t1", 5, "TECH", "rabat"),
      ],
    });
    expect(summary(result)).toEqual({ a1: "c1", a2: "c1", a3: "WAIT", h1: "WAIT", t1: "c1" });
    expect(placementOf(result, "a3").reason).toEqual({ code: "WAITLISTED", rank: 3, waitlistPosition: 1, blockedBy: ["QUOTA"] });
    expect(placementOf(result, "h1").reason).toEqual({ code: "WAITLISTED", rank: 4, waitlistPosition: 2, blockedBy: ["QUOTA"] });
    expect(fillOf(result, "c1").bySector).toEqual({
      AGRI: { filled: 2, quota: 2 },
      HEALTH: { filled: 0, quota: 0 },
      TECH: { filled: 1, quota: null },
    });
  });

  it("reports CAPACITY, not QUOTA, when the cohort is full anyway", () => {
    const result = allocate({
      cohorts: [cohort("c1", "rabat", 1, { AGRI: 1 })],
      applicants: [applicant("a1", 1, "AGRI", "rabat"), applicant("a2", 2, "AGRI", "rabat")],
    });
    expect(placementOf(result, "a2").reason).toMatchObject({ blockedBy: ["CAPACITY"] });
  });

  it("reports QUOTA for a site whose cohorts are full except one closed to the sector", () => {
    const result = allocate({
      cohorts: [cohort("k1", "rabat", 0), cohort("k2", "rabat", 5, { AGRI: 0 })],
      applicants: [applicant("a1", 1, "AGRI", "rabat")],
    });
    expect(placementOf(result, "a1").reason).toMatchObject({ blockedBy: ["QUOTA"] });
  });
});

describe("allocate: choice of cohort within a site", () => {
  it("re-seats a holder in another cohort of the site so a later applicant of a quota-limited sector fits (the smallest case)", () => {
    // k1: 1 seat, no quota; k2: 1 seat, none for green tech. t (new tech) first takes k1;
    // a (green tech) fits only in k1, so t moves to k2 and both are seated.
    const result = allocate({
      cohorts: [cohort("k1", "S", 1), cohort("k2", "S", 1, { GREEN_TECH: 0 })],
      applicants: [applicant("t", 1, "NEW_TECH", "S"), applicant("a", 2, "GREEN_TECH", "S")],
    });
    expect(summary(result)).toEqual({ t: "k2", a: "k1" });
    expect(placementOf(result, "t").reason).toEqual({ code: "PREFERRED", rank: 1 });
    expect(placementOf(result, "a").reason).toEqual({ code: "PREFERRED", rank: 2, reseated: true });
    expect(describeReason(placementOf(result, "a").reason)).toBe(
      "rank 2, placed at preferred site (others there re-seated among its cohorts to make room)",
    );
    expect(fillOf(result, "k1").bySector).toEqual({ GREEN_TECH: { filled: 1, quota: null } });
    expect(fillOf(result, "k2").bySector).toEqual({ GREEN_TECH: { filled: 0, quota: 0 }, NEW_TECH: { filled: 1, quota: null } });
  });

  it("follows a chain of moves across three cohorts, and keeps the alternate for when the site truly cannot seat everyone", () => {
    // k1 takes anyone; k2 no AGRI; k3 only TECH. h takes k1, t takes k2; a fits only in k1, h only in k1 or k2,
    // t anywhere: h moves k1 → k2 and t moves k2 → k3. Then the site is full: a2 goes to the alternate.
    const result = allocate({
      cohorts: [
        cohort("k1", "S", 1),
        cohort("k2", "S", 1, { AGRI: 0 }),
        cohort("k3", "S", 1, { AGRI: 0, HEALTH: 0 }),
        cohort("c-casa", "casa", 1),
      ],
      applicants: [
        applicant("h", 1, "HEALTH", "S"),
        applicant("t", 2, "TECH", "S"),
        applicant("a", 3, "AGRI", "S", "casa"),
        applicant("a2", 4, "AGRI", "S", "casa"),
      ],
    });
    expect(summary(result)).toEqual({ h: "k2", t: "k3", a: "k1", a2: "c-casa" });
    expect(placementOf(result, "a").reason).toEqual({ code: "PREFERRED", rank: 3, reseated: true });
    expect(placementOf(result, "a2").reason).toEqual({ code: "ALTERNATE", rank: 4, preferredBlockedBy: "CAPACITY" });
  });

  it("leaves fixed seats (already filled, or forced by a pin) where they are", () => {
    const result = allocate({
      cohorts: [cohort("k1", "S", 1, {}, { total: 1, bySector: { TECH: 1 } }), cohort("k2", "S", 1, { AGRI: 0 })],
      applicants: [applicant("a", 1, "AGRI", "S"), applicant("t", 2, "TECH", "S")],
    });
    expect(summary(result)).toEqual({ a: "WAIT", t: "k2" });
    expect(placementOf(result, "a").reason).toMatchObject({ blockedBy: ["QUOTA"] });
  });
});

describe("allocate: seats already filled", () => {
  it("counts enrolled/offered seats against capacity and quota", () => {
    const result = allocate({
      cohorts: [cohort("c1", "rabat", 3, { AGRI: 1 }, { total: 2, bySector: { AGRI: 1, TECH: 1 } })],
      applicants: [applicant("a1", 1, "AGRI", "rabat"), applicant("t1", 2, "TECH", "rabat"), applicant("t2", 3, "TECH", "rabat")],
    });
    expect(summary(result)).toEqual({ a1: "WAIT", t1: "c1", t2: "WAIT" });
    expect(placementOf(result, "a1").reason).toMatchObject({ blockedBy: ["QUOTA"] });
    expect(placementOf(result, "t2").reason).toMatchObject({ blockedBy: ["CAPACITY"] });
    expect(fillOf(result, "c1")).toEqual({
      cohortId: "c1",
      capacity: 3,
      total: 3,
      bySector: { AGRI: { filled: 1, quota: 1 }, TECH: { filled: 2, quota: null } },
    });
  });

  it("treats a cohort already over its (reduced) capacity as full without throwing", () => {
    const result = allocate({
      cohorts: [cohort("c1", "rabat", 1, {}, { total: 2, bySector: { AGRI: 2 } })],
      applicants: [applicant("a1", 1, "AGRI", "rabat")],
    });
    expect(summary(result)).toEqual({ a1: "WAIT" });
  });
});

describe("allocate: pins", () => {
  const cohorts = [cohort("c-rabat", "rabat", 2, { AGRI: 1 }), cohort("c-casa", "casa", 1)];

  it("lets an ACCEPT pin take its seat before better-ranked applicants", () => {
    const result = allocate({
      cohorts,
      applicants: [applicant("a", 1, "TECH", "rabat"), applicant("b", 2, "TECH", "rabat"), applicant("z", 50, "TECH", "rabat")],
      pins: [{ applicationId: "z", decision: "ACCEPT", reason: "regional priority" }],
    });
    expect(summary(result)).toEqual({ a: "c-rabat", b: "WAIT", z: "c-rabat" });
    expect(placementOf(result, "z")).toEqual({
      applicationId: "z",
      decision: "ACCEPTED",
      cohortId: "c-rabat",
      reason: { code: "PINNED_ACCEPT", rank: 50, note: "regional priority" },
    });
    expect(result.placements.map((p) => p.applicationId)).toEqual(["a", "b", "z"]);
  });

  it("counts an unforced ACCEPT pin against the quota and places it at the alternate when the quota is full", () => {
    const result = allocate({
      cohorts: [cohort("c-rabat", "rabat", 3, { AGRI: 1 }, { total: 1, bySector: { AGRI: 1 } }), cohort("c-casa", "casa", 1)],
      applicants: [applicant("a", 1, "AGRI", "casa"), applicant("z", 9, "AGRI", "rabat", "casa")],
      pins: [{ applicationId: "z", decision: "ACCEPT", reason: "jury" }],
    });
    expect(summary(result)).toEqual({ a: "WAIT", z: "c-casa" });
  });

  it("throws when an unforced ACCEPT pin fits nowhere", () => {
    expect(() =>
      allocate({
        cohorts,
        applicants: [applicant("z", 9, "AGRI", "fes")],
        pins: [{ applicationId: "z", decision: "ACCEPT", reason: "jury" }],
      }),
    ).toThrow(expect.objectContaining({ key: "allocation.pinNoSeat", status: 409, params: { applicationId: "z" } }));
  });

  it("lets a forced ACCEPT pin exceed the sector quota", () => {
    const result = allocate({
      cohorts,
      applicants: [applicant("a", 1, "AGRI", "rabat"), applicant("b", 2, "AGRI", "rabat"), applicant("z", 9, "AGRI", "casa")],
      pins: [
        { applicationId: "z", decision: "ACCEPT", reason: "board decision", cohortId: "c-rabat" },
        { applicationId: "b", decision: "ACCEPT", reason: "board decision", cohortId: "c-rabat" },
      ],
    });
    expect(summary(result)).toEqual({ a: "WAIT", b: "c-rabat", z: "c-rabat" });
    expect(fillOf(result, "c-rabat").bySector.AGRI).toEqual({ filled: 2, quota: 1 });
    expect(placementOf(result, "a").reason).toMatchObject({ blockedBy: ["CAPACITY"] });
  });

  it("never lets a forced ACCEPT pin exceed capacity", () => {
    const run = () =>
      allocate({
        cohorts: [cohort("c1", "rabat", 1, {}, { total: 1, bySector: { AGRI: 1 } })],
        applicants: [applicant("z", 9, "AGRI", "rabat")],
        pins: [{ applicationId: "z", decision: "ACCEPT", reason: "please", cohortId: "c1" }],
      });
    expect(run).toThrow(UserError);
    expect(run).toThrow(/^allocation\.pinOverCapacity$/);
    // The ids go to the caller, which names them (never shown as such).
    expect(() => run()).toThrow(expect.objectContaining({ status: 409, params: { applicationId: "z", cohortId: "c1", capacity: 1 } }));
  });

  it("takes WAITLIST and REJECT pins out of placement, freeing their seats", () => {
    const result = allocate({
      cohorts: [cohort("c1", "rabat", 1)],
      applicants: [
        applicant("a", 1, "AGRI", "rabat"),
        applicant("b", 2, "AGRI", "rabat"),
        applicant("c", 3, "AGRI", "rabat"),
        applicant("d", 4, "AGRI", "rabat"),
      ],
      pins: [
        { applicationId: "a", decision: "REJECT", reason: "ineligible" },
        { applicationId: "b", decision: "WAITLIST", reason: "hold" },
      ],
    });
    expect(summary(result)).toEqual({ a: "REJECT", b: "WAIT", c: "c1", d: "WAIT" });
    expect(placementOf(result, "a")).toEqual({
      applicationId: "a",
      decision: "REJECTED",
      cohortId: null,
      reason: { code: "PINNED_REJECT", rank: 1, note: "ineligible" },
    });
    expect(placementOf(result, "b")).toEqual({
      applicationId: "b",
      decision: "WAITLISTED",
      cohortId: null,
      reason: { code: "PINNED_WAITLIST", rank: 2, note: "hold" },
    });
    // b holds queue position 1, so d is second in line
    expect(placementOf(result, "d").reason).toEqual({ code: "WAITLISTED", rank: 4, waitlistPosition: 2, blockedBy: ["CAPACITY"] });
  });

  it("rejects malformed pins and input", () => {
    const applicants = [applicant("a", 1, "AGRI", "rabat")];
    expect(() => allocate({ cohorts, applicants, pins: [{ applicationId: "ghost", decision: "REJECT", reason: "" }] })).toThrow(
      /unknown applicant/,
    );
    expect(() =>
      allocate({ cohorts, applicants, pins: [{ applicationId: "a", decision: "ACCEPT", reason: "", cohortId: "nope" }] }),
    ).toThrow(/unknown cohort/);
    expect(() =>
      allocate({
        cohorts,
        applicants,
        pins: [
          { applicationId: "a", decision: "REJECT", reason: "" },
          { applicationId: "a", decision: "WAITLIST", reason: "" },
        ],
      }),
    ).toThrow(/two pins/);
    expect(() => allocate({ cohorts, applicants: [...applicants, ...applicants] })).toThrow(/duplicate applicant/);
    expect(() => allocate({ cohorts: [...cohorts, cohorts[0]], applicants })).toThrow(/duplicate cohort/);
    expect(() => allocate({ cohorts: [cohort("c", "rabat", -1)], applicants })).toThrow(RangeError);
    expect(() => allocate({ cohorts: [cohort("c", "rabat", 2, { AGRI: 1.5 })], applicants })).toThrow(RangeError);
    expect(() => allocate({ cohorts, applicants: [applicant("a", Number.NaN, "AGRI", "rabat")] })).toThrow(RangeError);
  });
});

describe("allocate: determinism", () => {
  it("gives the same result whatever the order of cohorts, applicants and pins", () => {
    const cohorts = [cohort("c-rabat", "rabat", 2, { AGRI: 1 }), cohort("c-casa", "casa", 2), cohort("c-rabat-2", "rabat", 1)];
    const applicants = [
      applicant("a", 1, "AGRI", "rabat", "casa"),
      applicant("b", 1, "AGRI", "rabat", "casa"),
      applicant("c", 2, "TECH", "rabat", null),
      applicant("d", 2, "TECH", "casa", "rabat"),
      applicant("e", 3, "AGRI", "casa", null),
      applicant("f", 4, "TECH", "rabat", "casa"),
    ];
    const pins: Pin[] = [
      { applicationId: "f", decision: "ACCEPT", reason: "x" },
      { applicationId: "e", decision: "WAITLIST", reason: "y" },
    ];
    const first = allocate({ cohorts, applicants, pins });
    const second = allocate({ cohorts: [...cohorts].reverse(), applicants: [...applicants].reverse(), pins: [...pins].reverse() });
    expect(second).toEqual(first);
    expect(summary(first)).toEqual({ a: "c-rabat", b: "c-rabat-2", c: "WAIT", d: "c-casa", e: "WAIT", f: "c-rabat" });
  });
});

describe("pickPromotion", () => {
  const waitlist = [
    applicant("w3", 30, "TECH", "rabat"),
    applicant("w1", 10, "AGRI", "rabat"),
    applicant("w2", 20, "AGRI", "fes", "rabat"),
    applicant("w0", 5, "TECH", "casa"),
  ];

  it("picks the best-ranked waitlisted applicant who fits", () => {
    expect(pickPromotion({ cohort: cohort("c1", "rabat", 3, {}, { total: 2, bySector: { AGRI: 2 } }), waitlist })?.applicationId).toBe(
      "w1",
    );
  });

  it("skips applicants whose sector quota is full", () => {
    const c = cohort("c1", "rabat", 3, { AGRI: 2 }, { total: 2, bySector: { AGRI: 2 } });
    expect(pickPromotion({ cohort: c, waitlist })?.applicationId).toBe("w3");
  });

  it("considers applicants for whom the cohort's site is the alternate", () => {
    const c = cohort("c1", "rabat", 3, {}, { total: 2, bySector: {} });
    expect(pickPromotion({ cohort: c, waitlist: waitlist.filter((w) => w.applicationId !== "w1") })?.applicationId).toBe("w2");
  });

  it("breaks ties in rank by applicationId", () => {
    const c = cohort("c1", "rabat", 1);
    expect(
      pickPromotion({ cohort: c, waitlist: [applicant("y", 1, "AGRI", "rabat"), applicant("x", 1, "AGRI", "rabat")] })?.applicationId,
    ).toBe("x");
  });

  it("returns null when nobody fits", () => {
    expect(pickPromotion({ cohort: cohort("c1", "oujda", 3), waitlist })).toBeNull();
    expect(pickPromotion({ cohort: cohort("c1", "rabat", 2, {}, { total: 2, bySector: {} }), waitlist })).toBeNull();
    expect(pickPromotion({ cohort: cohort("c1", "rabat", 3, { AGRI: 0, TECH: 0 }), waitlist })).toBeNull();
    expect(pickPromotion({ cohort: cohort("c1", "rabat", 3), waitlist: [] })).toBeNull();
  });
});

describe("describeReason", () => {
  it("summarises each reason in English", () => {
    expect(describeReason({ code: "ALTERNATE", rank: 12, preferredBlockedBy: "QUOTA" }, "GREEN_TECH")).toBe(
      "rank 12, preferred site full for GREEN_TECH, placed at alternate",
    );
    expect(describeReason({ code: "ALTERNATE", rank: 12, preferredBlockedBy: "QUOTA" })).toBe(
      "rank 12, preferred site full for this sector, placed at alternate",
    );
    expect(describeReason({ code: "ALTERNATE", rank: 3, preferredBlockedBy: "CAPACITY" })).toBe(
      "rank 3, preferred site full, placed at alternate",
    );
    expect(describeReason({ code: "ALTERNATE", rank: 3, preferredBlockedBy: "NO_COHORT" })).toBe(
      "rank 3, no cohort at preferred site, placed at alternate",
    );
    expect(describeReason({ code: "PREFERRED", rank: 1 })).toBe("rank 1, placed at preferred site");
    expect(describeReason({ code: "WAITLISTED", rank: 20, waitlistPosition: 3, blockedBy: ["CAPACITY", "QUOTA"] }, "AGRI")).toBe(
      "rank 20, preferred site full, alternate site full for AGRI, waitlisted at position 3",
    );
    expect(describeReason({ code: "WAITLISTED", rank: 21, waitlistPosition: 4, blockedBy: ["NO_COHORT"] })).toBe(
      "rank 21, no cohort at preferred site, waitlisted at position 4",
    );
    expect(describeReason({ code: "PINNED_ACCEPT", rank: 40, note: "regional priority" })).toBe(
      "rank 40, accepted by admin: regional priority",
    );
    expect(describeReason({ code: "PINNED_WAITLIST", rank: 2, note: "" })).toBe("rank 2, waitlisted by admin");
    expect(describeReason({ code: "PINNED_REJECT", rank: 7, note: "ineligible" })).toBe("rank 7, rejected by admin: ineligible");
  });
});

// ---------------------------------------------------------------------------
// Properties on random instances.

const SITES = ["s1", "s2", "s3"]; // s4 below never has a cohort
const SECTORS = ["AGRI", "TECH", "HEALTH"];

const cohortArb = (id: string) =>
  fc
    .record({
      siteId: fc.constantFrom(...SITES),
      capacity: fc.integer({ min: 0, max: 4 }),
      quotas: fc.dictionary(fc.constantFrom(...SECTORS), fc.integer({ min: 0, max: 3 }), { maxKeys: 3 }),
      prefill: fc.array(fc.constantFrom(...SECTORS), { maxLength: 4 }),
      extraUnknown: fc.nat({ max: 1 }),
    })
    .map(({ siteId, capacity, quotas, prefill, extraUnknown }): AllocationCohort => {
      // Keep pre-filled seats consistent: within capacity and quotas.
      const bySector: Record<string, number> = {};
      let total = 0;
      for (const s of prefill) {
        if (total >= capacity) break;
        if (quotas[s] !== undefined && (bySector[s] ?? 0) >= quotas[s]) continue;
        bySector[s] = (bySector[s] ?? 0) + 1;
        total += 1;
      }
      if (total < capacity) total += extraUnknown; // a seat whose sector is not reported
      return { id, siteId, capacity, quotas, filled: total > 0 || prefill.length > 0 ? { total, bySector } : undefined };
    });

const siteArb = fc.option(fc.constantFrom(...SITES, "s4"), { nil: null });

const instanceArb = fc
  .record({
    cohorts: fc.integer({ min: 0, max: 5 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => cohortArb(`c${i}`)))),
    applicants: fc.array(
      fc.record({
        rank: fc.integer({ min: 1, max: 10 }),
        sector: fc.constantFrom(...SECTORS),
        preferredSiteId: siteArb,
        alternateSiteId: siteArb,
      }),
      { maxLength: 16 },
    ),
  })
  .map(({ cohorts, applicants }) => ({
    cohorts: cohorts as AllocationCohort[],
    applicants: applicants.map((a, i): AllocationApplicant => ({ applicationId: `app${String(i).padStart(2, "0")}`, ...a })),
  }));

/** Random pins: mostly none, sometimes WAITLIST/REJECT, sometimes ACCEPT (forced or not). */
const withPinsArb = instanceArb.chain((inst) =>
  fc
    .tuple(
      ...inst.applicants.map(() =>
        fc.oneof(
          { weight: 6, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.constantFrom("WAITLIST" as const, "REJECT" as const) },
          { weight: 1, arbitrary: fc.option(fc.integer({ min: 0, max: Math.max(0, inst.cohorts.length - 1) }), { nil: undefined }) },
        ),
      ),
    )
    .map((choices) => {
      const pins: Pin[] = [];
      choices.forEach((choice, i) => {
        const applicationId = inst.applicants[i].applicationId;
        if (choice === null) return;
        if (choice === "WAITLIST" || choice === "REJECT") pins.push({ applicationId, decision: choice, reason: `pin ${i}` });
        else if (choice === undefined || inst.cohorts.length === 0) pins.push({ applicationId, decision: "ACCEPT", reason: `pin ${i}` });
        else pins.push({ applicationId, decision: "ACCEPT", reason: `pin ${i}`, cohortId: inst.cohorts[choice].id });
      });
      return { ...inst, pins };
    }),
);

const better = (a: AllocationApplicant, b: AllocationApplicant) =>
  a.rank < b.rank || (a.rank === b.rank && a.applicationId < b.applicationId);

type Counts = { total: number; bySector: Map<string, number> };

/** Fill recomputed from the input and the placements, independently of result.fill. */
function recount(cohorts: AllocationCohort[], applicants: AllocationApplicant[], result: AllocationResult): Map<string, Counts> {
  const counts = new Map<string, Counts>(
    cohorts.map((c) => [c.id, { total: c.filled?.total ?? 0, bySector: new Map(Object.entries(c.filled?.bySector ?? {})) }]),
  );
  const byId = new Map(applicants.map((a) => [a.applicationId, a]));
  for (const p of result.placements) {
    if (p.decision !== "ACCEPTED") continue;
    const c = counts.get(p.cohortId!)!;
    const sector = byId.get(p.applicationId)!.sector;
    c.total += 1;
    c.bySector.set(sector, (c.bySector.get(sector) ?? 0) + 1);
  }
  return counts;
}

function hasRoom(c: AllocationCohort, counts: Counts, sector: string): boolean {
  const quota = c.quotas[sector];
  return counts.total < c.capacity && (quota === undefined || (counts.bySector.get(sector) ?? 0) < quota);
}

/**
 * Whether people of these sectors can all be seated among these cohorts, on top
 * of their fixed seats, within capacity and quotas — by exhaustive search over
 * how many of each sector go to each cohort (independent of the allocator).
 */
function canSeatAll(cohorts: AllocationCohort[], fixed: Map<string, Counts>, sectors: string[]): boolean {
  const need = new Map<string, number>();
  for (const s of sectors) need.set(s, (need.get(s) ?? 0) + 1);
  const order = [...need.keys()];
  // States: free seats left per cohort, after seating the first i sectors.
  let states = new Set([JSON.stringify(cohorts.map((c) => Math.max(0, c.capacity - fixed.get(c.id)!.total)))]);
  for (const sector of order) {
    const room = cohorts.map((c) => {
      const quota = c.quotas[sector];
      return quota === undefined ? Infinity : Math.max(0, quota - (fixed.get(c.id)!.bySector.get(sector) ?? 0));
    });
    const next = new Set<string>();
    const spread = (free: number[], k: number, left: number) => {
      if (left === 0) return void next.add(JSON.stringify(free));
      if (k === free.length) return;
      for (let n = 0; n <= Math.min(left, free[k], room[k]); n++) {
        const after = [...free];
        after[k] -= n;
        spread(after, k + 1, left - n);
      }
    };
    for (const state of states) spread(JSON.parse(state) as number[], 0, need.get(sector)!);
    states = next;
    if (states.size === 0) return false;
  }
  return true;
}

/** Runs allocate, or returns null when a pin legitimately makes it throw (checked here). */
function allocateOrLegitThrow(input: {
  cohorts: AllocationCohort[];
  applicants: AllocationApplicant[];
  pins: Pin[];
}): AllocationResult | null {
  const forcedPerCohort = new Map<string, number>();
  for (const p of input.pins)
    if (p.decision === "ACCEPT" && p.cohortId) forcedPerCohort.set(p.cohortId, (forcedPerCohort.get(p.cohortId) ?? 0) + 1);
  const overCapacity = input.cohorts.some((c) => (c.filled?.total ?? 0) + (forcedPerCohort.get(c.id) ?? 0) > c.capacity);
  if (overCapacity) {
    expect(() => allocate(input)).toThrow(/^allocation\.pinOverCapacity$/);
    return null;
  }
  try {
    return allocate(input);
  } catch (e) {
    // Only an unforced ACCEPT pin that fits nowhere may throw now.
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).key).toBe("allocation.pinNoSeat");
    return null;
  }
}

function checkInvariants(
  { cohorts, applicants, pins }: { cohorts: AllocationCohort[]; applicants: AllocationApplicant[]; pins: Pin[] },
  result: AllocationResult,
) {
  const byId = new Map(applicants.map((a) => [a.applicationId, a]));
  const cohortById = new Map(cohorts.map((c) => [c.id, c]));
  const pinOf = new Map(pins.map((p) => [p.applicationId, p]));

  // Every applicant appears exactly once, in rank order (ties by id).
  expect(result.placements.map((p) => p.applicationId)).toEqual(
    [...applicants].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0)).map((a) => a.applicationId),
  );

  // Decisions, cohorts and reasons agree with each other and with the pins.
  for (const p of result.placements) {
    const a = byId.get(p.applicationId)!;
    const pin = pinOf.get(p.applicationId);
    expect(p.reason.rank).toBe(a.rank);
    expect(p.cohortId !== null).toBe(p.decision === "ACCEPTED");
    const site = p.cohortId === null ? null : cohortById.get(p.cohortId)!.siteId;
    if (pin) {
      expect(p.decision).toBe({ ACCEPT: "ACCEPTED", WAITLIST: "WAITLISTED", REJECT: "REJECTED" }[pin.decision]);
      expect(p.reason).toEqual({ code: `PINNED_${pin.decision}`, rank: a.rank, note: pin.reason });
      if (pin.decision === "ACCEPT" && pin.cohortId) expect(p.cohortId).toBe(pin.cohortId);
      if (pin.decision === "ACCEPT" && !pin.cohortId) expect([a.preferredSiteId, a.alternateSiteId]).toContain(site);
    } else {
      expect(p.decision).not.toBe("REJECTED");
      if (p.reason.code === "PREFERRED") expect(site).toBe(a.preferredSiteId);
      else if (p.reason.code === "ALTERNATE") {
        expect(site).toBe(a.alternateSiteId);
        expect(site).not.toBe(a.preferredSiteId);
        const preferredHasCohort = cohorts.some((c) => c.siteId === a.preferredSiteId);
        expect(p.reason.preferredBlockedBy === "NO_COHORT").toBe(!preferredHasCohort);
      } else expect(p.reason.code).toBe("WAITLISTED");
    }
  }

  // Waitlist positions: the queue of everybody waitlisted, 1..n in rank order.
  const waitlisted = result.placements.filter((p) => p.decision === "WAITLISTED");
  waitlisted.forEach((p, i) => {
    if (p.reason.code === "WAITLISTED") expect(p.reason.waitlistPosition).toBe(i + 1);
  });

  // Fill: matches a recount; never over capacity; quotas exceeded only by forced pins.
  const counts = recount(cohorts, applicants, result);
  expect(result.fill.map((f) => f.cohortId)).toEqual(cohorts.map((c) => c.id).sort());
  for (const f of result.fill) {
    const c = cohortById.get(f.cohortId)!;
    const n = counts.get(c.id)!;
    expect(f.capacity).toBe(c.capacity);
    expect(f.total).toBe(n.total);
    expect(f.total).toBeLessThanOrEqual(c.capacity);
    for (const [sector, quota] of Object.entries(c.quotas))
      expect(f.bySector[sector]).toEqual({ filled: n.bySector.get(sector) ?? 0, quota });
    for (const [sector, filled] of n.bySector) expect(f.bySector[sector]?.filled).toBe(filled);
    for (const [sector, quota] of Object.entries(c.quotas)) {
      const filled = n.bySector.get(sector) ?? 0;
      const prefilled = c.filled?.bySector[sector] ?? 0;
      const forced = pins.filter(
        (p) => p.decision === "ACCEPT" && p.cohortId === c.id && byId.get(p.applicationId)!.sector === sector,
      ).length;
      expect(filled).toBeLessThanOrEqual(Math.max(quota, prefilled + forced));
      if (forced === 0) expect(filled).toBeLessThanOrEqual(quota);
    }
  }

  // The cohorts an unpinned applicant was kept out of: the preferred site's when
  // placed at the alternate, both sites' when waitlisted.
  const holders = new Map<string, AllocationApplicant[]>();
  for (const p of result.placements) {
    if (p.decision !== "ACCEPTED" || pinOf.has(p.applicationId)) continue;
    holders.set(p.cohortId!, [...(holders.get(p.cohortId!) ?? []), byId.get(p.applicationId)!]);
  }
  for (const p of result.placements) {
    if (pinOf.has(p.applicationId)) continue;
    const a = byId.get(p.applicationId)!;
    const keptOutOf =
      p.reason.code === "ALTERNATE" ? [a.preferredSiteId] : p.reason.code === "WAITLISTED" ? [a.preferredSiteId, a.alternateSiteId] : [];
    for (const c of cohorts.filter((x) => keptOutOf.includes(x.siteId))) {
      const n = counts.get(c.id)!;
      // Non-wasteful: that cohort has no seat left for A's sector.
      expect(hasRoom(c, n, a.sector)).toBe(false);
      // Stable (no justified envy): every lower-ranked, unpinned holder B of a
      // seat there is there only because of A's sector quota — in the final
      // allocation minus B, A still would not fit. (Pinned holders and
      // pre-filled seats are exempt: the admin put them there.)
      for (const b of holders.get(c.id) ?? []) {
        if (!better(a, b)) continue;
        const withoutB: Counts = {
          total: n.total - 1,
          bySector: new Map([...n.bySector].map(([s, k]) => [s, s === b.sector ? k - 1 : k])),
        };
        expect(
          hasRoom(c, withoutB, a.sector),
          `${a.applicationId} (rank ${a.rank}) envies ${b.applicationId} (rank ${b.rank}) in ${c.id}`,
        ).toBe(false);
      }
    }
  }
}

describe("allocate: properties", () => {
  it("holds its invariants without pins: every applicant once, capacity and quotas respected, stable, non-wasteful", () => {
    fc.assert(
      fc.property(instanceArb, (inst) => {
        const result = allocate(inst);
        checkInvariants({ ...inst, pins: [] }, result);
        expect(result.placements.every((p) => p.decision !== "REJECTED")).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("holds its invariants with pins (or throws only for an impossible pin)", () => {
    let ran = 0;
    fc.assert(
      fc.property(withPinsArb, (inst) => {
        const result = allocateOrLegitThrow(inst);
        if (result === null) return;
        ran += 1;
        checkInvariants(inst, result);
      }),
      { numRuns: 500 },
    );
    expect(ran).toBeGreaterThan(250);
  });

  it("never waitlists an applicant, nor sends them to the alternate, when re-seating the site's holders among its cohorts would seat them", () => {
    let keptOut = 0;
    const check = (inst: { cohorts: AllocationCohort[]; applicants: AllocationApplicant[]; pins: Pin[] }, result: AllocationResult) => {
      const byId = new Map(inst.applicants.map((a) => [a.applicationId, a]));
      const siteOf = new Map(inst.cohorts.map((c) => [c.id, c.siteId]));
      const pinOf = new Map(inst.pins.map((p) => [p.applicationId, p]));
      for (const p of result.placements) {
        if (pinOf.has(p.applicationId)) continue;
        const a = byId.get(p.applicationId)!;
        const keptOutOf =
          p.reason.code === "ALTERNATE"
            ? [a.preferredSiteId]
            : p.reason.code === "WAITLISTED"
              ? [a.preferredSiteId, a.alternateSiteId]
              : [];
        for (const site of new Set(keptOutOf)) {
          const cohorts = inst.cohorts.filter((c) => c.siteId === site);
          if (cohorts.length === 0) continue;
          keptOut += 1;
          // Movable holders: everyone the allocator seated at this site; a forced pin stays in its cohort.
          const movable: string[] = [a.sector];
          const fixed = new Map(
            cohorts.map((c) => [c.id, { total: c.filled?.total ?? 0, bySector: new Map(Object.entries(c.filled?.bySector ?? {})) }]),
          );
          for (const q of result.placements) {
            if (q.decision !== "ACCEPTED" || siteOf.get(q.cohortId!) !== site) continue;
            const sector = byId.get(q.applicationId)!.sector;
            const forced = pinOf.get(q.applicationId)?.cohortId;
            if (forced) {
              const f = fixed.get(forced)!;
              f.total += 1;
              f.bySector.set(sector, (f.bySector.get(sector) ?? 0) + 1);
            } else movable.push(sector);
          }
          expect(
            canSeatAll(cohorts, fixed, movable),
            `${a.applicationId} (${a.sector}) kept out of ${site} although its holders could be re-seated to fit everyone`,
          ).toBe(false);
        }
      }
    };
    fc.assert(
      fc.property(instanceArb, (inst) => check({ ...inst, pins: [] }, allocate(inst))),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(withPinsArb, (inst) => {
        const result = allocateOrLegitThrow(inst);
        if (result !== null) check(inst, result);
      }),
      { numRuns: 500 },
    );
    expect(keptOut).toBeGreaterThan(500);
  });

  it("is deterministic and independent of input order", () => {
    fc.assert(
      fc.property(withPinsArb, fc.integer(), (inst, seed) => {
        const shuffle = <T>(xs: T[]) => {
          let s = seed >>> 0;
          const out = [...xs];
          for (let i = out.length - 1; i > 0; i--) {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            const j = s % (i + 1);
            [out[i], out[j]] = [out[j], out[i]];
          }
          return out;
        };
        let first: AllocationResult | string;
        try {
          first = allocate(inst);
        } catch (e) {
          first = String(e);
        }
        let second: AllocationResult | string;
        try {
          second = allocate({ cohorts: shuffle(inst.cohorts), applicants: shuffle(inst.applicants), pins: shuffle(inst.pins) });
        } catch (e) {
          second = String(e);
        }
        expect(typeof second).toBe(typeof first);
        if (typeof first !== "string") expect(second).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves nothing to promote right after allocation, and promotes the best fitting applicant when a seat frees up", () => {
    fc.assert(
      fc.property(instanceArb, fc.nat(), (inst, pick) => {
        const result = allocate(inst);
        const byId = new Map(inst.applicants.map((a) => [a.applicationId, a]));
        const waitlist = result.placements.filter((p) => p.decision === "WAITLISTED").map((p) => byId.get(p.applicationId)!);
        const counts = recount(inst.cohorts, inst.applicants, result);
        const asCohort = (c: AllocationCohort, n: Counts): AllocationCohort => ({
          ...c,
          filled: { total: n.total, bySector: Object.fromEntries(n.bySector) },
        });
        for (const c of inst.cohorts) expect(pickPromotion({ cohort: asCohort(c, counts.get(c.id)!), waitlist })).toBeNull();

        const accepted = result.placements.filter((p) => p.decision === "ACCEPTED");
        if (accepted.length === 0) return;
        const leaver = accepted[pick % accepted.length];
        const c = inst.cohorts.find((x) => x.id === leaver.cohortId)!;
        const n = counts.get(c.id)!;
        const sector = byId.get(leaver.applicationId)!.sector;
        const freed: Counts = { total: n.total - 1, bySector: new Map(n.bySector).set(sector, n.bySector.get(sector)! - 1) };
        const expected =
          waitlist
            .filter((a) => (a.preferredSiteId === c.siteId || a.alternateSiteId === c.siteId) && hasRoom(c, freed, a.sector))
            .sort((x, y) => (better(x, y) ? -1 : 1))[0] ?? null;
        expect(pickPromotion({ cohort: asCohort(c, freed), waitlist: [...waitlist].reverse() })).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
