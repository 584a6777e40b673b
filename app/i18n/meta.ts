import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale } from "~/domain/constants.ts";
import type { Catalog } from "./locales/en.ts";
import { catalogs } from "./resources.ts";

type MatchLike = { id: string; data?: unknown };

/** The page's <title> in the visitor's language, from the locale the root loader chose. */
export function pageTitle(matches: MatchLike[], pick: (catalog: Catalog) => string): MetaDescriptor[] {
  const rootData = matches.find((match) => match.id === "root")?.data as { locale?: string } | undefined;
  const catalog = catalogs[isLocale(rootData?.locale) ? rootData.locale : DEFAULT_LOCALE];
  const title = pick(catalog);
  return [{ title: title.includes(catalog.brand.name) ? title : `${title} — ${catalog.brand.name}` }];
}
