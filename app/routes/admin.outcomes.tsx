import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { Chart } from "~/components/chart.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { SECTORS } from "~/domain/constants.ts";
import { readOutcomeFilters } from "~/schemas/outcome-filters.ts";
import { SMALL_SAMPLE } from "~/domain/outcomes.ts";
import { showCallText } from "~/domain/call-texts.ts";
import { formatNumber } from "~/i18n/format.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { useLocale } from "~/i18n/use-locale.ts";
import { listCalls } from "~/models/call.server.ts";
import { outcomesDashboard } from "~/models/outcomes.server.ts";
import { listSites } from "~/models/reference-data.server.ts";
import { criterionLabel } from "~/models/review.server.ts";
import { readLandingFiguresSettings, saveLandingFigures } from "~/models/landing-figures.server.ts";
import { ChoiceGroup, choiceProps, TextField, useValidatedForm } from "~/components/form.tsx";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { LANDING_FIGURE_KEYS, LANDING_FIGURE_MODES, landingFiguresSchema } from "~/schemas/landing-figures.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.outcomes.title);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const url = new URL(request.url);
  const filters = readOutcomeFilters(url);
  const locale = await getLocale(request);
  const [figures, sites, calls, landing] = await Promise.all([
    outcomesDashboard(filters),
    listSites(),
    listCalls(),
    readLandingFiguresSettings(),
  ]);
  return json({
    landing: { ...landing, computedAtText: landing.computedAt ? formatDate(landing.computedAt, locale, "dateTime") : null },
    filters,
    query: url.search,
    // Each criterion named in the reader's language here, on the server.
    figures: {
      ...figures,
      prediction: {
        ...figures.prediction,
        criteria: figures.prediction.criteria.map((row) => ({ ...row, label: criterionLabel({ key: row.key, label: row.label }, locale) })),
      },
    },
    sites: sites.map((site) => ({ id: site.id, name: site.name })),
    calls: calls.map((call) => ({ id: call.id, title: showCallText(call, "title", locale).text })),
  });
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

/** The landing page's figures: typed ones, or those computed from the follow-up (audited). */
async function handleAction({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const parsed = parseForm(landingFiguresSchema, await readFormData(request));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await saveLandingFigures(parsed.data, admin.id);
  return redirectWithFlash(`/admin/outcomes${new URL(request.url).search}`, { kind: "success", key: "outcomes.landing.saved" });
}

const COLORS = ["#0b5c8a", "#0f7b5f", "#a15c00", "#6b3fa0", "#b3261e", "#00737a", "#4a4a4a"];

/** The network's outcomes: success at 18 months, survival, jobs, exports, funding, and what the selection predicted. */
export default function Outcomes() {
  const { filters, query, figures, sites, calls, landing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const landingForm = useValidatedForm(landingFiguresSchema, {
    defaultValues: {
      mode: landing.mode as (typeof LANDING_FIGURE_MODES)[number],
      ...Object.fromEntries(LANDING_FIGURE_KEYS.map((key) => [key, String(actionData?.values?.[key] ?? landing[key])])),
    } as never,
    serverErrors: actionData?.errors,
  });
  const locale = useLocale();
  const number = (value: number) => formatNumber(value, locale);
  const percent = (rate: number | null) => (rate === null ? "—" : `${formatNumber(Math.round(rate * 1000) / 10, locale)} %`);
  const rests = (projects: number) => t("outcomes.restsOn", { count: projects });
  const survivalRows = (groups: typeof figures.survivalBySite, label: (group: string) => string, caption: string) => (
    <>
      <Chart
        rtl={locale === "ar"}
        variant="steps"
        categoryKey="label"
        data={(groups[0]?.curve ?? []).map(({ months }, step) => ({
          label: t("outcomes.months", { count: months }),
          ...Object.fromEntries(
            groups.map((group, index) => {
              const survival = group.curve[step].survival;
              return [`g${index}`, survival === null ? null : Math.round(survival * 1000) / 10];
            }),
          ),
        }))}
        series={groups.map((group, index) => ({ key: `g${index}`, label: label(group.group), color: COLORS[index % COLORS.length] }))}
      />
      <DataTable
        caption={caption}
        rows={groups}
        rowKey={(group) => group.group}
        emptyMessage={t("outcomes.none")}
        columns={[
          { key: "group", header: t("dashboard.group"), rowHeader: true, cell: (group) => label(group.group) },
          { key: "projects", header: t("outcomes.projects"), numeric: true, cell: (group) => number(group.projects) },
          ...figures.survival.map(({ years }) => ({
            key: `y${years}`,
            header: t("outcomes.atYears", { count: years }),
            numeric: true,
            cell: (group: (typeof groups)[number]) => {
              const point = group.points.find((p) => p.years === years)?.point;
              return point ? `${percent(point.survival)} (${t("outcomes.atRisk", { count: point.atRisk })})` : "—";
            },
          })),
        ]}
      />
    </>
  );
  return (
    <div className="stack">
      <h1>{t("outcomes.title")}</h1>
      <Form method="get" className="inline-form" aria-label={t("outcomes.filters")}>
        <div className="field">
          <label htmlFor="outcomes-site">{t("outcomes.site")}</label>
          <select id="outcomes-site" name="site" defaultValue={filters.siteId ?? ""}>
            <option value="">{t("outcomes.all")}</option>
            {sites.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="outcomes-sector">{t("outcomes.sector")}</label>
          <select id="outcomes-sector" name="sector" defaultValue={filters.sector ?? ""}>
            <option value="">{t("outcomes.all")}</option>
            {SECTORS.map((sector) => (
              <option key={sector} value={sector}>
                {t(`sectors.${sector}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="outcomes-call">{t("outcomes.call")}</label>
          <select id="outcomes-call" name="call" defaultValue={filters.callId ?? ""}>
            <option value="">{t("outcomes.all")}</option>
            {calls.map((call) => (
              <option key={call.id} value={call.id}>
                {call.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-secondary">
          {t("outcomes.apply")}
        </button>
      </Form>
      <p>
        <a href={`/admin/outcomes/check-ins.csv${query}`}>{t("outcomes.exportCheckIns")}</a> ·{" "}
        <a href={`/admin/outcomes/tables.csv${query}`}>{t("outcomes.exportTables")}</a>
      </p>

      <section className="stack" aria-labelledby="outcomes-figures">
        <h2 id="outcomes-figures">{t("outcomes.figures")}</h2>
        <dl className="figures">
          <div>
            <dt>{t("outcomes.followed")}</dt>
            <dd>{number(figures.projects)}</dd>
            <dd className="muted">{t("outcomes.checkInsMissing", { count: figures.checkInsMissing })}</dd>
          </div>
          <div>
            <dt>{t("outcomes.success18")}</dt>
            <dd>{percent(figures.success.rate)}</dd>
            <dd className="muted">{t("outcomes.successOf", { successes: figures.success.successes, count: figures.success.reached })}</dd>
          </div>
          {figures.survival.map(({ years, point }) => (
            <div key={years}>
              <dt>{t("outcomes.survivalAt", { count: years })}</dt>
              <dd>{point ? percent(point.survival) : "—"}</dd>
              <dd className="muted">{t("outcomes.atRisk", { count: point?.atRisk ?? 0 })}</dd>
            </div>
          ))}
          <div>
            <dt>{t("outcomes.jobs")}</dt>
            <dd>{number(figures.jobs.fullTime)}</dd>
            <dd className="muted">
              {t("outcomes.jobsDetail", {
                median: figures.jobs.medianFullTime === null ? "—" : number(figures.jobs.medianFullTime),
                partTime: number(figures.jobs.partTime),
              })}{" "}
              {rests(figures.jobs.projects)}
            </dd>
          </div>
          <div>
            <dt>{t("outcomes.exporting")}</dt>
            <dd>{percent(figures.exporting.share)}</dd>
            <dd className="muted">{rests(figures.exporting.projects)}</dd>
          </div>
          <div>
            <dt>{t("outcomes.funding")}</dt>
            <dd>{t("outcomes.mad", { amount: number(figures.funding.total) })}</dd>
            <dd className="muted">{t("outcomes.fundedProjects", { count: figures.funding.projects })}</dd>
          </div>
        </dl>
      </section>

      <section className="stack" aria-labelledby="outcomes-by-site">
        <h2 id="outcomes-by-site">{t("outcomes.survivalBySite")}</h2>
        {survivalRows(figures.survivalBySite, (group) => group, t("outcomes.survivalBySite"))}
      </section>
      <section className="stack" aria-labelledby="outcomes-by-sector">
        <h2 id="outcomes-by-sector">{t("outcomes.survivalBySector")}</h2>
        {survivalRows(
          figures.survivalBySector,
          (group) => (group ? t(`sectors.${group}` as "sectors.NEW_TECH") : "—"),
          t("outcomes.survivalBySector"),
        )}
      </section>
      <section className="stack" aria-labelledby="outcomes-jobs">
        <h2 id="outcomes-jobs">{t("outcomes.jobsOverTime")}</h2>
        <Chart
          rtl={locale === "ar"}
          categoryKey="label"
          data={figures.jobsByMonth.map((row) => ({
            label: t("outcomes.months", { count: row.monthsAfter }),
            fullTime: row.fullTime,
            partTime: row.partTime,
          }))}
          series={[
            { key: "fullTime", label: t("outcomes.fullTime"), color: COLORS[0] },
            { key: "partTime", label: t("outcomes.partTime"), color: COLORS[1] },
          ]}
        />
        <DataTable
          caption={t("outcomes.jobsOverTime")}
          rows={figures.jobsByMonth}
          rowKey={(row) => String(row.monthsAfter)}
          emptyMessage={t("outcomes.none")}
          columns={[
            {
              key: "months",
              header: t("outcomes.checkIn"),
              rowHeader: true,
              cell: (row) => t("outcomes.months", { count: row.monthsAfter }),
            },
            { key: "answered", header: t("outcomes.answered"), numeric: true, cell: (row) => number(row.answered) },
            { key: "fullTime", header: t("outcomes.fullTime"), numeric: true, cell: (row) => number(row.fullTime) },
            { key: "partTime", header: t("outcomes.partTime"), numeric: true, cell: (row) => number(row.partTime) },
          ]}
        />
      </section>

      <section className="card stack" aria-labelledby="landing-figures-title">
        <h2 id="landing-figures-title">{t("outcomes.landing.title")}</h2>
        <Form method="post" noValidate onSubmit={landingForm.onSubmit} className="stack">
          <ChoiceGroup legend={t("outcomes.landing.mode")} name="mode" error={landingForm.errorFor("mode")}>
            {LANDING_FIGURE_MODES.map((mode) => (
              <label key={mode} className="choice">
                <input type="radio" {...choiceProps(landingForm.form as never, "mode", mode)} /> {t(`outcomes.landing.modes.${mode}`)}
              </label>
            ))}
          </ChoiceGroup>
          <div className="inline-form">
            {LANDING_FIGURE_KEYS.map((key) => (
              <TextField
                key={key}
                label={t(`outcomes.landing.figures.${key}`)}
                inputMode="numeric"
                error={landingForm.errorFor(key)}
                registration={landingForm.form.register(key as never)}
              />
            ))}
          </div>
          <p className="muted">
            {landing.computedAtText
              ? t("outcomes.landing.computed", {
                  date: landing.computedAtText,
                  values: LANDING_FIGURE_KEYS.map((key) => {
                    const value = landing[`computed${key[0].toUpperCase()}${key.slice(1)}` as "computedJobs"];
                    return `${t(`outcomes.landing.figures.${key}`)} ${value === null ? "—" : number(value)}`;
                  }).join(" · "),
                })
              : t("outcomes.landing.notComputed")}
          </p>
          <button type="submit" className="button">
            {t("outcomes.landing.save")}
          </button>
        </Form>
      </section>

      <section className="stack" aria-labelledby="outcomes-prediction">
        <h2 id="outcomes-prediction">{t("outcomes.prediction")}</h2>
        <p>{t("outcomes.predictionIntro", { count: figures.prediction.projects })}</p>
        <DataTable
          caption={t("outcomes.byQuintile")}
          rows={figures.prediction.quintiles}
          rowKey={(row) => String(row.quintile)}
          emptyMessage={t("outcomes.none")}
          columns={[
            {
              key: "quintile",
              header: t("outcomes.quintile"),
              rowHeader: true,
              cell: (row) => t("outcomes.quintileName", { n: row.quintile }),
            },
            { key: "count", header: t("outcomes.projects"), numeric: true, cell: (row) => number(row.count) },
            { key: "rate", header: t("outcomes.success18"), numeric: true, cell: (row) => percent(row.rate) },
          ]}
        />
        <DataTable
          caption={t("outcomes.byCriterion")}
          rows={figures.prediction.criteria}
          rowKey={(row) => row.key}
          emptyMessage={t("outcomes.none")}
          columns={[
            {
              key: "criterion",
              header: t("outcomes.criterion"),
              rowHeader: true,
              userText: true,
              cell: (row) => row.label,
            },
            { key: "projects", header: t("outcomes.projects"), numeric: true, cell: (row) => number(row.projects) },
            {
              key: "correlation",
              header: t("outcomes.correlation"),
              numeric: true,
              cell: (row) => (row.correlation === null ? "—" : formatNumber(Math.round(row.correlation * 100) / 100, locale)),
            },
          ]}
        />
        <DataTable
          caption={t("outcomes.byReviewer")}
          rows={figures.prediction.reviewers}
          rowKey={(row) => row.reviewerId}
          emptyMessage={t("outcomes.noReviewer")}
          columns={[
            { key: "reviewer", header: t("outcomes.reviewer"), rowHeader: true, userText: true, cell: (row) => row.name },
            { key: "count", header: t("outcomes.projects"), numeric: true, cell: (row) => number(row.count) },
            {
              key: "correlation",
              header: t("outcomes.correlation"),
              numeric: true,
              cell: (row) =>
                `${row.correlation === null ? "—" : formatNumber(Math.round(row.correlation * 100) / 100, locale)}${
                  row.smallSample ? ` — ${t("outcomes.smallSample", { count: SMALL_SAMPLE })}` : ""
                }`,
            },
          ]}
        />
      </section>
    </div>
  );
}
