import { Bar, BarChart as RechartsBarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

import { CHART_HEIGHT, CHART_WIDTH, type BarChartProps } from "./bar-chart.tsx";

/** Recharts' drawing of a bar chart: browser-only (see bar-chart.tsx). */
export default function BarChartDrawing({ data, series, categoryKey, rtl }: BarChartProps) {
  return (
    <RechartsBarChart width={CHART_WIDTH} height={CHART_HEIGHT} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey={categoryKey} reversed={rtl} interval={0} tick={{ fontSize: 11 }} />
      <YAxis allowDecimals={false} orientation={rtl ? "right" : "left"} />
      <Tooltip />
      {series.length > 1 ? <Legend /> : null}
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
      ))}
    </RechartsBarChart>
  );
}
