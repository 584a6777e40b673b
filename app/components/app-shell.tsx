import { Form, Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Locale, Role } from "~/domain/constants.ts";
import type { ShownFlash } from "~/flash/flash.ts";
import { FlashRegion } from "./flash-region.tsx";
import { LanguageSwitcher } from "./language-switcher.tsx";

export type ShellUser = {
  name: string;
  roles: Role[];
  /** Admins: threads awaiting the staff's answer. */
  awaitingMessages?: number;
  /** The bell: notifications not opened yet. */
  unreadNotifications?: number;
};

type NavItem = {
  to: string;
  labelKey: string;
  end?: boolean;
  /** A count from ShellUser shown beside the label. */
  count?: "awaitingMessages";
};

// Each role sees its own navigation; a user with several roles sees each section.
const NAVIGATION: Record<Role, NavItem[]> = {
  FOUNDER: [
    { to: "/founder", labelKey: "nav.founder.dashboard", end: true },
    { to: "/calls", labelKey: "nav.founder.calls" },
  ],
  REVIEWER: [
    { to: "/reviewer", labelKey: "staffNav.reviewer.queue", end: true },
    { to: "/reviewer/calibration", labelKey: "staffNav.reviewer.calibration" },
    { to: "/reviewer/interviews", labelKey: "staffNav.reviewer.interviews" },
  ],
  ADMIN: [
    { to: "/admin", labelKey: "staffNav.admin.home", end: true },
    { to: "/admin/calls", labelKey: "staffNav.admin.calls" },
    { to: "/admin/applications", labelKey: "staffNav.admin.applications" },
    { to: "/admin/screening", labelKey: "staffNav.admin.screening" },
    { to: "/admin/reviewers", labelKey: "staffNav.admin.reviewers" },
    { to: "/admin/sites", labelKey: "staffNav.admin.sites" },
    { to: "/admin/messages", labelKey: "staffNav.admin.messages", count: "awaitingMessages" },
    { to: "/admin/announcements", labelKey: "staffNav.admin.announcements" },
    { to: "/admin/emails", labelKey: "staffNav.admin.emailTemplates" },
    { to: "/admin/outbox", labelKey: "staffNav.admin.outbox" },
    { to: "/admin/mailbox", labelKey: "staffNav.admin.mailbox" },
    { to: "/admin/outcomes", labelKey: "staffNav.admin.outcomes" },
    { to: "/admin/audit", labelKey: "staffNav.admin.audit" },
    { to: "/admin/retention", labelKey: "staffNav.admin.retention" },
    { to: "/admin/erasure-requests", labelKey: "staffNav.admin.erasures" },
    { to: "/admin/register", labelKey: "staffNav.admin.register" },
    { to: "/admin/two-factor", labelKey: "staffNav.admin.twoFactor" },
  ],
};

export function AppShell({
  user,
  locale,
  flash,
  children,
}: {
  user: ShellUser | null;
  locale: Locale;
  flash: ShownFlash | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const items = user ? (["FOUNDER", "REVIEWER", "ADMIN"] as const).filter((r) => user.roles.includes(r)).flatMap((r) => NAVIGATION[r]) : [];
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <header className="site-header">
        <div className="container header-row">
          <Link to="/" className="brand">
            <span className="brand-name">{t("brand.name")}</span>
            <span className="brand-tagline">{t("brand.tagline")}</span>
          </Link>
          <LanguageSwitcher current={locale} />
          <div className="account-links">
            {user ? (
              <>
                <Link to="/notifications">{t("notifications.bell", { count: user.unreadNotifications ?? 0 })}</Link>
                <Link to="/account">{t("nav.account")}</Link>
                <Form method="post" action="/logout">
                  <button type="submit" className="link-button">
                    {t("nav.logout")}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <Link to="/login">{t("nav.login")}</Link>
                <Link to="/signup" className="button button-small">
                  {t("nav.signup")}
                </Link>
              </>
            )}
          </div>
        </div>
        {items.length > 0 ? (
          <nav aria-label={t("nav.main")} className="role-nav">
            <ul className="container">
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end}>
                    {t(item.labelKey)}
                    {item.count && user?.[item.count] ? <span className="nav-count"> ({user[item.count]})</span> : null}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" className="container" tabIndex={-1}>
        <FlashRegion flash={flash} />
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          © Tremplin — Technopark · <Link to="/selected">{t("selected.title")}</Link>
        </div>
      </footer>
    </>
  );
}
