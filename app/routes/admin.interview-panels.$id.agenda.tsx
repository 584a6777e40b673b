import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { DataTable } from "~/components/data-table.tsx";
import { ShownTextView } from "~/components/shown-text.tsx";
import { showCallText } from "~/domain/call-texts.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { panelAgenda } from "~/models/interview-pages.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.interviews.day.agenda);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const locale = await getLocale(request);
  const agenda = ensureFound(await panelAgenda(params.id ?? "", locale));
  return json({ ...agenda, call: showCallText(agenda.call, "title", locale) });
}

/** A panel's agenda, to print and hand to its jurors: the day, the place, the jurors, the interviews in order. */
export default function PanelAgendaPage() {
  const agenda = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <p className="no-print">
        <Link to={`/admin/interview-days/${agenda.dayId}`}>{t("interviews.day.title")}</Link>
      </p>
      <h1>{t("interviews.agenda.title", { halfDay: t(`interviews.halfDays.${agenda.halfDay}`) })}</h1>
      <ShownTextView as="p" value={agenda.call} />
      <p>
        {agenda.label} — <span dir="auto">{agenda.place}</span>
      </p>
      <p>
        {t("interviews.agenda.jurors")} : <span dir="auto">{agenda.jurors.join(", ")}</span>
      </p>
      <DataTable
        caption={t("interviews.agenda.title", { halfDay: t(`interviews.halfDays.${agenda.halfDay}`) })}
        captionHidden
        rows={agenda.interviews}
        rowKey={(row) => row.slotId}
        emptyMessage="—"
        columns={[
          { key: "time", header: t("interviews.day.time"), rowHeader: true, cell: (row) => row.time },
          {
            key: "project",
            header: t("interviews.day.project"),
            userText: true,
            cell: (row) => row.projectName ?? t("interviews.agenda.free"),
          },
          { key: "lead", header: t("interviews.day.lead"), userText: true, cell: (row) => row.lead ?? "" },
        ]}
      />
    </div>
  );
}
