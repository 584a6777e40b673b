import { describe, expect, it } from "vitest";
import { catalogs } from "~/i18n/catalogs.ts";

function keyPaths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
}

function valueAt(catalog: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], catalog);
}

describe("locale catalogs", () => {
  const reference = keyPaths(catalogs.en).sort();

  it.each(["fr", "ar"] as const)("%s has exactly the English keys", (locale) => {
    const keys = keyPaths(catalogs[locale]).sort();
    expect(keys.filter((k) => !reference.includes(k))).toEqual([]);
    expect(reference.filter((k) => !keys.includes(k))).toEqual([]);
  });

  it.each(["fr", "en", "ar"] as const)("%s has no empty text and the same placeholders as English", (locale) => {
    for (const path of reference) {
      const text = valueAt(catalogs[locale], path);
      expect(typeof text, path).toBe("string");
      expect((text as string).trim().length, path).toBeGreaterThan(0);
      expect(placeholders(text as string), path).toEqual(placeholders(valueAt(catalogs.en, path) as string));
    }
  });

  it("every error key used by the shared schemas exists", async () => {
    const schemaSource = await import("node:fs").then((fs) => fs.readFileSync("app/schemas/auth.ts", "utf8"));
    const used = [...schemaSource.matchAll(/"(errors\.\w+)"/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(3);
    for (const key of used) expect(reference, key).toContain(key);
  });
});
