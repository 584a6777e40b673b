import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { DataTable } from "~/components/data-table.tsx";
import { db } from "~/db/client.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { accessLog, type StaffAccessAction } from "~/models/access-log.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.accessLog.title);

/** Who saw what (issue 20): an application's log (`?application=`) or a staff member's (`?staff=`), newest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const url = new URL(request.url);
  const applicationId = url.searchParams.get("application") ?? undefined;
  const staffId = url.searchParams.get("staff") ?? undefined;
  const locale = await getLocale(request);
  const [rows, application, staff] = await Promise.all([
    applicationId || staffId ? accessLog({ applicationId, staffId }) : Promise.resolve([]),
    applicationId ? db.application.findUnique({ where: { id: applicationId }, select: { id: true, projectName: true } }) : null,
    staffId ? db.user.findUnique({ where: { id: staffId }, select: { id: true, name: true } }) : null,
  ]);
  const names = new Map(
    (
      await db.application.findMany({
        where: { id: { in: [...new Set(rows.flatMap((row) => (row.applicationId ? [row.applicationId] : [])))] } },
        select: { id: true, projectName: true },
      })
    ).map((row) => [row.id, row.projectName]),
  );
  return json({
    application,
    staff,
    rows: rows.map((row) => ({
      id: row.id,
      action: row.action as StaffAccessAction,
      at: formatDate(row.createdAt, locale, "dateTime"),
      staff: row.staff,
      applicationId: row.applicationId,
      projectName: row.applicationId ? (names.get(row.applicationId) ?? null) : null,
      detail: row.detail,
    })),
  });
}

export default function AccessLogPage() {
  const { application, staff, rows } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const subject = application
    ? t("accessLog.ofApplication", { project: application.projectName })
    : staff
      ? t("accessLog.ofStaff", { name: staff.name })
      : null;
  return (
    <div className="stack">
      <h1>{t("accessLog.title")}</h1>
      <p>{t("accessLog.intro")}</p>
      {subject ? <h2 dir="auto">{subject}</h2> : <p className="muted">{t("accessLog.choose")}</p>}
      <DataTable
        caption={subject ?? t("accessLog.title")}
        captionHidden
        rows={rows}
        rowKey={(row) => row.id}
        emptyMessage={t("accessLog.empty")}
        columns={[
          { key: "at", header: t("accessLog.at"), rowHeader: true, cell: (row) => row.at },
          {
            key: "staff",
            header: t("accessLog.staff"),
            userText: true,
            cell: (row) => <Link to={`/admin/access-log?staff=${row.staff.id}`}>{row.staff.name}</Link>,
          },
          { key: "action", header: t("accessLog.action"), cell: (row) => t(`accessLog.actions.${row.action}`) },
          {
            key: "application",
            header: t("accessLog.application"),
            userText: true,
            cell: (row) =>
              row.applicationId ? (
                <Link to={`/admin/access-log?application=${row.applicationId}`}>{row.projectName ?? row.applicationId}</Link>
              ) : (
                "—"
              ),
          },
          { key: "detail", header: t("accessLog.detail"), userText: true, cell: (row) => row.detail || "—" },
        ]}
      />
    </div>
  );
}
