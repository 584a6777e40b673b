import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogs } from "~/i18n/catalogs.ts";
import enStaff from "~/i18n/locales/en-staff.ts";
import en from "~/i18n/locales/en.ts";

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
  const node = key
    .split(".")
    .reduce<unknown>((n, part) => (n && typeof n === "object" ? (n as Record<string, unknown>)[part] : undefined), catalog);
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

describe("strings the browser fetches only for staff", () => {
  const STAFF_SECTIONS = Object.keys(enStaff);
  const SECTION_PATTERN = /["'`]([A-Za-z]+)\.[A-Za-z0-9_.${}]*["'`]/g;

  /** A module and the app modules it imports, except server-only ones (their strings are never looked up in the browser by themselves). */
  function browserGraph(entry: string, seen = new Set<string>()): Set<string> {
    if (seen.has(entry)) return seen;
    seen.add(entry);
    const source = fs.readFileSync(entry, "utf8");
    for (const [, specifier] of source.matchAll(/from\s+["']((?:~\/|\.\.?\/)[^"']+)["']/g)) {
      const resolved = specifier.startsWith("~/") ? path.join("app", specifier.slice(2)) : path.join(path.dirname(entry), specifier);
      if (/\.server\.tsx?$/.test(resolved) || resolved.includes(`${path.sep}locales${path.sep}`) || !fs.existsSync(resolved)) continue;
      browserGraph(resolved, seen);
    }
    return seen;
  }

  it("has staff sections, kept out of the public catalogs", () => {
    expect(STAFF_SECTIONS).toContain("admin");
    for (const section of STAFF_SECTIONS) expect(Object.keys(en)).not.toContain(section);
  });

  it("are not used by any page a founder or a visitor sees", () => {
    const publicRoutes = fs
      .readdirSync("app/routes")
      // staff.: pages for admins and reviewers both (their loaders require one of the two roles).
      .filter((name) => !/^(admin|reviewer|staff)[.]/.test(name))
      .map((name) => path.join("app/routes", name));
    expect(publicRoutes.length).toBeGreaterThan(15);
    const offenders: string[] = [];
    for (const route of publicRoutes) {
      for (const file of browserGraph(route)) {
        for (const [, section] of fs.readFileSync(file, "utf8").matchAll(SECTION_PATTERN)) {
          if (STAFF_SECTIONS.includes(section)) offenders.push(`${section} in ${file} (reached from ${route})`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
