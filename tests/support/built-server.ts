// A production build and real server processes, for the tests that start the server as `npm start`
// runs it (tests/integration/server-cluster.test.ts, tests/postgres/two-servers.test.ts).
import { execFile, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";

export const BUILD = path.resolve("build/index.js");
/** The compiled server entry: what the primary and every worker run. */
export const SERVER_ENTRY = path.resolve("build/server/index.js");
/**
 * The lock every `remix build` and end-to-end run of this working tree takes (build/ and
 * public/build/ are shared): held from before this test's build until its server has stopped,
 * so nobody rebuilds under the server it tests, and this build never collides with theirs.
 */
const BUILD_LOCK = "/tmp/tremplin-build.lock";
/** How long to wait for the lock (an end-to-end run holds it for minutes). */
export const LOCK_WAIT_SECONDS = 900;

/**
 * Takes the build lock (flock(1)) and holds it until release() — or until this process dies:
 * the holder waits on our pipe, so the lock cannot outlive the test.
 */
export async function holdBuildLock(): Promise<{ release: () => Promise<void> }> {
  const holder = spawn("flock", ["-w", String(LOCK_WAIT_SECONDS), BUILD_LOCK, "sh", "-c", "echo locked; exec cat >/dev/null"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("locked")) resolve();
    });
    holder.once("error", reject);
    holder.once("exit", (code) => reject(new Error(`could not take ${BUILD_LOCK} within ${LOCK_WAIT_SECONDS} s (flock exited ${code})`)));
  });
  return {
    release: () =>
      new Promise<void>((resolve) => {
        if (holder.exitCode !== null || holder.signalCode !== null) return resolve();
        holder.once("exit", () => resolve());
        holder.stdin!.end();
      }),
  };
}

/** `npm run build` of the sources as they are now: what the server below serves. */
export function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["scripts/build.mjs"],
      { env: { ...process.env, NODE_ENV: "production" }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`npm run build failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve()),
    );
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
