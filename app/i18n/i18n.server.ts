import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { readSession } from "~/auth/session.server.ts";
import { memoizePerRequest } from "~/request-scope.server.ts";
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale, toLocale } from "~/domain/constants.ts";
import { resources } from "./catalogs.ts";
import { i18nConfig } from "./config.ts";

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

/** The request's language, detected once however many loaders (and the document render) ask. */
export function getLocale(request: Request): Promise<Locale> {
  return memoizePerRequest(request, "locale", async () => toLocale(await i18nServer.getLocale(request)));
}
