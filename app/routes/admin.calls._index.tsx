import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { CallSettingsForm } from "~/components/call-forms.tsx";
import { callTextFormValues, showCallText } from "~/domain/call-texts.ts";
import { ShownTextView } from "~/components/shown-text.tsx";
import { utcToZonedWallTime } from "~/domain/time.ts";
import { formatDate } from "~/i18n/dates.server.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { createCall, listCalls } from "~/models/call.server.ts";
import { callSettingsSchema } from "~/schemas/call.ts";
import { parseForm, readFormData } from "~/schemas/form-data.ts";
import { DataTable } from "~/components/data-table.tsx";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.staffNav.admin.calls);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const now = Date.now();
  const [calls, locale] = await Promise.all([listCalls(), getLocale(request)]);
  return json({
    calls: calls.map((call) => ({
      id: call.id,
      title: showCallText(call, "title", locale),
      status: call.status,
      _count: call._count,
      closesAtText: formatDate(call.closesAt, locale, "dateTime"),
    })),
    defaults: {
      opensAt: utcToZonedWallTime(new Date(now)),
      closesAt: utcToZonedWallTime(new Date(now + 30 * 86_400_000)),
    },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, { role: "ADMIN" });
  const parsed = parseForm(callSettingsSchema, await readFormData(request));
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const call = await createCall(parsed.data, admin.id);
  return redirect(`/admin/calls/${call.id}`);
}

export default function AdminCalls() {
  const { calls, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="stack">
      <h1>{t("staffNav.admin.calls")}</h1>
      <DataTable
        caption={t("staffNav.admin.calls")}
        rows={calls}
        rowKey={(call) => call.id}
        emptyMessage={t("admin.tableEmpty")}
        columns={[
          {
            key: "title",
            header: t("callAdmin.title"),
            rowHeader: true,
            userText: true,
            cell: (call) => (
              <Link to={call.id}>
                <ShownTextView value={call.title} />
              </Link>
            ),
          },
          { key: "status", header: t("outbox.filterLabel"), cell: (call) => t(`callAdmin.status.${call.status}`) },
          { key: "closesAt", header: t("callAdmin.closesAt"), cell: (call) => call.closesAtText },
          { key: "applications", header: t("staffNav.admin.applications"), numeric: true, cell: (call) => call._count.applications },
        ]}
      />
      <h2>{t("callAdmin.create")}</h2>
      <CallSettingsForm
        values={{
          ...callTextFormValues(),
          opensAt: defaults.opensAt,
          closesAt: defaults.closesAt,
          reviewersPerApplication: 3,
          blindReview: true,
          showReviewerNames: false,
          hasInterview: false,
          interviewWeightPercent: 30,
          offerResponseDays: 7,
          anyMemberAnswersOffer: false,
        }}
        errors={actionData?.errors}
        submitLabel={t("callAdmin.create")}
      />
    </section>
  );
}
