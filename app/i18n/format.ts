import { NETWORK_TIME_ZONE, type Locale } from "~/domain/constants.ts";
import { INTL_LOCALE } from "./config.ts";

// Intl formatters are costly to build; keep one per locale and style.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormatter(locale: Locale, style: "date" | "dateTime"): Intl.DateTimeFormat {
  const key = `d:${locale}:${style}`;
  let formatter = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      dateStyle: "long",
      ...(style === "dateTime" ? { timeStyle: "short" } : {}),
      timeZone: NETWORK_TIME_ZONE,
    });
    cache.set(key, formatter);
  }
  return formatter;
}

/** A date (and time) as people in the network read it: their language, Casablanca time. */
export function formatDate(value: Date | string, locale: Locale, style: "date" | "dateTime" = "date"): string {
  return dateFormatter(locale, style).format(typeof value === "string" ? new Date(value) : value);
}

export function formatNumber(value: number, locale: Locale): string {
  const key = `n:${locale}`;
  let formatter = cache.get(key) as Intl.NumberFormat | undefined;
  if (!formatter) {
    formatter = new Intl.NumberFormat(INTL_LOCALE[locale]);
    cache.set(key, formatter);
  }
  return formatter.format(value);
}

/** A site's name as the reader sees it: the Arabic name in Arabic. */
export function siteName(site: { name: string; nameAr: string }, locale: Locale): string {
  return locale === "ar" ? site.nameAr : site.name;
}
