import { rankingRequested, refreshStaleRankings } from "~/models/scores.server.ts";
import { runPeriodically, type PeriodicTask } from "./periodic.server.ts";

/**
 * How often the job looks for a stale ranking. Looking is nearly free: the list of stale calls is
 * read again only after a commit (the read cache), so a request served by another process is picked
 * within this delay; one served by this process wakes the job at once.
 */
export const RANKING_INTERVAL_MS = 250;

/**
 * Recomputes the rankings that reviews made stale (app/models/scores.server.ts), in the process that
 * runs the outbox and the scheduled jobs. A pass recomputes each stale call once, whatever the number of
 * reviews submitted since the last one: a burst of submissions costs one or two recomputations.
 */
export function startRankingJob(log: (line: string) => void, intervalMs = RANKING_INTERVAL_MS): PeriodicTask {
  const task = runPeriodically(
    "rankings",
    intervalMs,
    async () => {
      const summary = await refreshStaleRankings();
      return summary.refreshed + summary["requested-again"] + summary.superseded > 0 ? JSON.stringify(summary) : null;
    },
    log,
  );
  rankingRequested.listen(task.wake);
  return {
    async stop() {
      rankingRequested.listen(null);
      await task.stop();
    },
  };
}
