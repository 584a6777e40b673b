// A call's texts (DESIGN.md §9, "Call content"): title, description, eligibility
// text and support offer, written in French (required) and optionally in English
// and Arabic. A reader gets their language, or the French text marked as such so
// the page can isolate it (its own lang and dir) and say "(in French)". Pure.
import { RTL_LOCALES, type Locale } from "./constants.ts";

export const CALL_TEXT_FIELDS = ["title", "description", "eligibilityText", "supportOffer"] as const;
export type CallTextField = (typeof CALL_TEXT_FIELDS)[number];

/** One text in the three languages; French is the original, the others are missing when null or blank. */
export type LocalizedText = { fr: string; en?: string | null; ar?: string | null };

/** A text as one reader sees it: in their language, or the French original standing in for it. */
export type ShownText = { text: string; lang: Locale; dir: "ltr" | "rtl"; inFrench: boolean };

/** The columns of the Call table that hold one text, by language (the French one carries the plain name). */
export function callTextColumns<F extends CallTextField>(field: F): { fr: F; en: `${F}En`; ar: `${F}Ar` } {
  return { fr: field, en: `${field}En`, ar: `${field}Ar` };
}

type CallTextRow<F extends CallTextField> = Record<F, string> & Partial<Record<`${F}En` | `${F}Ar`, string | null>>;

/** One text of a call row (a Prisma result or a raw query's) in the three languages. */
export function callText<F extends CallTextField>(row: CallTextRow<F>, field: F): LocalizedText {
  const columns = callTextColumns(field);
  return { fr: row[columns.fr], en: row[columns.en] ?? null, ar: row[columns.ar] ?? null };
}

/** The text in the reader's language, falling back to French when that translation is missing. */
export function showText(text: LocalizedText, locale: Locale): ShownText {
  const translated = locale === "fr" ? text.fr : text[locale]?.trim() ? text[locale] : null;
  if (translated !== null) return { text: translated, lang: locale, dir: RTL_LOCALES.includes(locale) ? "rtl" : "ltr", inFrench: false };
  return { text: text.fr, lang: "fr", dir: "ltr", inFrench: locale !== "fr" };
}

/** A call's text shown to a reader, straight from its row. */
export function showCallText<F extends CallTextField>(row: CallTextRow<F>, field: F, locale: Locale): ShownText {
  return showText(callText(row, field), locale);
}

/** The text a message interpolates (an email's subject, an option of a select): plain, without the note. */
export function plainText(text: LocalizedText, locale: Locale): string {
  return showText(text, locale).text;
}

export type CallTextColumn = { [F in CallTextField]: F | `${F}En` | `${F}Ar` }[CallTextField];
export const CALL_TEXT_COLUMNS = CALL_TEXT_FIELDS.flatMap((field) => Object.values(callTextColumns(field))) as CallTextColumn[];

/** A call's texts as the editor's fields hold them ("" for a missing translation); all blank for a new call. */
export function callTextFormValues(row: Partial<Record<CallTextColumn, string | null>> = {}): Record<CallTextColumn, string> {
  return Object.fromEntries(CALL_TEXT_COLUMNS.map((column) => [column, row[column] ?? ""])) as Record<CallTextColumn, string>;
}

/** Calls as a picker lists them: the slug it posts and the title in the reader's language. */
export function callPickerEntries(calls: Array<{ slug: string } & CallTextRow<"title">>, locale: Locale) {
  return calls.map((call) => ({ slug: call.slug, title: showCallText(call, "title", locale) }));
}

/**
 * A text inside a sentence (an email, an interpolated message), where no element can carry its lang and dir:
 * the French original standing in is isolated by Unicode's first-strong isolate (U+2068 … U+2069), so an
 * Arabic sentence around it keeps its order, and followed by the note, e.g. "(in French)".
 */
export function textInSentence(shown: ShownText, inFrenchNote: string): string {
  return shown.inFrench ? `\u2068${shown.text}\u2069 (${inFrenchNote})` : shown.text;
}
