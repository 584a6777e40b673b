import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.dashboard.founderTitle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "FOUNDER" });
  return json({ name: user.name });
}

export default function FounderDashboard() {
  const { name } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("dashboard.founderTitle")}</h1>
      <p>{t("dashboard.welcome", { name })}</p>
      <p className="muted">{t("dashboard.founderEmpty")}</p>
    </section>
  );
}
