// Interview jury panels for one pitch day (issue 19, point 2). Pure: the model
// layer gathers the day's panels (the half-day each sits and the projects it
// hears) and the invited jurors' availability, asks for a proposal, and shows
// it to an admin, who may edit it before saving.
//
// The rules, in order of precedence:
//  1. Hard, never broken: a juror sits only in a half-day they said they can
//     attend, on at most one panel per half-day, never on a panel hearing a
//     project they have a conflict with (conflictBetween, the review rule:
//     declared, on the team, same organisation unless overridden), and a panel
//     never has more than maxPerPanel jurors.
//  2. Every panel has at least minPerPanel jurors when any arrangement allows
//     it: a greedy pass, then augmenting paths (move a seated juror to another
//     panel of the same half-day to free someone) — a maximum flow, so a panel
//     is reported short (TOO_FEW_JURORS) only when no re-arrangement of the
//     day could staff it.
//  3. Every sector of a panel's projects is covered by at least one of its
//     jurors' expertise, as far as the local search below can arrange it;
//     a sector left uncovered is reported (SECTOR_UNCOVERED).
//  4. Load — the projects a juror hears over the day — is balanced: the
//     difference between the most and the least loaded available juror (one
//     who could sit on some panel) is made small; then as few available jurors
//     as possible are left without a panel (they kept the day free); then the
//     sum of squared loads is made small, which spreads equal work over more
//     people and never adds a seat that does not even loads out.
//
// Rules 2–4 are a lexicographic objective (seats missing, sectors uncovered,
// load spread, idle jurors, sum of squared loads). After the greedy pass and
// the augmenting paths, a local search applies, panel by panel, the best
// strictly improving move among: add a free juror; swap a panel's juror for a
// free one; move a juror between two panels of a half-day; exchange two jurors
// between panels of a half-day; relay (a juror moves to a panel lacking their
// sector while a free juror takes their seat). It stops when no move improves
// the objective, so every juror left off a panel has a reason
// (PanelExclusion), BALANCE meaning "adding them would not even loads out".
// When only availability constrains (no conflicts, every juror an expert in
// every sector), no swap or exchange can then narrow the spread, which keeps the
// loads of seated jurors within the largest panel's project count of each
// other; conflicts and sectors can force a wider spread.
//
// Inputs are sorted by id first and ids are compared by code unit, so the same
// input in any array order gives the same proposal. 40 panels × 60 jurors take
// about 10 ms once the code is compiled.

import { conflictBetween, type AssignmentApplication, type AssignmentReviewer, type ConflictReason } from "./assignment.ts";

export const HALF_DAYS = ["AM", "PM"] as const;
export type HalfDay = (typeof HALF_DAYS)[number];

/** The panel sizes an admin may ask for: below 2 nobody can disagree, above 5 a pitch becomes a hearing. */
export const PANEL_SIZE_LIMITS = { min: 2, max: 5 } as const;

export type PanelOptions = { minPerPanel: number; maxPerPanel: number };

export const DEFAULT_PANEL_OPTIONS: PanelOptions = { minPerPanel: PANEL_SIZE_LIMITS.min, maxPerPanel: PANEL_SIZE_LIMITS.max };

/** A project a panel hears: its sector, and the facts conflictBetween needs. */
export type PanelProject = Pick<
  AssignmentApplication,
  "id" | "sector" | "teamEmails" | "declaredConflictReviewerIds" | "overriddenConflictReviewerIds"
>;

export type PanelToFill = { id: string; halfDay: HalfDay; projects: PanelProject[] };

/** A reviewer invited to the interview stage, with the half-days of this day they can attend. */
export type PanelJuror = Pick<AssignmentReviewer, "id" | "email" | "sectors"> & { availability: HalfDay[] };

/** Why a juror is not on a panel: the first that applies, in this order. */
export type PanelExclusion =
  /** The juror cannot attend the panel's half-day. */
  | { code: "UNAVAILABLE" }
  /** The juror has a conflict with a project the panel hears (the first by project id). */
  | { code: "CONFLICT"; projectId: string; conflict: ConflictReason }
  /** The juror sits on another panel in the same half-day. */
  | { code: "OTHER_PANEL"; panelId: string }
  /** The panel already has maxPerPanel jurors. */
  | { code: "PANEL_FULL" }
  /** The juror could sit, but adding them would not even the loads out; `load` is what they hear over the day. */
  | { code: "BALANCE"; load: number };

/** What a panel lacks: reported, never thrown, so an admin sees the whole day and fixes it by hand. */
export type PanelProblem = { code: "TOO_FEW_JURORS"; needed: number; found: number } | { code: "SECTOR_UNCOVERED"; sector: string };

export type PanelProposal = {
  /** Every input panel, sorted by id; jurorIds sorted; problems: TOO_FEW_JURORS first, then uncovered sectors by name. */
  panels: Array<{ panelId: string; halfDay: HalfDay; jurorIds: string[]; problems: PanelProblem[] }>;
  /** One per (panel, juror) where the juror is not on the panel, sorted by panel id then juror id. */
  explanations: Array<{ panelId: string; jurorId: string; reason: PanelExclusion }>;
  /** Every input juror's load: the number of projects heard over the day. */
  loadByJuror: Record<string, number>;
};

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function assertUniqueIds(sorted: ReadonlyArray<{ id: string }>, what: string) {
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].id === sorted[i - 1].id) throw new Error(`proposePanels: duplicate ${what} id ${sorted[i].id}`);
  }
}

function validateOptions({ minPerPanel, maxPerPanel }: PanelOptions) {
  const { min, max } = PANEL_SIZE_LIMITS;
  if (
    !Number.isInteger(minPerPanel) ||
    !Number.isInteger(maxPerPanel) ||
    minPerPanel < min ||
    maxPerPanel > max ||
    minPerPanel > maxPerPanel
  ) {
    throw new RangeError(`proposePanels: need integers ${min} ≤ minPerPanel ≤ maxPerPanel ≤ ${max}, got ${minPerPanel} and ${maxPerPanel}`);
  }
}

const halfIndex = (halfDay: string): number => {
  const h = (HALF_DAYS as readonly string[]).indexOf(halfDay);
  if (h < 0) throw new RangeError(`proposePanels: unknown half-day ${halfDay}`);
  return h;
};

/** One seat change: juror j joins (d = 1) or leaves (d = -1) panel p. */
type Change = { p: number; j: number; d: number };

/** Enough for any real day (a few hundred moves at 40 × 60); only a guard against a bug looping forever. */
const MOVE_LIMIT = 100_000;

/** Proposes the jurors of each of one day's panels (see the rules above). */
export function proposePanels(input: { panels: PanelToFill[]; jurors: PanelJuror[]; options?: PanelOptions }): PanelProposal {
  const options = input.options ?? DEFAULT_PANEL_OPTIONS;
  validateOptions(options);
  const { minPerPanel: min, maxPerPanel: max } = options;
  const panels = [...input.panels].sort(byId);
  const jurors = [...input.jurors].sort(byId);
  assertUniqueIds(panels, "panel");
  assertUniqueIds(jurors, "juror");
  const P = panels.length;
  const J = jurors.length;
  const H = HALF_DAYS.length;

  // ---- facts, computed once
  const half = panels.map((panel) => halfIndex(panel.halfDay));
  const projects = panels.map((panel) => {
    const sorted = [...panel.projects].sort(byId);
    assertUniqueIds(sorted, `project (panel ${panel.id})`);
    return sorted;
  });
  const weight = projects.map((list) => list.length);
  const sectorNames = [...new Set(projects.flat().flatMap((project) => (project.sector ? [project.sector] : [])))].sort();
  const S = sectorNames.length;
  const sectorIndex = new Map(sectorNames.map((s, i) => [s, i]));
  /** Per panel, the sectors (indices, by name) its projects need covered. */
  const required = projects.map((list) =>
    [...new Set(list.flatMap((project) => (project.sector ? [sectorIndex.get(project.sector)!] : [])))].sort((a, b) => a - b),
  );
  const expert = new Uint8Array(J * S);
  const available = new Uint8Array(J * H);
  jurors.forEach((juror, j) => {
    for (const s of juror.sectors) {
      const i = sectorIndex.get(s);
      if (i !== undefined) expert[j * S + i] = 1;
    }
    for (const halfDay of juror.availability) available[j * H + halfIndex(halfDay)] = 1;
  });
  const conflictAt: Array<{ projectId: string; conflict: ConflictReason } | null> = new Array(P * J).fill(null);
  const eligible = new Uint8Array(P * J);
  /** Per panel, the jurors (ascending id) who may sit on it: available that half-day, no conflict. */
  const eligibleJurors: number[][] = [];
  for (let p = 0; p < P; p++) {
    const list: number[] = [];
    for (let j = 0; j < J; j++) {
      if (!available[j * H + half[p]]) continue;
      for (const project of projects[p]) {
        const conflict = conflictBetween(jurors[j], project);
        if (conflict !== null) {
          conflictAt[p * J + j] = { projectId: project.id, conflict };
          break;
        }
      }
      if (conflictAt[p * J + j] === null) {
        eligible[p * J + j] = 1;
        list.push(j);
      }
    }
    eligibleJurors.push(list);
  }
  /** Jurors who could sit somewhere: the ones whose load counts for balance. */
  const counted = new Uint8Array(J);
  for (const list of eligibleJurors) for (const j of list) counted[j] = 1;
  const panelsOfHalf: number[][] = HALF_DAYS.map((_, h) => panels.map((_p, p) => p).filter((p) => half[p] === h));

  // ---- state
  const member = new Uint8Array(P * J);
  const members: number[][] = panels.map(() => []);
  const seat = new Int32Array(J * H).fill(-1); // the panel a juror sits on, per half-day; -1 when free
  const size = new Int32Array(P);
  const cover = required.map((req) => new Int32Array(req.length)); // jurors covering each required sector
  const uncovered = Int32Array.from(required, (req) => req.length);
  const load = new Int32Array(J);
  const seats = new Int32Array(J);
  const histogram = new Map<number, number>(); // load → counted jurors at it
  let counts = 0;
  for (let j = 0; j < J; j++) counts += counted[j];
  if (counts > 0) histogram.set(0, counts);
  let sortedLoads = [...histogram.keys()];
  let spread = 0;

  const isFree = (j: number, h: number) => seat[j * H + h] === -1;

  function seatChange(p: number, j: number, d: number) {
    const req = required[p];
    for (let i = 0; i < req.length; i++) {
      if (!expert[j * S + req[i]]) continue;
      if (d === 1 && cover[p][i] === 0) uncovered[p]--;
      if (d === -1 && cover[p][i] === 1) uncovered[p]++;
      cover[p][i] += d;
    }
    size[p] += d;
    if (d === 1) {
      member[p * J + j] = 1;
      members[p].push(j);
      members[p].sort((a, b) => a - b);
      seat[j * H + half[p]] = p;
    } else {
      member[p * J + j] = 0;
      members[p].splice(members[p].indexOf(j), 1);
      seat[j * H + half[p]] = -1;
    }
    seats[j] += d;
    const next = load[j] + d * weight[p];
    if (counted[j]) {
      const left = histogram.get(load[j])! - 1;
      if (left === 0) histogram.delete(load[j]);
      else histogram.set(load[j], left);
      histogram.set(next, (histogram.get(next) ?? 0) + 1);
    }
    load[j] = next;
  }

  function apply(changes: readonly Change[]) {
    // Leaving first, so a juror's half-day is free before they join elsewhere.
    for (const c of changes) if (c.d === -1) seatChange(c.p, c.j, -1);
    for (const c of changes) if (c.d === 1) seatChange(c.p, c.j, 1);
    sortedLoads = [...histogram.keys()].sort((a, b) => a - b);
    spread = sortedLoads.length > 0 ? sortedLoads[sortedLoads.length - 1] - sortedLoads[0] : 0;
  }

  const coversUncovered = (p: number, j: number) => {
    let n = 0;
    for (let i = 0; i < required[p].length; i++) if (cover[p][i] === 0 && expert[j * S + required[p][i]]) n++;
    return n;
  };
  const expertiseFor = (p: number, j: number) => {
    let n = 0;
    for (const s of required[p]) n += expert[j * S + s];
    return n;
  };

  // ---- greedy: heaviest panels first (they weigh most on balance), then fewest eligible jurors, then id
  const order = panels
    .map((_p, p) => p)
    .sort((a, b) => weight[b] - weight[a] || eligibleJurors[a].length - eligibleJurors[b].length || a - b);
  for (const p of order) {
    const h = half[p];
    // Cover the sectors first: the least loaded expert, then the one covering more, then id.
    for (;;) {
      let pick = -1;
      let pickCovers = 0;
      for (const j of eligibleJurors[p]) {
        if (!isFree(j, h) || size[p] >= max) continue;
        const covers = coversUncovered(p, j);
        if (covers === 0) continue;
        if (pick === -1 || load[j] < load[pick] || (load[j] === load[pick] && covers > pickCovers)) {
          pick = j;
          pickCovers = covers;
        }
      }
      if (pick === -1) break;
      apply([{ p, j: pick, d: 1 }]);
    }
    // Then up to the minimum: the least loaded, then more expertise in the panel's sectors, then id.
    while (size[p] < min) {
      let pick = -1;
      for (const j of eligibleJurors[p]) {
        if (!isFree(j, h)) continue;
        if (pick === -1 || load[j] < load[pick] || (load[j] === load[pick] && expertiseFor(p, j) > expertiseFor(p, pick))) pick = j;
      }
      if (pick === -1) break;
      apply([{ p, j: pick, d: 1 }]);
    }
  }

  // ---- augmenting paths: seats up to the minimum, as many as any arrangement allows
  /**
   * One more seat for `start` along a shortest chain start ← j1 (leaves q1) ←
   * j2 (leaves q2) … ← jk, where jk is free that half-day or leaves a panel
   * above the minimum; every juror moves within the half-day. Panels with room
   * below the minimum and free or surplus jurors are the two sides of a
   * bipartite matching: when no chain exists, no arrangement staffs more seats.
   */
  function augment(start: number): boolean {
    const h = half[start];
    const from = new Int32Array(P).fill(-2); // the panel a reached panel gives its juror to; -1 for start, -2 unvisited
    const via = new Int32Array(P).fill(-1); // the juror a reached panel gives up
    from[start] = -1;
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
      const x = queue[head];
      for (const j of eligibleJurors[x]) {
        if (member[x * J + j]) continue;
        const y = seat[j * H + h];
        if (y !== -1 && from[y] !== -2) continue;
        if (y === -1 || size[y] > min) {
          const changes: Change[] = [{ p: x, j, d: 1 }];
          if (y !== -1) changes.push({ p: y, j, d: -1 });
          for (let cur = x; from[cur] !== -1; cur = from[cur]) {
            changes.push({ p: cur, j: via[cur], d: -1 }, { p: from[cur], j: via[cur], d: 1 });
          }
          apply(changes);
          return true;
        }
        from[y] = x;
        via[y] = j;
        queue.push(y);
      }
    }
    return false;
  }
  for (const p of order) {
    while (size[p] < min && augment(p));
  }

  // ---- local search
  // A candidate move is written into these buffers (at most 4 seat changes)
  // and scored without allocating: tens of thousands are scored per proposal.
  const moveP = new Int32Array(4);
  const moveJ = new Int32Array(4);
  const moveD = new Int32Array(4);
  let moveN = 0;
  const olds = new Int32Array(4); // counted jurors' loads before the move…
  const news = new Int32Array(4); // …and after
  /** The objective's change: seats missing, sectors uncovered, load spread, idle jurors, Σ load². */
  const trial = new Float64Array(5);
  const best = new Float64Array(5);
  let bestMove: Change[] | null = null;

  const remainingAt = (v: number, n: number) => {
    let left = histogram.get(v)!;
    for (let i = 0; i < n; i++) if (olds[i] === v) left--;
    return left;
  };

  /** Max − min load over counted jurors once the first n of `olds` become `news`. */
  function spreadAfter(n: number): number {
    if (n === 0) return spread;
    let hi = -Infinity;
    for (let i = sortedLoads.length - 1; i >= 0; i--) {
      if (remainingAt(sortedLoads[i], n) > 0) {
        hi = sortedLoads[i];
        break;
      }
    }
    let lo = Infinity;
    for (let i = 0; i < sortedLoads.length; i++) {
      if (remainingAt(sortedLoads[i], n) > 0) {
        lo = sortedLoads[i];
        break;
      }
    }
    for (let i = 0; i < n; i++) {
      hi = Math.max(hi, news[i]);
      lo = Math.min(lo, news[i]);
    }
    return hi - lo;
  }

  /** Scores the move in the buffers (the caller checks it is allowed) and keeps it if it beats the best so far. */
  function consider() {
    let dShort = 0;
    let dUncovered = 0;
    for (let a = 0; a < moveN; a++) {
      const p = moveP[a];
      let seen = false;
      for (let b = 0; b < a && !seen; b++) seen = moveP[b] === p;
      if (seen) continue;
      let next = size[p];
      for (let c = 0; c < moveN; c++) if (moveP[c] === p) next += moveD[c];
      dShort += Math.max(0, min - next) - Math.max(0, min - size[p]);
      const req = required[p];
      for (let i = 0; i < req.length; i++) {
        let n = cover[p][i];
        for (let c = 0; c < moveN; c++) if (moveP[c] === p && expert[moveJ[c] * S + req[i]]) n += moveD[c];
        if (n === 0 && cover[p][i] > 0) dUncovered++;
        else if (n > 0 && cover[p][i] === 0) dUncovered--;
      }
    }
    let dIdle = 0;
    let dSumSq = 0;
    let moved = 0;
    for (let a = 0; a < moveN; a++) {
      const j = moveJ[a];
      let seen = false;
      for (let b = 0; b < a && !seen; b++) seen = moveJ[b] === j;
      if (seen) continue;
      let nextLoad = load[j];
      let nextSeats = seats[j];
      for (let c = 0; c < moveN; c++) {
        if (moveJ[c] !== j) continue;
        nextLoad += moveD[c] * weight[moveP[c]];
        nextSeats += moveD[c];
      }
      dSumSq += nextLoad * nextLoad - load[j] * load[j];
      if (counted[j]) {
        dIdle += (nextSeats === 0 ? 1 : 0) - (seats[j] === 0 ? 1 : 0);
        if (nextLoad !== load[j]) {
          olds[moved] = load[j];
          news[moved] = nextLoad;
          moved++;
        }
      }
    }
    trial[0] = dShort;
    trial[1] = dUncovered;
    trial[2] = spreadAfter(moved) - spread;
    trial[3] = dIdle;
    trial[4] = dSumSq;
    for (let i = 0; i < 5; i++) {
      if (trial[i] === best[i]) continue;
      if (trial[i] < best[i]) {
        best.set(trial);
        bestMove = Array.from({ length: moveN }, (_, c) => ({ p: moveP[c], j: moveJ[c], d: moveD[c] }));
      }
      return;
    }
  }

  /** Writes seat change c of the candidate move; the last one also gives the number of changes. */
  function write(c: number, p: number, j: number, d: number, count = 0) {
    moveP[c] = p;
    moveJ[c] = j;
    moveD[c] = d;
    if (count > 0) moveN = count;
  }

  /**
   * Whether handing `d` projects from juror k to juror j lowers Σ load². When
   * it does not, the pair ends at least as far apart, so neither the spread
   * nor Σ load² can improve: such a swap or exchange can only help by covering
   * a sector or by seating an idle juror.
   */
  const evensOut = (k: number, j: number, d: number) => d * (load[k] - load[j] - d) > 0;

  /** The best strictly improving move touching panel p, or null. */
  function bestMoveFor(p: number): Change[] | null {
    const h = half[p];
    best.fill(0);
    bestMove = null;
    const free = eligibleJurors[p].filter((j) => isFree(j, h));
    // Add a free juror.
    if (size[p] < max) {
      for (const j of free) {
        write(0, p, j, 1, 1);
        consider();
      }
    }
    // Swap a member for a free juror.
    for (const k of members[p]) {
      for (const j of free) {
        if (uncovered[p] === 0 && seats[j] > 0 && seats[k] > 1 && !evensOut(k, j, weight[p])) continue;
        write(0, p, k, -1);
        write(1, p, j, 1, 2);
        consider();
      }
    }
    for (const q of panelsOfHalf[h]) {
      if (q === p) continue;
      for (const j of members[q]) {
        if (!eligible[p * J + j]) continue;
        // Move j from q to p.
        if (size[p] < max) {
          write(0, q, j, -1);
          write(1, p, j, 1, 2);
          consider();
        }
        // Exchange j (on q) with k (on p).
        for (const k of members[p]) {
          if (!eligible[q * J + k]) continue;
          if (uncovered[p] === 0 && uncovered[q] === 0 && !evensOut(k, j, weight[p] - weight[q])) continue;
          write(0, q, j, -1);
          write(1, p, k, -1);
          write(2, p, j, 1);
          write(3, q, k, 1, 4);
          consider();
        }
        // Relay: j brings a sector p lacks, a free juror f takes j's seat on q.
        if (size[p] < max && coversUncovered(p, j) > 0) {
          for (const f of eligibleJurors[q]) {
            if (!isFree(f, h)) continue;
            write(0, q, j, -1);
            write(1, p, j, 1);
            write(2, q, f, 1, 3);
            consider();
          }
        }
      }
    }
    return bestMove;
  }

  let moves = 0;
  for (let improved = true; improved && moves < MOVE_LIMIT;) {
    improved = false;
    for (let p = 0; p < P && moves < MOVE_LIMIT; p++) {
      for (let move = bestMoveFor(p); move && moves < MOVE_LIMIT; move = bestMoveFor(p)) {
        apply(move);
        moves++;
        improved = true;
      }
    }
  }

  // ---- the proposal
  const explanations: PanelProposal["explanations"] = [];
  const result = panels.map((panel, p) => {
    const h = half[p];
    for (let j = 0; j < J; j++) {
      if (member[p * J + j]) continue;
      const conflict = conflictAt[p * J + j];
      const other = seat[j * H + h];
      const reason: PanelExclusion = !available[j * H + h]
        ? { code: "UNAVAILABLE" }
        : conflict
          ? { code: "CONFLICT", ...conflict }
          : other !== -1
            ? { code: "OTHER_PANEL", panelId: panels[other].id }
            : size[p] >= max
              ? { code: "PANEL_FULL" }
              : { code: "BALANCE", load: load[j] };
      explanations.push({ panelId: panel.id, jurorId: jurors[j].id, reason });
    }
    const problems: PanelProblem[] = [];
    if (size[p] < min) problems.push({ code: "TOO_FEW_JURORS", needed: min, found: size[p] });
    required[p].forEach((s, i) => {
      if (cover[p][i] === 0) problems.push({ code: "SECTOR_UNCOVERED", sector: sectorNames[s] });
    });
    return { panelId: panel.id, halfDay: panel.halfDay, jurorIds: members[p].map((j) => jurors[j].id), problems };
  });
  const loadByJuror: Record<string, number> = {};
  jurors.forEach((juror, j) => (loadByJuror[juror.id] = load[j]));
  return { panels: result, explanations, loadByJuror };
}
