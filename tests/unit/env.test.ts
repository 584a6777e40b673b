import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseUrl, DEV_SECRET_FILE, ENV_VARIABLES, launcherDemoMode, parseEnv } from "~/config/env.server.ts";
import { supervisorSettings } from "~/config/supervisor.ts";
import { supervisorLog, workerEnvironment, workerNodeFlags } from "~/server/cluster.ts";
import { databaseFilePath, databaseProvider } from "~/db/database-url.ts";

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tremplin-env-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The real var/session-secret's content and time, to prove a test left it alone. */
function realSecretFile(): string {
  return fs.existsSync(DEV_SECRET_FILE) ? `${fs.statSync(DEV_SECRET_FILE).mtimeMs}:${fs.readFileSync(DEV_SECRET_FILE, "utf8")}` : "absent";
}

describe("configuration", () => {
  it("requires SESSION_SECRET in production with a clear message", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET is required in production/);
  });

  it("gives a command that signs nothing (admin:create) no secret, even in production, and writes no secret file", () => {
    const before = realSecretFile();
    const config = parseEnv({ NODE_ENV: "production", DATABASE_URL: "file:./x.db" }, { signsNothing: true });
    expect(config.SESSION_SECRET).toBe("");
    expect(config.DATABASE_URL).toBe("file:./x.db");
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(32) }, { signsNothing: true }).SESSION_SECRET).toBe(
      "s".repeat(32),
    );
    expect(() => parseEnv({ NODE_ENV: "production", PORT: "0" }, { signsNothing: true })).toThrow(/PORT/);
    expect(realSecretFile()).toBe(before);
  });

  it("explains every invalid variable at once", () => {
    let message = "";
    try {
      parseEnv({ NODE_ENV: "production", PORT: "99999", SMTP_URL: "http://mail", DATABASE_URL: "mysql://x" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
    expect(message).toMatch(/DATABASE_URL must be a SQLite file: URL \(file:.*\) or a PostgreSQL one/);
    expect(message).toMatch(/SESSION_SECRET/);
  });

  it("validates TRUST_PROXY and OUTBOX_WORKER like every other variable", () => {
    const secret = { NODE_ENV: "test" as const, SESSION_SECRET: "x".repeat(32) };
    expect(parseEnv(secret)).toMatchObject({ TRUST_PROXY: "0", OUTBOX_WORKER: "on" });
    expect(parseEnv({ ...secret, TRUST_PROXY: "1", OUTBOX_WORKER: "off" })).toMatchObject({ TRUST_PROXY: "1", OUTBOX_WORKER: "off" });
    expect(() => parseEnv({ ...secret, TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY must be "1"/);
    expect(() => parseEnv({ ...secret, OUTBOX_WORKER: "no" })).toThrow(/OUTBOX_WORKER must be "on" or "off"/);
  });

  it("bounds each HTTP worker's heap: WORKER_HEAP_MB, 96 by default, the operator's own node flag first", () => {
    const secret = { NODE_ENV: "test" as const, SESSION_SECRET: "x".repeat(32) };
    expect(parseEnv(secret).WORKER_HEAP_MB).toBe(96);
    expect(parseEnv({ ...secret, WORKER_HEAP_MB: "256" }).WORKER_HEAP_MB).toBe(256);
    expect(() => parseEnv({ ...secret, WORKER_HEAP_MB: "12" })).toThrow(/WORKER_HEAP_MB/);
    expect(() => parseEnv({ ...secret, WORKER_HEAP_MB: "lots" })).toThrow(/WORKER_HEAP_MB/);
    expect(workerNodeFlags([], 96)).toEqual(["--max-old-space-size=96", "--max-semi-space-size=2"]);
    expect(workerNodeFlags(["--enable-source-maps"], 128)).toEqual([
      "--enable-source-maps",
      "--max-old-space-size=128",
      "--max-semi-space-size=2",
    ]);
    // The operator's flags win, however written, on the command line or in NODE_OPTIONS.
    expect(workerNodeFlags([], 96, "--enable-source-maps --max-old-space-size=300")).toEqual(["--max-semi-space-size=2"]);
    expect(workerNodeFlags(["--max_old_space_size=512", "--max-semi-space-size=8"], 96)).toEqual([
      "--max_old_space_size=512",
      "--max-semi-space-size=8",
    ]);
  });

  it("tunes each HTTP worker's malloc (two arenas, fixed mmap and trim thresholds) unless the operator set it", () => {
    const secret = { NODE_ENV: "test" as const, SESSION_SECRET: "x".repeat(32) };
    expect(parseEnv(secret).MALLOC_ARENA_MAX).toBeUndefined();
    expect(parseEnv({ ...secret, MALLOC_ARENA_MAX: "8" }).MALLOC_ARENA_MAX).toBe(8);
    expect(() => parseEnv({ ...secret, MALLOC_ARENA_MAX: "0" })).toThrow(/MALLOC_ARENA_MAX/);
    expect(workerEnvironment(true, supervisorSettings({}))).toEqual({
      TREMPLIN_BACKGROUND_JOBS: "on",
      MALLOC_ARENA_MAX: "2",
      MALLOC_MMAP_THRESHOLD_: "131072",
      MALLOC_TRIM_THRESHOLD_: "131072",
    });
    expect(
      workerEnvironment(false, supervisorSettings({ MALLOC_ARENA_MAX: "8", MALLOC_MMAP_THRESHOLD_: "65536", MALLOC_TRIM_THRESHOLD_: "0" })),
    ).toEqual({ TREMPLIN_BACKGROUND_JOBS: "off", MALLOC_ARENA_MAX: "8", MALLOC_MMAP_THRESHOLD_: "65536", MALLOC_TRIM_THRESHOLD_: "0" });
  });

  it("lets the cluster's primary read its settings without the schema, with the schema's defaults", () => {
    const settings = supervisorSettings({ WEB_CONCURRENCY: "3", WORKER_HEAP_MB: "200", NODE_OPTIONS: "--enable-source-maps" });
    expect(settings).toMatchObject({ workers: 3, heapMb: 200, nodeOptions: "--enable-source-maps", mallocArenas: undefined });
    const defaults = supervisorSettings({});
    expect(defaults.heapMb).toBe(parseEnv({ NODE_ENV: "test", SESSION_SECRET: "x".repeat(32) }).WORKER_HEAP_MB);
    expect(defaults.workers).toBe(os.availableParallelism());
    // Unreadable values: the primary still starts the workers, whose parseEnv refuses the value with its message.
    expect(supervisorSettings({ WEB_CONCURRENCY: "many", WORKER_HEAP_MB: "-4" })).toMatchObject({
      workers: os.availableParallelism(),
      heapMb: 96,
    });
    expect(() => parseEnv({ NODE_ENV: "test", SESSION_SECRET: "x".repeat(32), WEB_CONCURRENCY: "many" })).toThrow(/WEB_CONCURRENCY/);
  });

  it("writes the primary's lines as pino does, from the configured level up", () => {
    const lines: string[] = [];
    const log = supervisorLog("error", (line) => lines.push(line));
    log.info({ worker: 1 }, "quiet");
    log.error({ worker: 2, code: 1 }, "worker died: starting another");
    log.fatal({}, "a worker failed to start");
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 50, worker: 2, code: 1, msg: "worker died: starting another", pid: process.pid }),
      expect.objectContaining({ level: 60, msg: "a worker failed to start" }),
    ]);
    expect(lines.every((line) => line.endsWith("\n"))).toBe(true);
    const silent: string[] = [];
    supervisorLog("silent", (line) => silent.push(line)).fatal({}, "x");
    expect(silent).toEqual([]);
  });

  it("fills sensible defaults for a local run", () => {
    const env = parseEnv({ NODE_ENV: "test", SESSION_SECRET: "x".repeat(32), PORT: "4000" });
    expect(env.DEMO_MODE).toBe(false);
    expect(env.PORT).toBe(4000);
    expect(env.APP_URL).toBe("http://localhost:4000");
    expect(env.DATABASE_URL).toBe("file:./var/tremplin.db");
    expect(env.SMTP_URL).toBeUndefined();
  });

  it("generates and keeps a local session secret outside production, in the folder it is given", () => {
    const before = realSecretFile();
    const file = path.join(tmp, "var", "session-secret");
    const first = parseEnv({ NODE_ENV: "development" }, { sessionSecretFile: file }).SESSION_SECRET;
    const second = parseEnv({ NODE_ENV: "development" }, { sessionSecretFile: file }).SESSION_SECRET;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(second).toBe(first);
    expect(fs.readFileSync(file, "utf8")).toBe(first);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // Another install gets its own secret.
    expect(parseEnv({ NODE_ENV: "development" }, { sessionSecretFile: path.join(tmp, "other") }).SESSION_SECRET).not.toBe(first);
    expect(realSecretFile()).toBe(before);
  });
});

describe("demo mode", () => {
  it("is the launcher's default, unless NODE_ENV=production is set explicitly or TREMPLIN_DEMO says otherwise", () => {
    expect(launcherDemoMode({})).toBe(true);
    expect(launcherDemoMode({ NODE_ENV: "development" })).toBe(true);
    expect(launcherDemoMode({ NODE_ENV: "production" })).toBe(false);
    expect(launcherDemoMode({ TREMPLIN_DEMO: "off" })).toBe(false);
    expect(launcherDemoMode({ NODE_ENV: "production", TREMPLIN_DEMO: "on" })).toBe(true);
    expect(() => launcherDemoMode({ TREMPLIN_DEMO: "yes" })).toThrow(/TREMPLIN_DEMO/);
  });

  it("is on for the server only when TREMPLIN_DEMO=on, and DEMO_PASSWORD is refused outside it", () => {
    const base = { NODE_ENV: "production", SESSION_SECRET: "x".repeat(32) } as const;
    expect(parseEnv(base).DEMO_MODE).toBe(false);
    expect(parseEnv({ ...base, TREMPLIN_DEMO: "on" }).DEMO_MODE).toBe(true);
    expect(parseEnv({ ...base, TREMPLIN_DEMO: "on", DEMO_PASSWORD: "a-long-demo-password" }).DEMO_PASSWORD).toBe("a-long-demo-password");
    expect(() => parseEnv({ ...base, DEMO_PASSWORD: "a-long-demo-password" })).toThrow(/DEMO_PASSWORD applies only in demo mode/);
    expect(() => parseEnv({ ...base, TREMPLIN_DEMO: "on", DEMO_PASSWORD: "short" })).toThrow(/DEMO_PASSWORD must be at least 12/);
    expect(() => parseEnv({ ...base, TREMPLIN_DEMO: "maybe" })).toThrow(/TREMPLIN_DEMO must be "on" or "off"/);
  });
});

describe("one home for the environment", () => {
  /**
   * The files that read process.env: the schema itself (the launcher's defaults included, prepareLauncherEnv), and
   * the cluster primary's few settings, read without zod and validated by the schema in every worker.
   */
  const ALLOWED = ["app/config/env.server.ts", "app/config/supervisor.ts"];
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return file === path.join("app", "generated") ? [] : sources(file);
      return /\.(ts|tsx)$/.test(entry.name) ? [file.split(path.sep).join("/")] : [];
    });

  it("reads process.env in app/ only through the validated schema", () => {
    const readers = sources("app").filter((file) => !ALLOWED.includes(file) && /process\.env\b/.test(fs.readFileSync(file, "utf8")));
    expect(readers).toEqual([]);
  });

  it("lists in its schema every variable the README's configuration table gives the server", () => {
    const readme = fs.readFileSync("README.md", "utf8");
    const table = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("## Commands"));
    const documented = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.length).toBeGreaterThan(10);
    // CHROMIUM_PATH is read by the end-to-end tests, not by the server.
    expect(documented.filter((name) => name !== "CHROMIUM_PATH" && !ENV_VARIABLES.includes(name))).toEqual([]);
    expect(ENV_VARIABLES).toEqual(expect.arrayContaining(["TRUST_PROXY", "OUTBOX_WORKER", "DATABASE_URL"]));
  });

  it("validates DATABASE_URL by the schema's rule even where it is read alone (the database client)", () => {
    expect(databaseUrl({})).toBe("file:./var/tremplin.db");
    expect(databaseUrl({ DATABASE_URL: "" })).toBe("file:./var/tremplin.db");
    expect(databaseUrl({ DATABASE_URL: "file:/tmp/x.db" })).toBe("file:/tmp/x.db");
    expect(databaseUrl({ DATABASE_URL: "postgres://db/tremplin" })).toBe("postgres://db/tremplin");
    expect(() => databaseUrl({ DATABASE_URL: "mysql://db/tremplin" })).toThrow(/DATABASE_URL must be a SQLite file: URL/);
    expect(() =>
      parseEnv({ NODE_ENV: "test", DATABASE_URL: "mysql://db/tremplin" }, { sessionSecretFile: path.join(tmp, "secret") }),
    ).toThrow(/DATABASE_URL must be a SQLite file: URL/);
  });

  it("tells a PostgreSQL URL from an SQLite file by its scheme", () => {
    expect(
      parseEnv({ NODE_ENV: "test", DATABASE_URL: "postgres://db/tremplin" }, { sessionSecretFile: path.join(tmp, "secret") }).DATABASE_URL,
    ).toBe("postgres://db/tremplin");
    expect(databaseProvider("postgresql://db/tremplin")).toBe("postgresql");
    expect(databaseProvider("file:./var/tremplin.db")).toBe("sqlite");
    expect(() => databaseFilePath("postgres://db/tremplin")).toThrow(/PostgreSQL database, not an SQLite file/);
  });

  it("gives the data access no name of the translation catalogs (app/i18n)", () => {
    const stem = (file: string) =>
      path
        .basename(file)
        .replace(/\.(server\.)?tsx?$/, "")
        .replace(/s$/, "");
    const catalogs = new Set(sources("app/i18n").map(stem));
    expect(sources("app/models").filter((file) => catalogs.has(stem(file)))).toEqual([]);
  });
});
