import { createInstance, type i18n } from "i18next";
import { describe, expect, it, vi } from "vitest";
import { catalogs, resources } from "~/i18n/catalogs.ts";
import { i18nConfig } from "~/i18n/config.ts";
import { memoizePlainLookups } from "~/i18n/rendering.server.ts";

function keyPaths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
}

function valueAt(catalog: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], catalog);
}

async function instanceFor(locale: string): Promise<i18n> {
  const instance = createInstance();
  await instance.init({ ...i18nConfig, lng: locale, resources });
  return instance;
}

// Values a page really passes, and some that a naive substitution would get wrong.
const SAMPLES: Array<(name: string) => string | number> = [
  (name) => `${name} of Souk Split`,
  () => 42,
  () => 'Café & <b>"bio"</b> 50% $& $1 {{name}}',
  () => "",
];

describe("server-side translations with memoized lookups (app/i18n/rendering.server.ts)", () => {
  const keys = keyPaths(catalogs.en);

  it.each(["fr", "en", "ar"])("give i18next's own text for every key in %s, with and without values", async (locale) => {
    const plain = (await instanceFor(locale)).getFixedT(locale, "common");
    const memoized = memoizePlainLookups(await instanceFor(locale)).getFixedT(locale, "common");
    let substituted = 0;
    for (const key of keys) {
      expect(memoized(key), key).toBe(plain(key));
      expect(memoized(key), `${key} (second lookup)`).toBe(plain(key));
      const names = [...new Set([...String(valueAt(catalogs.en, key)).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]))];
      if (names.length === 0) continue;
      for (const sample of SAMPLES) {
        const values = Object.fromEntries(names.map((name) => [name, sample(name)]));
        expect(memoized(key, values), `${key} ${JSON.stringify(values)}`).toBe(plain(key, values));
        // Extra or selecting options go to i18next: same answer either way.
        expect(memoized(key, { ...values, extra: "x" }), key).toBe(plain(key, { ...values, extra: "x" }));
        if (names.includes("count")) expect(memoized(key, { ...values, count: 1 }), key).toBe(plain(key, { ...values, count: 1 }));
        substituted += 1;
      }
    }
    expect(substituted).toBeGreaterThan(100);
  });

  it("asks i18next once per key, however many times a page renders it", async () => {
    const instance = memoizePlainLookups(await instanceFor("fr"));
    const resolve = vi.spyOn(instance, "t");
    const t = instance.getFixedT("fr", "common");
    for (let row = 0; row < 50; row++) {
      t("admin.select");
      t("admin.selectProject", { name: `Projet ${row}` });
    }
    expect(t("admin.selectProject", { name: "MotorSense" })).toBe(catalogs.fr.admin.selectProject.replace("{{name}}", "MotorSense"));
    expect(resolve).toHaveBeenCalledTimes(2);
    // Every component's useTranslation gets the same function back.
    expect(instance.getFixedT("fr", "common")).toBe(t);
  });

  it("still lets i18next choose plural forms", async () => {
    const instance = memoizePlainLookups(await instanceFor("en"));
    const t = instance.getFixedT("en", "common");
    expect(t("admin.total", { count: 1 })).not.toBe(t("admin.total", { count: 5 }));
  });
});
