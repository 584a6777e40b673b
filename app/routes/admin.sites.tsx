import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { SITE_STATUSES } from "~/domain/constants.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { useLocale } from "~/i18n/use-locale.ts";
import { listSites, setSiteStatus } from "~/models/reference-data.server.ts";
import { readFormData } from "~/schemas/form-data.ts";
import { siteName } from "~/i18n/format.ts";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.staffNav.admin.sites);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  return json({ sites: await listSites() });
}

const siteStatusSchema = z.object({ siteId: z.string().check(z.minLength(1)), status: z.enum(SITE_STATUSES) });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const parsed = siteStatusSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return json({ ok: false, message: "staffErrors.formInvalid" }, { status: 400 });
  ensureFound((await setSiteStatus(parsed.data.siteId, parsed.data.status, admin.id)) || null);
  return json({ ok: true });
}

export default function Sites() {
  const { sites } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="stack">
      <h1>{t("staffNav.admin.sites")}</h1>
      <DataTable
        caption={t("staffNav.admin.sites")}
        rows={sites}
        rowKey={(site) => site.id}
        emptyMessage={t("admin.tableEmpty")}
        columns={[
          { key: "name", header: t("sites.name"), rowHeader: true, cell: (site) => siteName(site, locale) },
          { key: "status", header: t("outbox.filterLabel"), cell: (site) => t(`siteStatus.${site.status}`) },
          {
            key: "change",
            header: t("sites.change"),
            cell: (site) => {
              const next = site.status === "OPEN" ? "OPENING_SOON" : "OPEN";
              return (
                <Form method="post">
                  <input type="hidden" name="siteId" value={site.id} />
                  <button type="submit" name="status" value={next} className="button button-small button-secondary">
                    {t(next === "OPEN" ? "sites.open" : "sites.markSoon", { name: site.name })}
                  </button>
                </Form>
              );
            },
          },
        ]}
      />
    </section>
  );
}
