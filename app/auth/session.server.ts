import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { env } from "~/config/env.server.ts";
import { db } from "~/db/client.server.ts";
import { cachedUntilChange } from "~/db/read-cache.server.ts";
import type { Role } from "~/domain/constants.ts";
import { needsTouch, sessionEnded } from "~/domain/sessions.ts";
import { memoizePerRequest, setCookieOnResponse } from "~/request-scope.server.ts";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
// Extend the rolling expiry at most once a day: one write per user per day, not per request.
const EXTEND_AFTER_MS = 24 * 60 * 60 * 1000;

export const sessionCookie = createCookie("tremplin_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: env().NODE_ENV === "production",
  secrets: [env().SESSION_SECRET],
  maxAge: SESSION_TTL_MS / 1000,
});

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  locale: string;
  roles: Role[];
  sessionId: string;
  /** Whether the account has a confirmed authenticator (issue 20): an admin without one may only set one up. */
  twoFactor: boolean;
};

type SessionLookup = { user: SessionUser | null; setCookie: string | null };

/** The session the request carries, looked up once however many loaders ask. */
export function readSession(request: Request): Promise<SessionLookup> {
  return memoizePerRequest(request, "session", () => lookupSession(request));
}

async function lookupSession(request: Request): Promise<SessionLookup> {
  const sessionId = await sessionIdFrom(request);
  if (!sessionId) return { user: null, setCookie: null };
  const session = await cachedUntilChange(`session:${sessionId}`, () => findSession(sessionId));
  const now = Date.now();
  if (!session || sessionEnded(session, session.user.roles, new Date(now)) || !session.user.active) {
    if (session) await db.session.deleteMany({ where: { id: session.id } });
    const cleared = await clearSessionCookie();
    setCookieOnResponse(cleared);
    return { user: null, setCookie: cleared };
  }
  let setCookie: string | null = null;
  const extend = session.expiresAt.getTime() - now < SESSION_TTL_MS - EXTEND_AFTER_MS;
  // The last request is written down every few minutes (a staff session's idle limit counts from it), the
  // rolling expiry once a day: one write per active session now and then, never one per request.
  if (extend || needsTouch(session.lastSeenAt, new Date(now))) {
    await db.session.update({
      where: { id: session.id },
      data: { lastSeenAt: new Date(now), ...(extend ? { expiresAt: new Date(now + SESSION_TTL_MS) } : {}) },
    });
  }
  if (extend) {
    setCookie = await sessionCookie.serialize(session.id);
    // The row now lives 30 more days: so must the cookie, whether a page, an action or a download answers.
    setCookieOnResponse(setCookie);
  }
  const { active: _active, ...user } = session.user;
  return { user: { ...user, sessionId: session.id }, setCookie };
}

/**
 * The session row with its user and the user's roles, or null: two plain queries (Prisma's nested select
 * sent three, each through its query compiler, on every request whose session the read cache had lost,
 * which under a burst of autosaves is every request).
 */
async function findSession(sessionId: string) {
  const [[row], roles] = await Promise.all([
    db.$queryRaw<
      Array<{
        id: string;
        expiresAt: Date;
        lastSeenAt: Date;
        userId: string;
        email: string;
        name: string;
        locale: string;
        active: boolean;
        twoFactorAt: Date | null;
      }>
    >`
      SELECT s."id", s."expiresAt", s."lastSeenAt", u."id" AS "userId", u."email", u."name", u."locale", u."active",
        t."confirmedAt" AS "twoFactorAt"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId" LEFT JOIN "TwoFactor" t ON t."userId" = u."id"
      WHERE s."id" = ${sessionId}`,
    db.$queryRaw<Array<{ role: Role }>>`
      SELECT r."role" FROM "UserRole" r JOIN "Session" s ON s."userId" = r."userId" WHERE s."id" = ${sessionId} ORDER BY r."role" ASC`,
  ]);
  if (!row) return null;
  return {
    id: row.id,
    expiresAt: new Date(row.expiresAt),
    lastSeenAt: new Date(row.lastSeenAt),
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      locale: row.locale,
      active: Boolean(row.active),
      roles: roles.map((r) => r.role),
      twoFactor: row.twoFactorAt !== null,
    },
  };
}

async function sessionIdFrom(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * Starts a new session for the user, ending the one the request carried (if any),
 * so a session id known before login is never valid after it. Returns Set-Cookie.
 */
export async function startSession(request: Request, userId: string, clientIp = ""): Promise<string> {
  const previous = await sessionIdFrom(request);
  const id = crypto.randomBytes(32).toString("base64url");
  // What the account page shows of it (issue 20): the browser and the address it signed in from.
  const userAgent = (request.headers.get("User-Agent") ?? "").slice(0, 500);
  await db.$transaction([
    ...(previous ? [db.session.deleteMany({ where: { id: previous } })] : []),
    db.session.create({
      data: { id, userId, expiresAt: new Date(Date.now() + SESSION_TTL_MS), userAgent, ipAddress: clientIp.slice(0, 100) },
    }),
  ]);
  return sessionCookie.serialize(id);
}

/** Ends the request's session. Returns the Set-Cookie header that clears it. */
export async function endSession(request: Request): Promise<string> {
  const id = await sessionIdFrom(request);
  if (id) await db.session.deleteMany({ where: { id } });
  return clearSessionCookie();
}

/** A person's sessions still open, the newest seen first, the one asking marked (issue 20: the account page). */
export async function listSessions(userId: string, currentId: string, now = new Date()) {
  const sessions = await db.session.findMany({
    where: { userId, expiresAt: { gt: now } },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, ipAddress: true },
  });
  return sessions.map(({ id, ...session }) => ({ ...session, key: sessionKey(id), current: id === currentId }));
}

/**
 * What a page names a session by: a digest of its id, never the id itself (the cookie's secret), so a form can
 * say which one to end without the page ever holding another session's credential.
 */
export function sessionKey(sessionId: string): string {
  return crypto.createHash("sha256").update(sessionId).digest("base64url").slice(0, 22);
}

/**
 * Ends sessions of `userId`: the one `key` names, or every one but the asker's. Only the person's own sessions are
 * ever touched; returns how many ended (0: the key named none of theirs).
 */
export async function endSessionsOf(userId: string, which: { key: string } | { allBut: string }): Promise<number> {
  const ids = (await db.session.findMany({ where: { userId }, select: { id: true } })).map((session) => session.id);
  const ending = "key" in which ? ids.filter((id) => sessionKey(id) === which.key) : ids.filter((id) => id !== which.allBut);
  if (ending.length === 0) return 0;
  return (await db.session.deleteMany({ where: { userId, id: { in: ending } } })).count;
}

export function clearSessionCookie(): Promise<string> {
  return sessionCookie.serialize("", { maxAge: 0 });
}

/** Sessions past their expiry (abandoned, their cookie never shown again): removed by the scheduled jobs. */
export async function purgeExpiredSessions(now = new Date()): Promise<number> {
  return (await db.session.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
