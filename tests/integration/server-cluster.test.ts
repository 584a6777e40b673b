// The production server as `npm start` runs it: compiled JavaScript under plain node
// (build/server/index.js, from app/server/index.ts), a primary process and one HTTP
// worker per core. A worker that dies is replaced while the others keep answering;
// SIGTERM stops them all and the primary exits cleanly.
//
// It builds the app first (`npm run build`: Remix's build and the compiled server), every time, under the build lock that end-to-end runs take too
// (so run it as it is, not inside `flock /tmp/tremplin-build.lock …`: it takes the lock itself).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookie } from "~/auth/session.server.ts";
import { env } from "~/config/env.server.ts";
import { db, dbReady } from "~/db/client.server.ts";
import { createTestUser } from "../support/factories.ts";
import { createApplication, createIntakeSetup } from "../support/intake-factories.ts";
import { measureBundles } from "../../bench/bundle.ts";
import { processTree } from "../../bench/proc.ts";
import { FOUNDER_JS_MAX_KB } from "../../bench/report.ts";
import { build, BUILD, freePort, holdBuildLock, LOCK_WAIT_SECONDS, SERVER_ENTRY, until } from "../support/built-server.ts";

let server: ChildProcess;
let baseUrl: string;
let output = "";
let buildLock: { release: () => Promise<void> } | null = null;

/** Pids of the workers that said they listen, in order. */
const listeningWorkers = () =>
  output
    .split("\n")
    .filter((line) => line.includes("Tremplin is listening"))
    .map((line) => (JSON.parse(line) as { pid: number }).pid);

/** A GET on a new connection each time, so that each request is handed to a worker afresh. */
function get(pathname: string, cookie?: string): Promise<{ status: number; setCookie: string[] }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      `${baseUrl}${pathname}`,
      { agent: false, timeout: 2_000, headers: cookie ? { Cookie: cookie } : {} },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0, setCookie: response.headers["set-cookie"] ?? [] }));
      },
    );
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
  });
}

const healthz = async () => (await get("/healthz")).status;

/** What /proc says a process runs: its command line, its NODE_OPTIONS and glibc's malloc settings. */
function processCommand(pid: number) {
  const split = (file: string) => fs.readFileSync(`/proc/${pid}/${file}`, "utf8").split("\0").filter(Boolean);
  const environment = split("environ");
  const variable = (name: string) => environment.find((entry) => entry.startsWith(`${name}=`))?.slice(name.length + 1);
  return {
    args: split("cmdline"),
    nodeOptions: variable("NODE_OPTIONS") ?? "",
    malloc: {
      arenas: variable("MALLOC_ARENA_MAX"),
      mmapThreshold: variable("MALLOC_MMAP_THRESHOLD_"),
      trimThreshold: variable("MALLOC_TRIM_THRESHOLD_"),
    },
  };
}

/** The packages a compiled server file loads when it is run: its static imports, and theirs among the build's chunks. */
function staticPackages(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    // Static imports only: `import … from "x"` and `import "x"`, not `import("x")`.
    for (const [, specifier] of fs.readFileSync(file, "utf8").matchAll(/^import\s(?:[^"';]*?\sfrom\s)?["']([^"']+)["']/gm)) {
      if (specifier!.startsWith(".")) visit(path.resolve(path.dirname(file), specifier!));
      else packages.add(specifier!);
    }
  };
  visit(entry);
  return packages;
}

beforeAll(
  async () => {
    await dbReady;
    // Always built afresh, so the server tested runs the code as it is, never an older build.
    buildLock = await holdBuildLock();
    const started = Date.now();
    await build();
    for (const output of [BUILD, SERVER_ENTRY]) expect(fs.statSync(output).mtimeMs).toBeGreaterThanOrEqual(started - 1000);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [SERVER_ENTRY], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        APP_URL: baseUrl,
        // The test's own secret, so that it can sign a session cookie the server accepts.
        SESSION_SECRET: env().SESSION_SECRET,
        LOG_LEVEL: "info",
        OUTBOX_WORKER: "off",
        WEB_CONCURRENCY: "2",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await until("two workers", () => (listeningWorkers().length >= 2 ? true : undefined), 60_000);
  },
  (LOCK_WAIT_SECONDS + 300) * 1000,
);

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGKILL");
    await exited;
  }
  await buildLock?.release();
});

describe("the clustered server", () => {
  it("runs compiled JavaScript under plain node: no process of it loads tsx or starts esbuild", () => {
    const tree = processTree(server.pid!);
    // The primary and its two workers, nothing else: no esbuild service, no loader process.
    expect(tree.slice(1).sort()).toEqual([...listeningWorkers()].sort());
    for (const pid of tree) {
      const { args, nodeOptions } = processCommand(pid);
      const where = `process ${pid}: ${args.join(" ")}`;
      expect(args[0], where).toBe(process.execPath);
      // No TypeScript loader (tsx's --import/--require hooks), no TypeScript file, no esbuild.
      expect(
        args.filter((arg) => /tsx|esbuild|\.tsx?$|^--(import|require|loader|experimental-loader)\b/.test(arg)),
        where,
      ).toEqual([]);
      expect(nodeOptions, where).not.toMatch(/tsx|esbuild|--import|--require|--loader/);
      expect(args.at(-1), where).toBe(SERVER_ENTRY);
    }
  });

  it("bounds each worker's heap (WORKER_HEAP_MB, 96 MB by default), keeps its young generation small and tunes its malloc", () => {
    const workers = listeningWorkers();
    expect(workers).toHaveLength(2);
    for (const pid of workers) {
      const { args, malloc } = processCommand(pid);
      expect(args, `worker ${pid}`).toEqual(expect.arrayContaining(["--max-old-space-size=96", "--max-semi-space-size=2"]));
      expect(malloc, `worker ${pid}`).toEqual({ arenas: "2", mmapThreshold: "131072", trimThreshold: "131072" });
    }
  });

  it("starts its primary, which only supervises, without zod or pino (config/supervisor.ts): about 13 MB less", () => {
    const packages = staticPackages(SERVER_ENTRY);
    expect([...packages].filter((name) => /^(zod|pino)(\/|$)/.test(name))).toEqual([]);
    expect(packages).toContain("node:cluster"); // the walk did reach the supervisor's code
  });

  it("keeps every founder page's JavaScript within the founder budget (bench/report.ts, gzipped, catalogs included)", () => {
    const founderPages = measureBundles().filter((bundle) => bundle.founderPage);
    expect(founderPages.map((bundle) => bundle.route)).toContain("founder.applications.$id.edit.$step");
    expect(founderPages.filter((bundle) => bundle.gzipKb > FOUNDER_JS_MAX_KB).map((b) => `${b.route}: ${b.gzipKb} KB`)).toEqual([]);
  });

  it("renews the session cookie with whatever response extends the session, here a download's 404", async () => {
    const user = await createTestUser();
    const session = await db.session.create({
      data: { id: `renew-${Date.now()}`, userId: user.id, expiresAt: new Date(Date.now() + 10 * 24 * 3600 * 1000) },
    });
    const cookie = (await sessionCookie.serialize(session.id)).split(";")[0]!;
    const response = await get("/files/no-such-file", cookie);
    expect(response.status).toBe(404);
    expect(response.setCookie.filter((c) => c.startsWith(`${cookie};`))).toEqual([expect.stringContaining("Max-Age=2592000")]);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).expiresAt.getTime()).toBeGreaterThan(
      Date.now() + 29 * 24 * 3600 * 1000,
    );
  });

  it("gzips pages, and sends a small answer (an autosave's) as it is, with its length, not gzipped by the middleware", async () => {
    const { site, call, founder } = await createIntakeSetup();
    const { application } = await createApplication({ founder, call, site });
    const session = await db.session.create({
      data: { id: `autosave-${Date.now()}`, userId: founder.id, expiresAt: new Date(Date.now() + 10 * 24 * 3600 * 1000) },
    });
    const cookie = (await sessionCookie.serialize(session.id)).split(";")[0]!;
    const headers = { Cookie: cookie, "Accept-Encoding": "gzip", Origin: baseUrl };
    const page = await fetch(`${baseUrl}/founder/applications/${application.id}`, { headers });
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Encoding")).toBe("gzip");
    await page.body?.cancel();
    const autosave = await fetch(`${baseUrl}/founder/applications/${application.id}/autosave`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ tagline: "Saved by the autosave, answered small." }),
    });
    expect(autosave.status).toBe(200);
    expect(autosave.headers.get("Content-Encoding")).toBeNull();
    const body = await autosave.text();
    expect(Number(autosave.headers.get("Content-Length"))).toBe(Buffer.byteLength(body));
    expect(JSON.parse(body)).toMatchObject({ saved: true, errors: {} });
    expect((await db.application.findUniqueOrThrow({ where: { id: application.id } })).tagline).toBe(
      "Saved by the autosave, answered small.",
    );
  });

  it("serves from two workers, replaces one that dies while the other answers, and stops cleanly", async () => {
    const [first, second] = listeningWorkers();
    expect(first).not.toBe(second);
    expect(await healthz()).toBe(200);

    process.kill(first!, "SIGKILL");
    // The survivor answers while the primary starts a replacement (a connection handed to the dead
    // worker in the instant before the primary notices is lost: hence a short timeout and a retry).
    await until("an answer from the surviving worker", async () => ((await healthz().catch(() => 0)) === 200 ? true : undefined), 10_000);
    const replacement = await until("a replacement worker", () => listeningWorkers().find((pid) => pid !== first && pid !== second));
    expect(output).toContain("worker died: starting another");
    expect(await healthz()).toBe(200);

    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
    for (const pid of [second!, replacement]) expect(() => process.kill(pid, 0)).toThrow();
  }, 60_000);
});
