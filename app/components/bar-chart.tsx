import { Bar, BarChart as RechartsBarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

export type BarSeries = { key: string; label: string; color: string };

/**
 * A bar chart drawn as SVG on the server too (fixed size, no layout probe).
 * Decorative for assistive technology: every chart sits next to a table of the same numbers.
 */
export function BarChart({
  data,
  series,
  categoryKey,
  rtl,
}: {
  data: Array<Record<string, string | number>>;
  series: BarSeries[];
  categoryKey: string;
  rtl: boolean;
}) {
  return (
    <div className="chart" aria-hidden="true">
      <RechartsBarChart width={640} height={260} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey={categoryKey} reversed={rtl} interval={0} tick={{ fontSize: 11 }} />
        <YAxis allowDecimals={false} orientation={rtl ? "right" : "left"} />
        <Tooltip />
        {series.length > 1 ? <Legend /> : null}
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
        ))}
      </RechartsBarChart>
    </div>
  );
}
