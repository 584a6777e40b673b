// Every server process loads every package the app imports statically (Remix bundles the routes into one module),
// and the whole server must stay under its memory budget (issue 13: 400 MB with two workers). Packages that only one
// rare page or job needs are imported where they are used, on first use: the QR code library of the two-step
// verification set-up (about 7 MB of RSS per process) and the ZIP writer of a person's data copy (about 7 MB).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const LAZY_PACKAGES = ["qrcode", "fflate"];

function sources(dir: string): Array<{ file: string; text: string }> {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !file.startsWith(`generated${path.sep}`))
    .map((file) => ({ file: path.join(dir, file), text: fs.readFileSync(path.join(dir, file), "utf8") }));
}

describe("packages loaded on first use only", () => {
  const app = sources("app");

  it.each(LAZY_PACKAGES)("%s is never imported statically by the app (a type-only import is erased)", (name) => {
    const pattern = new RegExp(`^import (?!type )[^;]*from "${name}";`, "m");
    expect(app.filter(({ text }) => pattern.test(text)).map(({ file }) => file)).toEqual([]);
  });

  it.each(LAZY_PACKAGES)("%s is imported where it is used", (name) => {
    expect(app.some(({ text }) => text.includes(`await import("${name}")`))).toBe(true);
  });
});
