import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Statuses with their own title and text in the catalogs (errors.titleNNN, errors.textNNN). */
const PAGE_STATUSES = [401, 403, 404, 413, 503];

/** The translation key and values of a refusal's body (app/errors.server.ts), if the error carries one. */
function refusalOf(error: unknown): { message: string; params: Record<string, unknown> } | null {
  if (!isRouteErrorResponse(error) || typeof error.data !== "object" || error.data === null) return null;
  const { message, params, errors } = error.data as { message?: unknown; params?: unknown; errors?: unknown };
  if (typeof message !== "string" || typeof errors !== "object" || errors === null) return null;
  return { message, params: typeof params === "object" && params !== null ? (params as Record<string, unknown>) : {} };
}

/**
 * A route's error page, translated; never a stack trace. A refusal thrown by a
 * loader (a UserError, through withUserErrors) shows its own message; other
 * known statuses their standard page; anything else is a 500.
 */
export function ErrorPage() {
  const error = useRouteError();
  const { t, i18n } = useTranslation();
  const refusal = refusalOf(error);
  const shown = refusal && i18n.exists(refusal.message) ? refusal : null;
  const status = isRouteErrorResponse(error) && (shown || PAGE_STATUSES.includes(error.status)) ? error.status : 500;
  if (status === 500) console.error(error);
  const known = PAGE_STATUSES.includes(status) || status === 500;
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-status">{status}</p>
      <h1 id="error-title">{known ? t(`errors.title${status}`) : t("errors.titleRefused")}</h1>
      <p>{shown ? t(shown.message, shown.params) : t(`errors.text${status}`)}</p>
      <p>{status === 401 ? <Link to="/login">{t("nav.login")}</Link> : <Link to="/">{t("errors.backHome")}</Link>}</p>
    </section>
  );
}
