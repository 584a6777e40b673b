import type { MetaDescriptor } from "@remix-run/node";
import { toLocale, type Locale } from "~/domain/constants.ts";
import type { Catalog } from "./catalogs.ts";

type MatchLike = { id: string; data?: unknown };
type CatalogSource = (locale: Locale) => Catalog | undefined;

// Meta functions run on both sides: the server knows every catalog, the browser
// only those it has fetched. Each entry module says where to find them.
let catalogSource: CatalogSource = () => undefined;
export function provideCatalogs(source: CatalogSource) {
  catalogSource = source;
}

/** The page's <title> in the visitor's language, from the locale the root loader chose. */
export function pageTitle(matches: MatchLike[], pick: (catalog: Catalog) => string): MetaDescriptor[] {
  const rootData = matches.find((match) => match.id === "root")?.data as { locale?: string } | undefined;
  const catalog = catalogSource(toLocale(rootData?.locale));
  if (!catalog) return [];
  const title = pick(catalog);
  return [{ title: title.includes(catalog.brand.name) ? title : `${title} — ${catalog.brand.name}` }];
}
