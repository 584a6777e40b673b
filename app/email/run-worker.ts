// `npm run worker`: the outbox worker, the scheduled jobs and the rankings on their own, beside (or instead of) the server's.
import { env } from "~/config/env.server.ts";
import { db, dbReady } from "~/db/client.server.ts";
import { startScheduledJobs } from "~/jobs/scheduler.server.ts";
import { startRankingJob } from "~/jobs/rankings.server.ts";
import { startOutboxWorker } from "./worker.server.ts";

await dbReady;
const log = (line: string) => console.log(line);
const jobs = [startOutboxWorker({ log }), startScheduledJobs(log), startRankingJob(log)];
console.log(`Outbox worker running (${env().SMTP_URL ? "SMTP" : `mailbox: ${env().MAILBOX_DIR}`}). Ctrl-C to stop.`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await Promise.all(jobs.map((job) => job.stop()));
    await db.$disconnect();
    process.exit(0);
  });
}
