import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server.ts";
import { PlaceholderPage } from "~/components/placeholder-page.tsx";
import type { Catalog } from "~/i18n/locales/en.ts";
import { pageTitle } from "~/i18n/meta.ts";

// Admin sections that later issues fill; anything else is a 404.
const SECTIONS = ["calls"] as const;
type Section = (typeof SECTIONS)[number] & keyof Catalog["nav"]["admin"];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, (c) => (data ? c.nav.admin[data.section] : c.errors.title404));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const section = SECTIONS.find((s) => s === params.section);
  if (!section) throw json({ message: "not found" }, { status: 404 });
  return json({ section: section as Section });
}

export default function AdminSection() {
  const { section } = useLoaderData<typeof loader>();
  return <PlaceholderPage titleKey={`nav.admin.${section}`} />;
}
