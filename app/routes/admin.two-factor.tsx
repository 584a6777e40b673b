import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { requireUser } from "~/auth/guards.server.ts";
import { DataTable } from "~/components/data-table.tsx";
import { FormMessage } from "~/components/form-message.tsx";
import { withUserErrors } from "~/errors.server.ts";
import { redirectWithFlash } from "~/flash/flash.server.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { listStaffSecondFactors, resetSecondFactor } from "~/models/two-factor.server.ts";
import { pageNumber } from "~/schemas/admin.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";

// Staff accounts' two-step verification (issue 20, point 4): who has an authenticator, how many backup codes they
// have left, and the reset for someone who lost their device and their codes (audited, the person emailed).

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.twoFactorAdmin.title);

const PAGE = "/admin/two-factor";
const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const page = pageNumber.parse(new URL(request.url).searchParams.get("page") ?? undefined);
  const [locale, staff] = await Promise.all([getLocale(request), listStaffSecondFactors({ page, pageSize: PAGE_SIZE })]);
  return json({
    page,
    hasMore: staff.hasMore,
    rows: staff.rows.map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      roles: row.roles,
      self: row.id === admin.id,
      // Dates written here, on the server, in the reader's language.
      onSinceText: row.confirmedAt ? formatDate(row.confirmedAt, locale, "dateTime") : null,
      backupCodesLeft: row.backupCodesLeft,
    })),
  });
}

/** Built when the action runs: the page's bundle needs no zod. */
function resetSchema() {
  const formInvalid = "staffErrors.formInvalid";
  return z.object({ userId: z.string({ error: formInvalid }).check(z.minLength(1, formInvalid), z.maxLength(64, formInvalid)) });
}

// A function, not a call at the module's top: the browser bundle drops it with the other server code.
export const action = (args: ActionFunctionArgs) => withUserErrors(handleAction)(args);

async function handleAction({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const parsed = parseForm(resetSchema(), await readFormData(request));
  if (!parsed.ok) return json({ message: "staffErrors.formInvalid" as const }, { status: 400 });
  await resetSecondFactor(admin.id, parsed.data.userId);
  return redirectWithFlash(PAGE, { kind: "success", key: "twoFactorAdmin.resetDone" });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

export default function StaffTwoFactor() {
  const { rows, page, hasMore } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as { message?: string; params?: Record<string, string> } | undefined;
  const navigation = useNavigation();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("twoFactorAdmin.title")}</h1>
      <p className="muted">{t("twoFactorAdmin.intro")}</p>
      {reply?.message ? <FormMessage kind="error">{t(reply.message as "staffErrors.formInvalid", reply.params)}</FormMessage> : null}
      <DataTable
        caption={t("twoFactorAdmin.caption")}
        captionHidden
        rows={rows}
        rowKey={(row) => row.id}
        emptyMessage={t("twoFactorAdmin.empty")}
        pagination={{ page, hasMore }}
        columns={[
          { key: "name", header: t("twoFactorAdmin.person"), rowHeader: true, userText: true, cell: (row: Row) => row.name },
          { key: "email", header: t("twoFactorAdmin.email"), cell: (row: Row) => <span dir="ltr">{row.email}</span> },
          { key: "roles", header: t("twoFactorAdmin.roles"), cell: (row: Row) => row.roles.map((role) => t(`roles.${role}`)).join(", ") },
          {
            key: "status",
            header: t("twoFactorAdmin.status"),
            cell: (row: Row) =>
              row.onSinceText
                ? t("twoFactorAdmin.on", { date: row.onSinceText, count: row.backupCodesLeft })
                : row.roles.includes("ADMIN")
                  ? t("twoFactorAdmin.offRequired")
                  : t("twoFactorAdmin.off"),
          },
          {
            key: "reset",
            header: t("twoFactorAdmin.actions"),
            headerHidden: true,
            cell: (row: Row) =>
              row.onSinceText && !row.self ? (
                <Form method="post">
                  <input type="hidden" name="userId" value={row.id} />
                  <button
                    type="submit"
                    className="button button-small button-secondary"
                    disabled={navigation.state !== "idle"}
                    aria-label={t("twoFactorAdmin.resetLabel", { name: row.name })}
                  >
                    {t("twoFactorAdmin.reset")}
                  </button>
                </Form>
              ) : null,
          },
        ]}
      />
    </section>
  );
}
