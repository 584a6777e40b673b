import type { Catalog } from "./catalogs.ts";

type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every key of the translation catalogs (public and staff), e.g. "errors.fileTooLarge": what a UserError names. */
export type TranslationKey = Leaves<Catalog>;
