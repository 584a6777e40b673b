import { formatDate } from "../app/i18n/dates.server.ts";
import { EMAIL_MESSAGES, interpolate, type EmailLocale } from "./messages";

// Dates in emails are written by the same function as on the pages (app/i18n/dates.server.ts):
// one style, one zone (Casablanca), one tz database, so a deadline reads the same in both.

const INTL_LOCALES: Record<EmailLocale, string> = { fr: "fr-MA", en: "en-GB", ar: "ar-MA" };

function parseIsoDate(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid ISO date in email payload: "${iso}"`);
  return date;
}

/** A calendar day, e.g. "mardi 1 décembre 2026". */
export function formatEmailDate(iso: string, locale: EmailLocale): string {
  return formatDate(parseIsoDate(iso), locale, "date");
}

/** A moment, naming the zone: "mardi 1 décembre 2026 à 10:00 (heure de Casablanca)". */
export function formatEmailDateTime(iso: string, locale: EmailLocale): string {
  const dateTime = formatDate(parseIsoDate(iso), locale, "dateTime");
  return interpolate(EMAIL_MESSAGES[locale].common.inCasablancaTime, { dateTime });
}

const numberFormatters = new Map<EmailLocale, Intl.NumberFormat>();

/** A count written the local way ("1 200" in French). */
export function formatEmailNumber(value: number, locale: EmailLocale): string {
  let formatter = numberFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(INTL_LOCALES[locale]);
    numberFormatters.set(locale, formatter);
  }
  return formatter.format(value);
}
