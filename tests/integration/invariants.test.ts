// Lifecycle invariants under random use (fast-check). Each run builds a fresh
// call — two sites, a cohort at each with a random capacity and sector quotas,
// applications spread over the pipeline — then plays a random sequence of what
// people and the system do to it:
//
//   - any lifecycle transition, on any application, by any actor (the owner,
//     another founder, an admin, a reviewer, the system), with the current or a
//     stale version;
//   - the admin confirming the allocation and releasing the decisions;
//   - a founder (or someone else) accepting or declining an offer;
//   - time passing and expireOffers running.
//
// Expected refusals (TransitionError, AllocationRuleError) must change nothing.
// After every step: no cohort holds more seats (open or accepted offers and
// enrolled founders) than its capacity, nor more of a sector than its quota;
// every status change bumped `version` by exactly one and left an audit event
// whose toState is the new status; no email went out twice for one event.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { SECTORS, type ApplicationStatus, type Role, type Sector } from "~/domain/constants.ts";
import { TRANSITIONS, type Actor, type TransitionName } from "~/domain/lifecycle.ts";
import { AllocationRuleError, confirmAllocation, releaseDecisions } from "~/models/allocation.server.ts";
import { TransitionError, applyTransition } from "~/models/lifecycle.server.ts";
import { expireOffers, respondToOffer, withdrawApplication } from "~/models/offer.server.ts";
import { createTestUser } from "../support/factories.ts";
import { createOpenCall, createSite, DAY_MS, recordStatusHistory } from "../support/intake-factories.ts";
import { createReviewApplication } from "../support/review-factories.ts";

const NUM_RUNS = 40;
const MAX_ACTIONS = 30;
const TRANSITION_NAMES = Object.keys(TRANSITIONS) as TransitionName[];
const ACTOR_KEYS = ["owner", "otherFounder", "admin", "reviewer", "system"] as const;
type ActorKey = (typeof ACTOR_KEYS)[number];

/** How an application reached each starting status (seeded as audit history, so `version` = 1 + transitions). */
const PATH_TO: Partial<Record<ApplicationStatus, ApplicationStatus[]>> = {
  DRAFT: [],
  SUBMITTED: ["SUBMITTED"],
  SCREENING: ["SUBMITTED", "SCREENING"],
  REVIEW: ["SUBMITTED", "SCREENING", "REVIEW"],
  INTERVIEW: ["SUBMITTED", "SCREENING", "REVIEW", "INTERVIEW"],
  COMMITTEE: ["SUBMITTED", "SCREENING", "REVIEW", "INTERVIEW", "COMMITTEE"],
};
const STARTING_STATUSES = Object.keys(PATH_TO) as ApplicationStatus[];
const COMMITTEE_DECISIONS: readonly TransitionName[] = ["accept", "waitlist", "reject"];

// ---------------------------------------------------------------------------
// What fast-check generates

type ApplicationSpec = { status: ApplicationStatus; sector: Sector; preferred: 0 | 1; alternate: boolean; rank: number | null };
type CohortSpec = { capacity: number; quotas: Partial<Record<Sector, number>> };
type Scenario = { cohorts: [CohortSpec, CohortSpec]; applications: ApplicationSpec[] };

type Action =
  | {
      kind: "transition";
      app: number;
      /** Index into the transitions possible from the current status (`fromStatus`) or into all of them. */
      name: number;
      fromStatus: boolean;
      /** "fit" picks an actor the transition allows, to get past the role check often enough. */
      actor: ActorKey | "fit";
      stale: boolean;
      reason: boolean;
      /**
       * Committee decisions made one by one (accept, waitlist, reject) rather than through the
       * allocation: rare, as an accepted application without a cohort blocks the release.
       */
      bypass: boolean;
      /** A founder's withdrawal as the route makes it (withdrawApplication: the open offer is revoked too). */
      viaModel: boolean;
    }
  | { kind: "confirm" }
  | { kind: "release" }
  | {
      kind: "respond";
      /** Index into the applications holding an open offer, unless `anyApp`. */
      app: number;
      anyApp: boolean;
      accept: boolean;
      wrongFounder: boolean;
    }
  | { kind: "expire"; days: number };

const cohortArb: fc.Arbitrary<CohortSpec> = fc.record({
  capacity: fc.integer({ min: 1, max: 2 }),
  quotas: fc.record(Object.fromEntries(SECTORS.map((s) => [s, fc.integer({ min: 0, max: 2 })])) as Record<Sector, fc.Arbitrary<number>>, {
    requiredKeys: [],
  }),
});

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  cohorts: fc.tuple(cohortArb, cohortArb),
  applications: fc.array(
    fc.record({
      // Most start in committee or just before it, so allocation and offers get exercised.
      status: fc.oneof(
        { weight: 5, arbitrary: fc.constant<ApplicationStatus>("COMMITTEE") },
        { weight: 3, arbitrary: fc.constantFrom<ApplicationStatus>("REVIEW", "INTERVIEW") },
        { weight: 2, arbitrary: fc.constantFrom<ApplicationStatus>(...STARTING_STATUSES) },
      ),
      sector: fc.constantFrom(...SECTORS),
      preferred: fc.constantFrom(0 as const, 1 as const),
      alternate: fc.boolean(),
      rank: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
    }),
    { minLength: 3, maxLength: 7 },
  ),
});

/** true `yes` times in `yes + no`. */
const often = (yes: number, no: number) => fc.oneof({ weight: yes, arbitrary: fc.constant(true) }, { weight: no, arbitrary: fc.constant(false) });

const actionArb = (apps: number): fc.Arbitrary<Action> =>
  fc.oneof(
    {
      weight: 10,
      arbitrary: fc.record({
        kind: fc.constant("transition" as const),
        app: fc.nat({ max: apps - 1 }),
        name: fc.nat({ max: TRANSITION_NAMES.length - 1 }),
        fromStatus: often(4, 1), // mostly transitions that could apply
        actor: fc.oneof({ weight: 4, arbitrary: fc.constant("fit" as const) }, { weight: 1, arbitrary: fc.constantFrom(...ACTOR_KEYS) }),
        stale: often(1, 3),
        reason: fc.boolean(),
        viaModel: fc.boolean(),
        bypass: often(1, 6),
      }),
    },
    { weight: 3, arbitrary: fc.constant({ kind: "confirm" as const }) },
    { weight: 3, arbitrary: fc.constant({ kind: "release" as const }) },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant("respond" as const),
        app: fc.nat({ max: apps - 1 }),
        anyApp: often(1, 4),
        accept: fc.boolean(),
        wrongFounder: often(1, 5),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("expire" as const), days: fc.integer({ min: 1, max: 10 }) }) },
  );

const runArb = scenarioArb.chain((scenario) =>
  fc.tuple(fc.constant(scenario), fc.array(actionArb(scenario.applications.length), { minLength: 10, maxLength: MAX_ACTIONS, size: "max" })),
);

// ---------------------------------------------------------------------------
// Building a run's world

type World = {
  callId: string;
  cohorts: Array<{ id: string; capacity: number; quotas: Partial<Record<Sector, number>> }>;
  apps: Array<{ id: string; founder: { id: string; email: string }; initialVersion: number; seededHistory: number }>;
  actors: Record<Exclude<ActorKey, "owner">, Actor>;
  admin: { id: string; roles: Role[] };
  otherFounder: { id: string; roles: Role[] };
};

async function buildWorld(scenario: Scenario): Promise<World> {
  const sites = [await createSite(), await createSite()];
  const call = await createOpenCall({ sites, hasInterview: true });
  const cohortRows = await db.cohort.findMany({ where: { callId: call.id } });
  const cohorts = [];
  for (const [index, site] of sites.entries()) {
    const spec = scenario.cohorts[index];
    const cohort = cohortRows.find((c) => c.siteId === site.id)!;
    await db.cohort.update({
      where: { id: cohort.id },
      data: { capacity: spec.capacity, quotas: { create: Object.entries(spec.quotas).map(([sector, seats]) => ({ sector, seats })) } },
    });
    cohorts.push({ id: cohort.id, capacity: spec.capacity, quotas: spec.quotas });
  }
  const apps = [];
  for (const spec of scenario.applications) {
    const history = PATH_TO[spec.status]!;
    const version = 1 + history.length;
    const { application, founder } = await createReviewApplication({ call, site: sites[spec.preferred], status: spec.status, version, sector: spec.sector });
    await db.application.update({
      where: { id: application.id },
      data: { rank: spec.rank, alternateSiteId: spec.alternate ? sites[1 - spec.preferred].id : null },
    });
    if (history.length > 0) await recordStatusHistory(application.id, history, new Date(Date.now() - 30 * DAY_MS));
    apps.push({ id: application.id, founder: { id: founder.id, email: founder.email }, initialVersion: version, seededHistory: history.length });
  }
  const admin = await createTestUser({ roles: ["ADMIN"] });
  const reviewer = await createTestUser({ roles: ["REVIEWER"] });
  const otherFounder = await createTestUser({ roles: ["FOUNDER"] });
  return {
    callId: call.id,
    cohorts,
    apps,
    admin: { id: admin.id, roles: ["ADMIN"] },
    otherFounder: { id: otherFounder.id, roles: ["FOUNDER"] },
    actors: {
      otherFounder: { kind: "user", id: otherFounder.id, roles: ["FOUNDER"] },
      admin: { kind: "user", id: admin.id, roles: ["ADMIN"] },
      reviewer: { kind: "user", id: reviewer.id, roles: ["REVIEWER"] },
      system: { kind: "system" },
    },
  };
}

// ---------------------------------------------------------------------------
// Reading a run's state

type AppState = { id: string; status: string; version: number };

async function appStates(world: World): Promise<Map<string, AppState>> {
  const rows = await db.application.findMany({ where: { callId: world.callId }, select: { id: true, status: true, version: true } });
  return new Map(rows.map((r) => [r.id, r]));
}

/** Row counts that a refused action must leave as they were. */
async function sideEffects(world: World) {
  const ids = world.apps.map((a) => a.id);
  const [audits, emails, offers, offerStates] = await Promise.all([
    db.auditEvent.count({ where: { subjectId: { in: [...ids, world.callId] } } }),
    db.outboxEmail.count({ where: { to: { in: world.apps.map((a) => a.founder.email) } } }),
    db.offer.count({ where: { applicationId: { in: ids } } }),
    db.offer.findMany({ where: { applicationId: { in: ids } }, select: { id: true, status: true }, orderBy: { id: "asc" } }),
  ]);
  return { audits, emails, offers, offerStates: offerStates.map((o) => `${o.id}:${o.status}`).join(",") };
}

/** Seats per cohort as DESIGN.md §5 counts them: applications enrolled there or holding an open or accepted offer there. */
async function checkSeats(world: World) {
  for (const cohort of world.cohorts) {
    const holders = await db.application.findMany({
      where: { OR: [{ enrolledCohortId: cohort.id }, { offers: { some: { cohortId: cohort.id, status: { in: ["PENDING", "ACCEPTED"] } } } }] },
      select: { id: true, sector: true },
    });
    expect(holders.length, `cohort ${cohort.id} holds ${holders.length} seats for a capacity of ${cohort.capacity}`).toBeLessThanOrEqual(cohort.capacity);
    for (const sector of SECTORS) {
      const quota = cohort.quotas[sector];
      if (quota === undefined) continue;
      const taken = holders.filter((h) => h.sector === sector).length;
      expect(taken, `cohort ${cohort.id} holds ${taken} ${sector} seats for a quota of ${quota}`).toBeLessThanOrEqual(quota);
    }
  }
  // One application never holds two open offers.
  const open = await db.offer.groupBy({ by: ["applicationId"], where: { status: "PENDING", application: { callId: world.callId } }, _count: { _all: true } });
  expect(open.filter((o) => o._count._all > 1)).toEqual([]);
}

/** Emails queued once per event: per recipient (each application has its own founder) and template. */
const ONCE_PER_APPLICATION = [
  "application-submitted",
  "screening-passed",
  "screening-failed",
  "interview-invitation",
  "enrollment-confirmed",
  "decision-accepted",
  "decision-waitlisted",
  "decision-rejected",
];

async function checkHistoryAndEmails(world: World, transitions: Map<string, number>) {
  const states = await appStates(world);
  for (const app of world.apps) {
    const state = states.get(app.id)!;
    const applied = transitions.get(app.id) ?? 0;
    expect(state.version, `version of ${app.id}`).toBe(app.initialVersion + applied);
    const audits = await db.auditEvent.findMany({
      where: { subjectType: "Application", subjectId: app.id, toState: { not: null } },
      orderBy: [{ createdAt: "asc" }],
      select: { type: true, toState: true, createdAt: true },
    });
    const transitionsAudited = audits.filter((a) => a.type.startsWith("TRANSITION_") || a.type === "TEST_HISTORY");
    expect(transitionsAudited.length, `audit events of ${app.id}`).toBe(app.seededHistory + applied);
    const latest = audits.at(-1);
    expect(latest?.toState ?? "DRAFT", `latest audited state of ${app.id}`).toBe(state.status);

    const emails = await db.outboxEmail.findMany({ where: { to: app.founder.email }, select: { template: true, payload: true, dedupeKey: true } });
    const seen = new Set<string>();
    for (const email of emails) {
      const key = `${email.template}|${email.payload}`;
      expect(seen.has(key), `the same ${email.template} email queued twice to ${app.founder.email}`).toBe(false);
      seen.add(key);
    }
    for (const template of ONCE_PER_APPLICATION) {
      expect(emails.filter((e) => e.template === template).length, `${template} emails of ${app.id}`).toBeLessThanOrEqual(1);
    }
    const promotions = await db.auditEvent.count({ where: { subjectId: app.id, type: "TRANSITION_promote" } });
    expect(emails.filter((e) => e.template === "waitlist-promotion").length, `waitlist-promotion emails of ${app.id}`).toBe(promotions);
    // An offer that expires while its founder is still ACCEPTED declines the application and tells the founder.
    const expiredWhileAccepted = await db.auditEvent.count({
      where: { subjectId: app.id, type: "TRANSITION_decline", actorId: null, details: { contains: "offer expired" } },
    });
    expect(emails.filter((e) => e.template === "offer-expired").length, `offer-expired emails of ${app.id}`).toBe(expiredWhileAccepted);
  }
}

// ---------------------------------------------------------------------------
// Playing an action

/** Refusals the models are expected to give; anything else thrown is a crash. */
const isRefusal = (error: unknown) => error instanceof TransitionError || error instanceof AllocationRuleError;

function actorFor(world: World, key: ActorKey, app: World["apps"][number]): Actor {
  return key === "owner" ? { kind: "user", id: app.founder.id, roles: ["FOUNDER"] } : world.actors[key];
}

function resolveTransition(action: Extract<Action, { kind: "transition" }>, status: string): { name: TransitionName; actor: ActorKey } {
  const possible = TRANSITION_NAMES.filter(
    (n) => (TRANSITIONS[n].from as readonly string[]).includes(status) && (action.bypass || !COMMITTEE_DECISIONS.includes(n)),
  );
  const pool = action.fromStatus && possible.length > 0 ? possible : TRANSITION_NAMES;
  const name = pool[action.name % pool.length];
  if (action.actor !== "fit") return { name, actor: action.actor };
  const by = TRANSITIONS[name].by as readonly string[];
  const fits: ActorKey[] = [
    ...(by.includes("OWNER") ? ["owner" as const] : []),
    ...(by.includes("ADMIN") ? ["admin" as const] : []),
    ...(by.includes("SYSTEM") ? ["system" as const] : []),
  ];
  return { name, actor: fits[action.name % fits.length] };
}

type Outcome = { result: "done" | "refused" | "crashed"; detail: string; error?: unknown };

async function play(world: World, action: Action, clock: { now: number }): Promise<Outcome> {
  try {
    switch (action.kind) {
      case "transition": {
        const app = world.apps[action.app];
        const current = await db.application.findUniqueOrThrow({ where: { id: app.id }, select: { status: true, version: true } });
        const { name, actor } = resolveTransition(action, current.status);
        const expectedVersion = action.stale ? current.version - 1 : current.version;
        const detail = `${name} by ${actor} on app ${action.app} (${current.status} v${current.version}${action.stale ? ", stale" : ""})`;
        if (name === "withdraw" && action.viaModel && actor !== "system") {
          const user = actorFor(world, actor, app) as Extract<Actor, { kind: "user" }>;
          await withdrawApplication(app.id, user, expectedVersion, new Date(clock.now));
          return { result: "done", detail: `${detail} through withdrawApplication` };
        }
        await applyTransition({
          applicationId: app.id,
          name,
          actor: actorFor(world, actor, app),
          expectedVersion,
          reason: action.reason ? "Decided at the committee meeting" : undefined,
          now: new Date(clock.now),
        });
        return { result: "done", detail };
      }
      case "confirm": {
        const confirmed = await confirmAllocation(world.callId, world.actors.admin);
        return { result: "done", detail: `confirm allocation (${confirmed} decided)` };
      }
      case "release": {
        const released = await releaseDecisions(world.callId, world.admin.id);
        return { result: "done", detail: `release decisions (${released} released)` };
      }
      case "respond": {
        const offered = await db.offer.findMany({
          where: { status: "PENDING", application: { callId: world.callId } },
          select: { applicationId: true },
          orderBy: { id: "asc" },
        });
        const pool = action.anyApp || offered.length === 0 ? world.apps : world.apps.filter((a) => offered.some((o) => o.applicationId === a.id));
        const app = pool[action.app % pool.length];
        const founder = action.wrongFounder ? world.otherFounder : { id: app.founder.id, roles: ["FOUNDER"] as Role[] };
        await respondToOffer(app.id, founder, action.accept);
        return {
          result: "done",
          detail: `${action.accept ? "accept" : "decline"} offer of app ${world.apps.indexOf(app)}${action.wrongFounder ? " by another founder" : ""}`,
        };
      }
      case "expire":
        clock.now += action.days * DAY_MS;
        vi.setSystemTime(clock.now);
        await expireOffers(new Date(clock.now));
        return { result: "done", detail: `expire offers ${action.days} days later` };
    }
  } catch (error) {
    return { result: isRefusal(error) ? "refused" : "crashed", detail: `${action.kind}: ${(error as Error).message}`, error };
  }
}

// ---------------------------------------------------------------------------

/** FC_SEED=<seed> FC_PATH=<path> replays a reported failure. */
const replay = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {};

/** Unexpected errors met by the invariant property: reported by their own test below. */
const crashes: Array<{ message: string; sequence: string[] }> = [];

async function runSequence(scenario: Scenario, actions: Action[]) {
  const clock = { now: Date.now() };
  vi.setSystemTime(clock.now);
  const world = await buildWorld(scenario);
  const transitions = new Map<string, number>();
  const log: string[] = [];
  try {
    for (const action of actions) {
      // Time moves forward between steps, so audit events sort in the order they happened.
      clock.now += 60_000;
      vi.setSystemTime(clock.now);
      const before = await appStates(world);
      const effectsBefore = await sideEffects(world);
      const outcome = await play(world, action, clock);
      log.push(`${outcome.result}: ${outcome.detail}`);
      const after = await appStates(world);

      if (outcome.result === "crashed") crashes.push({ message: String((outcome.error as Error)?.stack ?? outcome.error), sequence: [...log] });
      if (outcome.result === "refused" && action.kind !== "expire") {
        // A refusal leaves everything as it was (expireOffers commits offer by offer, so it is not judged here).
        expect([...after.values()], `refused ${outcome.detail} changed an application`).toEqual([...before.values()]);
        expect(await sideEffects(world), `refused ${outcome.detail} left rows behind`).toEqual(effectsBefore);
      }
      for (const [id, state] of after) {
        const previous = before.get(id)!;
        const changed = state.status !== previous.status;
        // Each action moves an application at most one step, bumping its version by exactly one.
        expect(state.version, `version of ${id} after ${outcome.detail} (${previous.status} → ${state.status})`).toBe(previous.version + (changed ? 1 : 0));
        if (changed) transitions.set(id, (transitions.get(id) ?? 0) + 1);
      }
      await checkSeats(world);
    }
    await checkHistoryAndEmails(world, transitions);
  } catch (error) {
    // Say what happened, step by step, next to the failed check.
    if (error instanceof Error) error.message += `\n  steps played:\n    ${log.join("\n    ")}`;
    throw error;
  }
}

beforeAll(async () => {
  await dbReady;
  // Only Date is faked: the models read the clock, and time must move forward with expireOffers' future `now`.
  vi.useFakeTimers({ toFake: ["Date"] });
});

afterAll(() => {
  vi.useRealTimers();
});

describe("lifecycle invariants under random sequences of actions", () => {
  it("never overfill a cohort or a quota, always audit and version every status change, never queue an email twice", { timeout: 90_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async ([scenario, actions]) => {
        await runSequence(scenario, actions);
      }),
      // Each run builds its own world, so shrinking is slow: it gets a bounded time, then reports the smallest failure so far.
      { numRuns: NUM_RUNS, interruptAfterTimeLimit: 30_000, ...replay },
    );
  });

  it("no action fails with anything but a refusal (TransitionError, AllocationRuleError)", () => {
    const distinct = new Map<string, string[]>();
    for (const crash of crashes) if (!distinct.has(crash.message.split("\n")[0])) distinct.set(crash.message.split("\n")[0], crash.sequence);
    expect(
      [...distinct].map(([message, sequence]) => `${message}\n  after:\n    ${sequence.join("\n    ")}`),
      "actions that crashed",
    ).toEqual([]);
  });
});

describe("allocation confirmed in two batches", () => {
  it("a second confirmation before the release does not give away the seats the first one staged", async () => {
    const site = await createSite();
    const call = await createOpenCall({ sites: [site], hasInterview: true });
    const cohort = await db.cohort.update({ where: { callId_siteId: { callId: call.id, siteId: site.id } }, data: { capacity: 1 } });
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const actor: Actor = { kind: "user", id: admin.id, roles: ["ADMIN"] };
    const first = await createReviewApplication({ call, site, status: "COMMITTEE", version: 6 });
    const second = await createReviewApplication({ call, site, status: "REVIEW", version: 4 });

    expect(await confirmAllocation(call.id, actor)).toBe(1);
    await applyTransition({ applicationId: second.application.id, name: "sendToCommittee", actor, expectedVersion: 4 });
    expect(await confirmAllocation(call.id, actor)).toBe(1);
    await releaseDecisions(call.id, admin.id);

    const offers = await db.offer.findMany({ where: { cohortId: cohort.id, status: { in: ["PENDING", "ACCEPTED"] } }, select: { applicationId: true } });
    expect(offers.map((o) => o.applicationId)).toEqual([first.application.id]);
    expect(await db.application.findUniqueOrThrow({ where: { id: second.application.id }, select: { status: true } })).toEqual({ status: "WAITLISTED" });
  });
});
