// Budget checks and the reports: bench/results.json, bench/results.md (also
// printed), and the README's copy between its bench markers when it has them.
import fs from "node:fs";
import path from "node:path";
import type { RouteBundle } from "./bundle.ts";
import { config, type machine } from "./config.ts";
import { BIG_POSTS, type BigPostsResult } from "./big-posts.ts";
import type { Check, FloorPhase, FloorReference, Relative } from "./budgets.ts";
import type { CsvResult } from "./csv.ts";
import type { LoadResult } from "./load.ts";
import type { MemoryReport } from "./server.ts";
import type { Fixtures } from "./setup.ts";

export type { Check, Verdict } from "./budgets.ts";

export const CSV_MAX_MS = 3000;
export const CSV_MAX_GROWTH_MB = 100;
export const FOUNDER_JS_MAX_KB = 150;
/** Issue 13: the whole server (primary and workers) stays under this resident memory. */
export const SERVER_MAX_RSS_MB = 400;

export type RunRow = LoadResult & Relative & { label: string; comparedWithFloor: boolean; checks: Check[] };
export type FloorRunRow = LoadResult & { phase: FloorPhase; checks: Check[] };

export function checkCsv(csv: CsvResult, expectedRows: number): Check[] {
  return [
    {
      subject: "CSV export",
      budget: `≤ ${CSV_MAX_MS / 1000} s (median of ${csv.downloads.length})`,
      measured: `${csv.medianMs} ms`,
      verdict: csv.medianMs <= CSV_MAX_MS ? "PASS" : "FAIL",
    },
    {
      subject: "CSV export",
      budget: `server memory +≤ ${CSV_MAX_GROWTH_MB} MB`,
      measured: `+${csv.maxGrowthMb} MB`,
      verdict: csv.maxGrowthMb <= CSV_MAX_GROWTH_MB ? "PASS" : "FAIL",
    },
    {
      subject: "CSV export",
      budget: `every application past draft (${expectedRows})`,
      measured: `${csv.rows} rows`,
      verdict: csv.rows === expectedRows ? "PASS" : "FAIL",
    },
  ];
}

export function checkBigPosts(result: BigPostsResult): Check[] {
  const subject = `${BIG_POSTS.concurrent} concurrent 100 MB posts`;
  const refused = result.statuses["413"] ?? 0;
  return [
    {
      subject,
      budget: `each server process +≤ ${BIG_POSTS.maxGrowthMb} MB`,
      measured: `+${result.maxProcessGrowthMb} MB`,
      verdict: result.maxProcessGrowthMb <= BIG_POSTS.maxGrowthMb ? "PASS" : "FAIL",
    },
    {
      subject,
      budget: `landing p95 < ${BIG_POSTS.landingP95Ms} ms @1, 0 errors`,
      measured: `p95 ${result.landing.p95} ms, ${result.landing.errors} errors`,
      verdict: result.landing.p95 < BIG_POSTS.landingP95Ms && result.landing.errors === 0 && result.landing.requests > 0 ? "PASS" : "FAIL",
    },
    // A client that keeps sending after the early 413 may see the connection closed before it reads the answer.
    {
      subject,
      budget: "none read: each answered 413 or cut off",
      measured: `${refused} answered 413, ${result.posts - refused} cut off without an answer read, ${result.posts - result.cutShort} sent whole`,
      verdict:
        result.posts > 0 && Object.keys(result.statuses).every((s) => s === "413" || s === "0") && result.cutShort === result.posts
          ? "PASS"
          : "FAIL",
    },
  ];
}

export function checkBundles(bundles: RouteBundle[]): Check[] {
  return bundles
    .filter((b) => b.founderPage)
    .map((b) => ({
      subject: `JS ${b.route}`,
      budget: `≤ ${FOUNDER_JS_MAX_KB} KB gzip`,
      measured: `${b.gzipKb} KB`,
      verdict: b.gzipKb <= FOUNDER_JS_MAX_KB ? "PASS" : "FAIL",
    }));
}

export type Report = {
  date: string;
  machine: ReturnType<typeof machine>;
  settings: {
    seconds: number;
    warmupSeconds: number;
    connections: readonly number[];
    applications: number;
    reused: boolean;
    seedMs: number | null;
    /** The app's database (absent in reports written before PostgreSQL: SQLite). */
    database?: "SQLite" | "PostgreSQL";
    /** WEB_CONCURRENCY of the app, WORKERS of the floor. */
    workers: number;
    serverCommand: string;
  };
  /** /proc/loadavg when the measurements started and when they ended. */
  loadAverage: { start: string; end: string };
  fixtures: Fixtures;
  /** The floor, measured before and after the app's targets; null when no selected target is compared with it. */
  floor: { source: string; runs: FloorRunRow[]; reference: FloorReference[] } | null;
  runs: RunRow[];
  memory: MemoryReport | null;
  csv: CsvResult | null;
  bigPosts: BigPostsResult | null;
  bundles: RouteBundle[];
  checks: Check[];
  failed: number;
};

const cell = (value: number) => (Number.isFinite(value) ? String(value) : "—");

export function toMarkdown(report: Report): string {
  const m = report.machine;
  const lines: string[] = [];
  lines.push(
    `Measured ${report.date.slice(0, 16).replace("T", " ")} UTC on ${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB, ${m.os}, Node ${m.node}.`,
  );
  lines.push(
    `Server: \`${report.settings.serverCommand}\` with ${report.settings.workers} workers (WEB_CONCURRENCY=${report.settings.workers}) on ${report.settings.database ?? "SQLite"}` +
      (report.floor
        ? `; floor: \`${report.floor.source}\` (node:http, one prepared better-sqlite3 query, React renderToString) with ${report.settings.workers} processes and ${report.settings.applications} rows, measured in the same run before and after the app's targets.`
        : "; floor not measured (no selected target is compared with it)."),
  );
  lines.push(
    `Seed: ${report.fixtures.counts.applications} applications on the open call (${report.fixtures.counts.listed} past draft, ${report.fixtures.counts.committee} in committee); ` +
      `${report.settings.seconds} s per run after a ${report.settings.warmupSeconds} s warm-up; latencies in ms; ` +
      "server CPU ms/req is the CPU time of the server's processes (primary and workers) per response (what bounds throughput on a busy machine); " +
      "× floor: req/s as a fraction of the floor's, CPU per response as a multiple of the floor's, at the same number of connections; load: the 1-min load average after the run.",
  );
  const loads = [...report.runs, ...(report.floor?.runs ?? [])].map((r) => r.loadAverage);
  // The bench itself keeps about two processes busy (the server and autocannon).
  const busy = loads.length > 0 && Math.max(...loads) > m.cores + 1;
  lines.push(
    `Load average (1, 5, 15 min, running/total processes) at the start: ${report.loadAverage.start}; at the end: ${report.loadAverage.end}` +
      (loads.length > 0 ? `; 1-min after each run: ${Math.min(...loads)}–${Math.max(...loads)}` : "") +
      (busy
        ? ` — **the machine was busy with other work: the absolute numbers are pessimistic** (the ratios to the floor much less so).`
        : "."),
  );
  if (report.floor) {
    lines.push("");
    lines.push(
      "Floor reference (mean of before and after; spread = (largest − smallest) / mean): " +
        report.floor.reference
          .map(
            (f) =>
              `@${f.connections}: ${cell(f.requestsPerSecond)} req/s (${f.phases.map((p) => `${p.phase} ${p.requestsPerSecond}`).join(", ")}; spread ${cell(f.spreadPct.requestsPerSecond)} %), ` +
              `${cell(f.cpuMsPerRequest)} CPU ms/req (${f.phases.map((p) => `${p.phase} ${p.cpuMsPerRequest}`).join(", ")}; spread ${cell(f.spreadPct.cpuMsPerRequest)} %)`,
          )
          .join("; ") +
        ".",
    );
    const moved = Math.max(
      ...report.floor.reference.flatMap((f) => [f.spreadPct.requestsPerSecond, f.spreadPct.cpuMsPerRequest]).filter(Number.isFinite),
    );
    if (moved > 20)
      lines.push(
        `The floor itself moved by up to ${moved} % between its two measurements: the machine's speed changed during the run, and the ratios are uncertain by about as much.`,
      );
  }
  lines.push("");
  lines.push(
    "| target | conns | req/s | × floor req/s | p50 | p95 | p99 | errors | server CPU ms/req | × floor CPU | load | budget | result |",
  );
  lines.push("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|");
  const row = (label: string, run: LoadResult, checks: Check[], fraction: string, multiple: string) => {
    const budgets = checks.map((c) => c.budget).join("; ");
    const verdict = checks.some((c) => c.verdict === "FAIL") ? "**FAIL**" : "PASS";
    const l = run.latencyMs;
    lines.push(
      `| ${label} | ${run.connections} | ${cell(run.requestsPerSecond)} | ${fraction} | ${cell(l.p50)} | ${cell(l.p95)} | ${cell(l.p99)} | ${run.errors.total} | ${cell(run.serverCpuMsPerRequest)} | ${multiple} | ${cell(run.loadAverage)} | ${budgets} | ${verdict} |`,
    );
  };
  const floorRows = (phase: FloorPhase) => {
    for (const run of report.floor?.runs.filter((r) => r.phase === phase) ?? [])
      row(`Floor (${phase} the app's targets)`, run, run.checks, "", "");
  };
  floorRows("before");
  for (const run of report.runs) {
    const compared = (value: number | null) => (run.comparedWithFloor && value !== null ? String(value) : "");
    row(run.label, run, run.checks, compared(run.throughputFraction), compared(run.cpuMultiple));
  }
  floorRows("after");
  if (report.memory) lines.push("", ...memoryTable(report.memory, report.settings.workers));
  if (report.csv) {
    const csv = report.csv;
    lines.push("");
    lines.push(
      `CSV export (single downloads, ${csv.rows} rows): ` +
        csv.downloads.map((d) => `${d.ms} ms, server RSS ${d.rssBeforeMb} → ${d.rssPeakMb} MB (+${d.rssGrowthMb})`).join("; ") +
        ".",
    );
  }
  if (report.bigPosts) {
    const b = report.bigPosts;
    lines.push("");
    lines.push(
      `Oversized bodies: ${BIG_POSTS.concurrent} concurrent 100 MB posts to /login, a round every ${BIG_POSTS.roundEveryMs / 1000} s for the run (${b.posts} in all, answered ${JSON.stringify(b.statuses)}, ` +
        `${b.cutShort} closed by the server before the whole body was sent); largest growth of a server process +${b.maxProcessGrowthMb} MB; ` +
        `landing page at 1 connection meanwhile: p50 ${b.landing.p50} ms, p95 ${b.landing.p95} ms, p99 ${b.landing.p99} ms, ${b.landing.errors} errors.`,
    );
  }
  if (report.bundles.length > 0) {
    lines.push("");
    lines.push("| route (JavaScript, gzipped) | files | KB | budget | result |");
    lines.push("|---|--:|--:|---|---|");
    for (const b of report.bundles) {
      const budgeted = b.founderPage;
      lines.push(
        `| ${b.route} | ${b.files} | ${b.gzipKb} | ${budgeted ? `≤ ${FOUNDER_JS_MAX_KB} KB` : ""} | ${budgeted ? (b.gzipKb <= FOUNDER_JS_MAX_KB ? "PASS" : "**FAIL**") : ""} |`,
      );
    }
  }
  const failed = report.checks.filter((c) => c.verdict === "FAIL");
  lines.push("");
  lines.push(
    failed.length === 0
      ? "All budgets met."
      : `${failed.length} budget(s) missed: ` + failed.map((c) => `${c.subject} (${c.budget}: ${c.measured})`).join("; ") + ".",
  );
  return lines.join("\n") + "\n";
}

/** Resident memory of each server process (MB): after start-up, its peak in each phase, at the end; and the whole server's. */
function memoryTable(memory: MemoryReport, workers: number): string[] {
  const pids = [...new Set([...memory.start, ...memory.phases.flatMap((p) => p.processes), ...memory.end].map((p) => p.pid))];
  const roleOf = new Map([...memory.start, ...memory.phases.flatMap((p) => p.processes), ...memory.end].map((p) => [p.pid, p.role]));
  const value = (rows: Array<{ pid: number; rssMb?: number; peakMb?: number }>, pid: number) => {
    const found = rows.find((r) => r.pid === pid);
    return found ? String(found.rssMb ?? found.peakMb) : "";
  };
  const sum = (rows: Array<{ rssMb: number }>) => String(Math.round(rows.reduce((s, r) => s + r.rssMb, 0) * 10) / 10);
  const lines = [
    `Server memory (RSS in MB, sampled every ${memory.sampleEveryMs} ms; peak of the whole server ${memory.peakTotalMb} MB with ${workers} workers, budget < ${SERVER_MAX_RSS_MB} MB):`,
    "",
    `| process | after start | ${memory.phases.map((p) => `peak: ${p.phase}`).join(" | ")} | end |`,
    `|---|--:|${memory.phases.map(() => "--:|").join("")}--:|`,
  ];
  for (const pid of pids) {
    lines.push(
      `| ${roleOf.get(pid)} (pid ${pid}) | ${value(memory.start, pid)} | ${memory.phases.map((p) => value(p.processes, pid)).join(" | ")} | ${value(memory.end, pid)} |`,
    );
  }
  lines.push(
    `| whole server | ${sum(memory.start)} | ${memory.phases.map((p) => String(p.peakTotalMb)).join(" | ")} | ${sum(memory.end)} |`,
  );
  return lines;
}

const README_START = `<!-- ${config.readmeMarker}:start -->`;
const README_END = `<!-- ${config.readmeMarker}:end -->`;

/** Replaces the README's text between its bench markers; a README without them is left alone. */
export function updateReadme(markdown: string): boolean {
  if (config.trial || !fs.existsSync(config.readme)) return false;
  const readme = fs.readFileSync(config.readme, "utf8");
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) return false;
  fs.writeFileSync(config.readme, `${readme.slice(0, start + README_START.length)}\n${markdown}${readme.slice(end)}`);
  return true;
}

export function writeReports(report: Report): string {
  fs.mkdirSync(path.dirname(config.resultsJson), { recursive: true });
  fs.writeFileSync(config.resultsJson, JSON.stringify(report, null, 2) + "\n");
  const markdown = toMarkdown(report);
  fs.writeFileSync(config.resultsMarkdown, `# Benchmark results\n\nWritten by \`npm run bench\` (bench/run.ts).\n\n${markdown}`);
  return markdown;
}

export const relative = (file: string) => path.relative(config.root, file);
