import { useTranslation } from "react-i18next";
import { toLocale, type Locale } from "~/domain/constants.ts";

/** The page's current language, as i18next knows it on the server and in the browser. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return toLocale(i18n.language);
}
