import { runScheduledJobs } from "~/models/offer.server.ts";
import { runPeriodically, type PeriodicTask } from "./periodic.server.ts";

export const SCHEDULE_INTERVAL_MS = 60_000;

/** Offer reminders and expiries, waitlist promotions and deadline reminders, once a minute. */
export function startScheduledJobs(log: (line: string) => void, intervalMs = SCHEDULE_INTERVAL_MS): PeriodicTask {
  return runPeriodically(
    "scheduled jobs",
    intervalMs,
    async () => {
      const result = await runScheduledJobs();
      return result.reminded + result.expired + result.closingSoon > 0 ? JSON.stringify(result) : null;
    },
    log,
  );
}
