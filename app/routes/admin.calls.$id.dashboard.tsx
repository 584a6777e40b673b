import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { Chart } from "~/components/chart.tsx";
import { formatNumber } from "~/i18n/format.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { ShownTextView } from "~/components/shown-text.tsx";
import { showCallText } from "~/domain/call-texts.ts";
import { useLocale } from "~/i18n/use-locale.ts";
import { getCallForAdmin } from "~/models/call.server.ts";
import { answerDistributionsOfCall, callDashboard } from "~/models/dashboard.server.ts";
import { AnswerDistributions } from "~/components/answers/answer-distributions.tsx";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.dashboard.callTitle);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const call = ensureFound(await getCallForAdmin(params.id ?? ""));
  const locale = await getLocale(request);
  const [stats, answers] = await Promise.all([callDashboard(call.id), answerDistributionsOfCall(call.id, locale)]);
  return json({ call: { id: call.id, title: showCallText(call, "title", locale) }, stats, answers });
}

const COLORS = ["#0b5c8a", "#0f7b5f", "#a15c00", "#6b3fa0"];

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card stack" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export default function CallDashboard() {
  const { call, stats, answers } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const rtl = locale === "ar";
  const percent = (part: number, whole: number) => (whole === 0 ? "—" : `${formatNumber(Math.round((part / whole) * 100), locale)} %`);
  const acceptance = (rows: Array<{ key: string; decided: number; accepted: number }>, label: (key: string) => string, caption: string) => (
    <>
      <Chart
        rtl={rtl}
        categoryKey="label"
        data={rows.map((r) => ({ label: label(r.key), accepted: r.accepted, decided: r.decided }))}
        series={[
          { key: "decided", label: t("dashboard.decided"), color: COLORS[0] },
          { key: "accepted", label: t("dashboard.accepted"), color: COLORS[1] },
        ]}
      />
      <DataTable
        caption={caption}
        rows={rows}
        rowKey={(r) => r.key}
        emptyMessage={t("admin.tableEmpty")}
        columns={[
          { key: "group", header: t("dashboard.group"), rowHeader: true, cell: (r) => label(r.key) },
          { key: "decided", header: t("dashboard.decided"), numeric: true, cell: (r) => r.decided },
          { key: "accepted", header: t("dashboard.accepted"), numeric: true, cell: (r) => r.accepted },
          { key: "rate", header: t("dashboard.rate"), numeric: true, cell: (r) => percent(r.accepted, r.decided) },
        ]}
      />
    </>
  );
  return (
    <div className="stack">
      <p>
        <Link to={`/admin/calls/${call.id}`}>
          <ShownTextView value={call.title} />
        </Link>{" "}
        · <a href={`/admin/calls/${call.id}/applications.csv`}>{t("dashboard.exportCsv")}</a>
      </p>
      <h1>
        {t("dashboard.callTitle")} — <ShownTextView value={call.title} />
      </h1>

      <Panel id="funnel" title={t("dashboard.funnel")}>
        <Chart
          rtl={rtl}
          categoryKey="label"
          data={stats.funnel.map((f) => ({ label: t(`statuses.${f.status}`), count: f.count }))}
          series={[{ key: "count", label: t("dashboard.applications"), color: COLORS[0] }]}
        />
        <DataTable
          caption={t("dashboard.funnel")}
          rows={stats.funnel}
          rowKey={(f) => f.status}
          emptyMessage={t("admin.tableEmpty")}
          columns={[
            { key: "status", header: t("outbox.filterLabel"), rowHeader: true, cell: (f) => t(`statuses.${f.status}`) },
            { key: "count", header: t("dashboard.applications"), numeric: true, cell: (f) => f.count },
          ]}
        />
      </Panel>

      <Panel id="sector-site" title={t("dashboard.sectorSite")}>
        <Chart
          rtl={rtl}
          categoryKey="label"
          data={stats.sectorSite.rows.map((row) => ({
            label: t(`sectors.${row.sector}`),
            ...Object.fromEntries(stats.sectorSite.sites.map((site, i) => [site.id, row.bySite[i]])),
          }))}
          series={stats.sectorSite.sites.map((site, i) => ({ key: site.id, label: site.name, color: COLORS[i % COLORS.length] }))}
        />
        <DataTable
          caption={t("dashboard.sectorSite")}
          rows={stats.sectorSite.rows}
          rowKey={(row) => row.sector}
          emptyMessage={t("admin.tableEmpty")}
          columns={[
            { key: "sector", header: t("apply.fields.sector"), rowHeader: true, cell: (row) => t(`sectors.${row.sector}`) },
            ...stats.sectorSite.sites.map((site, i) => ({
              key: site.id,
              header: site.name,
              numeric: true,
              cell: (row: (typeof stats.sectorSite.rows)[number]) => row.bySite[i],
            })),
          ]}
        />
      </Panel>

      {answers.length > 0 ? (
        <Panel id="answers" title={t("answersView.distributionTitle")}>
          <AnswerDistributions
            distributions={answers}
            submitted={stats.funnel.filter((f) => f.status !== "DRAFT").reduce((sum, f) => sum + f.count, 0)}
            rtl={rtl}
            color={COLORS[0]}
          />
        </Panel>
      ) : null}

      <Panel id="reviews" title={t("dashboard.reviewProgress")}>
        <p>
          <label htmlFor="review-progress">{t("review.progress", { done: stats.reviews.submitted, total: stats.reviews.total })}</label>{" "}
          <progress id="review-progress" max={Math.max(1, stats.reviews.total)} value={stats.reviews.submitted} />{" "}
          {percent(stats.reviews.submitted, stats.reviews.total)}
        </p>
      </Panel>

      <Panel id="acceptance-sector" title={t("dashboard.acceptanceBySector")}>
        {acceptance(stats.acceptanceBySector, (key) => t(`sectors.${key}`), t("dashboard.acceptanceBySector"))}
      </Panel>
      <Panel id="acceptance-site" title={t("dashboard.acceptanceBySite")}>
        {acceptance(stats.acceptanceBySite, (key) => key, t("dashboard.acceptanceBySite"))}
      </Panel>

      <Panel id="seats" title={t("dashboard.seats")}>
        <Chart
          rtl={rtl}
          categoryKey="label"
          data={stats.seats.map((s) => ({ label: s.name, enrolled: s.enrolled, offered: s.offered, capacity: s.capacity }))}
          series={[
            { key: "capacity", label: t("callAdmin.capacity"), color: COLORS[2] },
            { key: "enrolled", label: t("statuses.ENROLLED"), color: COLORS[1] },
            { key: "offered", label: t("roster.offerPending"), color: COLORS[0] },
          ]}
        />
        <DataTable
          caption={t("dashboard.seats")}
          rows={stats.seats}
          rowKey={(s) => s.name}
          emptyMessage={t("admin.tableEmpty")}
          columns={[
            { key: "cohort", header: t("callAdmin.cohortName"), rowHeader: true, cell: (s) => s.name },
            { key: "capacity", header: t("callAdmin.capacity"), numeric: true, cell: (s) => s.capacity },
            { key: "enrolled", header: t("statuses.ENROLLED"), numeric: true, cell: (s) => s.enrolled },
            { key: "offered", header: t("roster.offerPending"), numeric: true, cell: (s) => s.offered },
          ]}
        />
      </Panel>
    </div>
  );
}
