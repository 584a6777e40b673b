import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { readSession } from "~/auth/session.server.ts";
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale, toLocale } from "~/domain/constants.ts";
import { i18nConfig, resources } from "./resources.ts";

export const localeCookie = createCookie("tremplin_lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 365 * 24 * 60 * 60,
});

/**
 * Detection order: the signed-in user's saved preference, then the cookie,
 * then Accept-Language, then French.
 */
export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    cookie: localeCookie,
    order: ["custom", "cookie", "header"],
    async findLocale(request) {
      const { user } = await readSession(request);
      return user && isLocale(user.locale) ? user.locale : null;
    },
  },
  i18next: { ...i18nConfig, resources },
});

export async function getLocale(request: Request): Promise<Locale> {
  const locale = await i18nServer.getLocale(request);
  return toLocale(locale);
}
