import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { toLocale } from "~/domain/constants.ts";
import { i18nConfig } from "~/i18n/config.ts";
import { ensureCatalog } from "~/i18n/load-catalog.ts";
import { provideCatalogs } from "~/i18n/meta.ts";
import type { Catalog } from "~/i18n/catalogs.ts";

async function hydrate() {
  // The server rendered <html lang data-staff>: the browser starts in the same language, with only the strings it shows.
  const root = document.documentElement;
  const lng = toLocale(root.lang);
  // Every catalog holds every key (tests/unit/locales.test.ts): no fallback language to fetch.
  await i18next.use(initReactI18next).init({ ...i18nConfig, fallbackLng: false, lng, resources: {} });
  await ensureCatalog(lng, root.dataset.staff !== undefined);
  // Titles of pages reached later: the catalog asked for, or the one on screen.
  provideCatalogs(
    (locale) =>
      (i18next.getResourceBundle(locale, "common") ?? i18next.getResourceBundle(i18next.language, "common")) as Catalog | undefined,
  );
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
