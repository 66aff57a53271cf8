import { describe, expect, it, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import { ATTEMPT_LIMITS, LONGEST_WINDOW_SECONDS, RATE_LIMITS, beginAttempt, checkRateLimit, clearRateLimit, enforceRateLimit, rateLimitKey, rateLimitMessage, rateLimitResponse, startRateLimitPruner } from "./rate-limit.server";

describe("named limits", () => {
  it("has the agreed numbers", () => {
    expect(RATE_LIMITS).toEqual({
      signupIp: { limit: 5, windowSeconds: 3600 },
      resetIp: { limit: 5, windowSeconds: 3600 },
      resetAccount: { limit: 3, windowSeconds: 3600 },
      resendVerificationIp: { limit: 3, windowSeconds: 3600 },
      contactIp: { limit: 5, windowSeconds: 3600 },
      postingUser: { limit: 10, windowSeconds: 600 },
      previewUser: { limit: 30, windowSeconds: 600 },
      flagUser: { limit: 10, windowSeconds: 3600 },
      postingNewMember: { limit: 3, windowSeconds: 1800 },
      registrationIp: { limit: 300, windowSeconds: 600 },
      invitationIp: { limit: 10, windowSeconds: 3600 },
      registrationAddress: { limit: 3, windowSeconds: 3600 },
      pollCodeMissIp: { limit: 100, windowSeconds: 600 },
      pollCodeIp: { limit: 5000, windowSeconds: 600 },
    });
  });

  it("stores no address in clear text and treats case alike", () => {
    const key = rateLimitKey("resetIp", "Anna.Svensson@Borlange.example");
    expect(key).toMatch(/^resetIp:[0-9a-f]{32}$/);
    expect(key).not.toContain("anna");
    expect(rateLimitKey("resetIp", "anna.svensson@borlange.example")).toBe(key);
    expect(rateLimitKey("signupIp", "anna.svensson@borlange.example")).not.toBe(key);
    // Spaces around the address count as the same subject too.
    expect(rateLimitKey("resetIp", "  anna.svensson@borlange.example ")).toBe(key);
  });

  it("enforceRateLimit lets the limit through and throws the 429 answer after it", async () => {
    for (let i = 0; i < RATE_LIMITS.resendVerificationIp.limit; i++) await expect(enforceRateLimit("resendVerificationIp", "198.51.100.44")).resolves.toBeUndefined();
    const thrown = await enforceRateLimit("resendVerificationIp", "198.51.100.44").then(() => null, (r: unknown) => r);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(429);
    expect(Number((thrown as Response).headers.get("Retry-After"))).toBeGreaterThan(3500);
    // Another subject is not affected.
    await expect(enforceRateLimit("resendVerificationIp", "198.51.100.45")).resolves.toBeUndefined();
  });

  it("applies the named rule and can be cleared", async () => {
    const now = new Date("2026-05-06T11:00:00Z");
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await checkRateLimit("resendVerificationIp", "203.0.113.7", now));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]!.retryAfterSeconds).toBe(3600);
    await clearRateLimit("resendVerificationIp", "203.0.113.7");
    expect((await checkRateLimit("resendVerificationIp", "203.0.113.7", now)).allowed).toBe(true);
  });
});

describe("rateLimitResponse", () => {
  it("answers 429 with Retry-After and a Swedish message in whole minutes", async () => {
    const response = rateLimitResponse({ retryAfterSeconds: 14 * 60 + 1 });
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBe(String(14 * 60 + 1));
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.text()).toBe("För många försök. Vänta 15 minuter och försök igen.");
  });

  it("says one minute in the singular and never zero", () => {
    expect(rateLimitMessage({ retryAfterSeconds: 30 })).toBe("För många försök. Vänta 1 minut och försök igen.");
    expect(rateLimitMessage({ retryAfterSeconds: 0 })).toBe("För många försök. Vänta 1 minut och försök igen.");
  });

  it("counts long waits in hours", () => {
    expect(rateLimitMessage({ retryAfterSeconds: 90 * 60 })).toBe("För många försök. Vänta 90 minuter och försök igen.");
    expect(rateLimitMessage({ retryAfterSeconds: 24 * 3600 - 5 })).toBe("För många försök. Vänta 24 timmar och försök igen.");
  });
});

describe("beginAttempt (login and two-factor throttling)", () => {
  const t0 = new Date("2026-05-06T11:00:00Z");
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  const login = (account: string, address: string, seconds: number) => beginAttempt("login", { account, address }, at(seconds));

  it("refuses an address that keeps failing for longer and longer", async () => {
    const waits: number[] = [];
    for (let i = 0; i < 25; i++) {
      const attempt = await login("offer@example.se", "198.51.100.1", i);
      if (!attempt.allowed) waits.push(attempt.retryAfterSeconds);
    }
    const [perMinute, perHour, perDay] = ATTEMPT_LIMITS.login.accountFromAddress;
    expect(waits).toHaveLength(25 - perMinute.limit);
    expect(waits[0]).toBeLessThanOrEqual(perMinute.windowSeconds);
    expect(waits[perHour.limit - perMinute.limit]).toBeGreaterThan(perMinute.windowSeconds);
    expect(waits.at(-1)).toBeGreaterThan(perHour.windowSeconds);
    expect(waits.at(-1)).toBeLessThanOrEqual(perDay.windowSeconds);
  });

  it("refuses addresses that failed for a locked account, and lets a fresh one try", async () => {
    const { limit } = ATTEMPT_LIMITS.login.account[0];
    for (let i = 0; i <= limit; i++) expect((await login("lasta@example.se", `192.0.2.${i}`, i)).allowed).toBe(true);
    expect((await login("lasta@example.se", "192.0.2.0", 30)).allowed).toBe(false);
    const fresh = await login("lasta@example.se", "203.0.113.1", 31);
    expect(fresh.allowed).toBe(true);
  });

  it("gives a success's count back, so only failures add up", async () => {
    for (let i = 0; i < 100; i++) {
      const attempt = await login("agare@example.se", "203.0.113.2", i);
      expect(attempt.allowed).toBe(true);
      if (attempt.allowed) await attempt.succeeded();
    }
  });
});

describe("startRateLimitPruner", () => {
  it("drops windows older than the longest rule in the background, keeps younger ones, and stops when asked", async () => {
    const longest = LONGEST_WINDOW_SECONDS;
    const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);
    // Older than the longest window, and younger than it but older than the shortest.
    await checkRateLimit("contactIp", "pruner-old", ago(longest + 60));
    await checkRateLimit("contactIp", "pruner-young", ago(longest - 60));
    const keys = async () => (await prisma.rateLimit.findMany({ where: { key: { in: [rateLimitKey("contactIp", "pruner-old"), rateLimitKey("contactIp", "pruner-young")] } }, select: { key: true } })).map((r) => r.key);
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
