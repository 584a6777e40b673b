import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { listNotifications } from "~/models/notification.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.notifications.title);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const notifications = await listNotifications(user.id);
  return json({
    notifications: notifications.map(({ createdAt, readAt, ...notification }) => ({
      ...notification,
      unread: readAt === null,
      createdAtText: formatDate(createdAt, locale, "dateTime"),
    })),
  });
}

/** The user's notifications, newest first (issue 18): opening one marks it read and leads to what it is about. */
export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t("notifications.title")}</h1>
      {notifications.length === 0 ? <p>{t("notifications.empty")}</p> : null}
      <ul className="notifications stack">
        {notifications.map((notification) => (
          <li key={notification.id} className={notification.unread ? "notification-unread" : undefined}>
            <Form method="post" action={`/notifications/${notification.id}`}>
              <button type="submit" className="link-button">
                <span dir="auto">
                  {t(`notifications.kinds.${notification.kind}` as "notifications.kinds.MESSAGE", {
                    projectName: notification.projectName,
                  })}
                </span>
              </button>{" "}
              <span className="muted">
                {notification.createdAtText}
                {notification.unread ? ` · ${t("notifications.unread")}` : ""}
              </span>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}
