import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { ShownTextView } from "~/components/shown-text.tsx";
import { showCallText } from "~/domain/call-texts.ts";
import { cohortRoster } from "~/models/export.server.ts";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.roster.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const roster = ensureFound(await cohortRoster(params.id ?? ""));
  const locale = await getLocale(request);
  return json({
    ...roster,
    cohort: { ...roster.cohort, call: { id: roster.cohort.call.id, title: showCallText(roster.cohort.call, "title", locale) } },
    startsAtText: formatDate(roster.cohort.startsAt, locale),
  });
}

export default function Roster() {
  const { cohort, members, startsAtText } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <p>
        <Link to={`/admin/calls/${cohort.call.id}`}>
          <ShownTextView value={cohort.call.title} />
        </Link>
      </p>
      <h1>
        {t("roster.title")} — {cohort.name} ({cohort.site.name})
      </h1>
      <p>
        {t("calls.startsOn", { date: startsAtText })} —{" "}
        {t("roster.count", { count: members.filter((m) => m.status !== "ACCEPTED").length, capacity: cohort.capacity })}
      </p>
      <p>
        <a href={`/admin/cohorts/${cohort.id}/roster.csv`} download>
          {t("roster.download")}
        </a>{" "}
        · <Link to={`/admin/cohorts/${cohort.id}/follow-up`}>{t("followUpAdmin.cohort.link")}</Link> ·{" "}
        <Link to={`/admin/announcements?cohort=${cohort.id}`}>{t("announcements.cohortLink")}</Link>
      </p>
      <DataTable
        caption={t("roster.title")}
        rows={members}
        rowKey={(m) => m.id}
        emptyMessage={t("admin.tableEmpty")}
        columns={[
          {
            key: "project",
            userText: true,
            header: t("apply.fields.projectName"),
            rowHeader: true,
            cell: (m) => <Link to={`/admin/applications/${m.id}`}>{m.projectName}</Link>,
          },
          {
            key: "status",
            header: t("outbox.filterLabel"),
            cell: (m) => (m.status === "ACCEPTED" ? t("roster.offerPending") : t(`statuses.${m.status}`)),
          },
          { key: "sector", header: t("apply.fields.sector"), cell: (m) => (m.sector ? t(`sectors.${m.sector}`) : "—") },
          { key: "founders", header: t("roster.founders"), cell: (m) => m.teamMembers.map((tm) => tm.name).join(", ") },
          {
            key: "contact",
            header: t("roster.contact"),
            cell: (m) => (
              <>
                {m.founder.name} — <a href={`mailto:${m.founder.email}`}>{m.founder.email}</a>
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
