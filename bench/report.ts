// Budget checks and the reports: bench/results.json, bench/results.md (also
// printed), and the README's copy between its bench markers when it has them.
import fs from "node:fs";
import path from "node:path";
import type { RouteBundle } from "./bundle.ts";
import { config, type machine } from "./config.ts";
import { BIG_POSTS, type BigPostsResult } from "./big-posts.ts";
import type { CsvResult } from "./csv.ts";
import type { LoadResult } from "./load.ts";
import type { Fixtures } from "./setup.ts";
import type { Target } from "./targets.ts";

export type Verdict = "PASS" | "FAIL";
export type Check = { subject: string; budget: string; measured: string; verdict: Verdict };

export const CSV_MAX_MS = 3000;
export const CSV_MAX_GROWTH_MB = 100;
export const FOUNDER_JS_MAX_KB = 150;

export type RunRow = LoadResult & { label: string; checks: Check[] };

/** The budgets that apply to one measured run; every run must be free of errors. */
export function checkRun(target: Target, result: LoadResult): Check[] {
  const subject = `${target.label} @${result.connections}`;
  const checks: Check[] = [];
  for (const budget of target.budgets) {
    if (budget.connections !== result.connections) continue;
    if (budget.kind === "p95") {
      checks.push({
        subject,
        budget: budget.label,
        measured: `p95 ${result.latencyMs.p95} ms`,
        verdict: result.latencyMs.p95 <= budget.maxMs ? "PASS" : "FAIL",
      });
    } else {
      checks.push({
        subject,
        budget: budget.label,
        measured: `${result.requestsPerSecond} req/s`,
        verdict: result.requestsPerSecond >= budget.min ? "PASS" : "FAIL",
      });
    }
  }
  const measured = result.requests === 0 ? "no response within the run" : `${result.errors.total} errors`;
  checks.push({ subject, budget: "0 errors", measured, verdict: result.errors.total === 0 && result.requests > 0 ? "PASS" : "FAIL" });
  return checks;
}

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
  };
  fixtures: Fixtures;
  runs: RunRow[];
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
    `Seed: ${report.fixtures.counts.applications} applications on the open call (${report.fixtures.counts.listed} past draft, ${report.fixtures.counts.committee} in committee); ` +
      `${report.settings.seconds} s per run after a ${report.settings.warmupSeconds} s warm-up; latencies in ms; ` +
      "server CPU ms/req is the CPU time of the server's processes (primary and workers) per response (what bounds throughput on a busy machine).",
  );
  const loads = report.runs.map((r) => r.loadAverage);
  if (loads.length > 0) {
    // The bench itself keeps about two processes busy (the server and autocannon).
    const busy = Math.max(...loads) > m.cores + 1;
    lines.push(
      `Machine 1-min load average after the runs: ${Math.min(...loads)}–${Math.max(...loads)}` +
        (busy ? ` — **the machine was busy with other work: the numbers are pessimistic**.` : "."),
    );
  }
  lines.push("");
  lines.push("| target | conns | req/s | p50 | p95 | p99 | errors | server CPU ms/req | budget | result |");
  lines.push("|---|--:|--:|--:|--:|--:|--:|--:|---|---|");
  for (const run of report.runs) {
    const budgets = run.checks.map((c) => c.budget).join("; ");
    const verdict = run.checks.some((c) => c.verdict === "FAIL") ? "**FAIL**" : "PASS";
    const l = run.latencyMs;
    lines.push(
      `| ${run.label} | ${run.connections} | ${cell(run.requestsPerSecond)} | ${cell(l.p50)} | ${cell(l.p95)} | ${cell(l.p99)} | ${run.errors.total} | ${cell(run.serverCpuMsPerRequest)} | ${budgets} | ${verdict} |`,
    );
  }
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

const README_START = "<!-- bench:start -->";
const README_END = "<!-- bench:end -->";

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
