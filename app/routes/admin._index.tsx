import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server.ts";
import { PlaceholderPage } from "~/components/placeholder-page.tsx";
import { pageTitle } from "~/i18n/meta.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.dashboard.adminTitle);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  return null;
}

export default function AdminHome() {
  return <PlaceholderPage titleKey="dashboard.adminTitle" textKey="dashboard.adminIntro" />;
}
