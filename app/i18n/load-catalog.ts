// The browser's side of the catalogs: each language is two chunks — what
// everyone sees, and the staff tools' strings — fetched when first needed, so a
// founder's page ships one language and no admin vocabulary.
import i18next from "i18next";
import type { Locale } from "~/domain/constants.ts";
import type { StaffCatalog } from "./locales/en-staff.ts";
import type { PublicCatalog } from "./locales/en.ts";

const PUBLIC_CHUNKS: Record<Locale, () => Promise<{ default: PublicCatalog }>> = {
  fr: () => import("./locales/fr.ts"),
  en: () => import("./locales/en.ts"),
  ar: () => import("./locales/ar.ts"),
};
const STAFF_CHUNKS: Record<Locale, () => Promise<{ default: StaffCatalog }>> = {
  fr: () => import("./locales/fr-staff.ts"),
  en: () => import("./locales/en-staff.ts"),
  ar: () => import("./locales/ar-staff.ts"),
};
const STAFF_SECTION: keyof StaffCatalog = "admin";

/**
 * Makes sure the browser's i18next holds `locale`'s strings (and the staff ones
 * when `staff`), fetching what is missing. Both kinds share the one namespace.
 */
export async function ensureCatalog(locale: Locale, staff: boolean): Promise<void> {
  const bundle = i18next.getResourceBundle(locale, "common") as Record<string, unknown> | undefined;
  const [publicPart, staffPart] = await Promise.all([
    bundle ? null : PUBLIC_CHUNKS[locale]().then((m) => m.default),
    staff && !bundle?.[STAFF_SECTION] ? STAFF_CHUNKS[locale]().then((m) => m.default) : null,
  ]);
  if (publicPart || staffPart) i18next.addResourceBundle(locale, "common", { ...publicPart, ...staffPart }, true, true);
}
