// Every language's catalog, public and staff strings together, for the server
// (which renders any page in any language) and the tests. The browser loads only
// what it shows: see load-catalog.ts.
import type { Resource } from "i18next";
import arStaff from "./locales/ar-staff.ts";
import ar from "./locales/ar.ts";
import enStaff from "./locales/en-staff.ts";
import type { StaffCatalog } from "./locales/en-staff.ts";
import en from "./locales/en.ts";
import type { PublicCatalog } from "./locales/en.ts";
import frStaff from "./locales/fr-staff.ts";
import fr from "./locales/fr.ts";

export type Catalog = PublicCatalog & StaffCatalog;

export const catalogs: Record<"fr" | "en" | "ar", Catalog> = {
  fr: { ...fr, ...frStaff },
  en: { ...en, ...enStaff },
  ar: { ...ar, ...arStaff },
};

export const resources: Resource = {
  fr: { common: catalogs.fr },
  en: { common: catalogs.en },
  ar: { common: catalogs.ar },
};
