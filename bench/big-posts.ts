// Oversized request bodies (issue 11, point 5): rounds of ten concurrent 100 MB
// form posts to /login, one round a second, while the landing page is driven at
// one connection.
// Budget: no server process grows by more than 50 MB, and the landing page's
// p95 stays under 50 ms. Each client sends its whole body unless the server
// closes the connection first (the worst case: it ignores the early answer).
import http from "node:http";
import autocannon from "autocannon";
import { baseUrl, config } from "./config.ts";
import { processRss, processTree, settle, sleep } from "./server.ts";

export const BIG_POSTS_ID = "big-posts";
export const BIG_POSTS = { concurrent: 10, roundEveryMs: 1_000, bytes: 100 * 2 ** 20, maxGrowthMb: 50, landingP95Ms: 50 } as const;

export type BigPostsResult = {
  posts: number;
  statuses: Record<string, number>;
  /** Posts the server stopped reading (connection closed before the whole body was sent). */
  cutShort: number;
  medianPostMs: number;
  maxProcessGrowthMb: number;
  /** Each server process: its RSS before and at its peak, in MB. */
  processes: Array<{ pid: number; beforeMb: number; peakMb: number }>;
  landing: { requests: number; p50: number; p95: number; p99: number; errors: number };
};

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const CHUNK = Buffer.alloc(64 * 1024, "a");

/** One 100 MB urlencoded post; resolves with the status it got (0: none) and whether the body was cut short. */
function bigPost(): Promise<{ status: number; cutShort: boolean; ms: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    let status = 0;
    let sent = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve({ status, cutShort: sent < BIG_POSTS.bytes, ms: performance.now() - started });
    };
    const request = http.request(`${baseUrl}/login`, {
      method: "POST",
      agent: false,
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(BIG_POSTS.bytes) },
    });
    request.on("response", (response) => {
      status = response.statusCode ?? 0;
      response.resume();
      response.on("end", () => {
        if (sent >= BIG_POSTS.bytes) finish();
      });
    });
    request.on("error", finish);
    request.on("close", finish);
    const write = () => {
      while (sent < BIG_POSTS.bytes && !request.destroyed) {
        const part = CHUNK.subarray(0, Math.min(CHUNK.length, BIG_POSTS.bytes - sent));
        sent += part.length;
        if (!request.write(part)) return void request.once("drain", write);
      }
      if (!request.destroyed) request.end();
    };
    write();
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Per process of the server (primary and workers), its RSS now, in bytes. */
function rssPerProcess(pid: number): Map<number, number> {
  const sizes = new Map<number, number>();
  for (const member of processTree(pid)) {
    try {
      sizes.set(member, processRss(member));
    } catch {
      // exited meanwhile
    }
  }
  return sizes;
}

function landingLoad(
  seconds: number,
  connections: number,
  onResponse?: (statusCode: number, ms: number) => void,
  onError?: () => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const instance = autocannon({ url: `${baseUrl}/`, connections, duration: seconds, headers: { "Accept-Encoding": "gzip" } }, (error) =>
      error ? reject(error) : resolve(),
    );
    if (onResponse) instance.on("response", (_client, statusCode, _bytes, ms) => onResponse(statusCode, ms));
    if (onError) instance.on("reqError", onError);
  });
}

export async function measureBigPosts(serverPid: number): Promise<BigPostsResult> {
  // The landing page first, without posts, as long as the measured run and on every worker
  // (a connection each, handed out in turn): the growth measured then is the posts', not
  // what a fresh worker grows by serving its first pages.
  await settle();
  await landingLoad(config.seconds, Math.max(2, processTree(serverPid).length * 2));
  await settle();
  const before = rssPerProcess(serverPid);
  const peak = new Map(before);
  const sampler = setInterval(() => {
    for (const [member, bytes] of rssPerProcess(serverPid)) peak.set(member, Math.max(peak.get(member) ?? 0, bytes));
  }, config.rssSampleMs);

  // The landing page at one connection, for the whole measured time.
  const latencies: number[] = [];
  let landingErrors = 0;
  const landing = landingLoad(
    config.seconds,
    1,
    (statusCode, ms) => {
      latencies.push(ms);
      if (statusCode !== 200) landingErrors += 1;
    },
    () => (landingErrors += 1),
  );

  // A round of ten concurrent big posts every second until the landing run ends
  // (a gigabyte a second offered: far more than any real link carries).
  const results: Array<{ status: number; cutShort: boolean; ms: number }> = [];
  const rounds: Array<Promise<void>> = [];
  let running = true;
  void landing.finally(() => (running = false));
  while (running) {
    rounds.push(
      Promise.all(Array.from({ length: BIG_POSTS.concurrent }, () => bigPost().then((r) => void results.push(r)))).then(() => undefined),
    );
    await Promise.race([sleep(BIG_POSTS.roundEveryMs), landing]);
  }
  await landing;
  await Promise.all(rounds);
  await sleep(200);
  clearInterval(sampler);

  latencies.sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 100) / 100;
  const growth = [...peak].map(([member, bytes]) => bytes - (before.get(member) ?? bytes));
  const statuses: Record<string, number> = {};
  for (const r of results) statuses[String(r.status)] = (statuses[String(r.status)] ?? 0) + 1;
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  return {
    posts: results.length,
    statuses,
    cutShort: results.filter((r) => r.cutShort).length,
    medianPostMs: Math.round(percentile(times, 50)),
    maxProcessGrowthMb: mb(Math.max(0, ...growth)),
    processes: [...peak].map(([pid, bytes]) => ({ pid, beforeMb: mb(before.get(pid) ?? 0), peakMb: mb(bytes) })),
    landing: {
      requests: latencies.length,
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      errors: landingErrors,
    },
  };
}
