import { EMAIL_MESSAGES, interpolate, type EmailLocale } from "./messages";

/** Every date in an email is shown as wall-clock time in Morocco, whatever the server's zone. */
export const EMAIL_TIME_ZONE = "Africa/Casablanca";

const INTL_LOCALES: Record<EmailLocale, string> = { fr: "fr-MA", en: "en-GB", ar: "ar-MA" };

export type EmailDateStyle = "date" | "dateTime";

const STYLE_OPTIONS: Record<EmailDateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: "full" },
  dateTime: { dateStyle: "full", timeStyle: "short" },
};

// Building an Intl.DateTimeFormat is costly; a digest formats many dates.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(locale: EmailLocale, style: EmailDateStyle): Intl.DateTimeFormat {
  const cacheKey = `${locale}:${style}`;
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(INTL_LOCALES[locale], {
      ...STYLE_OPTIONS[style],
      timeZone: EMAIL_TIME_ZONE,
    });
    formatters.set(cacheKey, formatter);
  }
  return formatter;
}

function parseIsoDate(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`Invalid ISO date in email payload: "${iso}"`);
  return date;
}

/** A calendar day, e.g. "mardi 1 décembre 2026". */
export function formatEmailDate(iso: string, locale: EmailLocale): string {
  return formatterFor(locale, "date").format(parseIsoDate(iso));
}

/** A moment, naming the zone: "mardi 1 décembre 2026 à 10:00 (heure de Casablanca)". */
export function formatEmailDateTime(iso: string, locale: EmailLocale): string {
  const dateTime = formatterFor(locale, "dateTime").format(parseIsoDate(iso));
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
