// The production server as `npm start` runs it: a primary process and one HTTP
// worker per core (app/server/index.ts). A worker that dies is replaced while the
// others keep answering; SIGTERM stops them all and the primary exits cleanly.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookie } from "~/auth/session.server.ts";
import { env } from "~/config/env.server.ts";
import { db, dbReady } from "~/db/client.server.ts";
import { createTestUser } from "../support/factories.ts";

const BUILD = path.resolve("build/index.js");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let server: ChildProcess;
let baseUrl: string;
let output = "";

/** Pids of the workers that said they listen, in order. */
const listeningWorkers = () =>
  output
    .split("\n")
    .filter((line) => line.includes("Tremplin is listening"))
    .map((line) => (JSON.parse(line) as { pid: number }).pid);

/** A GET on a new connection each time, so that each request is handed to a worker afresh. */
function get(pathname: string, cookie?: string): Promise<{ status: number; setCookie: string[] }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}${pathname}`, { agent: false, timeout: 2_000, headers: cookie ? { Cookie: cookie } : {} }, (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0, setCookie: response.headers["set-cookie"] ?? [] }));
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
  });
}

const healthz = async () => (await get("/healthz")).status;

beforeAll(async () => {
  await dbReady;
  // The end-to-end tests build the app too; here only when no build exists yet (a fresh clone).
  if (!fs.existsSync(BUILD)) execFileSync("npx", ["remix", "build"], { stdio: "pipe", env: { ...process.env, NODE_ENV: "production" } });
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["--import", "tsx", "app/server/index.ts"], {
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
}, 120_000);

afterAll(() => {
  if (server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
});

describe("the clustered server", () => {
  it("renews the session cookie with whatever response extends the session, here a download's 404", async () => {
    const user = await createTestUser();
    const session = await db.session.create({ data: { id: `renew-${Date.now()}`, userId: user.id, expiresAt: new Date(Date.now() + 10 * 24 * 3600 * 1000) } });
    const cookie = (await sessionCookie.serialize(session.id)).split(";")[0]!;
    const response = await get("/files/no-such-file", cookie);
    expect(response.status).toBe(404);
    expect(response.setCookie.filter((c) => c.startsWith(`${cookie};`))).toEqual([expect.stringContaining("Max-Age=2592000")]);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
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
