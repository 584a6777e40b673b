import { useTranslation } from "react-i18next";
import { Chart } from "~/components/chart.tsx";
import { DataTable } from "~/components/data-table.tsx";
import { ShownTextView } from "~/components/shown-text.tsx";
import type { AnswerDistribution } from "~/domain/answers-view.ts";
import type { ShownText } from "~/domain/call-texts.ts";
import { formatNumber } from "~/i18n/format.ts";
import { useLocale } from "~/i18n/use-locale.ts";

type Row = { value: string; label: ShownText | null; count: number };

/**
 * For each choice and yes/no question of the call, how the submitted applications answered: a bar
 * chart (decorative) and a table of the same numbers with each answer's share of the submitted
 * applications. A single choice or yes/no question also counts the applications without an answer.
 */
export function AnswerDistributions({
  distributions,
  submitted,
  rtl,
  color,
}: {
  distributions: AnswerDistribution[];
  /** How many applications were submitted (every status but DRAFT): the whole the shares are of. */
  submitted: number;
  rtl: boolean;
  color: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const share = (count: number) => (submitted === 0 ? "—" : `${formatNumber(Math.round((count / submitted) * 100), locale)} %`);
  return (
    <div className="stack">
      <p className="muted">{t("answersView.distributionIntro")}</p>
      {distributions.map((question) => {
        const answered = question.rows.reduce((sum, row) => sum + row.count, 0);
        const rows: Row[] = [...question.rows];
        if (!question.multiple && submitted > answered) rows.push({ value: "", label: null, count: submitted - answered });
        const label = (row: Row) => (row.label ? row.label.text : t("answersView.noAnswer"));
        return (
          <div key={question.questionKey} className="stack" role="group" aria-labelledby={`answers-${question.questionKey}`}>
            <h3 id={`answers-${question.questionKey}`}>
              <ShownTextView value={question.label} />
            </h3>
            <Chart
              rtl={rtl}
              categoryKey="label"
              data={rows.map((row) => ({ label: label(row), count: row.count }))}
              series={[{ key: "count", label: t("dashboard.applications"), color }]}
            />
            <DataTable
              caption={<ShownTextView value={question.label} />}
              captionHidden
              rows={rows}
              rowKey={(row) => row.value}
              emptyMessage={t("admin.tableEmpty")}
              columns={[
                {
                  key: "answer",
                  header: t("answersView.answer"),
                  rowHeader: true,
                  cell: (row) => (row.label ? <ShownTextView value={row.label} /> : t("answersView.noAnswer")),
                },
                { key: "count", header: t("dashboard.applications"), numeric: true, cell: (row) => formatNumber(row.count, locale) },
                { key: "share", header: t("answersView.share"), numeric: true, cell: (row) => share(row.count) },
              ]}
            />
          </div>
        );
      })}
    </div>
  );
}
