import { describe, expect, it } from "vitest";
import { runPeriodically } from "~/jobs/periodic.server.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("runPeriodically", () => {
  it("runs at once and then on its interval, never two passes at once, logs failures and goes on, and stop() waits for the pass in progress", async () => {
    const lines: string[] = [];
    let active = 0;
    let most = 0;
    let passes = 0;
    let finished = 0;
    const task = runPeriodically(
      "job",
      5,
      async () => {
        passes += 1;
        active += 1;
        most = Math.max(most, active);
        await sleep(20); // longer than the interval
        active -= 1;
        finished += 1;
        if (passes === 2) throw new Error("boom");
        return passes === 1 ? "first" : null;
      },
      (line) => lines.push(line),
    );
    expect(passes).toBe(1);
    await sleep(90);
    await task.stop();
    const stoppedAt = passes;
    expect(finished).toBe(passes);
    expect(most).toBe(1);
    expect(passes).toBeGreaterThanOrEqual(3);
    expect(lines).toEqual(["job: first", "job failed: boom"]);
    await sleep(30);
    expect(passes).toBe(stoppedAt);
  });
});
