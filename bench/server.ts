// The servers the bench starts: the app under test (the production build, in its own
// node process, so /proc/<pid> and its descendants are the server and only the server)
// and the floor (floor.ts); each stopped at the end whatever happens.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { baseUrl, benchEnv, config } from "./config.ts";
import { log } from "./log.ts";
import { processRss, processTree, treeCpuMs, treeMemory, type ProcessMemory } from "./proc.ts";

export type Server = { name: string; pid: number; url: string; stop: () => Promise<void> };

const running = new Set<ChildProcess>();

// Last resort: whatever way the bench ends, no server outlives it.
process.on("exit", () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

async function isAnswering(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/**
 * How the server under test starts — the one place that says it. The compiled
 * server (build/server/index.js, made by the build) when there is one, else the
 * TypeScript entry through the tsx loader. Either serves build/index.js.
 */
export function appServerCommand(root: string = config.root): { args: string[]; description: string } {
  const compiled = path.join(root, "build", "server", "index.js");
  if (fs.existsSync(compiled)) return { args: [compiled], description: "node build/server/index.js" };
  return { args: ["--import", "tsx", "app/server/index.ts"], description: "node --import tsx app/server/index.ts" };
}

type ProcessSpec = {
  name: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where it listens; the bench waits until `url + readyPath` answers. */
  url: string;
  readyPath: string;
  logFile: string;
  startupTimeoutMs: number;
};

/** Starts a node process and waits until it answers over HTTP. */
export async function startProcess(spec: ProcessSpec): Promise<Server> {
  const readyUrl = `${spec.url}${spec.readyPath}`;
  if (await isAnswering(readyUrl)) throw new Error(`${spec.name}: something already answers on ${spec.url}: choose another port`);
  const out = fs.openSync(spec.logFile, "w");
  const child = spawn(process.execPath, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));

  const deadline = Date.now() + spec.startupTimeoutMs;
  while (!(await isAnswering(readyUrl))) {
    if (exitedEarly) throw new Error(`${spec.name} exited during start-up (code ${child.exitCode}); see ${spec.logFile}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${spec.name} did not answer ${readyUrl} within ${spec.startupTimeoutMs / 1000} s; see ${spec.logFile}`);
    }
    await sleep(200);
  }
  log(`${spec.name}: pid ${child.pid} on ${spec.url} (log: ${path.relative(config.root, spec.logFile)})`);

  return {
    name: spec.name,
    pid: child.pid!,
    url: spec.url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const stopped = await Promise.race([exited.then(() => true), sleep(12_000).then(() => false)]);
        if (!stopped) {
          child.kill("SIGKILL");
          await exited;
        }
        log(`${spec.name}: stopped`);
      }
      running.delete(child);
    },
  };
}

/** The app under test, with WEB_CONCURRENCY workers (benchEnv), serving the bench database. */
export async function startServer(): Promise<Server> {
  const command = appServerCommand();
  log(`server: ${command.description}, WEB_CONCURRENCY=${config.workers}`);
  return startProcess({
    name: "server",
    args: command.args,
    cwd: config.root,
    env: benchEnv(),
    url: baseUrl,
    readyPath: "/healthz",
    logFile: config.serverLog,
    startupTimeoutMs: 60_000,
  });
}

/**
 * Waits until the server is idle again: autocannon closes its sockets when a run
 * ends, but the server still finishes the requests it had begun, which would
 * otherwise slow down the start of the next run.
 */
export async function settle(url = `${baseUrl}/healthz`, maxWaitMs = 20_000): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  let quick = 0;
  while (quick < 3 && Date.now() < deadline) {
    const started = performance.now();
    await isAnswering(url);
    quick = performance.now() - started < 25 ? quick + 1 : 0;
    await sleep(100);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export { processRss, processTree };

const trees = new Map<number, { at: number; members: number[] }>();

/**
 * Resident memory of the server (primary and workers), in bytes (Linux). Sampled
 * every few ms during a CSV download: the tree (a scan of every process in /proc)
 * is read again at most once a second.
 */
export function rssBytes(pid: number): number {
  let tree = trees.get(pid);
  if (!tree || performance.now() - tree.at >= 1000) {
    tree = { at: performance.now(), members: processTree(pid) };
    trees.set(pid, tree);
  }
  return tree.members.reduce((sum, member) => {
    try {
      return sum + processRss(member);
    } catch {
      return sum; // exited meanwhile
    }
  }, 0);
}

/** CPU time (user + system) the server (primary and workers) has used so far, in ms (Linux). */
export function cpuMs(pid: number): number {
  return treeCpuMs(pid);
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

export type MemoryPhase = {
  phase: string;
  /** Largest sum over the server's processes seen in one sample. */
  peakTotalMb: number;
  /** Each process's own largest RSS during the phase. */
  processes: Array<{ pid: number; role: string; peakMb: number }>;
};
export type MemoryReport = {
  sampleEveryMs: number;
  /** Right after start-up, before any request. */
  start: Array<{ pid: number; role: string; rssMb: number }>;
  phases: MemoryPhase[];
  /** At the end, after every target, before the server stops. */
  end: Array<{ pid: number; role: string; rssMb: number }>;
  peakTotalMb: number;
};

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const snapshot = (rows: ProcessMemory[]) => rows.map((p) => ({ pid: p.pid, role: p.role, rssMb: mb(p.rssBytes) }));

/**
 * Samples the resident memory of each of the server's processes for as long as
 * the server is measured, by phase (CSV export, oversized posts, page targets…):
 * the memory per worker that the budget "whole server < 400 MB" is about.
 */
export function watchMemory(pid: number, everyMs = 250) {
  const start = snapshot(treeMemory(pid));
  const phases: Array<{ phase: string; peakTotal: number; peaks: Map<number, { role: string; peak: number }> }> = [];
  const sample = () => {
    const current = phases.at(-1);
    if (!current) return;
    let rows: ProcessMemory[];
    try {
      rows = treeMemory(pid);
    } catch {
      return; // the server is gone
    }
    current.peakTotal = Math.max(
      current.peakTotal,
      rows.reduce((sum, p) => sum + p.rssBytes, 0),
    );
    for (const p of rows) {
      const seen = current.peaks.get(p.pid);
      current.peaks.set(p.pid, { role: p.role, peak: Math.max(seen?.peak ?? 0, p.rssBytes) });
    }
  };
  const timer = setInterval(sample, everyMs);
  return {
    /** Starts a new phase (ending the previous one). */
    phase(name: string) {
      sample();
      phases.push({ phase: name, peakTotal: 0, peaks: new Map() });
      sample();
    },
    stop(): MemoryReport {
      sample();
      clearInterval(timer);
      const end = snapshot(treeMemory(pid));
      const done = phases.map((p) => ({
        phase: p.phase,
        peakTotalMb: mb(p.peakTotal),
        processes: [...p.peaks].map(([member, { role, peak }]) => ({ pid: member, role, peakMb: mb(peak) })),
      }));
      const totals = [...done.map((p) => p.peakTotalMb), start.reduce((s, p) => s + p.rssMb, 0), end.reduce((s, p) => s + p.rssMb, 0)];
      return { sampleEveryMs: everyMs, start, phases: done, end, peakTotalMb: Math.round(Math.max(...totals) * 10) / 10 };
    },
  };
}
