// Drives one target with autocannon: a warm-up run (discarded), then the
// measured run, whose every response time is kept for exact percentiles.
import os from "node:os";
import autocannon from "autocannon";
import { baseUrl, config } from "./config.ts";
import { cpuMsPerRequest } from "./proc.ts";
import { cpuMs, sampleRss, settle } from "./server.ts";
import type { Fixtures } from "./setup.ts";
import type { Target } from "./targets.ts";

export type Request = { method: "GET" | "POST"; url: string; headers: Record<string, string>; body?: string };

export type LoadResult = {
  target: string;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  errors: { total: number; non2xx: number; connection: number; timeouts: number };
  statusCodes: Record<string, number>;
  bytesPerSecond: number;
  serverRss: { beforeMb: number; peakMb: number; growthMb: number };
  /**
   * CPU time the server spent per response (user + system, all its threads):
   * unlike latency it hardly depends on what else the machine runs.
   */
  serverCpuMsPerRequest: number;
  /** The machine's 1-minute load average after the run: other work on the machine skews the numbers. */
  loadAverage: number;
};

export function requestFor(target: Target, fixtures: Fixtures, cookie: string | null): Request {
  const headers: Record<string, string> = { "Accept-Encoding": "gzip" };
  if (cookie) headers.Cookie = cookie;
  let body: string | undefined;
  if (target.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(target.form(fixtures)).toString();
  }
  return { method: target.method, url: `${baseUrl}${target.path(fixtures)}`, headers, body };
}

/** One request before any load: the target must answer 200 with the right kind of body (not a redirect to /login). */
export async function probe(
  target: Pick<Target, "id" | "expect" | "checkBody">,
  request: Request,
): Promise<{ status: number; bytes: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, redirect: "manual" });
  const text = await response.text();
  const ms = performance.now() - started;
  const type = response.headers.get("content-type") ?? "";
  const wanted = { html: "text/html", json: "application/json", csv: "text/csv" }[target.expect];
  if (response.status !== 200 || !type.startsWith(wanted)) {
    throw new Error(
      `${target.id}: ${request.method} ${request.url} answered ${response.status} ${type} (expected 200 ${wanted}): ${text.slice(0, 200)}`,
    );
  }
  if (target.expect === "json" && (JSON.parse(text) as { saved?: boolean }).saved !== true) {
    throw new Error(`${target.id}: the autosave did not save: ${text.slice(0, 300)}`);
  }
  const wrong = target.checkBody?.(text);
  if (wrong) throw new Error(`${target.id}: ${wrong}`);
  return { status: response.status, bytes: Buffer.byteLength(text), ms };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const mb = (bytes: number) => round(bytes / 2 ** 20, 1);

function cannon(
  request: Request,
  connections: number,
  seconds: number,
  timeoutSeconds: number,
  onResponse?: (status: number, ms: number) => void,
) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: request.url,
        method: request.method,
        headers: request.headers,
        body: request.body,
        connections,
        duration: seconds,
        timeout: timeoutSeconds,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (onResponse) instance.on("response", (_client, status, _bytes, ms) => onResponse(status, ms));
  });
}

/** What is driven: a target, or the floor. */
export type LoadSubject = Pick<Target, "id" | "timeoutSeconds">;

/**
 * Warm-up, then a measured run of `config.seconds` with the server's memory sampled
 * and the CPU time of its whole process tree read before and after.
 * `settleUrl`: a cheap address of the same server, asked until it answers quickly.
 */
export async function runLoad(
  subject: LoadSubject,
  request: Request,
  connections: number,
  serverPid: number,
  settleUrl?: string,
): Promise<LoadResult> {
  const timeout = subject.timeoutSeconds ?? 10;
  await settle(settleUrl);
  await cannon(request, connections, config.warmupSeconds, timeout);
  await settle(settleUrl);

  const latencies: number[] = [];
  const rss = sampleRss(serverPid, 100);
  const cpuBefore = cpuMs(serverPid);
  const started = performance.now();
  const result = await cannon(request, connections, config.seconds, timeout, (_status, ms) => latencies.push(ms));
  const elapsed = (performance.now() - started) / 1000;
  const memory = rss.stop();
  await settle(settleUrl); // the server finishes the requests cut off at the end: their CPU counts too
  const cpuAfter = cpuMs(serverPid);

  latencies.sort((a, b) => a - b);
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]));
  const errors = { non2xx: result.non2xx, connection: result.errors, timeouts: result.timeouts };
  return {
    target: subject.id,
    connections,
    seconds: round(elapsed, 1),
    requests: latencies.length,
    requestsPerSecond: round(latencies.length / elapsed, 1),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? NaN),
      mean: round(latencies.reduce((sum, v) => sum + v, 0) / Math.max(1, latencies.length)),
    },
    // autocannon counts a timeout among its errors too
    errors: { ...errors, total: errors.non2xx + errors.connection + result.mismatches },
    statusCodes,
    bytesPerSecond: Math.round(result.throughput.average),
    serverRss: { beforeMb: mb(memory.beforeBytes), peakMb: mb(memory.peakBytes), growthMb: mb(memory.growthBytes) },
    // The requests cut off at the end (at most one per connection) were served too.
    serverCpuMsPerRequest: round(cpuMsPerRequest(cpuBefore, cpuAfter, latencies.length + connections), 3),
    loadAverage: round(os.loadavg()[0]!, 1),
  };
}
