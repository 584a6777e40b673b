// Which browser the end-to-end tests drive. Nothing downloads one: CI installs
// Debian's Chromium, a developer may have any Chromium or Chrome on the PATH, or
// one Playwright installed itself where the internet is reachable.
import fs from "node:fs";
import path from "node:path";

/** Looked up on the PATH, in this order, when CHROMIUM_PATH is not set. */
// The old headless shell first: it is Chromium without the browser's UI, and loads a context and a
// page about twice as fast as the full browser in headless mode (Debian: chromium-headless-shell).
export const BROWSER_NAMES = ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] as const;

export const NO_BROWSER_MESSAGE = [
  "No Chromium for the end-to-end tests.",
  "Looked at CHROMIUM_PATH, then for chromium-headless-shell, chromium, chromium-browser, google-chrome or google-chrome-stable on the PATH, then for a browser Playwright installed.",
  "Install one: `sudo apt-get install chromium-headless-shell` (Debian; or chromium; Ubuntu: chromium-browser),",
  "or `npx playwright install chromium` where the internet is reachable,",
  "or set CHROMIUM_PATH to a Chromium or Chrome executable.",
].join("\n");

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export type BrowserLookup = { env: { CHROMIUM_PATH?: string; PATH?: string }; playwrightBrowser: () => string | undefined };

/** The browser's path: CHROMIUM_PATH, a Chromium or Chrome on the PATH, Playwright's own; undefined when there is none. */
export function findChromium({ env, playwrightBrowser }: BrowserLookup): string | undefined {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  const dirs = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  for (const name of BROWSER_NAMES) {
    for (const dir of dirs) {
      const file = path.join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  const own = playwrightBrowser();
  return own && isExecutable(own) ? own : undefined;
}
