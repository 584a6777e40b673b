import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isCallOpen } from "~/domain/lifecycle.ts";
import { ensureFound } from "~/auth/guards.server.ts";
import { SECTORS } from "~/domain/constants.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { siteName } from "~/i18n/format.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { useLocale } from "~/i18n/use-locale.ts";
import { getPublicCall } from "~/models/reference-data.server.ts";
import { ShownTextView } from "~/components/shown-text.tsx";
import { showCallText } from "~/domain/call-texts.ts";
import { EligibilityRuleList } from "~/components/eligibility-rules.tsx";
import { getQuestionnaire, rulesInWords } from "~/models/call-questions.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.call.title.text} — Tremplin` : "Tremplin" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [found, locale] = await Promise.all([getPublicCall(params.slug ?? ""), getLocale(request)]);
  const call = ensureFound(found);
  const now = new Date();
  const open = isCallOpen(call, now);
  const daysLeft = Math.max(0, Math.ceil((call.closesAt.getTime() - now.getTime()) / 86_400_000));
  // The texts in the reader's language (French standing in where a translation is missing), not all three.
  const { slug, opensAt, closesAt, status, hasInterview, cohorts } = call;
  const eligibilityRules = rulesInWords(await getQuestionnaire(call.id), locale);
  const shown = (field: "eligibilityText" | "supportOffer") => (call[field] ? showCallText(call, field, locale) : null);
  return json({
    call: {
      slug,
      opensAt,
      closesAt,
      status,
      hasInterview,
      title: showCallText(call, "title", locale),
      description: showCallText(call, "description", locale),
      eligibilityText: shown("eligibilityText"),
      supportOffer: shown("supportOffer"),
      closesAtText: formatDate(call.closesAt, locale, "dateTime"),
      cohorts: cohorts.map((cohort) => ({ ...cohort, startsAtText: formatDate(cohort.startsAt, locale) })),
    },
    eligibilityRules,
    open,
    daysLeft,
  });
}

const SUPPORT = ["networking", "funding", "skills", "market"] as const;

export default function CallPage() {
  const { call, eligibilityRules, open, daysLeft } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <article className="stack">
      <ShownTextView as="h1" value={call.title} />
      <ShownTextView as="p" className="written-text" value={call.description} />
      <p className="card">
        <strong>
          <time dateTime={call.closesAt}>{t("landing.deadline", { date: call.closesAtText })}</time>
        </strong>
        <br />
        {open ? t("calls.daysLeft", { count: daysLeft }) : t("calls.closed")}
      </p>
      {open ? (
        <p>
          <Link className="button" to={`/calls/${call.slug}/apply`}>
            {t("calls.apply")}
          </Link>
        </p>
      ) : null}
      {call.eligibilityText || eligibilityRules.length > 0 ? (
        <section aria-labelledby="call-eligibility">
          <h2 id="call-eligibility">{t("calls.eligibilityTitle")}</h2>
          {call.eligibilityText ? <ShownTextView as="p" className="written-text" value={call.eligibilityText} /> : null}
          {eligibilityRules.length > 0 ? (
            <>
              <p>{t("questions.rulesTitle")}</p>
              <EligibilityRuleList rules={eligibilityRules} />
            </>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="call-sites">
        <h2 id="call-sites">{t("calls.sitesTitle")}</h2>
        <ul className="grid plain-list">
          {call.cohorts.map((cohort) => (
            <li key={cohort.site.slug} className="card">
              <strong>{siteName(cohort.site, locale)}</strong>{" "}
              <span className={`badge ${cohort.site.status === "OPEN" ? "badge-open" : "badge-soon"}`}>
                {t(`siteStatus.${cohort.site.status}`)}
              </span>
              <p>
                {cohort.name} — {t("calls.startsOn", { date: cohort.startsAtText })}
                <br />
                {t("calls.seats", { count: cohort.capacity })}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="call-sectors">
        <h2 id="call-sectors">{t("landing.sectorsTitle")}</h2>
        <ul>
          {SECTORS.map((sector) => (
            <li key={sector}>{t(`sectors.${sector}`)}</li>
          ))}
        </ul>
      </section>
      {call.supportOffer ? (
        <section aria-labelledby="call-offer">
          <h2 id="call-offer">{t("calls.supportOfferTitle")}</h2>
          <ShownTextView as="p" className="written-text" value={call.supportOffer} />
        </section>
      ) : null}
      <section aria-labelledby="call-support">
        <h2 id="call-support">{t("landing.supportTitle")}</h2>
        <ul>
          {SUPPORT.map((item) => (
            <li key={item}>
              <strong>{t(`landing.support.${item}`)}</strong> — {t(`landing.support.${item}Text`)}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
