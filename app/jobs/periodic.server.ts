export type PeriodicTask = { stop(): Promise<void> };

/**
 * Runs `pass` now and every `intervalMs`, never two passes at once. A pass returns
 * a line worth logging (or null); a failed pass is logged and the next one runs as
 * usual. `stop()` waits for the pass in progress.
 */
export function runPeriodically(
  name: string,
  intervalMs: number,
  pass: () => Promise<string | null>,
  log?: (line: string) => void,
): PeriodicTask {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = pass()
      .then((line) => {
        if (line) log?.(`${name}: ${line}`);
      })
      .catch((error) => log?.(`${name} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
