// The flash (app/flash/flash.server.ts) as a test sees it: what a redirect carries,
// and what the next page's root loader shows, translated as a reader would read it.
import { createInstance } from "i18next";
import { expect } from "vitest";
import type { Flash, ShownFlash } from "~/flash/flash.ts";
import { flashCookie } from "~/flash/flash.server.ts";
import { resources } from "~/i18n/catalogs.ts";
import { loader as rootLoader } from "~/root.tsx";
import { callRoute, cookieFrom } from "./remix.ts";

/** The flash a response sets (null when it sets none), and the cookie to send back with the next request. */
export async function flashOf(response: Response): Promise<{ flash: ShownFlash | null; cookie: string | null }> {
  const cookie = cookieFrom(response, "tremplin_flash");
  if (!cookie) return { flash: null, cookie: null };
  return { flash: ((await flashCookie.parse(cookie)) as ShownFlash | null) ?? null, cookie };
}

/** Asserts `response` redirects to `location` carrying `flash`; returns the flash cookie for the next request. */
export async function expectRedirectWithFlash(response: Response, location: string, flash: Flash): Promise<string> {
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe(location);
  expect(response.headers.get("Cache-Control")).toBe("private, no-store");
  const carried = await flashOf(response);
  expect(carried.flash).toMatchObject(flash);
  return carried.cookie!;
}

/** The next page: what its root loader shows (translated in its language), and the cookies it answers with. */
export async function nextPage(cookies: Array<string | null>) {
  const sent = cookies.filter(Boolean).join("; ");
  const response = await callRoute(rootLoader, { cookie: sent || null });
  const data = (await response.json()) as { locale: "fr" | "en" | "ar"; flash: ShownFlash | null };
  return {
    data,
    text: data.flash ? translate(data.locale, data.flash) : null,
    setsFlashCookie: response.headers.get("Set-Cookie")?.includes("tremplin_flash=") ?? false,
    cacheControl: response.headers.get("Cache-Control"),
    /** The flash cookie the browser holds after this response, as a browser keeps it. */
    flashCookieAfter: browserKeeps(response, cookies.find((c) => c?.startsWith("tremplin_flash=")) ?? null),
  };
}

/** A cookie the response does not mention stays; one it sets with Max-Age=0 is deleted. */
function browserKeeps(response: Response, previous: string | null): string | null {
  const header = (response.headers.get("Set-Cookie") ?? "").split(/,(?=\s*\w+=)/).find((c) => c.trim().startsWith("tremplin_flash="));
  if (!header) return previous;
  return /;\s*Max-Age=0\b/i.test(header) ? null : header.trim().split(";")[0];
}

function translate(locale: "fr" | "en" | "ar", flash: Flash): string {
  const i18n = createInstance({ resources, lng: locale, ns: ["common"], defaultNS: "common", interpolation: { escapeValue: false } });
  void i18n.init();
  const text = i18n.t(flash.key, flash.values);
  // A key missing from the catalog comes back as itself.
  expect(text).not.toBe(flash.key);
  return text;
}

/**
 * The whole round: the redirect carries the flash, the next page shows it (translated)
 * and clears it, the page after shows nothing. Returns the translated text.
 */
export async function expectFlashShownOnce(
  response: Response,
  location: string,
  flash: Flash,
  otherCookies: Array<string | null> = [],
): Promise<string> {
  const cookie = await expectRedirectWithFlash(response, location, flash);
  const shown = await nextPage([...otherCookies, cookie]);
  expect(shown.data.flash).toMatchObject(flash);
  expect(shown.cacheControl).toBe("private, no-store");
  expect(shown.setsFlashCookie).toBe(true);
  // The browser now holds the cleared cookie: the page after shows nothing.
  const after = await nextPage([...otherCookies, shown.flashCookieAfter]);
  expect(after.data.flash).toBeNull();
  expect(after.setsFlashCookie).toBe(false);
  return shown.text!;
}
