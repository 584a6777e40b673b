/**
 * `npm run bench`: the performance budgets of DESIGN.md §8, measured.
 *
 *   npm run bench                      build, fresh database with the large seed, every target
 *   npm run bench -- --reuse           keep var/bench/bench.db when it exists (no seed)
 *   npm run bench -- --no-build        use the build already in build/ and public/build/
 *   BENCH_SECONDS=3 npm run bench      shorter runs, for a trial (the budgets want ≥ 10)
 *   BENCH_TARGETS=landing,admin-list   only these targets (ids in bench/targets.ts)
 *   BENCH_PORT=3400                    where the server under test listens (127.0.0.1)
 *
 * A trial (BENCH_TARGETS, or BENCH_SECONDS under 10) writes its results to
 * var/bench/ and leaves bench/results.* and the README alone.
 *
 * Steps: build → JavaScript per route → database (migrate, seed) → server
 * (node app/server/index.ts, production) → one login per role → CSV export timed
 * with the server's memory sampled → each target probed once, then driven by
 * autocannon at 1 connection (latency) and 10 (throughput) → server stopped →
 * budgets checked → bench/results.json and bench/results.md written, the table
 * printed (and copied into README.md between `<!-- bench:start -->` and
 * `<!-- bench:end -->` when it has them). Exits 1 when a budget is missed.
 */
import os from "node:os";
import { measureBundles } from "./bundle.ts";
import { config, machine } from "./config.ts";
import { measureCsvExport, type CsvResult } from "./csv.ts";
import { probe, requestFor, runLoad } from "./load.ts";
import { log } from "./log.ts";
import {
  checkBigPosts,
  checkBundles,
  checkCsv,
  checkRun,
  relative,
  updateReadme,
  writeReports,
  type Report,
  type RunRow,
} from "./report.ts";
import { startServer, type Server } from "./server.ts";
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

async function measure(server: Server, targets: Target[], fixtures: Fixtures) {
  const cookies = await loginAll(targets, fixtures);
  const requestOf = (target: Target) => requestFor(target, fixtures, cookies[target.role]);

  // First, on a server that has not exported yet: how much one export makes it grow.
  let csv: CsvResult | null = null;
  const csvTarget = targets.find((t) => t.id === "csv-export");
  if (csvTarget) {
    csv = await measureCsvExport(requestOf(csvTarget), server.pid);
    for (const d of csv.downloads)
      log(`csv-export: ${d.ms} ms, ${d.rows} rows, ${(d.bytes / 2 ** 20).toFixed(1)} MB, server RSS ${d.rssBeforeMb} → ${d.rssPeakMb} MB`);
  }

  // Oversized bodies, on a server that has served nothing heavy yet.
  let bigPosts: BigPostsResult | null = null;
  if (selectsCheck(config.only, BIG_POSTS_ID)) {
    bigPosts = await measureBigPosts(server.pid);
    const b = bigPosts;
    log(
      `big-posts: ${b.posts} posts of 100 MB (${JSON.stringify(b.statuses)}, ${b.cutShort} cut short, median ${b.medianPostMs} ms), ` +
        `largest process growth +${b.maxProcessGrowthMb} MB (${b.processes.map((p) => `${p.pid}: ${p.beforeMb} → ${p.peakMb}`).join(", ")}); landing @1 meanwhile: p50 ${b.landing.p50} p95 ${b.landing.p95} ms, ${b.landing.errors} errors`,
    );
  }

  for (const target of targets) {
    const first = await probe(target, requestOf(target));
    log(`probe ${target.id}: 200, ${(first.bytes / 1024).toFixed(1)} KB, ${first.ms.toFixed(0)} ms`);
  }

  const runs: RunRow[] = [];
  for (const target of targets) {
    for (const connections of target.connections ?? config.connections) {
      const result = await runLoad(target, requestOf(target), connections, server.pid);
      const checks = checkRun(target, result);
      runs.push({ ...result, label: target.label, checks });
      const l = result.latencyMs;
      const failed = checks.filter((c) => c.verdict === "FAIL").map((c) => c.budget);
      log(
        `${target.id} @${connections}: ${result.requestsPerSecond} req/s, p50 ${l.p50} p95 ${l.p95} p99 ${l.p99} ms, ` +
          `${result.errors.total} errors, RSS peak ${result.serverRss.peakMb} MB${failed.length ? `  FAIL: ${failed.join(", ")}` : ""}`,
      );
    }
  }
  return { runs, csv, bigPosts };
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

  const [load] = os.loadavg();
  if (load! > os.availableParallelism() * 0.5)
    log(`warning: the machine is busy (1-min load average ${load!.toFixed(1)}): other work will skew the numbers`);
  const server = await startServer();
  const stopOnSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the server`);
    void server.stop().finally(() => process.exit(130));
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  let measured: Awaited<ReturnType<typeof measure>>;
  try {
    measured = await measure(server, targets, fixtures);
  } finally {
    await server.stop();
  }

  const checks = [
    ...measured.runs.flatMap((r) => r.checks),
    ...(measured.csv ? checkCsv(measured.csv, fixtures.counts.listed) : []),
    ...(measured.bigPosts ? checkBigPosts(measured.bigPosts) : []),
    ...checkBundles(bundles),
  ];
  const report: Report = {
    date: new Date().toISOString(),
    machine: machine(),
    settings: {
      seconds: config.seconds,
      warmupSeconds: config.warmupSeconds,
      connections: config.connections,
      applications: config.applications,
      reused: database.reused,
      seedMs: database.seedMs,
    },
    fixtures,
    runs: measured.runs,
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
