// The one place dates and times are written for people — on pages and in emails.
//
// It runs on the server only (the `.server` suffix keeps it out of the browser
// bundle): loaders send the browser finished strings, never a date to format.
// The browser's own time-zone data may disagree with the server's (Chromium's
// rules for Africa/Casablanca put a December 23:59 at 22:59), and a text that
// hydrates differently from the server's HTML makes React re-render the page
// (error #418) and lose early clicks. One formatter, one zone, one tz database.
import type { Locale } from "../domain/constants.ts";
import { NETWORK_TIME_ZONE } from "../domain/constants.ts";
import type { Timeline } from "../domain/timeline.ts";
import { INTL_LOCALE } from "./config.ts";

/**
 * "date": a calendar day ("mardi 1 décembre 2026"); "dateTime": a moment ("mardi 1 décembre 2026 à 23:59");
 * "time": a time of today ("14:00"); all in Casablanca time.
 */
export type DateStyle = "date" | "dateTime" | "time";

const STYLE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: "full" },
  dateTime: { dateStyle: "full", timeStyle: "short" },
  time: { timeStyle: "short" },
};

// Intl formatters are costly to build (a digest or a long table formats many dates): one per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(locale: Locale, style: DateStyle): Intl.DateTimeFormat {
  const key = `${locale}:${style}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...STYLE_OPTIONS[style], timeZone: NETWORK_TIME_ZONE });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** A date (and time) as people in the network read it: their language, Casablanca time, the server's tz data. */
export function formatDate(value: Date | string, locale: Locale, style: DateStyle = "date"): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid date: "${String(value)}"`);
  return formatterFor(locale, style).format(date);
}

// A calendar day (an answer or a rule's date) has no time zone: written in UTC, it is the same day everywhere.
const dayFormatters = new Map<Locale, Intl.DateTimeFormat>();

/** A calendar day given as yyyy-mm-dd, e.g. "29 décembre 2023", without a weekday. */
export function formatDay(isoDate: string, locale: Locale): string {
  let formatter = dayFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: "long", timeZone: "UTC" });
    dayFormatters.set(locale, formatter);
  }
  return formatter.format(new Date(`${isoDate}T00:00:00Z`));
}

/** `formatDate`, or null when there is no date. */
export function formatOptionalDate(value: Date | string | null | undefined, locale: Locale, style: DateStyle = "date"): string | null {
  return value ? formatDate(value, locale, style) : null;
}

/** A founder's timeline as the browser gets it: each step's date already written. */
export type TimelineView = Omit<Timeline, "steps"> & { steps: Array<Omit<Timeline["steps"][number], "date"> & { date: string | null }> };

export function timelineView(timeline: Timeline, locale: Locale): TimelineView {
  return { ...timeline, steps: timeline.steps.map((step) => ({ ...step, date: formatOptionalDate(step.date, locale) })) };
}

/** Open calls as the browser gets them: the deadline as an ISO instant (for `<time>`) and as text. */
export function openCallsView<C extends { closesAt: Date }>(
  calls: C[],
  locale: Locale,
): Array<Omit<C, "closesAt"> & { closesAt: string; closesAtText: string }> {
  return calls.map((call) => ({
    ...call,
    closesAt: call.closesAt.toISOString(),
    closesAtText: formatDate(call.closesAt, locale, "dateTime"),
  }));
}
