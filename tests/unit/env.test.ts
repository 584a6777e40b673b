import { describe, expect, it } from "vitest";
import { parseEnv } from "~/config/env.server.ts";

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

  it("fills sensible defaults for a local run", () => {
    const env = parseEnv({ NODE_ENV: "test", SESSION_SECRET: "x".repeat(32), PORT: "4000" });
    expect(env.PORT).toBe(4000);
    expect(env.APP_URL).toBe("http://localhost:4000");
    expect(env.DATABASE_URL).toBe("file:./var/tremplin.db");
    expect(env.SMTP_URL).toBeUndefined();
  });

  it("generates and keeps a local session secret outside production", () => {
    const first = parseEnv({ NODE_ENV: "development" }).SESSION_SECRET;
    const second = parseEnv({ NODE_ENV: "development" }).SESSION_SECRET;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(second).toBe(first);
  });
});
