import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findChromium } from "../support/chromium.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "tremplin-chromium-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A folder holding fake executables (and, for `notExecutable`, a plain file). */
function binDir(name: string, executables: string[], notExecutable: string[] = []): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const file of executables) fs.writeFileSync(path.join(dir, file), "#!/bin/sh\n", { mode: 0o755 });
  for (const file of notExecutable) fs.writeFileSync(path.join(dir, file), "", { mode: 0o644 });
  return dir;
}

const none = () => undefined;

describe("the end-to-end tests' browser", () => {
  it("is CHROMIUM_PATH when it is set, whatever the PATH holds", () => {
    const dir = binDir("set", ["chromium"]);
    expect(findChromium({ env: { CHROMIUM_PATH: "/opt/chrome/chrome", PATH: dir }, playwrightBrowser: none })).toBe("/opt/chrome/chrome");
  });

  it("is otherwise the first of chromium-headless-shell, chromium, chromium-browser, google-chrome on the PATH", () => {
    const first = binDir("first", ["google-chrome"]);
    const second = binDir("second", ["chromium-browser"]);
    expect(findChromium({ env: { PATH: [first, second].join(path.delimiter) }, playwrightBrowser: none })).toBe(
      path.join(second, "chromium-browser"),
    );
    const third = binDir("third", ["chromium"]);
    expect(findChromium({ env: { PATH: [first, second, third].join(path.delimiter) }, playwrightBrowser: none })).toBe(
      path.join(third, "chromium"),
    );
    const fourth = binDir("fourth", ["chromium-headless-shell"]);
    expect(findChromium({ env: { PATH: [first, second, third, fourth].join(path.delimiter) }, playwrightBrowser: none })).toBe(
      path.join(fourth, "chromium-headless-shell"),
    );
  });

  it("skips a file of that name that cannot run", () => {
    const dir = binDir("plain", ["google-chrome"], ["chromium"]);
    expect(findChromium({ env: { PATH: dir }, playwrightBrowser: none })).toBe(path.join(dir, "google-chrome"));
  });

  it("falls back to a browser Playwright installed, if it is there", () => {
    const own = path.join(binDir("own", ["chrome"]), "chrome");
    const empty = binDir("empty", []);
    expect(findChromium({ env: { PATH: empty }, playwrightBrowser: () => own })).toBe(own);
    expect(findChromium({ env: { PATH: empty }, playwrightBrowser: () => path.join(empty, "missing") })).toBeUndefined();
    expect(findChromium({ env: { PATH: empty }, playwrightBrowser: none })).toBeUndefined();
  });
});
