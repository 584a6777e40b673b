import { lazy, Suspense, useSyncExternalStore } from "react";

export type ChartSeries = { key: string; label: string; color: string };
export type ChartProps = {
  data: Array<Record<string, string | number | null>>;
  series: ChartSeries[];
  categoryKey: string;
  rtl: boolean;
  /** Bars per category (the default), or step lines (survival curves: a null value ends a line). */
  variant?: "bars" | "steps";
};

// A `.client` module: the server build leaves it out, so Recharts (and d3, about 25 MB per
// process) never loads in a server process; the browser fetches it with the dashboard.
const ChartDrawing = lazy(() => import("./chart-drawing.client.tsx"));

/**
 * A bar chart or step lines, drawn in the browser once the page is interactive, in a box of its final
 * size from the first paint (nothing moves when it appears). Decorative for assistive
 * technology: every chart sits next to a table of the same numbers.
 */
export function Chart(props: ChartProps) {
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
          <ChartDrawing {...props} />
        </Suspense>
      ) : null}
    </div>
  );
}

const subscribeToNothing = () => () => {};

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 260;
