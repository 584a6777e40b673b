import { describe, expect, it } from "vitest";
import { utcToZonedWallTime, zonedWallTimeToUtc } from "~/domain/time.ts";

describe("wall-clock times in Casablanca", () => {
  it("reads a December time as UTC+1", () => {
    expect(zonedWallTimeToUtc("2026-12-01T10:00")?.toISOString()).toBe("2026-12-01T09:00:00.000Z");
  });

  it("reads a time during Ramadan (Morocco back on UTC+0) without offset", () => {
    // Intl on this machine: Casablanca is UTC+0 on 1 March 2026.
    expect(zonedWallTimeToUtc("2026-03-01T10:00")?.toISOString()).toBe("2026-03-01T10:00:00.000Z");
  });

  it("round-trips", () => {
    const instant = new Date("2027-01-15T16:30:00.000Z");
    expect(zonedWallTimeToUtc(utcToZonedWallTime(instant))?.toISOString()).toBe(instant.toISOString());
    expect(utcToZonedWallTime(instant)).toBe("2027-01-15T17:30");
  });

  it("rejects anything that is not a datetime-local value", () => {
    expect(zonedWallTimeToUtc("tomorrow")).toBeNull();
    expect(zonedWallTimeToUtc("2026-13-45T99:00")).toBeNull();
    expect(zonedWallTimeToUtc("")).toBeNull();
  });

  it("works in another zone too", () => {
    expect(zonedWallTimeToUtc("2026-07-01T12:00", "Europe/Paris")?.toISOString()).toBe("2026-07-01T10:00:00.000Z");
  });
});
