import { describe, expect, it, vi } from "vitest";
import { checkRateLimit, LONGEST_WINDOW_SECONDS, rateLimitKey } from "~/models/rate-limit.server";
import { prisma } from "~/utils/db.server";
import { startRateLimitPruner } from "./rate-limit-pruner.server";

describe("startRateLimitPruner", () => {
  it("drops windows older than the longest rule in the background, keeps younger ones, and stops when asked", async () => {
    const longest = LONGEST_WINDOW_SECONDS;
    const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);
    // Older than the longest window, and younger than it but older than the shortest.
    await checkRateLimit("contactIp", "pruner-old", ago(longest + 60));
    await checkRateLimit("contactIp", "pruner-young", ago(longest - 60));
    const keys = async () =>
      (
        await prisma.rateLimit.findMany({
          where: { key: { in: [rateLimitKey("contactIp", "pruner-old"), rateLimitKey("contactIp", "pruner-young")] } },
          select: { key: true },
        })
      ).map((r) => r.key);
    expect(await keys()).toHaveLength(2);
    const stop = startRateLimitPruner(20);
    try {
      await expect.poll(keys, { timeout: 5_000 }).toEqual([rateLimitKey("contactIp", "pruner-young")]);
      // And again on later rounds.
      await checkRateLimit("contactIp", "pruner-old", ago(longest + 60));
      await expect.poll(keys, { timeout: 5_000 }).toEqual([rateLimitKey("contactIp", "pruner-young")]);
    } finally {
      await stop();
    }
  });

  it("runs once an hour by default, and stopping clears its timer", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const before = vi.getTimerCount();
      const stop = startRateLimitPruner();
      expect(vi.getTimerCount()).toBe(before + 1);
      const old = rateLimitKey("contactIp", "pruner-hourly");
      await checkRateLimit("contactIp", "pruner-hourly", new Date(Date.now() - 2 * 86_400_000));
      const left = () => prisma.rateLimit.count({ where: { key: old } });
      vi.advanceTimersByTime(60 * 60_000 - 1);
      expect(await left()).toBe(1);
      vi.advanceTimersByTime(1);
      await stop();
      expect(await left()).toBe(0);
      expect(vi.getTimerCount()).toBe(before);
    } finally {
      vi.useRealTimers();
    }
  });
});
