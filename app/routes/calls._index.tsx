import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OpenCallList } from "~/components/open-calls.tsx";
import type { Locale } from "~/domain/constants.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { listOpenCalls } from "~/models/catalog.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.landing.callsTitle);

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, calls] = await Promise.all([getLocale(request), listOpenCalls()]);
  return json({ locale, calls });
}

export default function OpenCalls() {
  const { locale, calls } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("landing.callsTitle")}</h1>
      <OpenCallList calls={calls} locale={locale as Locale} headingLevel={2} />
    </section>
  );
}
