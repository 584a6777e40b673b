import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { formatOptionalDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { ShownTextView } from "~/components/shown-text.tsx";
import { showText } from "~/domain/call-texts.ts";
import * as z from "zod/mini";
import { DataTable } from "~/components/data-table.tsx";
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
    callTitle: showText(a.application.callTitle, locale),
  }));
  const pageCount = Math.max(1, Math.ceil(counts[show] / QUEUE_PAGE_SIZE));
  return json({ show, page, pageCount, items, counts });
}

export default function ReviewerQueue() {
  const { show, page, pageCount, items, counts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const total = counts.todo + counts.done;
  const caption = show === "todo" ? "review.todo" : "review.done";
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
          <DataTable
            caption={t(caption)}
            rows={items}
            rowKey={(item) => item.id}
            delegatedLinks
            emptyMessage={show === "todo" ? t("review.allDone") : t("review.noneDone")}
            pagination={pageCount > 1 ? { page, hasMore: page < pageCount, pageCount } : undefined}
            columns={[
              {
                key: "project",
                userText: true,
                header: t("apply.fields.projectName"),
                rowHeader: true,
                cell: (item) => (
                  <>
                    <a href={`/reviewer/assignments/${item.id}`}>{item.projectName || t("apply.untitled")}</a>
                    {item.drafted ? <small> — {t("review.draftSaved")}</small> : null}
                    <br />
                    <small>
                      <ShownTextView value={item.callTitle} />
                    </small>
                  </>
                ),
              },
              { key: "sector", header: t("apply.fields.sector"), cell: (item) => (item.sector ? t(`sectors.${item.sector}`) : "—") },
              { key: "stage", header: t("review.stage"), cell: (item) => t(`statuses.${item.stage}`) },
              { key: "due", header: t("review.due"), cell: (item) => item.dueAt ?? "—" },
            ]}
          />
        </>
      )}
    </section>
  );
}
