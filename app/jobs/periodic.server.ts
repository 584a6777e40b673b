export type PeriodicTask = { stop(): Promise<void> };
/** A periodic task that can also be asked for a pass now (or right after the one in progress). */
export type WakeableTask = PeriodicTask & { wake(): void };

/**
 * How work queued by the app reaches the background task that does it: the task, in the process
 * that runs it, listens (`listen(task.wake)`, `listen(null)` when it stops); the code that queued
 * the work notifies once it has committed. Elsewhere nobody listens and the task's tick picks it up.
 */
export function wakeSignal(): { listen(wake: (() => void) | null): void; notify(): void } {
  let listener: (() => void) | null = null;
  return {
    listen: (wake) => {
      listener = wake;
    },
    notify: () => listener?.(),
  };
}

/**
 * Runs `pass` now and every `intervalMs`, never two passes at once. A pass returns
 * a line worth logging (or null); a failed pass is logged and the next one runs as
 * usual. `stop()` waits for the pass in progress. `wake()` runs a pass now, or once
 * more right after the pass in progress (which may have started before what it was
 * woken for).
 */
export function runPeriodically(
  name: string,
  intervalMs: number,
  pass: () => Promise<string | null>,
  log?: (line: string) => void,
): WakeableTask {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  let again = false;
  const tick = () => {
    if (running || stopped) return;
    running = pass()
      .then((line) => {
        if (line) log?.(`${name}: ${line}`);
      })
      .catch((error) => log?.(`${name} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          tick();
        }
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
    wake() {
      if (running) again = true;
      else tick();
    },
  };
}
