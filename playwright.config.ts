import { chromium, defineConfig, devices } from "@playwright/test";
import { findChromium, NO_BROWSER_MESSAGE } from "./tests/support/chromium.ts";
import type { ServerPlan } from "./tests/e2e/servers.ts";

const PORT = Number(process.env.E2E_PORT ?? 3210);
// Separate port and folder let two runs share a machine.
export const E2E_DIR = process.env.E2E_DIR ?? "var/e2e";

/**
 * Parallel workers (E2E_WORKERS, 2 by default). Each has a main
 * app server and database of its own (MAIN_SERVERS[test.info().parallelIndex],
 * through the `baseURL` fixture of tests/e2e/support.ts), so tests running at the
 * same time never see each other's rows, and every test of every file can run in
 * parallel (fullyParallel). Tests must not count on which other tests ran before
 * them on their server: reviewers the assignment picks, for one, read the platform
 * in their own language (the demo's reviewer3 in Arabic, reviewer4 in English).
 */
export const E2E_WORKERS = Number(process.env.E2E_WORKERS ?? 2);

/**
 * The main app servers, one per worker, each on a fresh database seeded with the
 * demo and a local mailbox: the first on E2E_PORT with its files in E2E_DIR, the
 * others on E2E_PORT+4… with theirs in E2E_DIR/main<n>.
 */
export const MAIN_SERVERS = Array.from({ length: E2E_WORKERS }, (_, index) => ({
  url: `http://localhost:${index === 0 ? PORT : PORT + 3 + index}`,
  dir: index === 0 ? E2E_DIR : `${E2E_DIR}/main${index}`,
}));

/**
 * The demo accounts' password on the e2e servers. They run the production build in demo
 * mode (TREMPLIN_DEMO=on: NODE_ENV=production alone would turn the demo off), and
 * DEMO_PASSWORD, accepted only in demo mode, replaces the password generated per install.
 */
export const E2E_DEMO_PASSWORD = "e2e-demo-password-2026";

/**
 * The demo admin's authenticator secret on the e2e servers (DEMO_TOTP_SECRET, demo mode only; elsewhere generated per
 * install): admins must use two-step verification, so the tests compute the admin's codes from it.
 */
export const E2E_DEMO_TOTP_SECRET = "KRZGK3LQNRUW4RLFGJSVGZLDOJSXIMRQ";

const APP_ENV = {
  NODE_ENV: "production",
  TREMPLIN_DEMO: "on",
  DEMO_PASSWORD: E2E_DEMO_PASSWORD,
  DEMO_TOTP_SECRET: E2E_DEMO_TOTP_SECRET,
  SESSION_SECRET: "e2e-session-secret-that-is-long-enough-123",
  LOG_LEVEL: "warn",
  // One process per server: the test workers are the parallelism here (the cluster has its own test, server-cluster.test.ts).
  WEB_CONCURRENCY: "1",
};

/**
 * A second app server that sends its mail over SMTP to a sink (tests/e2e/smtp-sink.ts),
 * for the specs that read what really left the platform (full-round.spec.ts, through
 * `test.use({ baseURL: SMTP_E2E.appURL })`). The main server keeps the local mailbox
 * that the other specs read. Ports follow E2E_PORT (PORT+1…PORT+3; the other main
 * servers take PORT+4 on, the launcher's readiness port comes last), so runs with different
 * E2E_PORTs at least 4 + E2E_WORKERS apart never collide; its files live in E2E_DIR/smtp.
 */
export const SMTP_E2E = {
  appURL: `http://localhost:${PORT + 1}`,
  smtpPort: PORT + 2,
  sinkURL: `http://127.0.0.1:${PORT + 3}`,
  dir: `${E2E_DIR}/smtp`,
  /**
   * On PostgreSQL, the SMTP app is two servers (separate processes, as on two machines) on one
   * database and one uploads folder, behind a proxy on appURL that hands each request to the next
   * one in turn (tests/e2e/servers.ts): the whole round of full-round.spec.ts runs across both, and
   * both outbox workers send. Their ports come after the launcher's (runs need E2E_PORTs 10 apart).
   */
  backendPorts: process.env.E2E_POSTGRES_URL ? [PORT + 8, PORT + 9] : [],
};

/** What the proxy in front of the SMTP app's servers answers on this path: the requests each one served. */
export const PROXY_SERVED_PATH = "/__e2e-proxy/served";

/** The launcher's own port, after the main servers': 200 once every server answers. */
const READY_PORT = PORT + 3 + E2E_WORKERS;

/**
 * E2E_POSTGRES_URL (set by `npm run test:pg`): a PostgreSQL server, reached through a database that
 * exists on it, on which each app server gets a database of its own, named after E2E_PORT and the
 * server, copied from the seeded template's (tests/e2e/servers.ts). Without it, SQLite files.
 */
const E2E_POSTGRES_URL = process.env.E2E_POSTGRES_URL;

/** An app server's database: a file in its folder, or on PostgreSQL a database named after `name`. */
function databaseUrlFor(name: string, dir: string): string {
  if (!E2E_POSTGRES_URL) return `file:./${dir}/tremplin.db`;
  const url = new URL(E2E_POSTGRES_URL);
  url.pathname = `/tremplin_e2e_${PORT}_${name}`;
  return url.toString();
}

/** An app server's environment: its port, address, database and files. */
const appEnv = (name: string, url: string, dir: string) => ({
  ...APP_ENV,
  PORT: new URL(url).port,
  APP_URL: url,
  DATABASE_URL: databaseUrlFor(name, dir),
  STORAGE_DIR: `${dir}/storage`,
  MAILBOX_DIR: `${dir}/mailbox`,
});

/** Each main server's environment, for a spec that runs one of the app's commands against its database (create-admin). */
export const MAIN_SERVER_ENVS = MAIN_SERVERS.map((server, index) => appEnv(`main${index}`, server.url, server.dir));

/** What tests/e2e/servers.ts starts: the sink, then one seeded database copied for every app server. */
const SERVER_PLAN: ServerPlan = {
  template: { dir: `${E2E_DIR}/template`, env: appEnv("template", MAIN_SERVERS[0].url, `${E2E_DIR}/template`) },
  postgres: E2E_POSTGRES_URL ? { serverURL: E2E_POSTGRES_URL } : undefined,
  sink: {
    env: { SMTP_SINK_PORT: String(SMTP_E2E.smtpPort), SMTP_SINK_HTTP_PORT: new URL(SMTP_E2E.sinkURL).port },
    healthURL: `${SMTP_E2E.sinkURL}/healthz`,
  },
  apps: [
    ...MAIN_SERVERS.map((server, index) => ({
      name: `main${index}`,
      dir: server.dir,
      env: appEnv(`main${index}`, server.url, server.dir),
      healthURL: `${server.url}/healthz`,
    })),
    {
      name: "smtp-app",
      dir: SMTP_E2E.dir,
      env: { ...appEnv("smtp", SMTP_E2E.appURL, SMTP_E2E.dir), SMTP_URL: `smtp://127.0.0.1:${SMTP_E2E.smtpPort}` },
      healthURL: `${SMTP_E2E.appURL}/healthz`,
      backendPorts: SMTP_E2E.backendPorts,
    },
  ],
  readyPort: READY_PORT,
  proxyServedPath: PROXY_SERVED_PATH,
};

// Stops the run before any server starts when there is no browser, saying how to get one.
const CHROMIUM_EXECUTABLE = findChromium({
  env: { CHROMIUM_PATH: process.env.CHROMIUM_PATH, PATH: process.env.PATH },
  playwrightBrowser: () => {
    try {
      return chromium.executablePath();
    } catch {
      return undefined;
    }
  },
});
if (!CHROMIUM_EXECUTABLE) throw new Error(NO_BROWSER_MESSAGE);

const CHROMIUM = { ...devices["Desktop Chrome"], channel: undefined };

/** The specs by how long their tests take, longest first (see `projects` below). */
const LONGEST_FIRST = [
  { name: "round", files: ["full-round.spec.ts"] },
  { name: "journeys", files: ["email.spec.ts", "founder.spec.ts", "review.spec.ts", "teams.spec.ts"] },
  { name: "pages", files: ["*.spec.ts"] },
];

// End-to-end tests run against the production build, on a fresh database
// seeded with the demo, in Debian's Chromium headless shell (no browser download).
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: E2E_WORKERS,
  retries: 0,
  // Two workers share the cores with their servers: a long journey (every wizard step through
  // axe, two reviewers scoring then the admin ranking) took up to 90 s on a fresh clone on a
  // slow day of this 2-core machine, so each test gets 180 s (it was 60 s with one worker).
  // A limit only stops a stuck test: no assertion depends on it.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  // The list, then the ten slowest files (Playwright's reportSlowTests skips those split across workers).
  reporter: [["list"], ["./tests/support/playwright-slowest-files.ts"]],
  reportSlowTests: null,
  use: {
    // Each worker's own server replaces it (the `baseURL` fixture of tests/e2e/support.ts).
    baseURL: MAIN_SERVERS[0].url,
    // Traces on demand: E2E_TRACE=on keeps a failed test's trace (each action's DOM snapshot, what the
    // page showed). Recording them for every test cost 8 % of the run's CPU, and the screencast another
    // quarter (Chromium encoding frames, the runner writing them): it stays off either way.
    trace: process.env.E2E_TRACE === "on" ? { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: false } : "off",
    launchOptions: {
      executablePath: CHROMIUM_EXECUTABLE,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // A new tab loads its first page in the renderer it opened with instead of starting a second
        // one for the site: about a quarter less CPU per new tab (tabs of different contexts still
        // never share a process).
        "--renderer-process-limit=1",
      ],
    },
  },
  // Longest first. Tests go to the workers in the order of their projects, then of their files'
  // names; a long journey that started last would leave the other worker idle until it ended.
  // So the whole round (one test, the longest) starts at once, then the other journeys (password
  // reset, founder, reviewers), and the short page checks fill in at the end; a new spec joins those
  // unless it is named in LONGEST_FIRST. (A worker that moves on
  // to another project starts a new process: two or three times a run, about a second each.)
  projects: LONGEST_FIRST.map(({ name, files }, index) => ({
    name,
    use: CHROMIUM,
    testMatch: files,
    // Each project leaves out the files an earlier one takes: the last one takes all the rest.
    testIgnore: LONGEST_FIRST.slice(0, index).flatMap((earlier) => earlier.files),
  })),
  // One launcher starts every server at once (tests/e2e/servers.ts) and answers once they all do.
  webServer: {
    command: "node_modules/.bin/tsx tests/e2e/servers.ts",
    url: `http://127.0.0.1:${READY_PORT}/`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: { E2E_SERVER_PLAN: JSON.stringify(SERVER_PLAN) },
  },
});
