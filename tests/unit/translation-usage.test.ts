import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogs } from "~/i18n/resources.ts";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

const KEY_PREFIXES = Object.keys(catalogs.en).join("|");
// Literal keys in t("…"), titleKey="…", message keys in actions ("errors.x", "review.y" …).
const KEY_PATTERN = new RegExp(`["'\`]((?:${KEY_PREFIXES})\\.[A-Za-z0-9_.]+)["'\`]`, "g");
// Any t("section.key") call, so a key under a section no catalog has yet is caught too.
const T_CALL_PATTERN = /\bt\(\s*["'`]([A-Za-z]+\.[A-Za-z0-9_.]+)["'`]/g;

function hasKey(catalog: unknown, key: string): boolean {
  const node = key.split(".").reduce<unknown>((n, part) => (n && typeof n === "object" ? (n as Record<string, unknown>)[part] : undefined), catalog);
  return typeof node === "string";
}

describe("translation keys used in the code", () => {
  const used = new Map<string, string>();
  for (const file of sourceFiles("app")) {
    if (file.includes(`${path.sep}i18n${path.sep}locales${path.sep}`)) continue;
    const source = fs.readFileSync(file, "utf8");
    for (const match of [...source.matchAll(KEY_PATTERN), ...source.matchAll(T_CALL_PATTERN)]) {
      // A key followed by a dot is a prefix completed at run time (e.g. `statuses.${status}`).
      if (!match[1].endsWith(".")) used.set(match[1], file);
    }
  }

  it("finds the keys it checks", () => {
    expect(used.size).toBeGreaterThan(100);
  });

  it.each(["fr", "en", "ar"] as const)("every literal key exists in %s", (locale) => {
    const missing = [...used].filter(([key]) => !hasKey(catalogs[locale], key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});
