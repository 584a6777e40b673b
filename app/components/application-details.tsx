import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export type ProjectTexts = { tagline: string; problem: string; solution: string; market: string; traction: string };

/** The project's own words, then whatever else the page shows (team, documents…) as more rows. */
export function ApplicationDetails({ project, children }: { project: ProjectTexts; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="application-title">
      <h2 id="application-title">{t("review.application")}</h2>
      <dl className="summary">
        {(["tagline", "problem", "solution", "market", "traction"] as const).map((field) => (
          <div key={field}>
            <dt>{t(`apply.fields.${field}`)}</dt>
            <dd dir="auto">{project[field] || "—"}</dd>
          </div>
        ))}
        {children}
      </dl>
    </section>
  );
}

/** One more row of an ApplicationDetails list. */
export function DetailRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
