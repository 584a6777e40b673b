// The table of reviewer calibration figures (issue 18), one row per reviewer (admins) or per call (a reviewer's
// own figures): the same columns for both, so a reviewer reads their figures as the admins do.
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table.tsx";
import { formatNumber } from "~/i18n/format.ts";
import { useLocale } from "~/i18n/use-locale.ts";

export type CalibrationRowView = {
  key: string;
  label: string;
  reviewCount: number;
  mean: number;
  spread: number;
  bias: number | null;
  scale: number | null;
  adjustedMean: number | null;
  gapToCoReviewers: number | null;
  sharedApplications: number;
  lateCount: number;
  meanDaysLate: number | null;
};

/** A figure to two decimals in the page's language ("—" for none): the calibration pages' one number format. */
export function useFigureFormat() {
  const locale = useLocale();
  return (value: number | null) => (value === null ? "—" : formatNumber(Math.round(value * 100) / 100, locale));
}

export function CalibrationTable({ caption, rows, rowHeader }: { caption: string; rows: CalibrationRowView[]; rowHeader: string }) {
  const { t } = useTranslation();
  const number = useFigureFormat();
  const signed = (value: number | null) => (value === null ? "—" : `${value < 0 ? "−" : "+"}${number(Math.abs(value))}`);
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(row) => row.key}
      emptyMessage={t("calibration.empty")}
      columns={[
        { key: "label", header: rowHeader, rowHeader: true, userText: true, cell: (row) => row.label },
        { key: "reviews", header: t("calibration.reviews"), numeric: true, cell: (row) => row.reviewCount },
        { key: "mean", header: t("calibration.mean"), numeric: true, cell: (row) => number(row.mean) },
        { key: "spread", header: t("calibration.spread"), numeric: true, cell: (row) => number(row.spread) },
        { key: "bias", header: t("calibration.offset"), numeric: true, cell: (row) => signed(row.bias) },
        {
          key: "scale",
          header: t("calibration.scale"),
          numeric: true,
          cell: (row) => (row.scale === null ? "—" : `×${number(row.scale)}`),
        },
        { key: "adjusted", header: t("calibration.adjustedMean"), numeric: true, cell: (row) => number(row.adjustedMean) },
        {
          key: "gap",
          header: t("calibration.gap"),
          numeric: true,
          cell: (row) =>
            row.gapToCoReviewers === null
              ? "—"
              : t("calibration.gapOn", { gap: number(row.gapToCoReviewers), count: row.sharedApplications }),
        },
        {
          key: "late",
          header: t("calibration.late"),
          numeric: true,
          cell: (row) => (row.lateCount === 0 ? "0" : t("calibration.lateBy", { count: row.lateCount, days: number(row.meanDaysLate) })),
        },
      ]}
    />
  );
}
