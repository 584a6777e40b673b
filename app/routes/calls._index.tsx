import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OpenCallList } from "~/components/open-calls.tsx";
import { openCallsView } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { listOpenCalls } from "~/models/reference-data.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.landing.callsTitle);

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const calls = await listOpenCalls(locale);
  return json({ calls: openCallsView(calls, locale) });
}

export default function OpenCalls() {
  const { calls } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("landing.callsTitle")}</h1>
      <OpenCallList calls={calls} headingLevel={2} />
    </section>
  );
}
