// `npm run test:pg`: the PostgreSQL suite (vitest.pg.config.ts, tests/postgres/, then the
// end-to-end tests) against TEST_DATABASE_URL (a server and a user that may create databases),
// or, without it, against a private cluster this script starts when PostgreSQL's binaries are installed (Debian: the
// postgresql package) and removes afterwards: initdb in a temporary folder, loopback only, a free
// port, fsync off (a test cluster has nothing to keep). PostgreSQL refuses to run as root: as
// root, the cluster runs as the `postgres` user the Debian package creates.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

function postgresBinaries() {
  const candidates = [];
  const pgConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (pgConfig.status === 0) candidates.push(pgConfig.stdout.trim());
  if (fs.existsSync("/usr/lib/postgresql")) {
    for (const version of fs.readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a))) {
      candidates.push(`/usr/lib/postgresql/${version}/bin`);
    }
  }
  return candidates.find((dir) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl")));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL binary as the user the cluster belongs to. */
function asClusterUser(command, args) {
  return process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

async function startCluster() {
  const bin = postgresBinaries();
  if (!bin) {
    console.error(
      "npm run test:pg needs PostgreSQL: set TEST_DATABASE_URL to a server (postgres://user:password@host:5432/postgres, a user that may create databases), or install PostgreSQL's binaries (Debian/Ubuntu: apt-get install postgresql).",
    );
    process.exit(1);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tremplin-pg-"));
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres", dir]);
  const data = path.join(dir, "data");
  const port = await freePort();
  const [initdb, initArgs] = asClusterUser(path.join(bin, "initdb"), [
    "-D",
    data,
    "--no-sync",
    "-A",
    "trust",
    "-U",
    "postgres",
    "-E",
    "UTF8",
  ]);
  execFileSync(initdb, initArgs, { stdio: "pipe" });
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const [pgCtl, startArgs] = asClusterUser(path.join(bin, "pg_ctl"), [
    "-D",
    data,
    "-o",
    options,
    "-l",
    path.join(dir, "log"),
    "-w",
    "start",
  ]);
  execFileSync(pgCtl, startArgs, { stdio: "pipe" });
  const stop = () => {
    const [ctl, stopArgs] = asClusterUser(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"]);
    spawnSync(ctl, stopArgs, { stdio: "ignore" });
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

/** Runs `command` to its end with the inherited output; resolves to its exit code. */
function run(command, args, env) {
  const child = spawn(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  const forward = (signal) => child.kill(signal);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, forward);
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      for (const s of ["SIGINT", "SIGTERM"]) process.off(s, forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const cluster = process.env.TEST_DATABASE_URL ? undefined : await startCluster();
const url = process.env.TEST_DATABASE_URL ?? cluster.url;
const files = process.argv.slice(2);
// Vitest (tests/postgres/ and the integration tests, or the files named), then, for the whole
// suite, the end-to-end tests with every app server on a PostgreSQL database of that server
// (playwright.config.ts: E2E_POSTGRES_URL), on ports and in a folder of their own.
let code = await run(path.join(ROOT, "node_modules/.bin/vitest"), ["run", "--config", "vitest.pg.config.ts", ...files], {
  TEST_DATABASE_URL: url,
});
if (code === 0 && files.length === 0) {
  code = await run(path.join(ROOT, "node_modules/.bin/playwright"), ["test"], {
    E2E_POSTGRES_URL: url,
    E2E_PORT: process.env.E2E_PORT ?? "3260",
    E2E_DIR: process.env.E2E_DIR ?? "var/e2e-pg",
  });
}
cluster?.stop();
process.exit(code);
