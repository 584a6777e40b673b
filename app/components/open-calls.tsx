import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/domain/constants.ts";
import { formatDate } from "~/i18n/format.ts";

export type OpenCall = { slug: string; title: string; description: string; closesAt: string };

export function OpenCallList({ calls, locale, headingLevel = 3 }: { calls: OpenCall[]; locale: Locale; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  if (calls.length === 0) return <p className="muted">{t("landing.noCalls")}</p>;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="plain-list stack">
      {calls.map((call) => (
        <li key={call.slug} className="card">
          <Heading>
            <Link to={`/calls/${call.slug}`}>{call.title}</Link>
          </Heading>
          <p>{call.description}</p>
          <p>
            <strong>{t("landing.deadline", { date: formatDate(call.closesAt, locale, "dateTime") })}</strong>
          </p>
        </li>
      ))}
    </ul>
  );
}
