// Wall-clock times typed by admins (e.g. an <input type="datetime-local">) are
// meant in the network's time zone, whatever the server's own zone is.
import { NETWORK_TIME_ZONE } from "./constants.ts";

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at that instant, in ms. */
function zoneOffsetMs(instant: Date, timeZone: string): number {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  const wallAsUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** "2026-12-01T10:00" in Casablanca → the UTC instant; null for anything that is not such a value. */
export function zonedWallTimeToUtc(local: string, timeZone = NETWORK_TIME_ZONE): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null;
  const wallAsUtc = new Date(`${local}Z`);
  if (Number.isNaN(wallAsUtc.getTime())) return null;
  // Two passes settle the offset when the wall time sits next to a clock change.
  const first = new Date(wallAsUtc.getTime() - zoneOffsetMs(wallAsUtc, timeZone));
  return new Date(wallAsUtc.getTime() - zoneOffsetMs(first, timeZone));
}

/** The UTC instant as a datetime-local value in the zone (for editing forms). */
export function utcToZonedWallTime(instant: Date, timeZone = NETWORK_TIME_ZONE): string {
  return new Date(instant.getTime() + zoneOffsetMs(instant, timeZone)).toISOString().slice(0, 16);
}
