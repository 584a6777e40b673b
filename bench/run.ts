/**
 * `npm run bench`: the performance budgets of DESIGN.md §8 and issue 13, measured.
 *
 *   npm run bench                      build, fresh database with the large seed, every target
 *   npm run bench -- --reuse           keep var/bench/bench.db (and floor.db) when they exist (no seed)
 *   npm run bench -- --no-build        use the build already in build/ and public/build/
 *   BENCH_SECONDS=3 npm run bench      shorter runs, for a trial (the budgets want ≥ 10)
 *   BENCH_TARGETS=landing,admin-list   only these targets (ids in bench/targets.ts)
 *   BENCH_PORT=3400                    where the server under test listens (127.0.0.1)
 *   BENCH_FLOOR_PORT=3401              where the floor listens
 *   BENCH_WORKERS=2                    the app's WEB_CONCURRENCY and the floor's WORKERS (the same)
 *   BENCH_FLOOR=../shared/floor/server.js   the floor server (copied into var/bench/ at each run)
 *
 * A trial (BENCH_TARGETS, or BENCH_SECONDS under 10) writes its results to
 * var/bench/ and leaves bench/results.* and the README alone.
 *
 * Budgets are relative to the floor (../shared/floor/server.js: node:http, one
 * prepared better-sqlite3 query, React renderToString) served from as many
 * processes as the app's and measured in the same run, before and after the app's
 * targets, with the same autocannon settings: every page ≥ 0.5 × the floor's req/s
 * at 10 connections and ≤ 2 × its server CPU per response (CPU time of the whole
 * process tree, from /proc, over the responses), p95 ≤ 20 ms at 1 connection; the
 * autosave ≥ 0.5 × the floor's req/s. Absolute figures stay in the table.
 *
 * Steps: build (npm run build) → JavaScript per route → database (migrate, seed) →
 * floor (copied, started; fills floor.db on first start) → server (appServerCommand
 * in server.ts: the compiled server when the build made one, production,
 * WEB_CONCURRENCY=BENCH_WORKERS) → floor measured → one login per role → CSV
 * export timed with the server's memory sampled → oversized posts → each target
 * probed once, then driven by autocannon at 1 connection (latency) and 10
 * (throughput) → floor measured again → servers stopped → budgets checked (with
 * the whole server's RSS, sampled per process throughout, < 400 MB) →
 * bench/results.json and bench/results.md written, the table printed (and copied
 * into README.md between `<!-- bench:start -->` and `<!-- bench:end -->` when it
 * has them). Exits 1 when a budget is missed.
 */
import os from "node:os";
import { checkMemory, checkRun, floorReference, relativeToFloor, type FloorPhase, type FloorReference } from "./budgets.ts";
import { measureBundles } from "./bundle.ts";
import { config, floorUrl, machine } from "./config.ts";
import { measureCsvExport, type CsvResult } from "./csv.ts";
import { FLOOR_ID, FLOOR_LABEL, floorRequest, startFloor } from "./floor.ts";
import { probe, requestFor, runLoad, type LoadResult } from "./load.ts";
import { log } from "./log.ts";
import { loadAverage } from "./proc.ts";
import {
  checkBigPosts,
  checkBundles,
  checkCsv,
  relative,
  SERVER_MAX_RSS_MB,
  updateReadme,
  writeReports,
  type FloorRunRow,
  type Report,
  type RunRow,
} from "./report.ts";
import { appServerCommand, startServer, watchMemory, type MemoryReport, type Server } from "./server.ts";
import { login } from "./session.ts";
import { buildApp, loadFixtures, prepareDatabase, type Fixtures } from "./setup.ts";
import { selectsCheck, selectTargets, type Role, type Target } from "./targets.ts";
import { BIG_POSTS_ID, measureBigPosts, type BigPostsResult } from "./big-posts.ts";

async function loginAll(targets: Target[], fixtures: Fixtures): Promise<Record<Role, string | null>> {
  const emails: Record<Exclude<Role, "anonymous">, string> = {
    admin: fixtures.admin.email,
    founder: fixtures.founder.email,
    reviewer: fixtures.reviewer.email,
  };
  const cookies: Record<Role, string | null> = { anonymous: null, admin: null, founder: null, reviewer: null };
  for (const role of new Set(targets.map((t) => t.role))) {
    if (role === "anonymous") continue;
    cookies[role] = await login(emails[role]);
    log(`login: ${role} ${emails[role]}`);
  }
  return cookies;
}

/** The floor at each connection setting, with the same load generator settings as the targets. */
async function measureFloor(floor: Server, phase: FloorPhase): Promise<FloorRunRow[]> {
  const request = floorRequest();
  const first = await probe({ id: FLOOR_ID, expect: "html" }, request);
  log(`probe floor (${phase}): 200, ${(first.bytes / 1024).toFixed(1)} KB, ${first.ms.toFixed(0)} ms`);
  const rows: FloorRunRow[] = [];
  for (const connections of config.connections) {
    const result = await runLoad({ id: FLOOR_ID }, request, connections, floor.pid, `${floorUrl}/`);
    rows.push({ ...result, phase, checks: checkRun(`${FLOOR_LABEL}, ${phase}`, [], result, []) });
    const l = result.latencyMs;
    log(
      `floor (${phase}) @${connections}: ${result.requestsPerSecond} req/s, p50 ${l.p50} p95 ${l.p95} p99 ${l.p99} ms, ` +
        `${result.errors.total} errors, server CPU ${result.serverCpuMsPerRequest} ms/req, load ${result.loadAverage}`,
    );
  }
  return rows;
}

const ratioText = (reference: readonly FloorReference[], result: LoadResult) => {
  const r = relativeToFloor(result, reference);
  return r.throughputFraction === null ? "" : `, ${r.throughputFraction} × floor req/s, ${r.cpuMultiple} × floor CPU`;
};

async function measure(server: Server, floor: Server | null, targets: Target[], fixtures: Fixtures) {
  // The floor first, while the app's server waits idle (it has served nothing yet).
  const floorBefore = floor ? await measureFloor(floor, "before") : [];

  const memory = watchMemory(server.pid);
  const cookies = await loginAll(targets, fixtures);
  const requestOf = (target: Target) => requestFor(target, fixtures, cookies[target.role]);

  // First, on a server that has not exported yet: how much one export makes it grow.
  let csv: CsvResult | null = null;
  const csvTarget = targets.find((t) => t.id === "csv-export");
  if (csvTarget) {
    memory.phase("CSV export");
    csv = await measureCsvExport(requestOf(csvTarget), server.pid);
    for (const d of csv.downloads)
      log(`csv-export: ${d.ms} ms, ${d.rows} rows, ${(d.bytes / 2 ** 20).toFixed(1)} MB, server RSS ${d.rssBeforeMb} → ${d.rssPeakMb} MB`);
  }

  // Oversized bodies, on a server that has served nothing heavy yet.
  let bigPosts: BigPostsResult | null = null;
  if (selectsCheck(config.only, BIG_POSTS_ID)) {
    memory.phase("oversized posts");
    bigPosts = await measureBigPosts(server.pid);
    const b = bigPosts;
    log(
      `big-posts: ${b.posts} posts of 100 MB (${JSON.stringify(b.statuses)}, ${b.cutShort} cut short, median ${b.medianPostMs} ms), ` +
        `largest process growth +${b.maxProcessGrowthMb} MB (${b.processes.map((p) => `${p.pid}: ${p.beforeMb} → ${p.peakMb}`).join(", ")}); landing @1 meanwhile: p50 ${b.landing.p50} p95 ${b.landing.p95} ms, ${b.landing.errors} errors`,
    );
  }

  memory.phase("targets");
  for (const target of targets) {
    const first = await probe(target, requestOf(target));
    log(`probe ${target.id}: 200, ${(first.bytes / 1024).toFixed(1)} KB, ${first.ms.toFixed(0)} ms`);
  }

  // Budgets are checked once the floor has been measured again (below); the log shows the ratios to its first measurement.
  const provisional = floorReference(floorBefore);
  const results: Array<{ target: Target; result: LoadResult }> = [];
  for (const target of targets) {
    for (const connections of target.connections ?? config.connections) {
      const result = await runLoad(target, requestOf(target), connections, server.pid);
      results.push({ target, result });
      const l = result.latencyMs;
      log(
        `${target.id} @${connections}: ${result.requestsPerSecond} req/s, p50 ${l.p50} p95 ${l.p95} p99 ${l.p99} ms, ` +
          `${result.errors.total} errors, server CPU ${result.serverCpuMsPerRequest} ms/req` +
          `${target.comparedWithFloor ? ratioText(provisional, result) : ""}, RSS peak ${result.serverRss.peakMb} MB, load ${result.loadAverage}`,
      );
    }
  }
  const memoryReport: MemoryReport = memory.stop();
  log(
    `server memory: after start ${memoryReport.start.map((p) => `${p.role} ${p.rssMb}`).join(", ")} MB; ` +
      `${memoryReport.phases.map((p) => `peak in ${p.phase} ${p.peakTotalMb} MB`).join(", ")}; whole-server peak ${memoryReport.peakTotalMb} MB`,
  );

  const floorAfter = floor ? await measureFloor(floor, "after") : [];
  const floorRuns = [...floorBefore, ...floorAfter];
  const reference = floorReference(floorRuns);
  for (const f of reference)
    log(
      `floor @${f.connections}: ${f.requestsPerSecond} req/s (spread ${f.spreadPct.requestsPerSecond} %), ${f.cpuMsPerRequest} CPU ms/req (spread ${f.spreadPct.cpuMsPerRequest} %)`,
    );

  const runs: RunRow[] = results.map(({ target, result }) => {
    const checks = checkRun(target.label, target.budgets, result, reference);
    const failed = checks.filter((c) => c.verdict === "FAIL").map((c) => `${c.budget} (${c.measured})`);
    if (failed.length) log(`${target.id} @${result.connections}: FAIL ${failed.join("; ")}`);
    return {
      ...result,
      ...relativeToFloor(result, reference),
      label: target.label,
      comparedWithFloor: target.comparedWithFloor ?? false,
      checks,
    };
  });
  return { runs, csv, bigPosts, memory: memoryReport, floor: floor ? { runs: floorRuns, reference } : null };
}

async function main(): Promise<number> {
  const targets = selectTargets(config.only);
  log(`targets: ${targets.map((t) => t.id).join(", ")}; ${config.seconds} s per run after ${config.warmupSeconds} s of warm-up`);

  await buildApp();
  const bundles = measureBundles();
  const database = await prepareDatabase();
  const fixtures = await loadFixtures();
  log(
    `fixtures: call ${fixtures.call.slug}, ${fixtures.counts.applications} applications (${fixtures.counts.listed} listed, ${fixtures.counts.committee} in committee), ` +
      `founder ${fixtures.founder.email}, reviewer ${fixtures.reviewer.email} (${fixtures.reviewer.assignments} assignments), search "${fixtures.searchTerm}", deep page ${fixtures.deepPage}/${fixtures.pageCount}`,
  );

  const servers: Server[] = [];
  const stopAll = () => Promise.all(servers.map((s) => s.stop()));
  const stopOnSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the servers`);
    void stopAll().finally(() => process.exit(130));
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);

  let measured: Awaited<ReturnType<typeof measure>>;
  let loadAtStart: string;
  let loadAtEnd: string;
  try {
    // The floor is measured only when a selected target is compared with it.
    const floor = targets.some((t) => t.comparedWithFloor) ? await startFloor() : null;
    if (floor) servers.push(floor);
    const server = await startServer();
    servers.push(server);
    loadAtStart = loadAverage().line;
    const [load] = os.loadavg();
    if (load! > os.availableParallelism() * 0.5)
      log(`warning: the machine is busy (load average ${loadAtStart}): other work will skew the absolute numbers`);
    measured = await measure(server, floor, targets, fixtures);
    loadAtEnd = loadAverage().line;
  } finally {
    await stopAll();
  }

  const checks = [
    ...(measured.floor?.runs.flatMap((r) => r.checks) ?? []),
    ...measured.runs.flatMap((r) => r.checks),
    checkMemory(measured.memory.peakTotalMb, config.workers, SERVER_MAX_RSS_MB),
    ...(measured.csv ? checkCsv(measured.csv, fixtures.counts.listed) : []),
    ...(measured.bigPosts ? checkBigPosts(measured.bigPosts) : []),
    ...checkBundles(bundles),
  ];
  const report: Report = {
    date: new Date().toISOString(),
    machine: machine(),
    settings: {
      database: config.database,
      seconds: config.seconds,
      warmupSeconds: config.warmupSeconds,
      connections: config.connections,
      applications: config.applications,
      reused: database.reused,
      seedMs: database.seedMs,
      workers: config.workers,
      serverCommand: appServerCommand().description,
    },
    loadAverage: { start: loadAtStart, end: loadAtEnd },
    fixtures,
    floor: measured.floor ? { source: relative(config.floorSource), ...measured.floor } : null,
    runs: measured.runs,
    memory: measured.memory,
    csv: measured.csv,
    bigPosts: measured.bigPosts,
    bundles,
    checks,
    failed: checks.filter((c) => c.verdict === "FAIL").length,
  };
  const markdown = writeReports(report);
  console.log(`\n${markdown}`);
  log(
    `wrote ${relative(config.resultsJson)} and ${relative(config.resultsMarkdown)}${updateReadme(markdown) ? " and the README's bench section" : ""}`,
  );
  return report.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(2);
  },
);
