import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { DataTable } from "~/components/data-table.tsx";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { awaitingThreads, staffThreadPath } from "~/models/message.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.staffMessages.inbox);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const locale = await getLocale(request);
  const threads = await awaitingThreads();
  return json({
    threads: threads.map((thread) => ({
      id: thread.id,
      projectName: thread.projectName,
      founderName: thread.founder.name,
      threadPath: staffThreadPath(thread.id),
      waitingSinceText: formatDate(thread.messageAwaitingSince!, locale, "dateTime"),
    })),
  });
}

/** The admins' inbox (issue 18): the threads whose last word is the team's, the longest waiting first. */
export default function MessagesInbox() {
  const { threads } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t("staffMessages.inbox")}</h1>
      <p className="muted">{t("staffMessages.inboxIntro")}</p>
      <DataTable
        caption={t("staffMessages.inboxCaption")}
        rows={threads}
        rowKey={(thread) => thread.id}
        emptyMessage={t("staffMessages.empty")}
        columns={[
          {
            key: "project",
            header: t("staffMessages.project"),
            rowHeader: true,
            userText: true,
            cell: (thread) => <Link to={thread.threadPath}>{thread.projectName}</Link>,
          },
          { key: "founder", header: t("staffMessages.founder"), userText: true, cell: (thread) => thread.founderName },
          { key: "since", header: t("staffMessages.waitingSince"), cell: (thread) => thread.waitingSinceText },
        ]}
      />
    </div>
  );
}
