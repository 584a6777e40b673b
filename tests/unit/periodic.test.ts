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

  it("wake() runs a pass at once, or once more right after the pass in progress, never two at once", async () => {
    let passes = 0;
    let active = 0;
    let most = 0;
    let release: () => void = () => {};
    // An interval no test waits for: every pass after the first is a wake's.
    const task = runPeriodically("job", 60_000, async () => {
      passes += 1;
      active += 1;
      most = Math.max(most, active);
      await new Promise<void>((resolve) => (release = resolve));
      active -= 1;
      return null;
    });
    expect(passes).toBe(1);
    // Woken three times during the first pass: one more pass, after it.
    task.wake();
    task.wake();
    task.wake();
    expect(passes).toBe(1);
    release();
    await sleep(5);
    expect(passes).toBe(2);
    release();
    await sleep(5);
    expect(passes).toBe(2);
    // Woken while idle: a pass now.
    task.wake();
    expect(passes).toBe(3);
    release();
    await task.stop();
    task.wake();
    expect(passes).toBe(3);
    expect(most).toBe(1);
  });
});
