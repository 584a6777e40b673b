import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server.ts";
import { CalibrationTable, useFigureFormat, type CalibrationRowView } from "~/components/calibration-table.tsx";
import { showCallText, type ShownText } from "~/domain/call-texts.ts";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { calibrationOfReviewer } from "~/models/calibration.server.ts";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (c) => c.calibration.ownTitle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "REVIEWER" });
  const locale = await getLocale(request);
  const calls = await calibrationOfReviewer(user.id);
  return json({
    calls: calls.map(({ id, own, call, ...texts }) => ({ id, title: showCallText(texts, "title", locale), own, call })),
  });
}

const titleText = (title: ShownText) => title.text;

/** A reviewer's own calibration figures, call by call, beside each call's (issue 18): never another reviewer's. */
export default function ReviewerCalibration() {
  const { calls } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const number = useFigureFormat();
  const rows: CalibrationRowView[] = calls.map((call) => ({ key: call.id, label: titleText(call.title), ...call.own }));
  return (
    <div className="stack">
      <h1>{t("calibration.ownTitle")}</h1>
      <p className="muted">{t("calibration.ownIntro")}</p>
      <CalibrationTable caption={t("calibration.ownTableCaption")} rows={rows} rowHeader={t("calibration.call")} />
      {calls.length > 0 ? (
        <ul className="stack">
          {calls.map((call) => (
            <li key={call.id}>
              <strong dir="auto">{titleText(call.title)}</strong> —{" "}
              {t("calibration.callFigures", {
                count: call.call.reviewCount,
                mean: number(call.call.mean),
                spread: number(call.call.spread),
                gap: number(call.call.gapToCoReviewers),
              })}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
