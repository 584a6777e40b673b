// In-app notifications (issue 18): the events a user sees under the bell of their navigation until they open one.

export const NOTIFICATION_KINDS = ["MESSAGE", "MENTION", "OFFER_EXPIRING", "CHECK_IN_DUE"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How many a user's list shows, newest first: older ones stay stored, out of the way. */
export const NOTIFICATIONS_SHOWN = 50;

/** Whether `path` is a path of this app a notification may lead to (never another site: an open redirect). */
export function isAppPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
}
