import { db } from "~/db/client.server.ts";
import { Prisma } from "~/generated/prisma/client.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Claims the pass of `job` for `tick`: true for the one process whose insert the primary key let through,
 * false for every other (another server, or a second tick of this one in the same interval). Decided by
 * the database, so it holds however many servers run the job at the same moment.
 */
export async function claimScheduledRun(job: string, tick: Date): Promise<boolean> {
  try {
    await db.scheduledRun.create({ data: { job, tick } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
  await db.scheduledRun.deleteMany({ where: { job, tick: { lt: new Date(tick.getTime() - DAY_MS) } } });
  return true;
}
