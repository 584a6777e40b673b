/**
 * `npm run bench:profile`: where a page's CPU time goes, layer by layer.
 *
 *   npm run bench:profile                        the landing page and the admin list
 *   BENCH_TARGETS=reviewer-queue npm run bench:profile
 *   BENCH_SECONDS=10                             seconds of load per target (after a 2 s warm-up)
 *
 * For each target: one server process (WEB_CONCURRENCY=1, the production build) under
 * `node --cpu-prof`, driven by autocannon at 10 connections on the bench database
 * (the one `npm run bench` made, or a new one), then stopped; its profile is split into
 * layers (bench/layers.ts) and written as var/bench/profile/<target>.md beside the
 * .cpuprofile — open that in Chrome DevTools (Performance → Load profile) or
 * speedscope for the flame graph. Milliseconds per request are busy CPU time over
 * every request served (warm-up included) and include the profiler's own overhead:
 * compare layers with each other and runs on the same day, not with `npm run bench`.
 */
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { baseUrl, benchEnv, config } from "./config.ts";
import { profileLayers, type CpuProfile, type LayerCost } from "./layers.ts";
import { requestFor } from "./load.ts";
import { log } from "./log.ts";
import { loadAverage } from "./proc.ts";
import { appServerCommand, settle, startProcess } from "./server.ts";
import { login } from "./session.ts";
import { buildApp, loadFixtures, prepareDatabase, type Fixtures } from "./setup.ts";
import { TARGETS, type Target } from "./targets.ts";

const DEFAULT_TARGETS = ["landing", "admin-list"];
const PROFILE_DIR = path.join(config.workDir, "profile");

function requests(request: ReturnType<typeof requestFor>, seconds: number): Promise<number> {
  return new Promise((resolve, reject) =>
    autocannon(
      { url: request.url, method: request.method, headers: request.headers, body: request.body, connections: 10, duration: seconds },
      (error, result) => (error ? reject(error) : resolve(result.requests.total)),
    ),
  );
}

async function profileTarget(target: Target, fixtures: Fixtures): Promise<{ served: number; layers: LayerCost[]; file: string }> {
  const dir = path.join(PROFILE_DIR, target.id);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const server = await startProcess({
    name: `server (profiled: ${target.id})`,
    args: ["--cpu-prof", `--cpu-prof-dir=${dir}`, ...appServerCommand().args],
    cwd: config.root,
    env: { ...benchEnv(), WEB_CONCURRENCY: "1" },
    url: baseUrl,
    readyPath: "/healthz",
    logFile: path.join(dir, "server.log"),
    startupTimeoutMs: 60_000,
  });
  let served = 1; // the readiness check
  try {
    const email = { anonymous: null, admin: fixtures.admin.email, founder: fixtures.founder.email, reviewer: fixtures.reviewer.email }[
      target.role
    ];
    const cookie = email ? await login(email) : null;
    served += email ? 1 : 0;
    const request = requestFor(target, fixtures, cookie);
    served += await requests(request, config.warmupSeconds);
    served += await requests(request, config.seconds);
    await settle();
    served += 1;
  } finally {
    await server.stop(); // SIGTERM: the server exits normally and V8 writes the profile
  }
  const file = fs.readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
  const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
  return { served, layers: profileLayers(profile).layers, file: path.join(dir, file) };
}

function report(target: Target, served: number, layers: LayerCost[], file: string): string {
  const perRequest = (ms: number) => (ms / served).toFixed(3);
  const total = layers.reduce((sum, layer) => sum + layer.ms, 0);
  return [
    `## ${target.label} (${target.method} ${target.id})`,
    "",
    `${served} requests at 10 connections, one server process under the profiler; load average ${loadAverage().line}. Profile: ${path.relative(config.root, file)}.`,
    "",
    "| layer | CPU ms/request | share | costliest functions (self time) |",
    "|---|--:|--:|---|",
    ...layers.map(
      (layer) =>
        `| ${layer.layer} | ${perRequest(layer.ms)} | ${(layer.share * 100).toFixed(1)} % | ${layer.top
          .map((frame) => `${frame.frame.replaceAll("|", "\\|")} ${(100 * (frame.ms / total)).toFixed(1)} %`)
          .join("; ")} |`,
    ),
    `| **total** | **${perRequest(total)}** | 100 % | |`,
    "",
  ].join("\n");
}

async function main() {
  const ids = config.only.length > 0 ? config.only : DEFAULT_TARGETS;
  const targets = ids.map((id) => TARGETS.find((target) => target.id === id) ?? fail(`unknown target ${id}`));
  if (!fs.existsSync(path.join(config.root, "build/index.js"))) await buildApp();
  await prepareDatabase(); // with --reuse (the npm script's): the bench database when there is one
  const fixtures = await loadFixtures();
  for (const target of targets) {
    const { served, layers, file } = await profileTarget(target, fixtures);
    const section = report(target, served, layers, file);
    fs.writeFileSync(path.join(PROFILE_DIR, `${target.id}.md`), section);
    process.stdout.write(`\n${section}\n`);
  }
  log(`wrote ${path.relative(config.root, PROFILE_DIR)}/<target>.md`);
}

function fail(message: string): never {
  throw new Error(message);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
