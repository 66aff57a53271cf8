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
        await new Promise((r) => setTimeout(r, 40));
        running--;
        finished++;
        if (runs === 1) throw new Error("first run fails");
      },
      { intervalMs: 10, firstAfterMs: 0 },
    );
    await new Promise((r) => setTimeout(r, 150));
    await stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(maxRunning).toBe(1);
    expect(finished).toBe(runs);
  });
});
