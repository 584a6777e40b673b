// Allocation into cohorts (DESIGN.md §5). Pure: no I/O, no framework imports.
//
// One shared ranking walked best-first, each applicant taking a seat at the
// preferred site, else at the alternate site, while the cohort's capacity and
// the applicant's sector quota allow. With a single ranking this is deferred
// acceptance (serial dictatorship): the result is stable — nobody is kept out
// of a cohort by a lower-ranked applicant unless a sector quota stands between
// them — and nobody gains by misreporting a preference.
//
// Ordering everywhere is (rank ascending, then applicationId by code units), so
// the result does not depend on the order of the input arrays.

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
  | { code: "PREFERRED"; rank: number }
  | { code: "ALTERNATE"; rank: number; preferredBlockedBy: "CAPACITY" | "QUOTA" | "NO_COHORT" }
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
    if (!isCount(c.filled.total)) throw new RangeError(`cohort ${c.id}: filled.total must be a non-negative integer, got ${c.filled.total}`);
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
  return Object.prototype.hasOwnProperty.call(cohort.quotas, sector) ? cohort.quotas[sector] : null;
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
 * Tries the cohorts at one site (in id order). Returns the tally that took the
 * seat, or why none could: NO_COHORT when the site is unset or has no cohort,
 * CAPACITY when every cohort there is full, QUOTA when one had free seats but
 * not for this sector.
 */
function tryPlaceAtSite(bySite: Map<string, Tally[]>, siteId: string | null, sector: string): Tally | Blocker {
  const tallies = siteId === null ? undefined : bySite.get(siteId);
  if (!tallies || tallies.length === 0) return "NO_COHORT";
  let blocker: Blocker = "CAPACITY";
  for (const t of tallies) {
    const b = blockerIn(t, sector);
    if (b === null) {
      take(t, sector);
      return t;
    }
    if (b === "QUOTA") blocker = "QUOTA";
  }
  return blocker;
}

/**
 * Walks applicants in rank order; places each at the preferred site's cohort,
 * else the alternate's, while capacity and the sector quota allow; the rest
 * are waitlisted in rank order.
 *
 * Pins are applied first: ACCEPT pins with a forced cohortId (rank order), then
 * the other ACCEPT pins (rank order, preferred then alternate site under the
 * normal capacity and quota rules). Each takes its seat before any ranked
 * applicant and counts against capacity and quota. A forced ACCEPT may exceed
 * the sector quota but never capacity (RangeError "over capacity"); an
 * unforced ACCEPT that fits nowhere throws a RangeError "no seat" (the admin
 * must force a cohort or drop the pin). WAITLIST and REJECT pins take the
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
  const bySite = new Map<string, Tally[]>();
  for (const c of cohorts) {
    if (tallies.has(c.id)) throw new Error(`duplicate cohort ${c.id}`);
    validateCohort(c);
    const t = tallyOf(c);
    tallies.set(c.id, t);
    const list = bySite.get(c.siteId);
    if (list) list.push(t);
    else bySite.set(c.siteId, [t]);
  }

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
      throw new RangeError(
        `over capacity: cohort ${t.cohort.id} (capacity ${t.cohort.capacity}) has no seat left for pinned applicant ${a.applicationId}`,
      );
    }
    take(t, a.sector);
    decided.set(a.applicationId, { decision: "ACCEPTED", cohortId: t.cohort.id, reason: { code: "PINNED_ACCEPT", rank: a.rank, note: pin.reason } });
  }

  // 2. Other ACCEPT pins: normal placement rules, but they go before everyone ranked.
  for (const a of applicants) {
    const pin = pins.get(a.applicationId);
    if (pin?.decision !== "ACCEPT" || pin.cohortId !== undefined) continue;
    let placed = tryPlaceAtSite(bySite, a.preferredSiteId, a.sector);
    if (typeof placed === "string" && a.alternateSiteId !== a.preferredSiteId) {
      placed = tryPlaceAtSite(bySite, a.alternateSiteId, a.sector);
    }
    if (typeof placed === "string") {
      throw new RangeError(`no seat for pinned applicant ${a.applicationId} at its preferred or alternate site; force a cohort`);
    }
    decided.set(a.applicationId, { decision: "ACCEPTED", cohortId: placed.cohort.id, reason: { code: "PINNED_ACCEPT", rank: a.rank, note: pin.reason } });
  }

  // 3. Everyone else, best rank first.
  const blockedOf = new Map<string, Blocker[]>();
  for (const a of applicants) {
    const pin = pins.get(a.applicationId);
    if (pin?.decision === "ACCEPT") continue;
    if (pin?.decision === "REJECT") {
      decided.set(a.applicationId, { decision: "REJECTED", cohortId: null, reason: { code: "PINNED_REJECT", rank: a.rank, note: pin.reason } });
      continue;
    }
    if (pin?.decision === "WAITLIST") {
      decided.set(a.applicationId, { decision: "WAITLISTED", cohortId: null, reason: { code: "PINNED_WAITLIST", rank: a.rank, note: pin.reason } });
      continue;
    }
    const atPreferred = tryPlaceAtSite(bySite, a.preferredSiteId, a.sector);
    if (typeof atPreferred !== "string") {
      decided.set(a.applicationId, { decision: "ACCEPTED", cohortId: atPreferred.cohort.id, reason: { code: "PREFERRED", rank: a.rank } });
      continue;
    }
    const blockedBy: Blocker[] = [atPreferred];
    if (a.alternateSiteId !== null && a.alternateSiteId !== a.preferredSiteId) {
      const atAlternate = tryPlaceAtSite(bySite, a.alternateSiteId, a.sector);
      if (typeof atAlternate !== "string") {
        decided.set(a.applicationId, {
          decision: "ACCEPTED",
          cohortId: atAlternate.cohort.id,
          reason: { code: "ALTERNATE", rank: a.rank, preferredBlockedBy: atPreferred },
        });
        continue;
      }
      blockedBy.push(atAlternate);
    }
    blockedOf.set(a.applicationId, blockedBy);
  }

  // 4. Waitlist positions: everybody waitlisted, in rank order.
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
      return `${rank}, placed at preferred site`;
    case "ALTERNATE":
      return `${rank}, ${describeBlocker(reason.preferredBlockedBy, "preferred", sector)}, placed at alternate`;
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
