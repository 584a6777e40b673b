// Two Tremplin servers on one PostgreSQL database (separate processes, as on two machines): a write
// acknowledged by either is in the database, also when one of them is killed in the middle of a burst;
// the survivor goes on serving, and reads the other's writes at once.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookie } from "~/auth/session.server.ts";
import { env } from "~/config/env.server.ts";
import { db, dbReady } from "~/db/client.server.ts";
import { build, freePort, holdBuildLock, LOCK_WAIT_SECONDS, SERVER_ENTRY, until } from "../support/built-server.ts";
import { createTestUser } from "../support/factories.ts";

type Server = { url: string; process: ChildProcess; output: string };

const servers: Server[] = [];
let buildLock: { release: () => Promise<void> } | null = null;

async function startServer(): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: url,
      // The test's own secret, so that it can sign session cookies both servers accept.
      SESSION_SECRET: env().SESSION_SECRET,
      LOG_LEVEL: "warn",
      WEB_CONCURRENCY: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const server: Server = { url, process: child, output: "" };
  child.stdout!.on("data", (chunk: Buffer) => (server.output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (server.output += chunk.toString()));
  servers.push(server);
  await until(`the server on ${url}`, async () => ((await get(server, "/healthz").catch(() => 0)) === 200 ? true : undefined), 60_000);
  return server;
}

function get(server: Server, pathname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${server.url}${pathname}`, { agent: false, timeout: 5_000 }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
  });
}

type Answer = { status: number; location: string | undefined } | { error: string };

/** A founder's profile change (POST /account), as the form sends it: the status, or the error when the connection failed. */
function saveName(server: Server, cookie: string, name: string): Promise<Answer> {
  const body = new URLSearchParams({ intent: "profile", name, locale: "fr" }).toString();
  return new Promise((resolve) => {
    const request = http.request(
      `${server.url}/account`,
      {
        method: "POST",
        agent: false,
        timeout: 10_000,
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve({ status: response.statusCode ?? 0, location: response.headers.location }));
        response.on("error", (error) => resolve({ error: error.message }));
      },
    );
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", (error) => resolve({ error: error.message }));
    request.end(body);
  });
}

/** The profile was saved: the account page's redirect after success (a refusal answers the form again, a lost session goes to the login page). */
function saved(answer: Answer): boolean {
  return "status" in answer && answer.status === 302 && answer.location === "/account";
}

beforeAll(
  async () => {
    await dbReady;
    buildLock = await holdBuildLock();
    await build();
    await startServer();
    await startServer();
  },
  (LOCK_WAIT_SECONDS + 300) * 1000,
);

afterAll(async () => {
  for (const server of servers) {
    if (server.process.exitCode !== null || server.process.signalCode !== null) continue;
    const exited = new Promise((resolve) => server.process.once("exit", resolve));
    server.process.kill("SIGKILL");
    await exited;
  }
  await buildLock?.release();
});

describe("two servers on one PostgreSQL database", () => {
  it("keeps every write either acknowledged when one is killed mid-burst, and the other goes on", async () => {
    const [first, second] = servers;
    const founders = await Promise.all(Array.from({ length: 40 }, () => createTestUser({ roles: ["FOUNDER"] })));
    const cookies = await Promise.all(
      founders.map(async (founder) => {
        const session = await db.session.create({
          data: { id: `two-servers-${founder.id}`, userId: founder.id, expiresAt: new Date(Date.now() + 3600_000) },
        });
        return (await sessionCookie.serialize(session.id)).split(";")[0]!;
      }),
    );
    // The founders' posts alternate between the servers, a few milliseconds apart; the first server is
    // killed (SIGKILL: no draining) once a third of them are sent.
    const results: Array<Promise<Answer>> = [];
    for (const [index, cookie] of cookies.entries()) {
      if (index === Math.floor(cookies.length / 3)) first.process.kill("SIGKILL");
      results.push(saveName(index % 2 === 0 ? first : second, cookie, `Renamed ${index}`));
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const answers = await Promise.all(results);
    const acknowledged = answers.flatMap((answer, index) => (saved(answer) ? [index] : []));
    const stored = await db.user.findMany({ where: { id: { in: founders.map((f) => f.id) } }, select: { id: true, name: true } });
    const nameOf = new Map(stored.map((user) => [user.id, user.name]));
    // Every write a server acknowledged is there; the others are there whole or not at all.
    for (const index of acknowledged) expect(nameOf.get(founders[index].id), `founder ${index}`).toBe(`Renamed ${index}`);
    for (const [index, founder] of founders.entries()) expect([founder.name, `Renamed ${index}`]).toContain(nameOf.get(founder.id));
    // The second server answered all of its share; the first stopped answering once killed.
    const secondShare = answers.filter((_, index) => index % 2 === 1);
    expect(secondShare.map(saved)).toEqual(secondShare.map(() => true));
    expect(answers.filter((answer, index) => index % 2 === 0 && "error" in answer).length).toBeGreaterThan(0);
    expect(await get(second, "/healthz")).toBe(200);
  });

  it("shows on one server what was just written through the other", async () => {
    const [, second] = servers;
    const reader = await startServer();
    const founder = await createTestUser({ roles: ["FOUNDER"] });
    const session = await db.session.create({
      data: { id: `two-servers-read-${founder.id}`, userId: founder.id, expiresAt: new Date(Date.now() + 3600_000) },
    });
    const cookie = (await sessionCookie.serialize(session.id)).split(";")[0]!;
    for (let round = 0; round < 10; round++) {
      expect(saved(await saveName(second, cookie, `Round ${round}`))).toBe(true);
      const page = await new Promise<string>((resolve, reject) => {
        http
          .get(`${reader.url}/account`, { agent: false, headers: { Cookie: cookie } }, (response) => {
            let html = "";
            response.on("data", (chunk: Buffer) => (html += chunk.toString()));
            response.on("end", () => resolve(html));
          })
          .on("error", reject);
      });
      expect(page).toContain(`value="Round ${round}"`);
    }
  });
});
