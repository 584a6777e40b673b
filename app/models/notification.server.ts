// In-app notifications (issue 18): written in the transaction of the event they announce, listed under the bell
// of each user's navigation, marked read when the user opens one (a conditional write: only their own).
import { db, type Tx } from "~/db/client.server.ts";
import { cachedUntilChange } from "~/db/read-cache.server.ts";
import { UserError } from "~/domain/errors.ts";
import { isAppPath, NOTIFICATIONS_SHOWN, type NotificationKind } from "~/domain/notifications.ts";

/** One notification per user (each once), about `projectName`, leading to `path` (a path of the app). */
export async function notify(
  tx: Tx,
  userIds: readonly string[],
  event: { kind: NotificationKind; projectName: string; path: string },
  now = new Date(),
): Promise<void> {
  if (!isAppPath(event.path)) throw new RangeError(`A notification leads to a path of the app, not ${event.path}`);
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await tx.notification.createMany({ data: unique.map((userId) => ({ userId, ...event, createdAt: now })) });
}

/** Everyone on the application's team: its lead and the members who joined. */
export async function teamUserIds(tx: Tx, applicationId: string): Promise<string[]> {
  const application = await tx.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: { founderId: true, teamMemberships: { select: { userId: true } } },
  });
  return [application.founderId, ...application.teamMemberships.map((membership) => membership.userId)];
}

/** The user's unread count, for the bell on every page: read once per database state. */
export function unreadNotificationCount(userId: string): Promise<number> {
  return cachedUntilChange(`notifications:${userId}`, () => db.notification.count({ where: { userId, readAt: null } }));
}

/** The user's latest notifications, newest first. */
export function listNotifications(userId: string) {
  return db.notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: NOTIFICATIONS_SHOWN,
    select: { id: true, kind: true, projectName: true, path: true, createdAt: true, readAt: true },
  });
}

/** Opens the user's notification: read from now on (if it was not), and where it leads. Another user's is not found. */
export async function openNotification(id: string, userId: string, now = new Date()): Promise<string> {
  return db.$transaction(async (tx) => {
    const notification = await tx.notification.findFirst({ where: { id, userId }, select: { path: true } });
    if (!notification) throw new UserError("errors.title404", 404);
    await tx.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: now } });
    return notification.path;
  });
}
