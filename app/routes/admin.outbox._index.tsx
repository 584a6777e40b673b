import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { requireUser } from "~/auth/guards.server.ts";
import { FormMessage } from "~/components/form-message.tsx";
import { OUTBOX_STATUSES } from "~/domain/constants.ts";
import { listOutbox, retryOutboxEmail } from "~/email/outbox.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { formatDate, formatOptionalDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { readFormData } from "~/schemas/form-data.ts";
import { DataTable } from "~/components/data-table.tsx";

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
  if (!parsed.success) return json({ message: "outbox.notRetryable" }, { status: 400 });
  if (!(await retryOutboxEmail(parsed.data.id, admin.id))) return json({ message: "outbox.notRetryable" }, { status: 409 });
  const url = new URL(request.url);
  return redirectWithFlash(url.pathname + url.search, { kind: "success", key: "outbox.retried" });
}

export default function Outbox() {
  const { rows, counts, status, page, hasMore } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("outbox.title")}</h1>
      <p className="muted">{t("outbox.intro")}</p>
      {actionData ? <FormMessage kind="error">{t(actionData.message)}</FormMessage> : null}
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
      <DataTable
        caption={t("outbox.title")}
        rows={rows}
        rowKey={(row) => row.id}
        emptyMessage={t("outbox.empty")}
        pagination={{ page, hasMore }}
        columns={[
          { key: "created", header: t("outbox.created"), cell: (row) => row.createdAtText },
          { key: "to", header: t("outbox.to"), cell: (row) => row.to },
          { key: "template", header: t("outbox.template"), cell: (row) => row.template },
          { key: "language", header: t("outbox.language"), cell: (row) => row.locale },
          {
            key: "status",
            header: t("outbox.filterLabel"),
            cell: (row) => (
              <>
                {t(`outbox.status.${row.status}`)}
                {row.status === "FAILED" ? (
                  <>
                    <br />
                    <small>
                      {t("outbox.nextAttempt")} : {row.nextAttemptAtText}
                    </small>
                  </>
                ) : null}
              </>
            ),
          },
          { key: "attempts", header: t("outbox.attempts"), numeric: true, cell: (row) => row.attempts },
          { key: "lastError", header: t("outbox.lastError"), cell: (row) => <span className="error-text">{row.lastError}</span> },
          {
            key: "actions",
            header: t("outbox.view"),
            headerHidden: true,
            cell: (row) => (
              <>
                <Link to={row.id}>{t("outbox.view")}</Link>
                {row.status === "DEAD" || row.status === "FAILED" ? (
                  <Form method="post">
                    <input type="hidden" name="id" value={row.id} />
                    <button type="submit" className="link-button">
                      {t("outbox.retry")}
                    </button>
                  </Form>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
