// The benchmark's reading of /proc (bench/proc.ts), on a made-up /proc: which
// processes make up the server, the CPU time they used, their memory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cpuMsPerRequest, loadAverage, parseStat, processTree, treeCpuMs, treeMemory, treeRss } from "../../bench/proc.ts";

let proc: string;

/** A /proc/<pid>/stat line as Linux writes it (52 fields), with the given parent and CPU ticks. */
function statLine(pid: number, name: string, ppid: number, utime: number, stime: number): string {
  const fields = ["S", ppid, pid, pid, 0, -1, 4194560, 100, 0, 0, 0, utime, stime, 7, 3, 20, 0, 11, 0, 2549404, 1e9, 20000];
  return `${pid} (${name}) ${[...fields, ...Array(30).fill(0)].join(" ")}\n`;
}

function fakeProcess(pid: number, name: string, ppid: number, utime: number, stime: number, rssKb?: number) {
  const dir = path.join(proc, String(pid));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "stat"), statLine(pid, name, ppid, utime, stime));
  const status = [`Name:\t${name}`, `PPid:\t${ppid}`, "VmPeak:\t  900000 kB", "VmSize:\t  800000 kB"];
  if (rssKb !== undefined) status.push("VmHWM:\t  999999 kB", `VmRSS:\t  ${rssKb} kB`);
  fs.writeFileSync(path.join(dir, "status"), status.join("\n") + "\n");
}

beforeEach(() => {
  proc = fs.mkdtempSync(path.join(os.tmpdir(), "bench-proc-"));
  // init, the server (primary 100, workers 101 and 102, a helper under a worker), and unrelated processes.
  fakeProcess(1, "init", 0, 5000, 5000, 10_000);
  fakeProcess(100, "node", 1, 300, 100, 102_400); // 100 MB
  fakeProcess(101, "node", 100, 1200, 300, 153_600); // 150 MB
  fakeProcess(102, "node", 100, 900, 200, 131_072); // 128 MB
  fakeProcess(150, "esbuild", 100, 50, 50, 20_480); // 20 MB
  fakeProcess(200, "node", 1, 7000, 7000, 500_000); // another program: not the server
  fakeProcess(201, "node", 200, 7000, 7000, 500_000);
  fakeProcess(300, "zombie", 101, 0, 0); // no VmRSS (a zombie): counted for CPU, not for memory
  fs.mkdirSync(path.join(proc, "999")); // a process that exited between listing and reading
  fs.mkdirSync(path.join(proc, "self"));
  fs.writeFileSync(path.join(proc, "loadavg"), "3.52 2.10 1.75 4/181 10398\n");
});

afterEach(() => fs.rmSync(proc, { recursive: true, force: true }));

describe("parseStat", () => {
  it("reads pid, name, parent and CPU ticks, with spaces and parentheses in the name", () => {
    expect(parseStat(statLine(4242, "Web (Content) 2", 17, 1234, 56))).toEqual({
      pid: 4242,
      name: "Web (Content) 2",
      ppid: 17,
      utime: 1234,
      stime: 56,
    });
  });

  it("refuses a line that is not a stat line", () => {
    expect(() => parseStat("no parentheses here")).toThrow(/stat/);
  });
});

describe("the server's process tree", () => {
  it("is the primary and every descendant, and nothing else", () => {
    expect(processTree(100, proc)).toEqual([100, 101, 102, 150, 300]);
    expect(processTree(101, proc)).toEqual([101, 300]);
    expect(processTree(102, proc)).toEqual([102]);
  });

  it("sums the CPU time (user + system) of the whole tree, in ms", () => {
    // (300+100) + (1200+300) + (900+200) + (50+50) + 0 = 3100 ticks at 100 per second
    expect(treeCpuMs(100, proc, 100)).toBe(31_000);
    expect(treeCpuMs(100, proc, 1000)).toBe(3_100);
    // a worker alone
    expect(treeCpuMs(102, proc, 100)).toBe(11_000);
  });

  it("follows a worker that starts during a run", () => {
    const before = treeCpuMs(100, proc, 100);
    fakeProcess(103, "node", 100, 40, 10);
    expect(treeCpuMs(100, proc, 100) - before).toBe(500);
  });

  it("gives each process's resident memory, with its role", () => {
    expect(treeMemory(100, proc)).toEqual([
      { pid: 100, ppid: 1, name: "node", role: "primary", rssBytes: 102_400 * 1024 },
      { pid: 101, ppid: 100, name: "node", role: "worker", rssBytes: 153_600 * 1024 },
      { pid: 102, ppid: 100, name: "node", role: "worker", rssBytes: 131_072 * 1024 },
      { pid: 150, ppid: 100, name: "esbuild", role: "esbuild", rssBytes: 20_480 * 1024 },
    ]);
    expect(treeRss(100, proc)).toBe((102_400 + 153_600 + 131_072 + 20_480) * 1024);
  });
});

describe("CPU per request", () => {
  it("is the CPU time used during the run over the responses", () => {
    expect(cpuMsPerRequest(31_000, 43_000, 4_000)).toBe(3);
    expect(cpuMsPerRequest(1_000, 1_250, 100)).toBe(2.5);
  });

  it("is not a number without a response, and never negative", () => {
    expect(cpuMsPerRequest(1_000, 2_000, 0)).toBeNaN();
    expect(cpuMsPerRequest(2_000, 1_000, 10)).toBe(0); // a worker replaced during the run
  });

  it("comes out of two samples of a fake tree", () => {
    const before = treeCpuMs(100, proc, 100);
    fakeProcess(101, "node", 100, 1200 + 150, 300 + 50); // the worker served 100 requests with 2 s of CPU
    fakeProcess(102, "node", 100, 900 + 80, 200 + 20); // the other one 1 s
    expect(cpuMsPerRequest(before, treeCpuMs(100, proc, 100), 1_000)).toBe(3);
  });
});

it("reads the load averages", () => {
  expect(loadAverage(proc)).toEqual({ one: 3.52, five: 2.1, fifteen: 1.75, line: "3.52 2.10 1.75 4/181 10398" });
});
