import { describe, expect, it } from "vitest";
import { startIntervalJob } from "./interval-job.server";

describe("startIntervalJob", () => {
  it("never overlaps runs, survives a failing run, and stop waits for the run in flight", async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let finished = 0;
    const stop = startIntervalJob(
      "Test",
      async () => {
        runs++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        // Each run takes four intervals: a timer that fired regardless would overlap it.
        await new Promise((r) => setTimeout(r, 40));
        running--;
        finished++;
        if (runs === 1) throw new Error("first run fails");
      },
      { intervalMs: 10, firstAfterMs: 0 },
    );
    // Wait for the third run to start: the failing first one did not stop the job.
    await expect.poll(() => runs, { timeout: 5_000, interval: 5 }).toBeGreaterThanOrEqual(3);
    await stop();
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(maxRunning).toBe(1);
    expect(finished).toBe(runs);
  });
});
