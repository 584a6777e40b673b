import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OpenCallList } from "~/components/open-calls.tsx";
import { SECTORS, type Locale } from "~/domain/constants.ts";
import { formatNumber, siteName } from "~/i18n/format.ts";
import { openCallsView } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { listOpenCalls, listSites } from "~/models/reference-data.server.ts";
import { landingFigures } from "~/models/landing-figures.server.ts";

// The network's headline figures (DESIGN.md §1): typed by an admin, or computed from the follow-up (issue 17).
const FIGURES = [
  { key: "companies", prefix: "≈ " },
  { key: "jobs", prefix: "" },
  { key: "success", suffix: " %" },
  { key: "survival", suffix: " %" },
  { key: "exporting", suffix: " %" },
] as const;

const SUPPORT = ["networking", "funding", "skills", "market"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const [sites, calls, figures] = await Promise.all([listSites(), listOpenCalls(locale), landingFigures()]);
  return json({ locale, sites, calls: openCallsView(calls, locale), figures });
}

export default function Landing() {
  const { locale, sites, calls, figures } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lng = locale as Locale;
  return (
    <>
      <section className="hero">
        <h1>{t("landing.heroTitle")}</h1>
        <p>{t("landing.heroText")}</p>
        <div className="hero-actions">
          <a className="button" href="#calls">
            {t("landing.applyNow")}
          </a>
          <Link className="button button-secondary" to="/signup">
            {t("landing.createAccount")}
          </Link>
        </div>
      </section>

      <section className="section" aria-labelledby="calls">
        <h2 id="calls">{t("landing.callsTitle")}</h2>
        <OpenCallList calls={calls} />
      </section>

      <section className="section" aria-labelledby="sectors-title">
        <h2 id="sectors-title">{t("landing.sectorsTitle")}</h2>
        <ul className="grid plain-list">
          {SECTORS.map((sector) => (
            <li key={sector} className="card">
              <strong>{t(`sectors.${sector}`)}</strong>
            </li>
          ))}
        </ul>
      </section>

      <section className="section" aria-labelledby="support-title">
        <h2 id="support-title">{t("landing.supportTitle")}</h2>
        <ul className="grid plain-list">
          {SUPPORT.map((item) => (
            <li key={item} className="card">
              <h3>{t(`landing.support.${item}`)}</h3>
              <p>{t(`landing.support.${item}Text`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section className="section" aria-labelledby="figures-title">
        <h2 id="figures-title">{t("landing.figuresTitle")}</h2>
        <ul className="grid figures">
          {FIGURES.map((figure) => (
            <li key={figure.key} className="card">
              <span className="figure-value">
                {"prefix" in figure ? figure.prefix : ""}
                {formatNumber(figures[figure.key], lng)}
                {"suffix" in figure ? figure.suffix : ""}
              </span>
              {t(`landing.figures.${figure.key}`)}
            </li>
          ))}
        </ul>
      </section>

      <section className="section" aria-labelledby="sites-title">
        <h2 id="sites-title">{t("landing.sitesTitle")}</h2>
        <ul className="grid plain-list">
          {sites.map((site) => (
            <li key={site.slug} className="card">
              <strong>{siteName(site, lng)}</strong>{" "}
              <span className={`badge ${site.status === "OPEN" ? "badge-open" : "badge-soon"}`}>{t(`siteStatus.${site.status}`)}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
