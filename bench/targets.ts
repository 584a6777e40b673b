// What the bench drives, as data: one entry per page or action, with the role
// it is requested as and the budgets (issue "npm run bench") that apply to it.
import { WIDE_QUESTION_COUNT, wideAnswersForm, type Fixtures } from "./setup.ts";

export type Role = "anonymous" | "founder" | "reviewer" | "admin";

export type Budget =
  /** p95 latency at this many connections, in ms. */
  | { kind: "p95"; connections: number; maxMs: number; label: string }
  /** Requests per second at this many connections, as a fraction of the floor's in the same run. */
  | { kind: "floor-throughput"; connections: number; minFraction: number; label: string }
  /** Server CPU time per response at this many connections, as a multiple of the floor's in the same run. */
  | { kind: "floor-cpu"; connections: number; maxMultiple: number; label: string };

export type Target = {
  id: string;
  label: string;
  role: Role;
  method: "GET" | "POST";
  path: (f: Fixtures) => string;
  /** urlencoded form body, for POST. */
  form?: (f: Fixtures) => Record<string, string>;
  /** What a correct answer looks like (checked once before the load). */
  expect: "html" | "json" | "csv";
  /** What else the probe's answer must show, or why it is wrong (null when right). */
  checkBody?: (body: string) => string | null;
  budgets: Budget[];
  /** Long responses: autocannon's per-request timeout, in seconds. */
  timeoutSeconds?: number;
  /** Connection settings to run (default: all of config.connections). */
  connections?: readonly number[];
  /** A page or action whose throughput and CPU per response are stated relative to the floor's. */
  comparedWithFloor?: boolean;
};

// Issue 13: every page at least half the floor's throughput at 10 connections and at
// most twice its CPU per response (both measured in the same run), and p95 ≤ 20 ms
// at 1 connection. The autosave: half the floor's throughput too.
const P95: Budget = { kind: "p95", connections: 1, maxMs: 20, label: "p95 ≤ 20 ms @1" };
const FLOOR_THROUGHPUT: Budget = { kind: "floor-throughput", connections: 10, minFraction: 0.5, label: "≥ 0.5 × floor req/s @10" };
const FLOOR_CPU: Budget = { kind: "floor-cpu", connections: 10, maxMultiple: 2, label: "≤ 2 × floor CPU/req @10" };
const PAGE_BUDGETS: Budget[] = [P95, FLOOR_THROUGHPUT, FLOOR_CPU];

const list = (id: string, label: string, query: (f: Fixtures) => Record<string, string>): Target => ({
  id,
  label,
  role: "admin",
  method: "GET",
  path: (f) => `/admin/applications?${new URLSearchParams({ call: f.call.slug, ...query(f) })}`,
  expect: "html",
  budgets: PAGE_BUDGETS,
  comparedWithFloor: true,
});

export const TARGETS: Target[] = [
  {
    id: "landing",
    label: "Landing page (anonymous)",
    role: "anonymous",
    method: "GET",
    path: () => "/",
    expect: "html",
    budgets: PAGE_BUDGETS,
    comparedWithFloor: true,
  },
  {
    id: "founder-dashboard",
    label: "Founder dashboard",
    role: "founder",
    method: "GET",
    path: () => "/founder",
    expect: "html",
    budgets: PAGE_BUDGETS,
    comparedWithFloor: true,
  },
  {
    id: "founder-application",
    label: "Founder application page",
    role: "founder",
    method: "GET",
    path: (f) => `/founder/applications/${f.founder.draftId}`,
    expect: "html",
    budgets: PAGE_BUDGETS,
    comparedWithFloor: true,
  },
  {
    id: "reviewer-queue",
    label: "Reviewer queue",
    role: "reviewer",
    method: "GET",
    path: () => "/reviewer",
    expect: "html",
    budgets: PAGE_BUDGETS,
    comparedWithFloor: true,
  },
  {
    id: "reviewer-assignment",
    label: "Reviewer scoring page",
    role: "reviewer",
    method: "GET",
    path: (f) => `/reviewer/assignments/${f.reviewer.assignmentId}`,
    expect: "html",
    budgets: PAGE_BUDGETS,
    comparedWithFloor: true,
  },
  list("admin-list", "Admin list, first page", () => ({})),
  list("admin-list-deep", "Admin list, deep page", (f) => ({ page: String(f.deepPage) })),
  list("admin-list-filtered", "Admin list, status + sector", () => ({ status: "REVIEW", sector: "GREEN_TECH" })),
  list("admin-list-search", "Admin list, text search", (f) => ({ q: f.searchTerm })),
  // Issue 15: the demo call's yes/no question, named by its key as an admin's URL names it; the filter is an
  // EXISTS on AnswerChoice's primary key. A call without that question ignores the filter (and says so on the
  // page): the seed (prisma/seed/questions.ts) must give the open call `has_prototype`, or this measures the
  // unfiltered list.
  {
    ...list("admin-list-answer", "Admin list, filtered by an answer", () => ({ answer: "has_prototype:yes" })),
    checkBody: (body) =>
      /<option value="has_prototype:yes" selected="">/.test(body)
        ? null
        : "the list did not apply the answer filter has_prototype:yes (does the seed's open call ask has_prototype?)",
  },
  {
    id: "admin-application",
    label: "Admin application page",
    role: "admin",
    method: "GET",
    path: (f) => `/admin/applications/${f.reviewedApplicationId}`,
    expect: "html",
    budgets: PAGE_BUDGETS,
    comparedWithFloor: true,
  },
  {
    id: "allocation-preview",
    label: "Allocation preview (whole call)",
    role: "admin",
    method: "GET",
    path: (f) => `/admin/calls/${f.call.id}/allocation`,
    expect: "html",
    budgets: [{ kind: "p95", connections: 1, maxMs: 1000, label: "p95 ≤ 1 s @1" }],
    timeoutSeconds: 60,
  },
  {
    // Issue 17: the network's figures over 20,000 followed projects with 5 check-ins each (bench/follow-up-fixture.ts).
    id: "outcomes",
    label: "Outcomes dashboard, 20,000 followed projects",
    role: "admin",
    method: "GET",
    path: () => "/admin/outcomes",
    expect: "html",
    checkBody: (body) => {
      const followed = Number(/id="outcomes-figures".*?<dd>([^<]*)<\/dd>/s.exec(body)?.[1]?.replace(/\D/g, "") ?? "0");
      return followed >= 20_000 ? null : `the dashboard counts ${followed} followed projects, not the fixture's 20,000`;
    },
    budgets: [{ kind: "p95", connections: 1, maxMs: 300, label: "p95 ≤ 300 ms @1" }],
    connections: [1],
  },
  {
    id: "csv-export",
    label: "CSV export, all applications",
    role: "admin",
    method: "GET",
    path: (f) => `/admin/calls/${f.call.id}/applications.csv`,
    expect: "csv",
    // Its budget (≤ 3 s, ≤ 100 MB of server memory) is checked on single timed downloads: see csv.ts.
    // Ten concurrent exports of several seconds each would not finish within a run: one connection only.
    budgets: [],
    timeoutSeconds: 120,
    connections: [1],
  },
  {
    id: "draft-autosave",
    label: "Draft autosave (POST)",
    role: "founder",
    method: "POST",
    path: (f) => `/founder/applications/${f.founder.draftId}/autosave`,
    form: () => ({
      projectName: "Banc d'essai",
      tagline: "Une plateforme qui mesure la charge que supporte Tremplin.",
      problem: "Les candidatures arrivent toutes la dernière semaine et le serveur doit tenir la charge.",
      stage: "MVP",
    }),
    expect: "json",
    budgets: [P95, FLOOR_THROUGHPUT],
    comparedWithFloor: true,
  },
  {
    // Issue 15: a call's own questions, 30 of them answered at once, kept within the autosave's p95 budget.
    id: "draft-autosave-30",
    label: `Draft autosave, ${WIDE_QUESTION_COUNT} call questions (POST)`,
    role: "founder",
    method: "POST",
    path: (f) => `/founder/applications/${f.founder.wideDraftId}/autosave`,
    form: () => wideAnswersForm(),
    expect: "json",
    checkBody: (body) => {
      const errors = (JSON.parse(body) as { errors?: Record<string, string> }).errors ?? {};
      return Object.keys(errors).length === 0 ? null : `answers refused: ${JSON.stringify(errors)}`;
    },
    budgets: [P95],
    connections: [1],
  },
];

/** Checks measured their own way rather than as a target under autocannon (see big-posts.ts). */
export const SPECIAL_CHECKS = ["big-posts"] as const;

export function selectTargets(only: readonly string[]): Target[] {
  if (only.length === 0) return TARGETS;
  const known = [...TARGETS.map((t) => t.id), ...SPECIAL_CHECKS];
  const unknown = only.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new Error(`unknown BENCH_TARGETS: ${unknown.join(", ")} (known: ${known.join(", ")})`);
  return TARGETS.filter((t) => only.includes(t.id));
}

/** Whether a special check runs: always in a full run, else when BENCH_TARGETS names it. */
export function selectsCheck(only: readonly string[], id: (typeof SPECIAL_CHECKS)[number]): boolean {
  return only.length === 0 || only.includes(id);
}
