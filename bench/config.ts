// Settings of `npm run bench`, from the command line and the environment.
import os from "node:os";
import path from "node:path";
import { demoTotpSecret, localSecret } from "~/config/env.server.ts";

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

const args = process.argv.slice(2);
const ROOT = path.resolve(import.meta.dirname, "..");
/** Scratch space of the bench: its database, uploads, mailbox, server log. Git-ignored (var/). */
const WORK_DIR = path.resolve(ROOT, process.env.BENCH_DIR ?? "var/bench");
const ONLY = (process.env.BENCH_TARGETS ?? "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const SECONDS = positiveNumber("BENCH_SECONDS", 10);
const TRIAL = ONLY.length > 0 || SECONDS < 10;
/**
 * BENCH_DATABASE_URL: the app's database on a PostgreSQL server (a database the bench empties with
 * `prisma migrate reset` and seeds afresh, unless --reuse finds it seeded) instead of the SQLite file
 * var/bench/bench.db. The floor stays on SQLite: it is the reference for the machine, not the database.
 */
const POSTGRES_URL = process.env.BENCH_DATABASE_URL;
if (POSTGRES_URL && !/^postgres(ql)?:\/\//.test(POSTGRES_URL)) throw new Error("BENCH_DATABASE_URL must be a postgres:// URL");
/** Where results of a PostgreSQL run go: beside SQLite's, and in their own part of the README. */
const RESULTS_SUFFIX = POSTGRES_URL ? "-postgresql" : "";

export const config = {
  root: ROOT,
  workDir: WORK_DIR,
  databaseFile: path.join(WORK_DIR, "bench.db"),
  /** The app's database: the SQLite file above, or BENCH_DATABASE_URL. */
  databaseUrl: POSTGRES_URL ?? `file:${path.join(WORK_DIR, "bench.db")}`,
  database: POSTGRES_URL ? ("PostgreSQL" as const) : ("SQLite" as const),
  serverLog: path.join(WORK_DIR, "server.log"),
  /** Keep the database of the previous run when it exists (skips the seed). */
  reuse: args.includes("--reuse"),
  /** Skip `remix build` (use the build already in build/ and public/build/). */
  skipBuild: args.includes("--no-build"),
  /** Only these targets (comma-separated ids), for trial runs. */
  only: ONLY,
  port: positiveNumber("BENCH_PORT", 3400),
  /**
   * Server processes: the app's WEB_CONCURRENCY, and the floor's WORKERS — the same
   * number, set explicitly so the two are compared like for like.
   */
  workers: positiveNumber("BENCH_WORKERS", 2),
  /** The performance floor (../shared/floor/server.js), copied into the work folder at each run and served from there. */
  floorSource: path.resolve(ROOT, process.env.BENCH_FLOOR ?? "../shared/floor/server.js"),
  floorScript: path.join(WORK_DIR, "floor-server.js"),
  floorDatabase: path.join(WORK_DIR, "floor.db"),
  floorLog: path.join(WORK_DIR, "floor.log"),
  floorPort: positiveNumber("BENCH_FLOOR_PORT", 3401),
  host: "127.0.0.1",
  /** Measured seconds per target and connection setting (the issue asks for at least 10). */
  seconds: SECONDS,
  warmupSeconds: positiveNumber("BENCH_WARMUP_SECONDS", 2),
  /** Connection settings: 1 for the latency budgets, 10 for throughput. */
  connections: [1, 10] as const,
  applications: positiveNumber("BENCH_APPLICATIONS", 20_000),
  /** Sequential single CSV downloads timed one by one, with the server's memory sampled. */
  csvDownloads: 3,
  rssSampleMs: 20,
  // A trial (some targets only, or shorter runs) writes beside its database, leaving the published results alone.
  resultsJson: path.join(TRIAL ? WORK_DIR : path.join(ROOT, "bench"), `results${RESULTS_SUFFIX}.json`),
  resultsMarkdown: path.join(TRIAL ? WORK_DIR : path.join(ROOT, "bench"), `results${RESULTS_SUFFIX}.md`),
  /** The README's part for this database's table. */
  readmeMarker: POSTGRES_URL ? "bench:postgresql" : "bench",
  trial: TRIAL,
  readme: path.join(ROOT, "README.md"),
  /**
   * The seeded accounts' password, given to the seed as DEMO_PASSWORD: generated once per
   * install (kept beside the bench folder, so `--reuse` finds the database's password).
   */
  password: process.env.BENCH_PASSWORD ?? localSecret(path.join(ROOT, "var", "bench-demo-password"), 12),
  /**
   * The seeded admin's authenticator secret (admins must use two-step verification), given to the seed as
   * DEMO_TOTP_SECRET: generated once per install beside the password, for the log-in's second step.
   */
  totpSecret: demoTotpSecret(
    { DEMO_MODE: true, DEMO_TOTP_SECRET: process.env.BENCH_TOTP_SECRET },
    path.join(ROOT, "var", "bench-demo-totp-secret"),
  ),
} as const;

export const baseUrl = `http://${config.host}:${config.port}`;
export const floorUrl = `http://${config.host}:${config.floorPort}`;

/** The environment of every child process that touches the bench database or serves it. */
export function benchEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(config.port),
    APP_URL: baseUrl,
    DATABASE_URL: config.databaseUrl,
    STORAGE_DIR: path.join(WORK_DIR, "storage"),
    MAILBOX_DIR: path.join(WORK_DIR, "mailbox"),
    SESSION_SECRET: "bench-session-secret-not-for-production-0123456789",
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
    OUTBOX_WORKER: "off",
    TRUST_PROXY: "0",
    WEB_CONCURRENCY: String(config.workers),
  };
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}
