import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { formatOptionalDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import * as z from "zod/mini";
import { useDelegatedNavigation } from "~/components/delegated-navigation.ts";
import { Pagination } from "~/components/pagination.tsx";
import { listReviewerQueue, QUEUE_PAGE_SIZE, reviewerQueueCounts } from "~/models/review.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.dashboard.reviewerTitle);

const queueQuery = z.object({
  show: z.catch(z.enum(["todo", "done"]), "todo"),
  page: z.catch(z.coerce.number().check(z.int(), z.gte(1)), 1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "REVIEWER" });
  const { show, page } = queueQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [assignments, counts, locale] = await Promise.all([
    listReviewerQueue(user.id, show === "todo" ? "PENDING" : "SUBMITTED", page),
    reviewerQueueCounts(user.id),
    getLocale(request),
  ]);
  const items = assignments.map((a) => ({
    id: a.id,
    stage: a.stage,
    drafted: Boolean(a.review && !a.review.submittedAt),
    dueAt: formatOptionalDate(a.dueAt, locale),
    projectName: a.application.projectName,
    sector: a.application.sector,
    callTitle: a.application.callTitle,
  }));
  const pageCount = Math.max(1, Math.ceil(counts[show] / QUEUE_PAGE_SIZE));
  return json({ show, page, pageCount, items, counts });
}

export default function ReviewerQueue() {
  const { show, page, pageCount, items, counts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const total = counts.todo + counts.done;
  const caption = show === "todo" ? "review.todo" : "review.done";
  const navigateWithin = useDelegatedNavigation();
  return (
    <section className="stack">
      <h1>{t("dashboard.reviewerTitle")}</h1>
      {total === 0 ? (
        <p className="muted">{t("dashboard.reviewerEmpty")}</p>
      ) : (
        <>
          <p>
            <label htmlFor="progress">{t("review.progress", { done: counts.done, total })}</label>{" "}
            <progress id="progress" max={total} value={counts.done} />
          </p>
          {/* A long queue reads one list at a time: what is left, or what is done. */}
          <nav className="tabs" aria-label={t("review.queueNavigation")}>
            {(["todo", "done"] as const).map((list) => (
              <Link key={list} to={`?show=${list}`} aria-current={show === list ? "page" : undefined}>
                {t(list === "todo" ? "review.todo" : "review.done")} ({counts[list]})
              </Link>
            ))}
          </nav>
          {items.length === 0 ? (
            <p>{show === "todo" ? t("review.allDone") : t("review.noneDone")}</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table">
                <caption>{t(caption)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("apply.fields.projectName")}</th>
                    <th scope="col">{t("apply.fields.sector")}</th>
                    <th scope="col">{t("review.stage")}</th>
                    <th scope="col">{t("review.due")}</th>
                  </tr>
                </thead>
                <tbody onClick={navigateWithin}>
                  {items.map((item) => (
                    <tr key={item.id}>
                      <td>
                        <a href={`/reviewer/assignments/${item.id}`}>{item.projectName || t("apply.untitled")}</a>
                        {item.drafted ? <small> — {t("review.draftSaved")}</small> : null}
                        <br />
                        <small>{item.callTitle}</small>
                      </td>
                      <td>{item.sector ? t(`sectors.${item.sector}`) : "—"}</td>
                      <td>{t(`statuses.${item.stage}`)}</td>
                      <td>{item.dueAt ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pageCount > 1 ? <Pagination page={page} hasMore={page < pageCount} pageCount={pageCount} /> : null}
        </>
      )}
    </section>
  );
}
