// The benchmark's report (bench/report.ts): the table the README shows states each
// page relative to the floor measured in the same run, the floor's two
// measurements, the machine's load and the memory of each server process.
import { describe, expect, it } from "vitest";
import { checkRun, floorReference } from "../../bench/budgets.ts";
import type { LoadResult } from "../../bench/load.ts";
import { toMarkdown, type FloorRunRow, type Report, type RunRow } from "../../bench/report.ts";
import { TARGETS } from "../../bench/targets.ts";

function load(
  target: string,
  connections: number,
  requestsPerSecond: number,
  serverCpuMsPerRequest: number,
  loadAverage: number,
): LoadResult {
  return {
    target,
    connections,
    seconds: 10,
    requests: requestsPerSecond * 10,
    requestsPerSecond,
    latencyMs: { p50: 5, p95: 12, p99: 15, max: 20, mean: 6 },
    errors: { total: 0, non2xx: 0, connection: 0, timeouts: 0 },
    statusCodes: { "200": requestsPerSecond * 10 },
    bytesPerSecond: 1000,
    serverRss: { beforeMb: 300, peakMb: 320, growthMb: 20 },
    serverCpuMsPerRequest,
    loadAverage,
  };
}

const floorRuns: FloorRunRow[] = [
  { ...load("floor", 1, 400, 1.5, 1.1), phase: "before", checks: [] },
  { ...load("floor", 10, 700, 1.2, 1.2), phase: "before", checks: [] },
  { ...load("floor", 1, 380, 1.5, 1.3), phase: "after", checks: [] },
  { ...load("floor", 10, 660, 1.2, 1.4), phase: "after", checks: [] },
];
const reference = floorReference(floorRuns);
const list = TARGETS.find((t) => t.id === "admin-list")!;
const runs: RunRow[] = [1, 10].map((connections) => {
  const result = load("admin-list", connections, connections === 1 ? 100 : 350, 2.4, 1.25);
  return {
    ...result,
    throughputFraction: connections === 1 ? 0.26 : 0.51,
    cpuMultiple: 2,
    label: list.label,
    comparedWithFloor: true,
    checks: checkRun(list.label, list.budgets, result, reference),
  };
});

const report: Report = {
  date: "2026-11-30T08:00:00.000Z",
  machine: { cpuModel: "Test CPU", cores: 2, memoryGb: 8, os: "Linux test", node: "v20.0.0" },
  settings: {
    seconds: 10,
    warmupSeconds: 2,
    connections: [1, 10],
    applications: 20000,
    reused: true,
    seedMs: null,
    workers: 2,
    serverCommand: "node build/server/index.js",
  },
  loadAverage: { start: "1.02 0.90 0.80 1/120 4000", end: "1.50 1.00 0.85 2/121 4100" },
  fixtures: { counts: { applications: 20000, listed: 17201, committee: 1201 } } as unknown as Report["fixtures"],
  floor: { source: "../shared/floor/server.js", runs: floorRuns, reference },
  runs,
  memory: {
    sampleEveryMs: 250,
    start: [
      { pid: 10, role: "primary", rssMb: 60 },
      { pid: 11, role: "worker", rssMb: 110 },
      { pid: 12, role: "worker", rssMb: 115 },
    ],
    phases: [
      {
        phase: "targets",
        peakTotalMb: 390.5,
        processes: [
          { pid: 10, role: "primary", peakMb: 61 },
          { pid: 11, role: "worker", peakMb: 160 },
          { pid: 12, role: "worker", peakMb: 170 },
        ],
      },
    ],
    end: [
      { pid: 10, role: "primary", rssMb: 61 },
      { pid: 11, role: "worker", rssMb: 150 },
      { pid: 12, role: "worker", rssMb: 160 },
    ],
    peakTotalMb: 390.5,
  },
  csv: null,
  bigPosts: null,
  bundles: [],
  checks: runs.flatMap((r) => r.checks),
  failed: runs.flatMap((r) => r.checks).filter((c) => c.verdict === "FAIL").length,
};

describe("the benchmark's report", () => {
  const markdown = toMarkdown(report);
  const lines = markdown.split("\n");

  it("shows the floor measured before and after the app's targets, around them, and its mean", () => {
    const rows = lines.filter((l) => l.startsWith("| Floor") || l.startsWith("| Admin list"));
    expect(rows.map((r) => r.split(" | ")[0])).toEqual([
      "| Floor (before the app's targets)",
      "| Floor (before the app's targets)",
      "| Admin list, first page",
      "| Admin list, first page",
      "| Floor (after the app's targets)",
      "| Floor (after the app's targets)",
    ]);
    expect(markdown).toContain("@10: 680 req/s (before 700, after 660; spread 5.9 %)");
  });

  it("states each page's throughput and CPU relative to the floor, with the absolute figures and the load", () => {
    const row = lines.find((l) => l.startsWith("| Admin list, first page | 10 |"))!;
    expect(row).toBe(
      "| Admin list, first page | 10 | 350 | 0.51 | 5 | 12 | 15 | 0 | 2.4 | 2 | 1.25 | ≥ 0.5 × floor req/s @10; ≤ 2 × floor CPU/req @10; 0 errors | PASS |",
    );
    expect(markdown).toContain("at the start: 1.02 0.90 0.80 1/120 4000; at the end: 1.50 1.00 0.85 2/121 4100");
  });

  it("gives the memory of the primary and each worker, and the whole server's against its budget", () => {
    expect(lines).toContain("| worker (pid 11) | 110 | 160 | 150 |");
    expect(lines).toContain("| whole server | 285 | 390.5 | 371 |");
    expect(markdown).toContain("peak of the whole server 390.5 MB with 2 workers, budget < 400 MB");
  });
});
