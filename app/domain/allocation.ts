// Allocation into cohorts (DESIGN.md §5). Pure: no I/O, no framework imports.
//
// One shared ranking walked best-first, each applicant taking a seat at the
// preferred site, else at the alternate site, while the cohorts' capacity and
// the applicant's sector quota allow. With a single ranking this is deferred
// acceptance (serial dictatorship): the result is stable — nobody is kept out
// of a cohort by a lower-ranked applicant unless a sector quota stands between
// them — and nobody gains by misreporting a preference.
//
// A site is what an applicant is admitted to; which of its cohorts they sit in
// is settled as a bipartite matching (people by sector → cohorts, bounded by
// capacity and sector quotas). An applicant is taken at a site whenever the
// people already there and the newcomer can all be seated among its cohorts —
// re-seating earlier holders between the site's cohorts when needed (one
// augmenting path) — so the choice of cohort never costs anyone a seat.
//
// Ordering everywhere is (rank ascending, then applicationId by code units), so
// the result does not depend on the order of the input arrays.

import { UserError } from "./errors.ts";

export type AllocationCohort = {
  id: string;
  siteId: string;
  capacity: number;
  /** sector → seats reserved as a MAXIMUM for that sector; sectors without a quota are limited only by capacity. */
  quotas: Record<string, number>;
  /** Seats already taken (enrolled or offered). */
  filled?: { total: number; bySector: Record<string, number> };
};

export type AllocationApplicant = {
  applicationId: string;
  /** 1 = best. */
  rank: number;
  sector: string;
  preferredSiteId: string | null;
  alternateSiteId: string | null;
};

export type Pin = {
  applicationId: string;
  decision: "ACCEPT" | "WAITLIST" | "REJECT";
  reason: string;
  /** For ACCEPT: force a cohort; else normal placement rules. Ignored for WAITLIST/REJECT. */
  cohortId?: string;
};

export type PlacementReason =
  /** `reseated`: the seat was found by moving people already placed at the site to another of its cohorts. */
  | { code: "PREFERRED"; rank: number; reseated?: true }
  | { code: "ALTERNATE"; rank: number; preferredBlockedBy: "CAPACITY" | "QUOTA" | "NO_COHORT"; reseated?: true }
  | { code: "WAITLISTED"; rank: number; waitlistPosition: number; blockedBy: Array<"CAPACITY" | "QUOTA" | "NO_COHORT"> }
  | { code: "PINNED_ACCEPT" | "PINNED_WAITLIST" | "PINNED_REJECT"; rank: number; note: string };

export type Placement = {
  applicationId: string;
  decision: "ACCEPTED" | "WAITLISTED" | "REJECTED";
  cohortId: string | null;
  reason: PlacementReason;
};

export type CohortFill = {
  cohortId: string;
  capacity: number;
  total: number;
  bySector: Record<string, { filled: number; quota: number | null }>;
};

/** Why a site could not take an applicant (internal name for the union used in PlacementReason). */
type Blocker = "CAPACITY" | "QUOTA" | "NO_COHORT";

export type AllocationResult = {
  /** In rank order (ties by applicationId). */
  placements: Placement[];
  /** One per cohort, in cohort id order. */
  fill: CohortFill[];
};

/** Code-unit string order: locale-independent, so the same on every server. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareApplicants(a: AllocationApplicant, b: AllocationApplicant): number {
  return a.rank - b.rank || compareIds(a.applicationId, b.applicationId);
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}

function validateCohort(c: AllocationCohort): void {
  if (!isCount(c.capacity)) throw new RangeError(`cohort ${c.id}: capacity must be a non-negative integer, got ${c.capacity}`);
  for (const [sector, q] of Object.entries(c.quotas)) {
    if (!isCount(q)) throw new RangeError(`cohort ${c.id}: quota for ${sector} must be a non-negative integer, got ${q}`);
  }
  if (c.filled) {
    if (!isCount(c.filled.total))
      throw new RangeError(`cohort ${c.id}: filled.total must be a non-negative integer, got ${c.filled.total}`);
    for (const [sector, n] of Object.entries(c.filled.bySector)) {
      if (!isCount(n)) throw new RangeError(`cohort ${c.id}: filled seats for ${sector} must be a non-negative integer, got ${n}`);
    }
  }
}

/** Mutable seat counts of one cohort during an allocation. */
type Tally = { cohort: AllocationCohort; total: number; bySector: Map<string, number> };

function tallyOf(cohort: AllocationCohort): Tally {
  return {
    cohort,
    total: cohort.filled?.total ?? 0,
    bySector: new Map(Object.entries(cohort.filled?.bySector ?? {})),
  };
}

function quotaOf(cohort: AllocationCohort, sector: string): number | null {
  return Object.hasOwn(cohort.quotas, sector) ? cohort.quotas[sector] : null;
}

/** Why `sector` cannot take a seat in the tallied cohort, or null when it can. Capacity wins when both bind. */
function blockerIn(t: Tally, sector: string): "CAPACITY" | "QUOTA" | null {
  if (t.total >= t.cohort.capacity) return "CAPACITY";
  const quota = quotaOf(t.cohort, sector);
  if (quota !== null && (t.bySector.get(sector) ?? 0) >= quota) return "QUOTA";
  return null;
}

function take(t: Tally, sector: string): void {
  t.total += 1;
  t.bySector.set(sector, (t.bySector.get(sector) ?? 0) + 1);
}

/**
 * The seats of one site during an allocation. Each cohort's tally holds its
 * fixed seats (already filled, or forced by a pin); the people placed at the
 * site by the allocator are movable between its cohorts, counted per cohort
 * and sector in `movable` — a flow from sectors to cohorts that respects every
 * capacity and quota. Who sits in which cohort is read off it at the end.
 */
type SiteSeats = {
  /** In cohort id order. */
  tallies: Tally[];
  /** Per cohort (same order): sector → movable seats. */
  movable: Array<Map<string, number>>;
  /** Per cohort: movable seats in all. */
  load: number[];
  /** The movable people, in the order they were placed. */
  people: Array<{ applicationId: string; sector: string }>;
  /** Sectors found to have no seat left here even by re-seating; stays so, as seats only ever get taken. */
  closed: Set<string>;
};

function siteSeatsOf(tallies: Tally[]): SiteSeats {
  return { tallies, movable: tallies.map(() => new Map()), load: tallies.map(() => 0), people: [], closed: new Set() };
}

/** Seats of cohort k free of anyone, fixed or movable (negative when a cohort is over a reduced capacity). */
function freeSeats(site: SiteSeats, k: number): number {
  const t = site.tallies[k];
  return t.cohort.capacity - t.total - site.load[k];
}

/** Whether one more of `sector` is within cohort k's quota (capacity aside). */
function quotaAllows(site: SiteSeats, k: number, sector: string): boolean {
  const t = site.tallies[k];
  const quota = quotaOf(t.cohort, sector);
  return quota === null || (t.bySector.get(sector) ?? 0) + (site.movable[k].get(sector) ?? 0) < quota;
}

function moveSeat(site: SiteSeats, k: number, sector: string, delta: 1 | -1): void {
  site.movable[k].set(sector, (site.movable[k].get(sector) ?? 0) + delta);
}

/** CAPACITY when no cohort of the site has a free seat, else QUOTA (free seats, none this sector may take). */
function siteBlocker(site: SiteSeats): Blocker {
  return site.tallies.some((_, k) => freeSeats(site, k) > 0) ? "QUOTA" : "CAPACITY";
}

/**
 * Seats one more person of `sector` at the site if the people there and the
 * newcomer can all be seated among its cohorts. First the first cohort (id
 * order) with a free seat the quota allows; failing that, the shortest chain
 * of moves (breadth-first, cohorts in id order, sectors in code-unit order):
 * the newcomer takes a seat in a full cohort whose quota allows them, a holder
 * of another sector moves from there to a cohort whose quota allows them, and
 * so on until a cohort with a free seat. No chain means no assignment of these
 * people to the site's cohorts exists (an augmenting path exists whenever the
 * matching can grow). Returns whether holders were re-seated, or the blocker.
 */
function seatAtSite(
  bySite: Map<string, SiteSeats>,
  siteId: string | null,
  applicationId: string,
  sector: string,
): { reseated: boolean } | Blocker {
  const site = siteId === null ? undefined : bySite.get(siteId);
  if (!site || site.tallies.length === 0) return "NO_COHORT";
  if (site.closed.has(sector)) return siteBlocker(site);
  const n = site.tallies.length;
  const seat = (reseated: boolean) => {
    site.people.push({ applicationId, sector });
    return { reseated };
  };
  for (let k = 0; k < n; k++) {
    if (freeSeats(site, k) > 0 && quotaAllows(site, k, sector)) {
      moveSeat(site, k, sector, 1);
      site.load[k] += 1;
      return seat(false);
    }
  }
  // prev[k]: the cohort the person entering k comes from (-1: the newcomer) and their sector.
  const prev: Array<{ from: number; sector: string } | undefined> = new Array(n);
  const queue: number[] = [];
  for (let k = 0; k < n; k++) {
    if (quotaAllows(site, k, sector)) {
      prev[k] = { from: -1, sector };
      queue.push(k);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const k = queue[head];
    const sectors = [...site.movable[k]]
      .filter(([, count]) => count > 0)
      .map(([s]) => s)
      .sort(compareIds);
    for (const moved of sectors) {
      for (let to = 0; to < n; to++) {
        if (prev[to] !== undefined || !quotaAllows(site, to, moved)) continue;
        prev[to] = { from: k, sector: moved };
        if (freeSeats(site, to) <= 0) {
          queue.push(to);
          continue;
        }
        // Apply the chain back from `to`: each cohort on it gains the person entering and loses the one leaving.
        site.load[to] += 1;
        for (let at = to; at !== -1;) {
          const step = prev[at]!;
          moveSeat(site, at, step.sector, 1);
          if (step.from !== -1) moveSeat(site, step.from, step.sector, -1);
          at = step.from;
        }
        return seat(true);
      }
    }
  }
  site.closed.add(sector);
  return siteBlocker(site);
}

/**
 * Who sits in which cohort of the site: each sector's people, in the order
 * they were placed, fill that sector's seats cohort by cohort in id order.
 * Adds the movable seats to the tallies (for the fill report).
 */
function assignCohorts(site: SiteSeats, cohortOf: Map<string, string>): void {
  const left = site.movable.map((m) => new Map(m));
  for (const person of site.people) {
    const k = left.findIndex((m) => (m.get(person.sector) ?? 0) > 0);
    left[k].set(person.sector, left[k].get(person.sector)! - 1);
    take(site.tallies[k], person.sector);
    cohortOf.set(person.applicationId, site.tallies[k].cohort.id);
  }
}

/**
 * Walks applicants in rank order; places each at the preferred site, else the
 * alternate, while the people placed there and the applicant can all be seated
 * among the site's cohorts within capacity and sector quotas (re-seating
 * earlier holders between the site's cohorts if need be: `reseated` on the
 * reason); the rest are waitlisted in rank order. Cohorts within a site are
 * then filled, per sector, in placement order and cohort id order.
 *
 * Pins are applied first: ACCEPT pins with a forced cohortId (rank order), then
 * the other ACCEPT pins (rank order, preferred then alternate site under the
 * normal capacity and quota rules). Each takes its seat before any ranked
 * applicant and counts against capacity and quota. A forced ACCEPT may exceed
 * the sector quota but never capacity (UserError "allocation.pinOverCapacity"); an
 * unforced ACCEPT that fits nowhere throws a UserError "allocation.pinNoSeat" (the
 * admin must force a cohort or drop the pin). Their params carry the ids involved
 * (applicationId, cohortId), for the caller to name. WAITLIST and REJECT pins take the
 * applicant out of placement.
 *
 * Waitlist positions number everybody waitlisted — pinned or not — 1..n in
 * rank order, i.e. their place in the queue; a PINNED_WAITLIST reason carries
 * no position, so the positions on WAITLISTED reasons skip those slots.
 *
 * Throws on malformed input: duplicate cohort or application ids, a pin for an
 * unknown application or cohort, two pins for one application, non-finite
 * ranks, negative or fractional capacities, quotas or filled counts.
 */
export function allocate(input: { cohorts: AllocationCohort[]; applicants: AllocationApplicant[]; pins?: Pin[] }): AllocationResult {
  const cohorts = [...input.cohorts].sort((a, b) => compareIds(a.id, b.id));
  const tallies = new Map<string, Tally>();
  const talliesBySite = new Map<string, Tally[]>();
  for (const c of cohorts) {
    if (tallies.has(c.id)) throw new Error(`duplicate cohort ${c.id}`);
    validateCohort(c);
    const t = tallyOf(c);
    tallies.set(c.id, t);
    const list = talliesBySite.get(c.siteId);
    if (list) list.push(t);
    else talliesBySite.set(c.siteId, [t]);
  }
  const bySite = new Map([...talliesBySite].map(([siteId, list]) => [siteId, siteSeatsOf(list)]));

  const applicants = [...input.applicants].sort(compareApplicants);
  const byId = new Map<string, AllocationApplicant>();
  for (const a of applicants) {
    if (byId.has(a.applicationId)) throw new Error(`duplicate applicant ${a.applicationId}`);
    if (!Number.isFinite(a.rank)) throw new RangeError(`applicant ${a.applicationId}: rank must be a finite number, got ${a.rank}`);
    byId.set(a.applicationId, a);
  }

  const pins = new Map<string, Pin>();
  for (const p of input.pins ?? []) {
    if (!byId.has(p.applicationId)) throw new Error(`pin for unknown applicant ${p.applicationId}`);
    if (pins.has(p.applicationId)) throw new Error(`two pins for applicant ${p.applicationId}`);
    if (p.decision === "ACCEPT" && p.cohortId !== undefined && !tallies.has(p.cohortId)) {
      throw new Error(`pin for ${p.applicationId} forces unknown cohort ${p.cohortId}`);
    }
    pins.set(p.applicationId, p);
  }

  const decided = new Map<string, Omit<Placement, "applicationId">>();

  // 1. Forced ACCEPT pins: capacity only.
  for (const a of applicants) {
    const pin = pins.get(a.applicationId);
    if (pin?.decision !== "ACCEPT" || pin.cohortId === undefined) continue;
    const t = tallies.get(pin.cohortId)!;
    if (t.total >= t.cohort.capacity) {
      // Ids, never shown: the model names the project and the cohort (previewAllocation).
      throw new UserError("allocation.pinOverCapacity", 409, {
        params: { applicationId: a.applicationId, cohortId: t.cohort.id, capacity: t.cohort.capacity },
      });
    }
    take(t, a.sector);
    decided.set(a.applicationId, {
      decision: "ACCEPTED",
      cohortId: t.cohort.id,
      reason: { code: "PINNED_ACCEPT", rank: a.rank, note: pin.reason },
    });
  }

  // 2. Other ACCEPT pins: normal placement rules, but they go before everyone ranked.
  //    Their cohort, like everyone's placed at a site, is settled in step 4.
  for (const a of applicants) {
    const pin = pins.get(a.applicationId);
    if (pin?.decision !== "ACCEPT" || pin.cohortId !== undefined) continue;
    let placed = seatAtSite(bySite, a.preferredSiteId, a.applicationId, a.sector);
    if (typeof placed === "string" && a.alternateSiteId !== a.preferredSiteId) {
      placed = seatAtSite(bySite, a.alternateSiteId, a.applicationId, a.sector);
    }
    if (typeof placed === "string") {
      throw new UserError("allocation.pinNoSeat", 409, { params: { applicationId: a.applicationId } });
    }
    decided.set(a.applicationId, {
      decision: "ACCEPTED",
      cohortId: null,
      reason: { code: "PINNED_ACCEPT", rank: a.rank, note: pin.reason },
    });
  }

  // 3. Everyone else, best rank first.
  const blockedOf = new Map<string, Blocker[]>();
  for (const a of applicants) {
    const pin = pins.get(a.applicationId);
    if (pin?.decision === "ACCEPT") continue;
    if (pin?.decision === "REJECT") {
      decided.set(a.applicationId, {
        decision: "REJECTED",
        cohortId: null,
        reason: { code: "PINNED_REJECT", rank: a.rank, note: pin.reason },
      });
      continue;
    }
    if (pin?.decision === "WAITLIST") {
      decided.set(a.applicationId, {
        decision: "WAITLISTED",
        cohortId: null,
        reason: { code: "PINNED_WAITLIST", rank: a.rank, note: pin.reason },
      });
      continue;
    }
    const atPreferred = seatAtSite(bySite, a.preferredSiteId, a.applicationId, a.sector);
    if (typeof atPreferred !== "string") {
      decided.set(a.applicationId, {
        decision: "ACCEPTED",
        cohortId: null,
        reason: { code: "PREFERRED", rank: a.rank, ...(atPreferred.reseated ? { reseated: true as const } : {}) },
      });
      continue;
    }
    const blockedBy: Blocker[] = [atPreferred];
    if (a.alternateSiteId !== null && a.alternateSiteId !== a.preferredSiteId) {
      const atAlternate = seatAtSite(bySite, a.alternateSiteId, a.applicationId, a.sector);
      if (typeof atAlternate !== "string") {
        decided.set(a.applicationId, {
          decision: "ACCEPTED",
          cohortId: null,
          reason: {
            code: "ALTERNATE",
            rank: a.rank,
            preferredBlockedBy: atPreferred,
            ...(atAlternate.reseated ? { reseated: true as const } : {}),
          },
        });
        continue;
      }
      blockedBy.push(atAlternate);
    }
    blockedOf.set(a.applicationId, blockedBy);
  }

  // 4. The cohort of everyone placed at a site (forced pins have theirs already).
  const cohortOf = new Map<string, string>();
  for (const site of bySite.values()) assignCohorts(site, cohortOf);
  for (const [applicationId, d] of decided) {
    const cohortId = cohortOf.get(applicationId);
    if (cohortId !== undefined) d.cohortId = cohortId;
  }

  // 5. Waitlist positions: everybody waitlisted, in rank order.
  const placements: Placement[] = [];
  let position = 0;
  for (const a of applicants) {
    const blockedBy = blockedOf.get(a.applicationId);
    if (blockedBy) {
      position += 1;
      placements.push({
        applicationId: a.applicationId,
        decision: "WAITLISTED",
        cohortId: null,
        reason: { code: "WAITLISTED", rank: a.rank, waitlistPosition: position, blockedBy },
      });
      continue;
    }
    const d = decided.get(a.applicationId)!;
    if (d.decision === "WAITLISTED") position += 1;
    placements.push({ applicationId: a.applicationId, ...d });
  }

  const fill: CohortFill[] = cohorts.map((c) => {
    const t = tallies.get(c.id)!;
    const sectors = new Set<string>([...Object.keys(c.quotas), ...t.bySector.keys()]);
    const bySector: CohortFill["bySector"] = {};
    for (const s of [...sectors].sort(compareIds)) {
      bySector[s] = { filled: t.bySector.get(s) ?? 0, quota: quotaOf(c, s) };
    }
    return { cohortId: c.id, capacity: c.capacity, total: t.total, bySector };
  });

  return { placements, fill };
}

/**
 * Why one more applicant of `sector` cannot take a seat in the cohort as filled
 * ("CAPACITY" or "QUOTA"), or null when they can: the rule for a seat an admin
 * gives by hand.
 */
export function cohortBlocker(cohort: AllocationCohort, sector: string): "CAPACITY" | "QUOTA" | null {
  validateCohort(cohort);
  return blockerIn(tallyOf(cohort), sector);
}

/**
 * For a freed seat in cohort C (its `filled` already without the leaver), the
 * best-ranked (ties by applicationId) waitlisted applicant whose preferred or
 * alternate site is C's site and whose sector fits C's remaining capacity and
 * quota; null when none.
 */
export function pickPromotion(input: { cohort: AllocationCohort; waitlist: AllocationApplicant[] }): AllocationApplicant | null {
  const { cohort } = input;
  validateCohort(cohort);
  const t = tallyOf(cohort);
  let best: AllocationApplicant | null = null;
  for (const a of input.waitlist) {
    if (a.preferredSiteId !== cohort.siteId && a.alternateSiteId !== cohort.siteId) continue;
    if (blockerIn(t, a.sector) !== null) continue;
    if (best === null || compareApplicants(a, best) < 0) best = a;
  }
  return best;
}

function describeBlocker(blocker: Blocker, site: "preferred" | "alternate", sector?: string): string {
  switch (blocker) {
    case "CAPACITY":
      return `${site} site full`;
    case "QUOTA":
      return `${site} site full for ${sector ?? "this sector"}`;
    case "NO_COHORT":
      return `no cohort at ${site} site`;
  }
}

function reseatedNote(reason: { reseated?: true }): string {
  return reason.reseated ? " (others there re-seated among its cohorts to make room)" : "";
}

function withNote(text: string, note: string): string {
  const n = note.trim();
  return n === "" ? text : `${text}: ${n}`;
}

/**
 * Human-readable English summary of a reason for logs/CSV, e.g.
 * "rank 12, preferred site full for GREEN_TECH, placed at alternate".
 * (The UI translates the structured reason itself.)
 */
export function describeReason(reason: PlacementReason, sector?: string): string {
  const rank = `rank ${reason.rank}`;
  switch (reason.code) {
    case "PREFERRED":
      return `${rank}, placed at preferred site${reseatedNote(reason)}`;
    case "ALTERNATE":
      return `${rank}, ${describeBlocker(reason.preferredBlockedBy, "preferred", sector)}, placed at alternate${reseatedNote(reason)}`;
    case "WAITLISTED": {
      const parts = reason.blockedBy.map((b, i) => describeBlocker(b, i === 0 ? "preferred" : "alternate", sector));
      return [rank, ...parts, `waitlisted at position ${reason.waitlistPosition}`].join(", ");
    }
    case "PINNED_ACCEPT":
      return withNote(`${rank}, accepted by admin`, reason.note);
    case "PINNED_WAITLIST":
      return withNote(`${rank}, waitlisted by admin`, reason.note);
    case "PINNED_REJECT":
      return withNote(`${rank}, rejected by admin`, reason.note);
  }
}
