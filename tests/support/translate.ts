// A message as a page shows it: a key and its values, translated in one language
// with the app's own catalogs and i18next settings.
import { createInstance } from "i18next";
import { resources } from "~/i18n/catalogs.ts";
import { i18nConfig } from "~/i18n/config.ts";

const instances = new Map<string, ReturnType<typeof createInstance>>();

export function translate(locale: "fr" | "en" | "ar", key: string, params: Record<string, unknown> = {}): string {
  let i18n = instances.get(locale);
  if (!i18n) {
    i18n = createInstance({
      ...i18nConfig,
      supportedLngs: [...i18nConfig.supportedLngs],
      ns: [...i18nConfig.ns],
      resources,
      lng: locale,
      initImmediate: false,
    });
    void i18n.init();
    instances.set(locale, i18n);
  }
  if (!i18n.exists(key)) throw new Error(`No translation for ${key} in ${locale}`);
  return i18n.t(key, params);
}
