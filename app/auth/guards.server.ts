import { json, redirect } from "@remix-run/node";
import type { Role } from "~/domain/constants.ts";
import { secondFactorRequired } from "~/domain/two-factor.ts";
import { readSession, type SessionUser } from "./session.server.ts";

export type { SessionUser };

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  return (await readSession(request)).user;
}

/** Where an account whose role requires a second factor sets one up before anything else (issue 20). */
export const SECOND_FACTOR_SET_UP_PATH = "/staff/two-factor";

/**
 * Establishes who is asking. Anonymous page visits go to the login page and come
 * back; anonymous form posts get 401; a user without one of the roles gets 403.
 * An admin without an authenticator reaches nothing but the pages that set one up
 * (`secondFactor: "setting-up"`: the set-up page, the account page, logging out):
 * pages send them there, form posts get 403.
 */
export async function requireUser(
  request: Request,
  options: { role?: Role | Role[]; secondFactor?: "setting-up" } = {},
): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    if (request.method === "GET" || request.method === "HEAD") {
      const url = new URL(request.url);
      throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
    }
    throw json({ message: "unauthorized" }, { status: 401 });
  }
  if (options.secondFactor !== "setting-up" && !user.twoFactor && secondFactorRequired(user.roles)) {
    if (request.method === "GET" || request.method === "HEAD") throw redirect(SECOND_FACTOR_SET_UP_PATH);
    throw forbidden();
  }
  const allowed = options.role === undefined ? [] : Array.isArray(options.role) ? options.role : [options.role];
  if (allowed.length > 0 && !allowed.some((role) => user.roles.includes(role))) throw forbidden();
  return user;
}

export function forbidden(): Response {
  return json({ message: "forbidden" }, { status: 403 });
}

export function notFound(): Response {
  return json({ message: "not found" }, { status: 404 });
}

/** Resource-scoped check: a missing resource and one the user may not see look the same. */
export function ensureFound<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw notFound();
  return value;
}

/** Where a user lands after login: their most specific area. */
export function homeFor(user: Pick<SessionUser, "roles">): string {
  if (user.roles.includes("ADMIN")) return "/admin";
  if (user.roles.includes("REVIEWER")) return "/reviewer";
  return "/founder";
}

/** Only same-site relative paths, so a crafted link cannot send users elsewhere. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback: string): string {
  // Printable ASCII only: anything else cannot go into a Location header as is.
  if (typeof to !== "string" || !/^\/[\x21-\x7e]*$/.test(to) || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
