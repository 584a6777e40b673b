import type { Locale } from "~/domain/constants.ts";
import { INTL_LOCALE } from "./config.ts";

// Dates are not formatted here: the browser's tz data may differ from the server's, so every
// date is written on the server by formatDate in ./dates.server.ts and reaches the page as text.

// Intl formatters are costly to build; keep one per locale.
const cache = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, locale: Locale): string {
  const key = `n:${locale}`;
  let formatter = cache.get(key);
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
