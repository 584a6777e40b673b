// The server under test: the production build served by app/server/index.ts in
// its own node process (so /proc/<pid> and its children are the server and only the server),
// stopped at the end whatever happens.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { baseUrl, benchEnv, config } from "./config.ts";
import { log } from "./log.ts";

export type Server = { pid: number; stop: () => Promise<void> };

let running: ChildProcess | null = null;

// Last resort: whatever way the bench ends, the server does not outlive it.
process.on("exit", () => {
  if (running && running.exitCode === null) running.kill("SIGKILL");
});

async function isAnswering(): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

export async function startServer(): Promise<Server> {
  if (await isAnswering()) throw new Error(`something already answers on ${baseUrl}: set BENCH_PORT to a free port`);
  const out = fs.openSync(config.serverLog, "w");
  const child = spawn(process.execPath, ["--import", "tsx", "app/server/index.ts"], {
    cwd: config.root,
    env: benchEnv(),
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  running = child;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));

  const deadline = Date.now() + 60_000;
  while (!(await isAnswering())) {
    if (exitedEarly) throw new Error(`the server exited during start-up (code ${child.exitCode}); see ${config.serverLog}`);
    if (Date.now() > deadline) throw new Error(`the server did not answer /healthz within 60 s; see ${config.serverLog}`);
    await sleep(200);
  }
  log(`server: pid ${child.pid} on ${baseUrl} (log: ${config.serverLog})`);

  return {
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const killed = await Promise.race([exited.then(() => true), sleep(12_000).then(() => false)]);
      if (!killed) {
        child.kill("SIGKILL");
        await exited;
      }
      running = null;
      log("server: stopped");
    },
  };
}

/**
 * Waits until the server is idle again: autocannon closes its sockets when a run
 * ends, but the server still finishes the requests it had begun, which would
 * otherwise slow down the start of the next run.
 */
export async function settle(maxWaitMs = 20_000): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  let quick = 0;
  while (quick < 3 && Date.now() < deadline) {
    const started = performance.now();
    await isAnswering();
    quick = performance.now() - started < 25 ? quick + 1 : 0;
    await sleep(100);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The process and its descendants (the server's cluster workers), from each process's parent in /proc (Linux). */
export function processTree(pid: number): number[] {
  const childrenOf = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(childrenOf.get(tree[i]!) ?? []));
  return tree;
}

function sumOverTree(pid: number, measure: (pid: number) => number): number {
  return processTree(pid).reduce((sum, member) => {
    try {
      return sum + measure(member);
    } catch {
      return sum; // a worker exited meanwhile
    }
  }, 0);
}

/** Resident memory of one process, in bytes (Linux). */
export function processRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** Resident memory of the server (primary and workers), in bytes (Linux). */
export function rssBytes(pid: number): number {
  return sumOverTree(pid, processRss);
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system) the server (primary and workers) has used so far, in ms (Linux). */
export function cpuMs(pid: number): number {
  return sumOverTree(pid, (member) => {
    const stat = fs.readFileSync(`/proc/${member}/stat`, "utf8");
    // The command name (2nd field) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  });
}

/** Samples a process's RSS until stopped; reports the peak. */
export function sampleRss(pid: number, everyMs: number = config.rssSampleMs) {
  const before = rssBytes(pid);
  let peak = before;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssBytes(pid));
    } catch {
      // the process is gone: nothing left to sample
    }
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      try {
        peak = Math.max(peak, rssBytes(pid));
      } catch {
        /* gone */
      }
      return { beforeBytes: before, peakBytes: peak, growthBytes: peak - before };
    },
  };
}
