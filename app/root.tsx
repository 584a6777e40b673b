import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { readSession } from "~/auth/session.server.ts";
import { AppShell } from "~/components/app-shell.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { consumeFlash } from "~/flash/flash.server.ts";
import { useNonce } from "~/components/nonce.tsx";
import { isStaff, toLocale, type Locale } from "~/domain/constants.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { awaitingThreadCount } from "~/models/message.server.ts";
import { unreadNotificationCount } from "~/models/notification.server.ts";
import { textDirection } from "~/i18n/config.ts";
import { ensureCatalog } from "~/i18n/load-catalog.ts";
import i18next from "i18next";
import stylesUrl from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  // A renewed or cleared session cookie reaches the browser with whatever response is sent (app/server/app.ts).
  // The flash an action redirected with is shown on this page and cleared by this response.
  const [{ user }, locale, { flash, headers }] = await Promise.all([readSession(request), getLocale(request), consumeFlash(request)]);
  // Admins see how many threads wait for their answer; everyone signed in, their unread notifications (the
  // bell). Each count is read once per database state.
  const [awaitingMessages, unreadNotifications] = user
    ? await Promise.all([user.roles.includes("ADMIN") ? awaitingThreadCount() : undefined, unreadNotificationCount(user.id)])
    : [undefined, 0];
  return json(
    { locale, user: user ? { name: user.name, roles: user.roles, awaitingMessages, unreadNotifications } : null, flash },
    { headers },
  );
}

/** A page that shows (and clears) a flash is not cached: its Cache-Control reaches every page below the root. */
export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const headers = new Headers();
  const cacheControl = loaderHeaders.get("Cache-Control");
  if (cacheControl) headers.set("Cache-Control", cacheControl);
  return headers;
};

/**
 * After a navigation that reloads the root data — signing in, switching language —
 * the browser fetches the strings the next page needs before it renders. (The first
 * page uses the server's data: entry.client has loaded its strings already.)
 */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>();
  const locale = toLocale(data.locale);
  await ensureCatalog(locale, isStaff(data.user?.roles));
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
  return data;
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const locale: Locale = toLocale(data?.locale);
  const nonce = useNonce();
  const { t } = useTranslation();
  return (
    // data-staff: the browser fetches the staff tools' strings along with the language (entry.client).
    <html lang={locale} dir={textDirection(locale)} data-staff={isStaff(data?.user?.roles) ? "" : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="description" content={t("meta.description")} />
        <Meta />
        <Links />
      </head>
      <body>
        <AppShell user={data?.user ?? null} locale={locale} flash={data?.flash ?? null}>
          {children}
        </AppShell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** Translated error pages (a refusal's own message, 401/403/404/413/503, else 500); never a stack trace. */
export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (c) => c.meta.title);
