import { runScheduledJobs } from "~/models/offer.server.ts";

export const SCHEDULE_INTERVAL_MS = 60_000;

/** Offer reminders and expiries, waitlist promotions and deadline reminders, once a minute. */
export function startScheduledJobs(log: (line: string) => void, intervalMs = SCHEDULE_INTERVAL_MS): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runScheduledJobs()
      .then((result) => {
        if (result.reminded + result.expired + result.closingSoon > 0) log(`scheduled jobs: ${JSON.stringify(result)}`);
      })
      .catch((error) => log(`scheduled jobs failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
