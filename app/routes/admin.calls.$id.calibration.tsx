import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ensureFound, requireUser } from "~/auth/guards.server.ts";
import { CalibrationTable, useFigureFormat, type CalibrationRowView } from "~/components/calibration-table.tsx";
import { Chart } from "~/components/chart.tsx";
import { ShownTextView } from "~/components/shown-text.tsx";
import { showCallText } from "~/domain/call-texts.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { useLocale } from "~/i18n/use-locale.ts";
import { calibrationOfCall } from "~/models/calibration.server.ts";
import { getCallForAdmin } from "~/models/call.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.calibration.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: "ADMIN" });
  const call = ensureFound(await getCallForAdmin(params.id ?? ""));
  const locale = await getLocale(request);
  const { call: figures, reviewers } = await calibrationOfCall(call.id);
  return json({ call: { id: call.id, title: showCallText(call, "title", locale) }, figures, reviewers });
}

/** Every reviewer of a call against the call (issue 18): what the ranking's normalization does to each, for admins. */
export default function CallCalibration() {
  const { call, figures, reviewers } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const number = useFigureFormat();
  const rows: CalibrationRowView[] = reviewers.map((reviewer) => ({ key: reviewer.reviewerId, label: reviewer.name, ...reviewer }));
  return (
    <div className="stack">
      <p>
        <Link to={`/admin/calls/${call.id}`}>
          <ShownTextView value={call.title} />
        </Link>
      </p>
      <h1>
        {t("calibration.title")} — <ShownTextView value={call.title} />
      </h1>
      <p className="muted">{t("calibration.intro")}</p>
      <p>
        {t("calibration.callFigures", {
          count: figures.reviewCount,
          mean: number(figures.mean),
          spread: number(figures.spread),
          gap: number(figures.gapToCoReviewers),
        })}
      </p>
      <Chart
        rtl={locale === "ar"}
        categoryKey="label"
        data={rows.map((row) => ({ label: row.label, mean: row.mean, adjusted: row.adjustedMean }))}
        series={[
          { key: "mean", label: t("calibration.mean"), color: "#0b5c8a" },
          { key: "adjusted", label: t("calibration.adjustedMean"), color: "#0f7b5f" },
        ]}
      />
      <CalibrationTable caption={t("calibration.tableCaption")} rows={rows} rowHeader={t("admin.reviewer")} />
    </div>
  );
}
