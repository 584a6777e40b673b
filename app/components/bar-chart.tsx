import { lazy, Suspense, useSyncExternalStore } from "react";

export type BarSeries = { key: string; label: string; color: string };
export type BarChartProps = {
  data: Array<Record<string, string | number>>;
  series: BarSeries[];
  categoryKey: string;
  rtl: boolean;
};

// A `.client` module: the server build leaves it out, so Recharts (and d3, about 25 MB per
// process) never loads in a server process; the browser fetches it with the dashboard.
const BarChartDrawing = lazy(() => import("./bar-chart-drawing.client.tsx"));

/**
 * A bar chart, drawn in the browser once the page is interactive, in a box of its final
 * size from the first paint (nothing moves when it appears). Decorative for assistive
 * technology: every chart sits next to a table of the same numbers.
 */
export function BarChart(props: BarChartProps) {
  // false on the server and while hydrating (the same markup on both sides), true after.
  const inBrowser = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  return (
    <div className="chart" aria-hidden="true" style={{ minHeight: CHART_HEIGHT }}>
      {inBrowser ? (
        <Suspense fallback={null}>
          <BarChartDrawing {...props} />
        </Suspense>
      ) : null}
    </div>
  );
}

const subscribeToNothing = () => () => {};

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 260;
