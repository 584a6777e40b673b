import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { ShownTextView } from "~/components/shown-text.tsx";
import { showText } from "~/domain/call-texts.ts";
import { adminOverview } from "~/models/dashboard.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.dashboard.adminTitle);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const [overview, locale] = await Promise.all([adminOverview(), getLocale(request)]);
  return json({ ...overview, calls: overview.calls.map((call) => ({ ...call, title: showText(call.title, locale) })) });
}

/** What needs an admin's attention now, and each call's dashboard. */
export default function AdminHome() {
  const { calls, toScreen, deadEmails, conflicts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("dashboard.adminTitle")}</h1>
      <p className="muted">{t("dashboard.adminIntro")}</p>
      <ul className="grid plain-list">
        <li className="card">
          <Link to="/admin/screening">{t("dashboard.toScreen", { count: toScreen })}</Link>
        </li>
        <li className="card">
          <Link to="/admin/outbox?status=DEAD">{t("dashboard.deadEmails", { count: deadEmails })}</Link>
        </li>
        <li className="card">
          <Link to="/admin/audit">{t("dashboard.conflicts", { count: conflicts })}</Link>
        </li>
      </ul>
      <h2>{t("staffNav.admin.calls")}</h2>
      <ul className="plain-list stack">
        {calls.map((call) => (
          <li key={call.id} className="card">
            <strong>
              <Link to={`/admin/calls/${call.id}`}>
                <ShownTextView value={call.title} />
              </Link>
            </strong>{" "}
            — {t(`callAdmin.status.${call.status}`)} — <Link to={`/admin/calls/${call.id}/dashboard`}>{t("dashboard.callTitle")}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
