// Sessions under control (issue 20, point 5): when a session ends without its owner, how often its last request is
// written down, and what its owner is shown of it (the browser and system, a partly masked address). Pure.
import Bowser from "bowser";
import type { Role } from "./constants.ts";

/** A staff session (admin or reviewer: they open every application) ends after this long without a request. */
export const STAFF_IDLE_MS = 12 * 3600_000;

/** The last request is written at most this often: one write per active session every few minutes, not per request. */
export const SESSION_TOUCH_MS = 5 * 60_000;

export const STAFF_ROLES: readonly Role[] = ["ADMIN", "REVIEWER"];

export const isStaff = (roles: readonly Role[]) => roles.some((role) => STAFF_ROLES.includes(role));

/**
 * Whether a session is over at `now`: past its expiry, or a staff session idle for longer than STAFF_IDLE_MS. Its
 * last request is known to within SESSION_TOUCH_MS, so an idle staff session may live that much longer at most.
 */
export function sessionEnded(session: { expiresAt: Date; lastSeenAt: Date }, roles: readonly Role[], now: Date): boolean {
  if (session.expiresAt.getTime() <= now.getTime()) return true;
  return isStaff(roles) && now.getTime() - session.lastSeenAt.getTime() > STAFF_IDLE_MS;
}

/** Whether this request should write the session's last request down. */
export function needsTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_MS;
}

export type SessionDevice = { browser: string | null; system: string | null };

/** The browser and the operating system a User-Agent names, as their makers name them (nulls when unknown). */
export function sessionDevice(userAgent: string): SessionDevice {
  if (!userAgent.trim()) return { browser: null, system: null };
  const parsed = Bowser.parse(userAgent);
  const browser = [parsed.browser.name, parsed.browser.version?.split(".")[0]].filter(Boolean).join(" ") || null;
  const system = [parsed.os.name, parsed.os.versionName ?? parsed.os.version].filter(Boolean).join(" ") || null;
  return { browser, system };
}

/**
 * An address as its owner is shown it: enough to tell home from office (the network), not the machine — the last
 * part of an IPv4 address and all but the first three groups of an IPv6 one hidden. Null when unknown.
 */
export function maskedAddress(address: string): string | null {
  const ip = address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.*`;
  if (ip.includes(":") && /^[0-9a-f:]+$/i.test(ip)) {
    const groups = ip.split("::")[0].split(":").filter(Boolean);
    return `${groups.slice(0, 3).join(":") || "0"}:…`;
  }
  return null;
}
