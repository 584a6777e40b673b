import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getLocale } from "~/i18n/i18n.server.ts";
import { siteName } from "~/i18n/format.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { publicSelectedProjects } from "~/models/consent.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.selected.title);

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const projects = await publicSelectedProjects();
  return json({
    projects: projects.map((project) => ({
      id: project.id,
      projectName: project.projectName,
      sector: project.sector,
      cohort: project.enrolledCohort?.name ?? "",
      site: project.enrolledCohort ? siteName(project.enrolledCohort.site, locale) : "",
    })),
  });
}

/** The public list of selected projects (issue 20): only those whose team's lead agreed to appear on it. */
export default function SelectedProjectsPage() {
  const { projects } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t("selected.title")}</h1>
      <p>{t("selected.intro")}</p>
      {projects.length === 0 ? (
        <p className="muted">{t("selected.empty")}</p>
      ) : (
        <ul className="plain-list stack">
          {projects.map((project) => (
            <li key={project.id} className="card">
              <h2 dir="auto">{project.projectName}</h2>
              <p>
                {project.sector ? t(`sectors.${project.sector}`) : ""} — {project.site} — <span dir="auto">{project.cohort}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
