// The scheduled jobs run once per tick however many servers run them (app/jobs/scheduler.server.ts):
// each pass claims its tick in the database (app/models/scheduled-run.server.ts), whose primary key
// lets one claim through — on SQLite and on PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbReady } from "~/db/client.server.ts";
import { startScheduledJobs } from "~/jobs/scheduler.server.ts";
import { claimScheduledRun } from "~/models/scheduled-run.server.ts";
import { createTestUser } from "../support/factories.ts";

beforeAll(async () => {
  await dbReady;
});

describe("claiming a scheduled pass", () => {
  it("lets exactly one of 12 simultaneous claims of a tick through (20 ticks)", async () => {
    for (let round = 0; round < 20; round++) {
      const tick = new Date(Date.UTC(2026, 10, 30, 12, round));
      const claims = await Promise.all(Array.from({ length: 12 }, () => claimScheduledRun("race", tick)));
      expect(claims.filter(Boolean), `tick ${round}`).toHaveLength(1);
    }
    expect(await db.scheduledRun.count({ where: { job: "race" } })).toBe(20);
  });

  it("claims each job's tick apart, and forgets ticks older than a day", async () => {
    const now = new Date(Date.UTC(2026, 10, 30, 12, 0));
    const old = new Date(now.getTime() - 25 * 60 * 60 * 1000);
    expect(await claimScheduledRun("cleanup", old)).toBe(true);
    expect(await claimScheduledRun("other-job", now)).toBe(true);
    expect(await claimScheduledRun("cleanup", now)).toBe(true);
    expect(await claimScheduledRun("cleanup", now)).toBe(false);
    expect((await db.scheduledRun.findMany({ where: { job: "cleanup" }, select: { tick: true } })).map((r) => r.tick)).toEqual([now]);
  });
});

describe("the scheduled jobs on several servers", () => {
  it("run once for a tick that three schedulers start in at the same moment", async () => {
    const user = await createTestUser();
    await db.session.create({ data: { id: "expired-for-three", userId: user.id, expiresAt: new Date(Date.now() - 60_000) } });
    const lines: string[][] = [[], [], []];
    // An interval no test waits for: each scheduler runs its first pass at once, in the same minute.
    const schedulers = lines.map((log) => startScheduledJobs((line) => log.push(line), 10 * 60_000));
    await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
    expect(await db.session.count({ where: { id: "expired-for-three" } })).toBe(0);
    // One pass purged the session and said so; the other two found their tick taken and did nothing.
    expect(lines.map((log) => log.length).sort()).toEqual([0, 0, 1]);
    expect(lines.flat()).toEqual([expect.stringMatching(/"purged":\{"sessions":1/)]);
    expect(await db.scheduledRun.count({ where: { job: "scheduled-jobs" } })).toBe(1);
  });
});
