// The server's processes as Linux shows them in /proc: the process tree under a
// pid (primary, cluster workers, any helper they start), the CPU time each has
// used and its resident memory. `procRoot` is a parameter so tests can give a
// fake /proc; the bench always reads the real one.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export type ProcStat = {
  pid: number;
  /** The executable's name (the 2nd field, without its parentheses; may hold spaces). */
  name: string;
  ppid: number;
  /** User and system CPU time, in clock ticks. */
  utime: number;
  stime: number;
};

/** Parses /proc/<pid>/stat. The name may hold spaces and parentheses: fields are counted after the LAST ")". */
export function parseStat(text: string): ProcStat {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) throw new Error(`not a /proc/<pid>/stat line: ${text.slice(0, 80)}`);
  // After the name: state (field 3) ppid (4) … utime (14) stime (15).
  const fields = text
    .slice(close + 2)
    .trim()
    .split(" ");
  const stat = {
    pid: Number(text.slice(0, open).trim()),
    name: text.slice(open + 1, close),
    ppid: Number(fields[1]),
    utime: Number(fields[11]),
    stime: Number(fields[12]),
  };
  if (![stat.pid, stat.ppid, stat.utime, stat.stime].every(Number.isFinite)) throw new Error(`unreadable /proc stat: ${text.slice(0, 80)}`);
  return stat;
}

function readStat(pid: number, procRoot: string): ProcStat | null {
  try {
    return parseStat(fs.readFileSync(path.join(procRoot, String(pid), "stat"), "utf8"));
  } catch {
    return null; // gone meanwhile
  }
}

/** The process and all its descendants, root first (breadth first), from each process's parent in <procRoot>/<pid>/stat. */
export function processTree(pid: number, procRoot = "/proc"): number[] {
  const childrenOf = new Map<number, number[]>();
  for (const entry of fs.readdirSync(procRoot)) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry), procRoot);
    if (!stat) continue;
    childrenOf.set(stat.ppid, [...(childrenOf.get(stat.ppid) ?? []), stat.pid]);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(childrenOf.get(tree[i]!) ?? []).sort((a, b) => a - b));
  return tree;
}

export const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system) used so far by the process and its descendants, in ms.
 * A process that has exited is no longer counted (its time went to its parent's
 * cutime, which this leaves out): a worker dying during a run makes the figure low.
 */
export function treeCpuMs(pid: number, procRoot = "/proc", clockTicks = CLOCK_TICKS): number {
  let ticks = 0;
  for (const member of processTree(pid, procRoot)) {
    const stat = readStat(member, procRoot);
    if (stat) ticks += stat.utime + stat.stime;
  }
  return (ticks * 1000) / clockTicks;
}

/** Resident memory of one process, in bytes (VmRSS of <procRoot>/<pid>/status). */
export function processRss(pid: number, procRoot = "/proc"): number {
  const status = fs.readFileSync(path.join(procRoot, String(pid), "status"), "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS in ${procRoot}/${pid}/status`);
  return Number(match[1]) * 1024;
}

export type ProcessMemory = { pid: number; ppid: number; name: string; role: string; rssBytes: number };

/**
 * Each process of the tree with its resident memory. Roles: the root is the
 * "primary"; its direct children running the same executable are "worker"s;
 * anything else is named after its executable (e.g. esbuild, the tsx loader's helper).
 */
export function treeMemory(pid: number, procRoot = "/proc"): ProcessMemory[] {
  const rows: ProcessMemory[] = [];
  const root = readStat(pid, procRoot);
  for (const member of processTree(pid, procRoot)) {
    const stat = readStat(member, procRoot);
    if (!stat) continue;
    let rssBytes: number;
    try {
      rssBytes = processRss(member, procRoot);
    } catch {
      continue; // exited meanwhile, or a zombie without memory
    }
    const role = member === pid ? "primary" : stat.ppid === pid && stat.name === root?.name ? "worker" : stat.name;
    rows.push({ pid: member, ppid: stat.ppid, name: stat.name, role, rssBytes });
  }
  return rows;
}

/** Resident memory of the whole tree, in bytes. */
export function treeRss(pid: number, procRoot = "/proc"): number {
  return treeMemory(pid, procRoot).reduce((sum, p) => sum + p.rssBytes, 0);
}

/** Server CPU time per response: the tree's CPU time over a run divided by the responses it gave. */
export function cpuMsPerRequest(cpuMsBefore: number, cpuMsAfter: number, responses: number): number {
  if (!(responses > 0)) return NaN;
  return Math.max(0, cpuMsAfter - cpuMsBefore) / responses;
}

/** The machine's load averages as /proc/loadavg gives them: "1-min 5-min 15-min running/total last-pid". */
export function loadAverage(procRoot = "/proc"): { one: number; five: number; fifteen: number; line: string } {
  const line = fs.readFileSync(path.join(procRoot, "loadavg"), "utf8").trim();
  const [one, five, fifteen] = line.split(/\s+/).map(Number);
  return { one: one!, five: five!, fifteen: fifteen!, line };
}
