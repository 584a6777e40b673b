// Sessions under control (issue 20): a staff session's idle limit, how often the last request is written, and
// what a person is shown of each session (app/domain/sessions.ts).
import { describe, expect, it } from "vitest";
import { maskedAddress, needsTouch, SESSION_TOUCH_MS, sessionDevice, sessionEnded, STAFF_IDLE_MS } from "~/domain/sessions.ts";

const now = new Date("2026-12-03T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const later = new Date(now.getTime() + 86_400_000);

describe("sessionEnded", () => {
  it("ends any session at its expiry", () => {
    expect(sessionEnded({ expiresAt: now, lastSeenAt: now }, ["FOUNDER"], now)).toBe(true);
    expect(sessionEnded({ expiresAt: later, lastSeenAt: now }, ["FOUNDER"], now)).toBe(false);
  });

  it("ends a staff session idle for more than 12 hours, never a founder's", () => {
    const idle = { expiresAt: later, lastSeenAt: ago(STAFF_IDLE_MS + 1) };
    const justIdle = { expiresAt: later, lastSeenAt: ago(STAFF_IDLE_MS) };
    expect(sessionEnded(idle, ["ADMIN"], now)).toBe(true);
    expect(sessionEnded(idle, ["REVIEWER"], now)).toBe(true);
    expect(sessionEnded(idle, ["FOUNDER", "REVIEWER"], now)).toBe(true);
    expect(sessionEnded(justIdle, ["ADMIN"], now)).toBe(false);
    expect(sessionEnded(idle, ["FOUNDER"], now)).toBe(false);
  });
});

describe("needsTouch", () => {
  it("writes the last request down once per SESSION_TOUCH_MS", () => {
    expect(needsTouch(ago(SESSION_TOUCH_MS - 1), now)).toBe(false);
    expect(needsTouch(ago(SESSION_TOUCH_MS), now)).toBe(true);
  });
});

describe("sessionDevice", () => {
  it("names the browser (major version) and the system", () => {
    const chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    expect(sessionDevice(chrome)).toEqual({ browser: "Chrome 131", system: "Windows 10" });
    const iphone =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    expect(sessionDevice(iphone)).toMatchObject({ browser: "Safari 17", system: expect.stringMatching(/^iOS/) });
  });

  it("says nothing of an empty or unknown User-Agent rather than guessing", () => {
    expect(sessionDevice("")).toEqual({ browser: null, system: null });
    expect(sessionDevice("curl-like/1")).toMatchObject({ system: null });
  });
});

describe("maskedAddress", () => {
  it("hides the machine, keeps the network", () => {
    expect(maskedAddress("203.0.113.7")).toBe("203.0.113.*");
    expect(maskedAddress("::ffff:198.51.100.23")).toBe("198.51.100.*");
    expect(maskedAddress("2001:db8:85a3:8d3:1319:8a2e:370:7348")).toBe("2001:db8:85a3:…");
    expect(maskedAddress("2001:db8::1")).toBe("2001:db8:…");
  });

  it("is null for an address it cannot read", () => {
    expect(maskedAddress("unknown")).toBeNull();
    expect(maskedAddress("")).toBeNull();
  });
});
