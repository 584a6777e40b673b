// Automatic reviewer assignment for one call (DESIGN.md §1, §2). Pure: the
// model layer (app/models/assignment.server.ts) gathers the facts, asks for a
// plan, and persists it.
//
// The rule, in order of precedence:
//  1. Hard constraints, never broken: inactive reviewers get no work; nobody
//     goes beyond maxLoad (counting currentLoad); a reviewer sits at most once
//     on an application (existing assignments included); a conflicted reviewer
//     (conflictBetween) is never assigned — unless an admin overrode that
//     detected conflict (only a shared email domain can be overridden).
//  2. Staff as many seats as possible: a greedy pass, then augmenting paths
//     (move a planned reviewer to another application to free someone
//     eligible) — together a maximum flow, so an application is reported
//     unstaffed only when no re-arrangement of this run's assignments could
//     staff it.
//  3. Spread load evenly: every open seat goes to an eligible reviewer with the
//     LOWEST resulting total load (absolute count, tolerance 0). Applications
//     are staffed one at a time, each taking the least-loaded distinct
//     reviewers, which keeps max − min load across reviewers at most 1 when
//     capacity and conflicts allow. The repair in rule 2 moves reviewers
//     between applications without changing their load, and gives the one new
//     seat to the least-loaded reviewer it can reach.
//  4. Expertise breaks ties among equally loaded reviewers: sector match
//     counts 2, preferred-site match 1, higher first.
//  5. Then more remaining capacity (maxLoad − load) first, then reviewer id.
//
// Applications are staffed most constrained first: least slack (eligible
// reviewers with room minus open seats), then fewest eligible, then id. Inputs
// are sorted by id first and ids are compared by code unit, so the same input
// in any array order gives the same plan.

export type AssignmentReviewer = {
  id: string;
  email: string;
  active: boolean;
  maxLoad: number;
  /** Open assignments elsewhere, including this call's existing ones. */
  currentLoad: number;
  sectors: string[];
  siteIds: string[];
};

export type AssignmentApplication = {
  id: string;
  sector: string | null;
  preferredSiteId: string | null;
  /** Every team member's email, the founder's included. */
  teamEmails: string[];
  /** Already assigned at this stage, any status except CONFLICT. */
  existingReviewerIds: string[];
  declaredConflictReviewerIds: string[];
  /** Reviewers whose detected conflict an admin overrode (OVERRIDABLE_CONFLICTS only); none if left out. */
  overriddenConflictReviewerIds?: string[];
};

/** Webmail and ISP domains: sharing one says nothing about sharing an employer. */
export const PUBLIC_EMAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "yahoo.fr",
  "hotmail.com",
  "hotmail.fr",
  "outlook.com",
  "outlook.fr",
  "live.com",
  "live.fr",
  "icloud.com",
  "me.com",
  "aol.com",
  "gmx.com",
  "gmx.fr",
  "proton.me",
  "protonmail.com",
  "menara.ma",
  "laposte.net",
  "orange.fr",
  "free.fr",
  "yandex.com",
  "mail.com",
]);

export type ConflictReason = "DECLARED" | "ON_TEAM" | "SAME_DOMAIN";

/**
 * The conflicts an admin may override, with a reason: a shared email domain says
 * the reviewer may work with a team member (a founder listing someone at a
 * staff address's domain puts every reviewer there in conflict). A reviewer on
 * the team, or one who declared a conflict, stays excluded.
 */
export const OVERRIDABLE_CONFLICTS: readonly ConflictReason[] = ["SAME_DOMAIN"];

export type UnstaffedReason = "NO_ELIGIBLE_REVIEWERS" | "ALL_AT_MAX_LOAD" | "CONFLICTS";

export type AssignmentPlan = {
  /** New assignments only, sorted by application id then reviewer id. */
  assignments: Array<{ applicationId: string; reviewerId: string; expertiseMatch: { sector: boolean; site: boolean } }>;
  /**
   * Applications left short, sorted by id. `needed` is the call's number of
   * reviewers per application; `assigned` is how many it has after the plan
   * (existing + new). The reason names what blocks the next seat.
   */
  unstaffed: Array<{ applicationId: string; needed: number; assigned: number; reason: UnstaffedReason; detail: string }>;
  /** Every input reviewer's resulting total load: currentLoad + new assignments. */
  loadByReviewer: Record<string, number>;
};

// ---------------------------------------------------------------- conflicts

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The domain of a normalized email, or null when it has none or it is a public webmail one. */
function organisationDomain(normalizedEmail: string): string | null {
  const at = normalizedEmail.lastIndexOf("@");
  if (at < 1 || at === normalizedEmail.length - 1) return null;
  const domain = normalizedEmail.slice(at + 1).replace(/\.$/, "");
  return domain && !PUBLIC_EMAIL_DOMAINS.has(domain) ? domain : null;
}

/** Same organisation: the same domain, or one a subdomain of the other (dev.ocp.ma ~ ocp.ma). */
function sameOrganisation(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

type PreparedTeam = {
  declared: ReadonlySet<string>;
  emails: ReadonlySet<string>;
  domains: readonly string[];
  overridden: ReadonlySet<string>;
};

type TeamFacts = Pick<AssignmentApplication, "teamEmails" | "declaredConflictReviewerIds" | "overriddenConflictReviewerIds">;

function prepareTeam(application: TeamFacts): PreparedTeam {
  const emails = new Set(application.teamEmails.map(normalizeEmail).filter(Boolean));
  const domains = [...new Set([...emails].map(organisationDomain).filter((d): d is string => d !== null))];
  return {
    declared: new Set(application.declaredConflictReviewerIds),
    emails,
    domains,
    overridden: new Set(application.overriddenConflictReviewerIds ?? []),
  };
}

function conflictWithTeam(
  reviewerId: string,
  reviewerEmail: string,
  reviewerDomain: string | null,
  team: PreparedTeam,
): ConflictReason | null {
  if (team.declared.has(reviewerId)) return "DECLARED";
  if (reviewerEmail && team.emails.has(reviewerEmail)) return "ON_TEAM";
  if (reviewerDomain !== null && team.domains.some((d) => sameOrganisation(d, reviewerDomain))) {
    // The one overridable conflict (OVERRIDABLE_CONFLICTS): an admin's override lifts it.
    return team.overridden.has(reviewerId) ? null : "SAME_DOMAIN";
  }
  return null;
}

/**
 * Why a reviewer may not review an application, or null. The first that
 * applies of: a declared conflict; the reviewer's email is a team member's
 * (case-insensitive); the reviewer's email domain is a team member's, or a
 * subdomain of it or vice versa — public webmail domains never count — unless
 * an admin overrode that conflict for this reviewer (overriddenConflictReviewerIds).
 */
export function conflictBetween(reviewer: Pick<AssignmentReviewer, "id" | "email">, application: TeamFacts): ConflictReason | null {
  const email = normalizeEmail(reviewer.email);
  return conflictWithTeam(reviewer.id, email, organisationDomain(email), prepareTeam(application));
}

// ---------------------------------------------------------------- planning

type Reviewer = {
  source: AssignmentReviewer;
  index: number;
  email: string;
  domain: string | null;
  sectors: ReadonlySet<string>;
  sites: ReadonlySet<string>;
  load: number;
  /** Applications (indices) this run assigns the reviewer to. */
  planned: Set<number>;
};

type Application = {
  source: AssignmentApplication;
  index: number;
  existing: ReadonlySet<string>;
  /** Seats this run should fill. */
  open: number;
  /** Conflict with each reviewer, by reviewer index. */
  conflicts: Array<ConflictReason | null>;
  /** Reviewers (indices, ascending id) that may ever be added: active, not conflicted, not already assigned. */
  eligible: number[];
  /** Reviewers (indices) this run assigns. */
  planned: Set<number>;
};

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function assertUniqueIds(items: ReadonlyArray<{ id: string }>, what: string) {
  for (let i = 1; i < items.length; i++) {
    if (items[i].id === items[i - 1].id) throw new Error(`planAssignments: duplicate ${what} id ${items[i].id}`);
  }
}

const hasRoom = (r: Reviewer) => r.source.active && r.load + 1 <= r.source.maxLoad;

function expertise(r: Reviewer, app: Application) {
  const { sector, preferredSiteId } = app.source;
  return { sector: sector !== null && r.sectors.has(sector), site: preferredSiteId !== null && r.sites.has(preferredSiteId) };
}

function expertiseScore(r: Reviewer, app: Application): number {
  const match = expertise(r, app);
  return (match.sector ? 2 : 0) + (match.site ? 1 : 0);
}

/** Whether `a` is a better pick than `b` for a seat on `app` (rules 3–5 above). */
function better(a: Reviewer, b: Reviewer, app: Application): boolean {
  if (a.load !== b.load) return a.load < b.load;
  const scoreA = expertiseScore(a, app);
  const scoreB = expertiseScore(b, app);
  if (scoreA !== scoreB) return scoreA > scoreB;
  const roomA = a.source.maxLoad - a.load;
  const roomB = b.source.maxLoad - b.load;
  if (roomA !== roomB) return roomA > roomB;
  return a.index < b.index;
}

function assign(r: Reviewer, app: Application) {
  app.planned.add(r.index);
  r.planned.add(app.index);
}

function unassign(r: Reviewer, app: Application) {
  app.planned.delete(r.index);
  r.planned.delete(app.index);
}

/**
 * Nodes a failed search visited: none of them can reach a reviewer with room.
 * They never can later either — an augmentation only changes edges along its
 * own path, whose nodes all reached room, so none was reachable from a dead
 * node — so every later search skips them.
 */
type DeadEnds = { applications: Set<number>; reviewers: Set<number> };

/**
 * One more seat for `start` by moving planned reviewers along a shortest chain
 * start ← r1 ← app1 ← r2 … ← rk, where rk has room: app1 gives r1 to start and
 * takes r2, and so on; only rk's load grows. Among reviewers with room at the
 * shortest distance, the least loaded wins, then the first reached (by id).
 */
function augment(start: Application, reviewers: Reviewer[], applications: Application[], dead: DeadEnds): boolean {
  if (dead.applications.has(start.index)) return false;
  const reachedFrom = new Map<number, Application>(); // reviewer index → application it would join
  const enteredThrough = new Map<number, Reviewer>(); // application index → planned reviewer it would give up
  const visited = new Set<number>([start.index]);
  let frontier: Application[] = [start];
  let best: Reviewer | null = null;
  while (frontier.length > 0 && !best) {
    const next: Application[] = [];
    for (const app of frontier) {
      for (const ri of app.eligible) {
        if (app.planned.has(ri) || reachedFrom.has(ri) || dead.reviewers.has(ri)) continue;
        const r = reviewers[ri];
        reachedFrom.set(ri, app);
        if (hasRoom(r)) {
          if (!best || r.load < best.load) best = r;
          continue;
        }
        for (const ai of [...r.planned].sort((x, y) => x - y)) {
          if (visited.has(ai) || dead.applications.has(ai)) continue;
          visited.add(ai);
          enteredThrough.set(ai, r);
          next.push(applications[ai]);
        }
      }
    }
    frontier = next;
  }
  if (!best) {
    for (const ai of visited) dead.applications.add(ai);
    for (const ri of reachedFrom.keys()) dead.reviewers.add(ri);
    return false;
  }
  let r = best;
  r.load += 1;
  for (;;) {
    const app = reachedFrom.get(r.index)!;
    assign(r, app);
    if (app === start) return true;
    const givenUp = enteredThrough.get(app.index)!;
    unassign(givenUp, app);
    r = givenUp;
  }
}

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

function explainShortfall(app: Application, reviewers: Reviewer[], needed: number, assigned: number) {
  const counts = { DECLARED: 0, ON_TEAM: 0, SAME_DOMAIN: 0 };
  let conflicted = 0;
  let full = 0;
  let inactive = 0;
  let alreadyOn = 0;
  for (const r of reviewers) {
    if (app.existing.has(r.source.id) || app.planned.has(r.index)) alreadyOn++;
    else if (!r.source.active) inactive++;
    else if (app.conflicts[r.index] !== null) {
      conflicted++;
      counts[app.conflicts[r.index]!]++;
    } else full++; // eligible but not picked: only possible when at max load
  }
  const head = `${assigned} of ${needed} reviewers assigned`;
  const conflictText = `${plural(conflicted, "conflict", "conflicts")} (declared ${counts.DECLARED}, on team ${counts.ON_TEAM}, same email domain ${counts.SAME_DOMAIN})`;
  if (full > 0) {
    const extra = conflicted > 0 ? `; ${conflictText} excluded others` : "";
    return {
      reason: "ALL_AT_MAX_LOAD" as const,
      detail: `${head}: ${plural(full, "eligible reviewer is", "eligible reviewers are")} at maximum load${extra}`,
    };
  }
  if (conflicted > 0) {
    return { reason: "CONFLICTS" as const, detail: `${head}: every other active reviewer is excluded by a conflict — ${conflictText}` };
  }
  const parts = [
    alreadyOn > 0 ? `${plural(alreadyOn, "reviewer is", "reviewers are")} already on it` : "",
    inactive > 0 ? `${plural(inactive, "reviewer is", "reviewers are")} inactive` : "",
  ].filter(Boolean);
  return {
    reason: "NO_ELIGIBLE_REVIEWERS" as const,
    detail: `${head}: no other active reviewer is available${parts.length > 0 ? ` (${parts.join("; ")})` : ""}`,
  };
}

/** Tops up every application to `reviewersPerApplication` (counting existing ones). */
export function planAssignments(input: {
  reviewersPerApplication: number;
  reviewers: AssignmentReviewer[];
  applications: AssignmentApplication[];
}): AssignmentPlan {
  const needed = input.reviewersPerApplication;
  if (!Number.isInteger(needed) || needed < 0)
    throw new RangeError(`planAssignments: reviewersPerApplication must be a non-negative integer, got ${needed}`);
  const sortedReviewers = [...input.reviewers].sort(byId);
  const sortedApplications = [...input.applications].sort(byId);
  assertUniqueIds(sortedReviewers, "reviewer");
  assertUniqueIds(sortedApplications, "application");

  const reviewers: Reviewer[] = sortedReviewers.map((source, index) => {
    const email = normalizeEmail(source.email);
    return {
      source,
      index,
      email,
      domain: organisationDomain(email),
      sectors: new Set(source.sectors),
      sites: new Set(source.siteIds),
      load: source.currentLoad,
      planned: new Set(),
    };
  });
  const applications: Application[] = sortedApplications.map((source, index) => {
    const team = prepareTeam(source);
    const existing = new Set(source.existingReviewerIds);
    const conflicts = reviewers.map((r) => conflictWithTeam(r.source.id, r.email, r.domain, team));
    const eligible = reviewers
      .filter((r) => r.source.active && !existing.has(r.source.id) && conflicts[r.index] === null)
      .map((r) => r.index);
    return { source, index, existing, open: Math.max(0, needed - existing.size), conflicts, eligible, planned: new Set() };
  });

  // Most constrained first: least slack, then fewest eligible with room, then id.
  const withRoom = new Map(applications.map((a) => [a.index, a.eligible.filter((ri) => hasRoom(reviewers[ri])).length]));
  const order = applications
    .filter((a) => a.open > 0)
    .sort((a, b) => {
      const ea = withRoom.get(a.index)!;
      const eb = withRoom.get(b.index)!;
      return ea - a.open - (eb - b.open) || ea - eb || a.index - b.index;
    });

  // Greedy: each application in turn takes its best reviewers, one seat at a time.
  for (const app of order) {
    while (app.planned.size < app.open) {
      let pick: Reviewer | null = null;
      for (const ri of app.eligible) {
        const r = reviewers[ri];
        if (app.planned.has(ri) || !hasRoom(r)) continue;
        if (!pick || better(r, pick, app)) pick = r;
      }
      if (!pick) break;
      assign(pick, app);
      pick.load += 1;
    }
  }

  // Repair: re-arrange to staff seats the greedy pass left open. An application
  // with no augmenting path never gains one later (see DeadEnds), so one pass
  // reaches the maximum (Ford–Fulkerson on applications → reviewers).
  const dead: DeadEnds = { applications: new Set(), reviewers: new Set() };
  for (const app of order) {
    while (app.planned.size < app.open && reviewers.some(hasRoom)) {
      if (!augment(app, reviewers, applications, dead)) break;
    }
  }

  const assignments: AssignmentPlan["assignments"] = [];
  const unstaffed: AssignmentPlan["unstaffed"] = [];
  for (const app of applications) {
    for (const ri of [...app.planned].sort((x, y) => x - y)) {
      const r = reviewers[ri];
      assignments.push({ applicationId: app.source.id, reviewerId: r.source.id, expertiseMatch: expertise(r, app) });
    }
    if (app.planned.size < app.open) {
      const assigned = app.existing.size + app.planned.size;
      unstaffed.push({ applicationId: app.source.id, needed, assigned, ...explainShortfall(app, reviewers, needed, assigned) });
    }
  }
  const loadByReviewer: Record<string, number> = {};
  for (const r of reviewers) loadByReviewer[r.source.id] = r.load;
  return { assignments, unstaffed, loadByReviewer };
}
