import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { requireUser } from "~/auth/guards.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { listAuditEvents } from "~/models/audit.server.ts";
import { DataTable } from "~/components/data-table.tsx";
import { pageNumber } from "~/schemas/admin.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.staffNav.admin.audit);

/** Longer than any id: such a subject names nothing, so it lists nothing (never a 500). */
const MAX_SUBJECT_LENGTH = 64;

const querySchema = z.object({
  subject: z.optional(z.string().check(z.trim())),
  page: pageNumber,
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  if (query.subject && query.subject.length > MAX_SUBJECT_LENGTH) return json({ rows: [], hasMore: false, page: query.page });
  const [{ rows, hasMore }, locale] = await Promise.all([
    listAuditEvents({ subjectId: query.subject || undefined, page: query.page }),
    getLocale(request),
  ]);
  return json({
    rows: rows.map((event) => ({ ...event, createdAtText: formatDate(event.createdAt, locale, "dateTime") })),
    hasMore,
    page: query.page,
  });
}

export default function AuditLog() {
  const { rows, hasMore, page } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("staffNav.admin.audit")}</h1>
      <DataTable
        caption={t("staffNav.admin.audit")}
        rows={rows}
        rowKey={(event) => event.id}
        emptyMessage={t("admin.tableEmpty")}
        pagination={{ page, hasMore }}
        columns={[
          { key: "date", header: t("mailbox.date"), cell: (event) => event.createdAtText },
          { key: "actor", header: t("audit.actor"), cell: (event) => event.actor?.name ?? t("admin.system") },
          {
            key: "event",
            header: t("audit.event"),
            cell: (event) => (
              <>
                {event.type}
                {event.fromState || event.toState ? ` (${event.fromState ?? "∅"} → ${event.toState ?? "∅"})` : ""}
              </>
            ),
          },
          {
            key: "subject",
            header: t("audit.subject"),
            cell: (event) =>
              event.subjectType === "Application" ? (
                <Link to={`/admin/applications/${event.subjectId}`}>{event.subjectId.slice(-6).toUpperCase()}</Link>
              ) : (
                `${event.subjectType} ${event.subjectId.slice(-6).toUpperCase()}`
              ),
          },
          {
            key: "details",
            header: t("audit.details"),
            cell: (event) => <code className="audit-details">{event.details === "{}" ? "" : event.details}</code>,
          },
        ]}
      />
    </section>
  );
}
