import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

import { CHART_HEIGHT, CHART_WIDTH, type ChartProps } from "./chart.tsx";

const MARGIN = { top: 8, right: 16, bottom: 8, left: 8 };

/** Recharts' drawing of a chart: browser-only (see chart.tsx). */
export default function ChartDrawing({ data, series, categoryKey, rtl, variant = "bars" }: ChartProps) {
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey={categoryKey} reversed={rtl} interval={variant === "bars" ? 0 : "preserveStartEnd"} tick={{ fontSize: 11 }} />
      <YAxis allowDecimals={false} orientation={rtl ? "right" : "left"} domain={variant === "steps" ? [0, 100] : undefined} />
      <Tooltip />
      {series.length > 1 ? <Legend /> : null}
    </>
  );
  if (variant === "steps")
    return (
      <LineChart width={CHART_WIDTH} height={CHART_HEIGHT} data={data} margin={MARGIN}>
        {axes}
        {series.map((s) => (
          // A survival curve stays level until the next event: a step after each point, no dots; it stops where its data does.
          <Line key={s.key} type="stepAfter" dataKey={s.key} name={s.label} stroke={s.color} dot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    );
  return (
    <BarChart width={CHART_WIDTH} height={CHART_HEIGHT} data={data} margin={MARGIN}>
      {axes}
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}
