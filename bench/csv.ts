// The CSV export budget: single downloads of every application, timed to the
// last byte while the server's resident memory is sampled every few ms.
import http from "node:http";
import { config } from "./config.ts";
import type { Request } from "./load.ts";
import { sampleRss, sleep } from "./server.ts";

export type CsvDownload = { ms: number; bytes: number; rows: number; rssBeforeMb: number; rssPeakMb: number; rssGrowthMb: number };
export type CsvResult = { downloads: CsvDownload[]; medianMs: number; maxGrowthMb: number; rows: number };

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** Reads the whole body with node:http (lighter than fetch's web streams, so the client does not slow the timing). */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; records: number }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers }, (response) => {
      let bytes = 0;
      let records = 0;
      let quoted = false; // inside a quoted field, where a newline is data ("" toggles twice: no change)
      response.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        for (let i = 0; i < chunk.length; i++) {
          const byte = chunk[i];
          if (byte === 34) quoted = !quoted;
          else if (byte === 10 && !quoted) records += 1;
        }
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes, records }));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

async function download(request: Request, serverPid: number): Promise<CsvDownload> {
  // No Accept-Encoding: the plain stream, as a spreadsheet download sees it.
  const { "Accept-Encoding": _gzip, ...headers } = request.headers;
  const rss = sampleRss(serverPid, config.rssSampleMs);
  const started = performance.now();
  const { status, bytes, records } = await get(request.url, headers);
  const ms = performance.now() - started;
  const memory = rss.stop();
  if (status !== 200) throw new Error(`CSV export answered ${status}`);
  return {
    ms: Math.round(ms),
    bytes,
    rows: Math.max(0, records - 1), // less the header line
    rssBeforeMb: mb(memory.beforeBytes),
    rssPeakMb: mb(memory.peakBytes),
    rssGrowthMb: mb(memory.growthBytes),
  };
}

/**
 * Runs before any other load on the CSV route, so the first download shows how
 * much the export makes the server grow; then a few more for the time.
 */
export async function measureCsvExport(request: Request, serverPid: number): Promise<CsvResult> {
  const downloads: CsvDownload[] = [];
  for (let i = 0; i < config.csvDownloads; i++) {
    await sleep(500); // let the server settle between downloads
    downloads.push(await download(request, serverPid));
  }
  const times = downloads.map((d) => d.ms).sort((a, b) => a - b);
  return {
    downloads,
    medianMs: times[Math.floor(times.length / 2)]!,
    maxGrowthMb: Math.max(...downloads.map((d) => d.rssGrowthMb)),
    rows: downloads[0]!.rows,
  };
}
