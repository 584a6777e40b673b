import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ShownText } from "~/domain/call-texts.ts";
import { ShownTextView } from "./shown-text.tsx";

/** An open call as the browser gets it: `closesAtText` written on the server (openCallsView in ~/i18n/dates.server.ts). */
export type OpenCall = { slug: string; title: ShownText; description: ShownText; closesAt: string; closesAtText: string };

export function OpenCallList({ calls, headingLevel = 3 }: { calls: OpenCall[]; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  if (calls.length === 0) return <p className="muted">{t("landing.noCalls")}</p>;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="plain-list stack">
      {calls.map((call) => (
        <li key={call.slug} className="card">
          <Heading>
            <Link to={`/calls/${call.slug}`}>
              <ShownTextView value={call.title} />
            </Link>
          </Heading>
          <ShownTextView as="p" value={call.description} />
          <p>
            <strong>
              <time dateTime={call.closesAt}>{t("landing.deadline", { date: call.closesAtText })}</time>
            </strong>
          </p>
        </li>
      ))}
    </ul>
  );
}
