import { createInstance, type i18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { resources } from "./catalogs.ts";
import { i18nConfig } from "./config.ts";

/** `{{name}}`: the only placeholder form the catalogs use (no formats, no nesting, no unescaped `{{- x}}`). */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
/** Options that change which text i18next picks (plural and context suffixes, fallbacks), not only what fills it. */
const SELECTING_OPTIONS = new Set([
  "count",
  "context",
  "ordinal",
  "defaultValue",
  "lng",
  "lngs",
  "ns",
  "keyPrefix",
  "returnObjects",
  "returnDetails",
  "replace",
  "interpolation",
  "postProcess",
  "joinArrays",
  "fallbackLng",
  "skipInterpolation",
]);

type Template = {
  text: string;
  /** Its `{{name}}` placeholders; null when a plain substitution cannot stand in for i18next (nesting). */
  placeholders: ReadonlySet<string> | null;
};

function templateOf(text: string): Template {
  const plain = typeof text === "string" && !text.includes("$t(");
  return { text, placeholders: plain ? new Set(Array.from(text.matchAll(PLACEHOLDER), (match) => match[1]!)) : null };
}

/** The values fill exactly the template's placeholders, nothing else: a plain substitution gives i18next's answer. */
function fillsPlaceholdersOnly(placeholders: ReadonlySet<string>, values: Record<string, unknown>): boolean {
  const keys = Object.keys(values);
  return (
    keys.length === placeholders.size &&
    keys.every((key) => placeholders.has(key) && !SELECTING_OPTIONS.has(key) && ["string", "number"].includes(typeof values[key]))
  );
}

/**
 * Makes a lookup cost a Map read and, with values, one substitution. i18next resolves
 * every call anew (namespaces, fallbacks, plural and context suffixes, nesting,
 * post-processors, its interpolator): microseconds each, and a page of fifty table rows
 * asks for hundreds — "Select {{name}}" once per row. The catalogs never change while a
 * server runs, so a key's text in one language is the same every time, and a template
 * whose values fill only `{{name}}` placeholders needs nothing but the values put in.
 * Anything else (count, context, default values, nesting) still goes to i18next.
 */
export function memoizePlainLookups(instance: i18n): i18n {
  const getFixedT = instance.getFixedT.bind(instance) as (...args: unknown[]) => unknown;
  const fixedTs = new Map<string, TFunction>();
  instance.getFixedT = ((lng: unknown, ns?: unknown, keyPrefix?: unknown) => {
    const id = JSON.stringify([lng, ns, keyPrefix]);
    let fixedT = fixedTs.get(id);
    if (!fixedT) {
      const resolve = getFixedT(lng, ns, keyPrefix) as unknown as (...args: unknown[]) => string;
      const templates = new Map<string, Template>();
      // Without values, i18next leaves a template's placeholders as they are: the text is the template.
      const template = (key: string) => {
        let found = templates.get(key);
        if (found === undefined) {
          found = templateOf(resolve(key));
          templates.set(key, found);
        }
        return found;
      };
      const memoized = (key: unknown, ...rest: unknown[]) => {
        if (typeof key !== "string") return resolve(key, ...rest);
        if (rest.length === 0) return template(key).text;
        const [values] = rest;
        if (rest.length === 1 && values !== null && typeof values === "object" && Object.getPrototypeOf(values) === Object.prototype) {
          const { text, placeholders } = template(key);
          const filling = values as Record<string, unknown>;
          if (placeholders && fillsPlaceholdersOnly(placeholders, filling))
            return text.replace(PLACEHOLDER, (_, name: string) => String(filling[name]));
        }
        return resolve(key, ...rest);
      };
      // react-i18next reads these off the function it is given.
      const { lng: language, ns: namespace, keyPrefix: prefix } = resolve as unknown as Record<string, unknown>;
      fixedT = Object.assign(memoized, { lng: language, ns: namespace, keyPrefix: prefix }) as unknown as TFunction;
      fixedTs.set(id, fixedT);
    }
    return fixedT;
  }) as i18n["getFixedT"];
  return instance;
}

// One initialised i18next per language, shared by every request: it is only read while rendering.
const instances = new Map<string, Promise<i18n>>();

/** The i18next instance that renders pages in this language on the server. */
export function i18nForRendering(locale: string): Promise<i18n> {
  let instance = instances.get(locale);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init({ ...i18nConfig, lng: locale, resources })
      .then(() => memoizePlainLookups(created));
    instances.set(locale, instance);
  }
  return instance;
}
