import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { requireUser } from "~/auth/guards.server.ts";
import { FormMessage } from "~/components/form-message.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { OUTBOX_STATUSES } from "~/domain/constants.ts";
import { listOutbox, retryOutboxEmail } from "~/email/outbox.server.ts";
import { formatDate, formatOptionalDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { readFormData } from "~/schemas/form-data.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.outbox.title);

const filterSchema = z.object({
  status: z.catch(z.optional(z.enum(OUTBOX_STATUSES)), undefined),
  page: z._default(z.catch(z.coerce.number().check(z.int(), z.gte(1)), 1), 1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [outbox, locale] = await Promise.all([listOutbox(filter), getLocale(request)]);
  const rows = outbox.rows.map((row) => ({
    ...row,
    createdAtText: formatDate(row.createdAt, locale, "dateTime"),
    nextAttemptAtText: formatOptionalDate(row.nextAttemptAt, locale, "dateTime"),
  }));
  return json({ ...outbox, rows, status: filter.status ?? "" });
}

const retrySchema = z.object({ id: z.string().check(z.minLength(1)) });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const parsed = retrySchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return json({ message: "outbox.notRetryable", ok: false }, { status: 400 });
  const retried = await retryOutboxEmail(parsed.data.id, admin.id);
  return json({ message: retried ? "outbox.retried" : "outbox.notRetryable", ok: retried }, { status: retried ? 200 : 409 });
}

export default function Outbox() {
  const { rows, counts, status, page, hasMore } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("outbox.title")}</h1>
      <p className="muted">{t("outbox.intro")}</p>
      {actionData ? <FormMessage kind={actionData.ok ? "success" : "error"}>{t(actionData.message)}</FormMessage> : null}
      <h2>{t("outbox.counts")}</h2>
      <ul className="status-counts">
        {OUTBOX_STATUSES.map((s) => (
          <li key={s}>
            {t(`outbox.status.${s}`)} : <strong>{counts[s] ?? 0}</strong>
          </li>
        ))}
      </ul>
      <Form method="get" className="inline-form">
        <div className="field">
          <label htmlFor="outbox-status">{t("outbox.filterLabel")}</label>
          <select id="outbox-status" name="status" defaultValue={status}>
            <option value="">{t("outbox.all")}</option>
            {OUTBOX_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`outbox.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-small">
          {t("outbox.filter")}
        </button>
      </Form>
      {rows.length === 0 ? (
        <p>{t("outbox.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption>{t("outbox.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("outbox.created")}</th>
                <th scope="col">{t("outbox.to")}</th>
                <th scope="col">{t("outbox.template")}</th>
                <th scope="col">{t("outbox.language")}</th>
                <th scope="col">{t("outbox.filterLabel")}</th>
                <th scope="col">{t("outbox.attempts")}</th>
                <th scope="col">{t("outbox.lastError")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("outbox.view")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>{row.createdAtText}</td>
                  <td>{row.to}</td>
                  <td>{row.template}</td>
                  <td>{row.locale}</td>
                  <td>
                    {t(`outbox.status.${row.status}`)}
                    {row.status === "FAILED" ? (
                      <>
                        <br />
                        <small>
                          {t("outbox.nextAttempt")} : {row.nextAttemptAtText}
                        </small>
                      </>
                    ) : null}
                  </td>
                  <td>{row.attempts}</td>
                  <td className="error-text">{row.lastError}</td>
                  <td>
                    <Link to={row.id}>{t("outbox.view")}</Link>
                    {row.status === "DEAD" || row.status === "FAILED" ? (
                      <Form method="post">
                        <input type="hidden" name="id" value={row.id} />
                        <button type="submit" className="link-button">
                          {t("outbox.retry")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} hasMore={hasMore} />
    </section>
  );
}
