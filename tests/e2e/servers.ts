// Starts every server an end-to-end run needs, at once, and answers on a port of
// its own once they all do (playwright.config.ts waits on it; Playwright would
// start its web servers one after another):
//
//   1. the SMTP sink (tests/e2e/smtp-sink.ts), while
//   2. `node scripts/run.mjs start --prepare-only` builds the app when the sources are newer
//      than the build, then migrates and seeds one database in E2E_DIR/template;
//   3. each app server gets a copy of that folder (database and stored files; on PostgreSQL, with
//      E2E_POSTGRES_URL, a database copied from the template's with CREATE DATABASE … TEMPLATE) and
//      serves it with `node scripts/run.mjs index`: what `npm start` runs once the database
//      is prepared (its preparation, step 2, done once for all of them: migrating again and
//      checking the demo accounts in each server's own process doubled the start-up on
//      two cores), all at the same time.
//
// The plan (commands' environments, folders, addresses) comes from playwright.config.ts
// in E2E_SERVER_PLAN. A server that stops before answering stops the launcher with its
// exit code, so the run fails at once instead of waiting for the time limit.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import pg from "pg";

export type ServerPlan = {
  /** Where the seeded template is prepared, with the environment the app servers share. */
  template: { dir: string; env: Record<string, string> };
  /** On PostgreSQL: the server the databases named in each DATABASE_URL are (re)created on. */
  postgres?: { serverURL: string };
  sink: { env: Record<string, string>; healthURL: string };
  /**
   * `backendPorts`, when given: the app runs as that many servers on those ports, sharing its database
   * and folders, behind a proxy on its PORT that hands each request to the next server in turn.
   */
  apps: Array<{ name: string; dir: string; env: Record<string, string>; healthURL: string; backendPorts?: number[] }>;
  /** The launcher's own port: 200 on GET / once every server answers. */
  readyPort: number;
  /** What a proxy (`backendPorts`) answers on this path: the requests and form posts each server served. */
  proxyServedPath: string;
};

const TSX = path.resolve("node_modules/.bin/tsx");
/** The app as `npm start` runs it: compiled JavaScript under plain node. */
const APP = [process.execPath, path.resolve("scripts/run.mjs"), "start"] as const;
/** The server `npm start` hands over to once the database is prepared (app/server/index.ts). */
const SERVER = [process.execPath, path.resolve("scripts/run.mjs"), "index"] as const;
const children: ChildProcess[] = [];
let stopping = false;

function stopAll(code: number): never {
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  process.exit(code);
}

/** Runs `command` with `env`, its output prefixed with `name`; a child that stops before the end stops everything. */
function launch(
  name: string,
  [command, ...args]: readonly string[],
  env: Record<string, string>,
  options: { untilExit?: boolean } = {},
): Promise<void> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  const prefix = (stream: NodeJS.WritableStream) => (chunk: Buffer) =>
    stream.write(
      chunk
        .toString()
        .split("\n")
        .map((line, index, lines) => (index === lines.length - 1 && line === "" ? "" : `[${name}] ${line}`))
        .join("\n"),
    );
  child.stdout?.on("data", prefix(process.stdout));
  child.stderr?.on("data", prefix(process.stderr));
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      if (options.untilExit && code === 0) return resolve();
      if (stopping) return;
      console.error(`[e2e servers] ${name} stopped (${signal ?? `exit code ${code}`})`);
      stopAll(code || 1);
    });
    if (!options.untilExit) resolve();
  });
}

/**
 * A proxy on `port` that hands each request to the next of `backends` in turn (a load balancer without
 * affinity: a session made on one server is used on the other), and answers plan.proxyServedPath with
 * the requests and form posts each one served. It answers 502 while a server is down.
 */
function proxy(port: number, backends: number[]): void {
  const served = backends.map((backend) => ({ port: backend, requests: 0, posts: 0 }));
  let next = 0;
  http
    .createServer((request, response) => {
      if (request.url === plan!.proxyServedPath) {
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(served));
        return;
      }
      const backend = served[next++ % served.length];
      backend.requests += 1;
      if (request.method === "POST") backend.posts += 1;
      const upstream = http.request(
        { host: "127.0.0.1", port: backend.port, method: request.method, path: request.url, headers: request.headers },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          answer.pipe(response);
        },
      );
      upstream.on("error", () => {
        if (!response.headersSent) response.writeHead(502);
        response.end();
      });
      request.pipe(upstream);
    })
    .listen(port);
}

/** Resolves once `url` answers 200. */
async function answers(url: string): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(url, { cache: "no-store" });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const plan = JSON.parse(process.env.E2E_SERVER_PLAN ?? "null") as ServerPlan | null;
if (!plan) throw new Error("E2E_SERVER_PLAN is not set: the end-to-end servers are started by playwright.config.ts");

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => stopAll(0));

const everyFolder = [plan.template.dir, ...plan.apps.map((app) => app.dir)];
for (const dir of everyFolder) fs.rmSync(dir, { recursive: true, force: true });

/** The database name in a PostgreSQL URL. */
const databaseOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

/** Runs `statements` one by one on the PostgreSQL server of the plan. */
async function onPostgresServer(statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: plan!.postgres!.serverURL });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

if (plan.postgres) {
  // Databases of an earlier run on the same port go first, with any connection left to them.
  const names = [plan.template.env.DATABASE_URL, ...plan.apps.map((app) => app.env.DATABASE_URL)].map(databaseOf);
  await onPostgresServer([
    ...names.map((name) => `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    `CREATE DATABASE "${databaseOf(plan.template.env.DATABASE_URL)}"`,
  ]);
}

const started = performance.now();
/** Seconds since the launcher started, for the start-up's milestones. */
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

await launch("smtp-sink", [TSX, "tests/e2e/smtp-sink.ts"], plan.sink.env);
await launch("template", [...APP, "--prepare-only"], plan.template.env, { untilExit: true });
console.log(`[e2e servers] template built (when stale), migrated and seeded after ${elapsed()}`);
if (plan.postgres) {
  const template = databaseOf(plan.template.env.DATABASE_URL);
  await onPostgresServer(plan.apps.map((app) => `CREATE DATABASE "${databaseOf(app.env.DATABASE_URL)}" TEMPLATE "${template}"`));
}
for (const app of plan.apps) {
  fs.cpSync(plan.template.dir, app.dir, { recursive: true });
  if (!app.backendPorts?.length) {
    await launch(app.name, SERVER, app.env);
    continue;
  }
  for (const [index, port] of app.backendPorts.entries())
    await launch(`${app.name}-${index + 1}`, SERVER, { ...app.env, PORT: String(port) });
  proxy(Number(app.env.PORT), app.backendPorts);
}
await Promise.all(
  [plan.sink.healthURL, ...plan.apps.map((app) => app.healthURL)].map(async (url) => {
    await answers(url);
    console.log(`[e2e servers] ${url} answers after ${elapsed()}`);
  }),
);

http
  .createServer((_, response) => {
    response.writeHead(200, { "content-type": "text/plain" }).end("ok");
  })
  .listen(plan.readyPort, "127.0.0.1", () =>
    console.log(`[e2e servers] ${plan.apps.length} app servers and the SMTP sink are up after ${elapsed()}`),
  );
