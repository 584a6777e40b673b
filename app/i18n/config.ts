import { DEFAULT_LOCALE, LOCALES, RTL_LOCALES, type Locale } from "~/domain/constants.ts";

/** Shared by the server and the browser so both initialise i18next the same way. */
export const i18nConfig = {
  supportedLngs: [...LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "common",
  ns: ["common"],
  interpolation: { escapeValue: false }, // React escapes
  // Said outright (keys are dotted paths, never "ns:key"), so i18next skips guessing per lookup
  // whether a key is natural-language text — a measurable share of rendering a long table.
  keySeparator: ".",
  nsSeparator: false,
} as const;

export function textDirection(locale: Locale): "rtl" | "ltr" {
  return RTL_LOCALES.includes(locale) ? "rtl" : "ltr";
}

/** BCP 47 tags for Intl formatting in the network's region. */
export const INTL_LOCALE: Record<Locale, string> = { fr: "fr-MA", en: "en-GB", ar: "ar-MA" };
