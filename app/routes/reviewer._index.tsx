import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { formatDate } from "~/i18n/format.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { useLocale } from "~/i18n/use-locale.ts";
import { listReviewerQueue, reviewerQueueCounts } from "~/models/review.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.dashboard.reviewerTitle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "REVIEWER" });
  const [todo, done, counts] = await Promise.all([
    listReviewerQueue(user.id, "PENDING"),
    listReviewerQueue(user.id, "SUBMITTED"),
    reviewerQueueCounts(user.id),
  ]);
  const item = (a: (typeof todo)[number]) => ({
    id: a.id,
    stage: a.stage,
    done: a.status === "SUBMITTED",
    drafted: Boolean(a.review && !a.review.submittedAt),
    dueAt: a.dueAt,
    projectName: a.application.projectName,
    sector: a.application.sector,
    callTitle: a.application.call.title,
  });
  return json({ todo: todo.map(item), done: done.map(item), counts });
}

export default function ReviewerQueue() {
  const { todo, done, counts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const total = counts.todo + counts.done;
  const list = (items: typeof todo, captionKey: string) => (
    <div className="table-scroll">
      <table className="data-table">
        <caption>{t(captionKey)}</caption>
        <thead>
          <tr>
            <th scope="col">{t("apply.fields.projectName")}</th>
            <th scope="col">{t("apply.fields.sector")}</th>
            <th scope="col">{t("review.stage")}</th>
            <th scope="col">{t("review.due")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td>
                <Link to={`/reviewer/assignments/${item.id}`}>{item.projectName || t("apply.untitled")}</Link>
                {item.drafted ? <small> — {t("review.draftSaved")}</small> : null}
              </td>
              <td>{item.sector ? t(`sectors.${item.sector}`) : "—"}</td>
              <td>{t(`statuses.${item.stage}`)}</td>
              <td>{item.dueAt ? formatDate(item.dueAt, locale) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
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
          {todo.length > 0 ? list(todo, "review.todo") : <p>{t("review.allDone")}</p>}
          {done.length > 0 ? list(done, "review.done") : null}
        </>
      )}
    </section>
  );
}
