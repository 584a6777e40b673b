import cluster, { type Worker } from "node:cluster";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import type { Logger } from "pino";
import type { Env } from "../config/env.server.ts";
import { supervisorSettings, type SupervisorSettings } from "../config/supervisor.ts";

export const BUILD_PATH = path.resolve("build/index.js");
/**
 * What each cluster worker runs: the compiled entry beside this code (build/server/index.js,
 * from app/server/index.ts) in production, or app/server/index.ts itself when this file runs
 * from the sources (a test importing it).
 */
export const WORKER_ENTRY = fileURLToPath(new URL(import.meta.url.endsWith(".ts") ? "./index.ts" : "./index.js", import.meta.url));
const SHUTDOWN_GRACE_MS = 10_000;
/** Set by the primary on exactly one worker: the outbox and scheduled jobs run once, not once per worker. */
const BACKGROUND_ROLE = "TREMPLIN_BACKGROUND_JOBS" satisfies keyof Env;

type BuildWithJobs = ServerBuild & {
  entry: { module: { startBackgroundJobs?: (log: (line: string) => void) => void; shutdown?: () => Promise<void> } };
};

/**
 * Serves the production build until SIGTERM/SIGINT, then drains and closes cleanly.
 * With WEB_CONCURRENCY above 1 (default: one per core) the primary process forks that
 * many workers sharing the port: rendering is CPU-bound and one Node process uses one core.
 */
export async function startServer(): Promise<void> {
  const settings = supervisorSettings();
  if (cluster.isPrimary && settings.workers > 1) return superviseWorkers(settings);
  return serve(cluster.isPrimary || settings.backgroundJobs);
}

async function serve(runsBackgroundJobs: boolean): Promise<void> {
  // Imported here, not at the top: the primary of a cluster only supervises (see config/supervisor.ts).
  const [{ parseEnv }, { pino }] = await Promise.all([import("../config/env.server.ts"), import("pino")]);
  const env = parseEnv();
  const logger: Logger = pino({ level: env.LOG_LEVEL });
  const build = (await import(pathToFileURL(BUILD_PATH).href)) as BuildWithJobs;
  const { createApp } = await import("./app.ts");
  const app = createApp(build, logger);
  const server = app.listen(env.PORT, () => {
    logger.info({ url: env.APP_URL, port: env.PORT }, "Tremplin is listening");
    if (runsBackgroundJobs && env.OUTBOX_WORKER === "on") build.entry.module.startBackgroundJobs?.((line) => logger.info(line));
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // Give in-flight requests time to finish, then close the database.
    const force = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(async () => {
      await build.entry.module.shutdown?.();
      logger.info("stopped");
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/**
 * A worker's node flags: the primary's, and a bound on its heap unless the operator set one. V8 sizes a
 * heap from the machine's memory and collects lazily: under load a worker whose live data is a few tens
 * of megabytes grew to 300–400 MB of RSS (a short bench: the whole server peaked at 734 MB with two workers,
 * 430–450 MB with this bound). A young generation of 2 MB per semi-space (V8's default is up to 16) keeps
 * short-lived request garbage from piling up between collections.
 */
export function workerNodeFlags(primaryFlags: readonly string[], heapMb: number, nodeOptions = ""): string[] {
  // NODE_OPTIONS reaches the workers too, but a command-line flag would override it.
  const operators = [...primaryFlags, ...nodeOptions.split(/\s+/)];
  const sets = (flag: string) => operators.some((arg) => arg.replaceAll("_", "-").startsWith(`${flag}=`));
  return [
    ...primaryFlags,
    ...(sets("--max-old-space-size") ? [] : [`--max-old-space-size=${heapMb}`]),
    ...(sets("--max-semi-space-size") ? [] : ["--max-semi-space-size=2"]),
  ];
}

/**
 * What a worker's environment adds to the primary's: its role, and glibc's malloc tuning unless the operator
 * set it. The variables are read once, when a process starts, so they are set here for the workers the
 * primary forks.
 * - MALLOC_ARENA_MAX=2: glibc gives each thread that allocates (libuv's pool, V8's helpers) an arena of its
 *   own, kept after use: with two the workers' resident memory fell by about 20 MB each under the bench's
 *   load (182 → 159–167 MB), with no measurable change in CPU per request.
 * - MALLOC_MMAP_THRESHOLD_ and MALLOC_TRIM_THRESHOLD_ at 128 KB: glibc raises its mmap threshold after the
 *   first large block is freed (up to 32 MB), so later large buffers (a CSV export's chunks, zlib's, a
 *   request body's) came from the heap and stayed resident when freed; fixed, they are mapped and given
 *   back, and the heap's free top is returned. The whole server's peak under the bench fell by 10–15 MB.
 */
export function workerEnvironment(
  runsBackgroundJobs: boolean,
  settings: Pick<SupervisorSettings, "mallocArenas" | "glibcTuning">,
): Record<string, string> {
  const { MALLOC_MMAP_THRESHOLD_ = "131072", MALLOC_TRIM_THRESHOLD_ = "131072" } = settings.glibcTuning;
  return {
    [BACKGROUND_ROLE]: runsBackgroundJobs ? "on" : "off",
    MALLOC_ARENA_MAX: String(settings.mallocArenas ?? 2),
    MALLOC_MMAP_THRESHOLD_,
    MALLOC_TRIM_THRESHOLD_,
  };
}

const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

/**
 * The primary's log: the few lines a supervisor writes (a worker died, one could not start), as pino writes
 * them (one JSON object per line, its numeric levels), so that they read like the workers' lines; pino
 * itself is left to the workers (see supervisorSettings).
 */
export function supervisorLog(level: string, write: (line: string) => void = (line) => process.stdout.write(line)) {
  const threshold = level in LEVELS ? LEVELS[level as keyof typeof LEVELS] : Infinity; // "silent"
  const at = (name: keyof typeof LEVELS) => (fields: Record<string, unknown>, msg: string) => {
    if (LEVELS[name] >= threshold)
      write(`${JSON.stringify({ level: LEVELS[name], time: Date.now(), pid: process.pid, ...fields, msg })}\n`);
  };
  return { info: at("info"), error: at("error"), fatal: at("fatal") };
}

/** Forks the workers, replaces one that dies, and stops them all on SIGTERM/SIGINT. */
function superviseWorkers(settings: SupervisorSettings): Promise<void> {
  const logger = supervisorLog(settings.logLevel);
  const count = settings.workers;
  // Workers inherit the primary's node flags (none but the operator's in production: node build/server/…), with a heap bound.
  cluster.setupPrimary({ exec: WORKER_ENTRY, execArgv: workerNodeFlags(process.execArgv, settings.heapMb, settings.nodeOptions) });
  let stopping = false;
  const fork = (runsBackgroundJobs: boolean): Worker => {
    const worker = cluster.fork(workerEnvironment(runsBackgroundJobs, settings));
    let listened = false;
    worker.once("listening", () => (listened = true));
    worker.once("exit", (code, signal) => {
      if (stopping) return;
      if (!listened) {
        // It could not even start (port taken, no build, bad configuration): another would fail the same way.
        logger.fatal({ worker: worker.process.pid, code, signal }, "a worker failed to start");
        stop("SIGTERM", 1);
        return;
      }
      logger.error({ worker: worker.process.pid, code, signal }, "worker died: starting another");
      fork(runsBackgroundJobs);
    });
    return worker;
  };
  const stop = (signal: NodeJS.Signals, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    let left = running.length;
    if (left === 0) process.exit(exitCode);
    for (const worker of running) {
      worker.once("exit", () => {
        if (--left === 0) process.exit(exitCode);
      });
      worker.process.kill(signal);
    }
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS + 2_000).unref();
  };
  for (let i = 0; i < count; i++) fork(i === 0);
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  return Promise.resolve();
}
