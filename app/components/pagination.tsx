import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous / next links that keep the page's filters in the URL. */
export function Pagination({ page, hasMore, pageCount }: { page: number; hasMore: boolean; pageCount?: number }) {
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const linkTo = (target: number) => {
    const params = new URLSearchParams(searchParams);
    params.set("page", String(target));
    return `?${params}`;
  };
  return (
    <nav className="pagination" aria-label={t("admin.pages")}>
      {page > 1 ? <Link to={linkTo(page - 1)}>{t("outbox.previous")}</Link> : null}
      {pageCount ? <span>{t("admin.pageOf", { page, count: pageCount })}</span> : null}
      {hasMore ? <Link to={linkTo(page + 1)}>{t("outbox.next")}</Link> : null}
    </nav>
  );
}
