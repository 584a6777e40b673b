import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEV_SECRET_FILE, launcherDemoMode, parseEnv } from "~/config/env.server.ts";

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

  it("explains every invalid variable at once", () => {
    let message = "";
    try {
      parseEnv({ NODE_ENV: "production", PORT: "99999", SMTP_URL: "http://mail", DATABASE_URL: "postgres://x" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
    expect(message).toMatch(/DATABASE_URL must be a SQLite file: URL/);
    expect(message).toMatch(/SESSION_SECRET/);
  });

  it("validates TRUST_PROXY and OUTBOX_WORKER like every other variable", () => {
    const secret = { NODE_ENV: "test" as const, SESSION_SECRET: "x".repeat(32) };
    expect(parseEnv(secret)).toMatchObject({ TRUST_PROXY: "0", OUTBOX_WORKER: "on" });
    expect(parseEnv({ ...secret, TRUST_PROXY: "1", OUTBOX_WORKER: "off" })).toMatchObject({ TRUST_PROXY: "1", OUTBOX_WORKER: "off" });
    expect(() => parseEnv({ ...secret, TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY must be "1"/);
    expect(() => parseEnv({ ...secret, OUTBOX_WORKER: "no" })).toThrow(/OUTBOX_WORKER must be "on" or "off"/);
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
