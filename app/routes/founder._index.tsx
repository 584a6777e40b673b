import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { OpenCallList } from "~/components/open-calls.tsx";
import { ShownTextView } from "~/components/shown-text.tsx";
import { showText } from "~/domain/call-texts.ts";
import { ApplicationTimeline } from "~/components/timeline.tsx";
import { openCallsView, timelineView } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { founderTimelines, listFounderApplications } from "~/models/application.server.ts";
import { listOpenCalls } from "~/models/reference-data.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.founderHome.title);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  const locale = await getLocale(request);
  const [applications, calls] = await Promise.all([listFounderApplications(user.id), listOpenCalls(locale)]);
  const timelines = await founderTimelines(applications);
  const withTimelines = applications.map((application, index) => ({
    id: application.id,
    projectName: application.projectName,
    callTitle: showText(application.call.title, locale),
    timeline: timelineView(timelines[index], locale),
  }));
  return json({ name: user.name, applications: withTimelines, calls: openCallsView(calls, locale) });
}

export default function FounderDashboard() {
  const { name, applications, calls } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("founderHome.title")}</h1>
      <p>{t("founderHome.welcome", { name })}</p>
      {applications.length === 0 ? <p className="muted">{t("founderHome.empty")}</p> : null}
      <ul className="plain-list stack">
        {applications.map((application) => (
          <li key={application.id} className="card stack">
            <h2>
              <Link to={`/founder/applications/${application.id}`} dir="auto">
                {application.projectName || t("apply.untitled")}
              </Link>
            </h2>
            <ShownTextView as="p" className="muted" value={application.callTitle} />
            {application.timeline.visibleStatus === "DRAFT" ? (
              <p>{t("apply.draftExplanation")}</p>
            ) : (
              <ApplicationTimeline timeline={application.timeline} />
            )}
          </li>
        ))}
      </ul>
      <h2>{t("landing.callsTitle")}</h2>
      <OpenCallList calls={calls} />
    </section>
  );
}
