import { runRetention } from "~/models/anonymizer.server.ts";
import { runFollowUpJobs } from "~/models/follow-up.server.ts";
import { refreshLandingFigures } from "~/models/landing-figures.server.ts";
import { purgeExpiredRateLimits } from "~/auth/rate-limit.server.ts";
import { purgeExpiredSessions } from "~/auth/session.server.ts";
import { purgeExpiredChallenges } from "~/models/two-factor.server.ts";
import { runScheduledJobs } from "~/models/offer.server.ts";
import { claimScheduledRun } from "~/models/scheduled-run.server.ts";
import { sendInterviewReminders } from "~/models/interview.server.ts";
import { purgeAccessLog } from "~/models/access-log.server.ts";
import { prepareDataExports } from "~/models/data-export.server.ts";
import { runPeriodically, type PeriodicTask } from "./periodic.server.ts";

export const SCHEDULE_INTERVAL_MS = 60_000;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Offer reminders and expiries, waitlist promotions and deadline reminders, follow-up check-ins
 * (issue 17), interview reminders (issue 19) once a minute; and the clean-up of expired sessions and rate-limit counters. Every server
 * runs this; a pass runs only where it claims its tick (the minute it starts in), so
 * the jobs run once per tick across servers. Retention (issue 20) runs once a day: the first pass of each UTC
 * day claims the day's tick of its own.
 */
export function startScheduledJobs(log: (line: string) => void, intervalMs = SCHEDULE_INTERVAL_MS): PeriodicTask {
  return runPeriodically(
    "scheduled jobs",
    intervalMs,
    async () => {
      const now = new Date();
      const tick = new Date(now.getTime() - (now.getTime() % intervalMs));
      if (!(await claimScheduledRun("scheduled-jobs", tick))) return null;
      const result = await runScheduledJobs(now);
      const followUp = { ...(await runFollowUpJobs(now)), landingFigures: (await refreshLandingFigures(now)) ? 1 : 0 };
      const interviewReminders = await sendInterviewReminders(now);
      const purged = {
        sessions: await purgeExpiredSessions(now),
        rateLimits: await purgeExpiredRateLimits(now),
        signInChallenges: await purgeExpiredChallenges(now),
      };
      const day = new Date(now.getTime() - (now.getTime() % DAY_MS));
      const daily = await claimScheduledRun("retention", day);
      const retention = daily ? await runRetention(now, null) : 0;
      // Issue 20: the staff access log's rows past their period go with the daily retention run; copies of people's
      // data asked for are prepared here too (a server that died before preparing one leaves it to the next tick).
      const accessLogPurged = daily ? await purgeAccessLog(now) : 0;
      const dataExports = await prepareDataExports(now);
      const done =
        result.reminded +
        result.expired +
        result.closingSoon +
        followUp.summarized +
        followUp.started +
        followUp.opened +
        followUp.reminded +
        followUp.landingFigures +
        interviewReminders +
        purged.sessions +
        purged.rateLimits +
        purged.signInChallenges +
        retention +
        accessLogPurged +
        dataExports;
      return done > 0 ? JSON.stringify({ ...result, followUp, interviewReminders, purged, retention, accessLogPurged, dataExports }) : null;
    },
    log,
  );
}
