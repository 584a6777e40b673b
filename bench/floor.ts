// The performance floor (issue 13): ../shared/floor/server.js — node:http, one
// prepared better-sqlite3 query, React renderToString, nothing else — serving a
// list of 50 of the same number of rows from the same number of processes as the
// app. The bench measures it in the same run as the app, before and after the
// app's targets, and states each page's cost relative to it.
//
// The shared file is copied as it is into the work folder at every run (never a
// modified copy kept here): from there, `better-sqlite3`, `react` and `react-dom`
// resolve to the project's node_modules. It seeds its own database on first start.
import fs from "node:fs";
import { createRequire } from "node:module";
import { config, floorUrl } from "./config.ts";
import type { Request } from "./load.ts";
import { startProcess, type Server } from "./server.ts";

// better-sqlite3 (a dependency of the app's Prisma adapter) ships no types: the little used here.
type SqliteDatabase = { prepare(sql: string): { get(): unknown }; close(): void };
const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string, options: { readonly: boolean }) => SqliteDatabase;

export const FLOOR_ID = "floor";
export const FLOOR_LABEL = "Floor (shared/floor/server.js)";

export async function startFloor(): Promise<Server> {
  if (!fs.existsSync(config.floorSource)) {
    throw new Error(
      `the floor server is missing: ${config.floorSource} (the project expects ../shared/floor/ beside it; BENCH_FLOOR=<path to server.js> to point elsewhere)`,
    );
  }
  fs.mkdirSync(config.workDir, { recursive: true });
  fs.copyFileSync(config.floorSource, config.floorScript);
  dropStaleDatabase();
  return startProcess({
    name: "floor",
    args: [config.floorScript],
    cwd: config.workDir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DB: config.floorDatabase,
      N: String(config.applications),
      WORKERS: String(config.workers),
      PORT: String(config.floorPort),
    },
    url: floorUrl,
    readyPath: "/",
    logFile: config.floorLog,
    // The first start fills its database (N rows and 3 reviews each).
    startupTimeoutMs: 180_000,
  });
}

/** The floor's page: its first 50 rows, asked for as the bench asks for the app's pages. */
export function floorRequest(): Request {
  return { method: "GET", url: `${floorUrl}/`, headers: { "Accept-Encoding": "gzip" } };
}

/** The floor fills its database only when it has none: one left from a run at another size is removed first. */
function dropStaleDatabase() {
  if (!fs.existsSync(config.floorDatabase)) return;
  let rows = -1;
  try {
    const db = new Database(config.floorDatabase, { readonly: true });
    try {
      rows = (db.prepare("select count(*) as c from application").get() as { c: number }).c;
    } finally {
      db.close();
    }
  } catch {
    // unreadable or half made: start again
  }
  if (rows === config.applications) return;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${config.floorDatabase}${suffix}`, { force: true });
}
