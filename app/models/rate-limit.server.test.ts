import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  ATTEMPT_LIMITS,
  beginAttempt,
  checkRateLimit,
  clearRateLimit,
  enforceRateLimit,
  formRateLimit,
  hit,
  pruneRateLimits,
  RATE_LIMITS,
  rateLimitKey,
  resetRateLimit,
} from "./rate-limit.server";

const rule = { limit: 10, windowSeconds: 15 * 60 };
const t0 = new Date("2026-05-06T11:00:00.000Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe("hit", () => {
  it("allows the limit and refuses the next hit with the time left in the window", async () => {
    const results = [];
    for (let i = 0; i < 11; i++) results.push(await hit("test:eleven", rule, at(i)));
    expect(results.slice(0, 10).every((r) => r.allowed)).toBe(true);
    expect(results.map((r) => r.remaining).slice(0, 10)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(results.slice(0, 10).every((r) => r.retryAfterSeconds === 0)).toBe(true);
    const eleventh = results[10]!;
    expect(eleventh.allowed).toBe(false);
    expect(eleventh.remaining).toBe(0);
    expect(eleventh.retryAfterSeconds).toBe(15 * 60 - 10); // the window opened at t0, this hit came 10 s later
  });

  it("lets exactly 10 of 50 concurrent hits through", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => hit("test:concurrent", rule, at(0))));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(results.filter((r) => !r.allowed).every((r) => r.retryAfterSeconds > 0)).toBe(true);
  });

  it("stays exact when several processes hit the same key at once", async () => {
    const run = promisify(execFile);
    const tsx = path.resolve("node_modules", ".bin", "tsx");
    const child = path.resolve("app", "test", "fixtures", "rate-limit-hits.ts");
    const startAt = String(Date.now() + 4000); // all children are connected by then
    const outputs = await Promise.all([0, 1, 2].map(() => run(tsx, [child, "test:processes", "20", "10", startAt], { env: process.env })));
    const allowed = outputs.map((o) => (JSON.parse(o.stdout.trim()) as { allowed: number }).allowed);
    expect(allowed.reduce((a, b) => a + b, 0)).toBe(10);
    expect((await hit("test:processes", rule)).allowed).toBe(false);
  }, 60_000);

  it("starts a new window once the old one is over", async () => {
    for (let i = 0; i < 12; i++) await hit("test:window", rule, at(i));
    expect((await hit("test:window", rule, at(15 * 60 - 1))).allowed).toBe(false);
    const fresh = await hit("test:window", rule, at(15 * 60));
    expect(fresh).toEqual({ allowed: true, remaining: 9, retryAfterSeconds: 0, count: 1 });
    // The new window runs from the hit that opened it.
    for (let i = 0; i < 9; i++) await hit("test:window", rule, at(15 * 60 + 1));
    expect((await hit("test:window", rule, at(30 * 60 - 1))).retryAfterSeconds).toBe(1);
    expect((await hit("test:window", rule, at(30 * 60))).allowed).toBe(true);
  });

  it("keeps keys apart", async () => {
    for (let i = 0; i < 10; i++) await hit("test:a", rule, at(0));
    expect((await hit("test:a", rule, at(1))).allowed).toBe(false);
    expect((await hit("test:b", rule, at(1))).allowed).toBe(true);
    await resetRateLimit("test:a");
    expect((await hit("test:a", rule, at(2))).remaining).toBe(9);
    // Resetting one key leaves the others counting.
    expect((await hit("test:b", rule, at(2))).remaining).toBe(8);
  });
});

describe("pruneRateLimits", () => {
  it("removes only windows older than the given age", async () => {
    await hit("test:old", rule, at(-2 * 86400));
    await hit("test:recent", rule, at(0));
    const removed = await pruneRateLimits({ olderThanSeconds: 86400, now: at(60) });
    expect(removed).toBeGreaterThanOrEqual(1);
    expect((await hit("test:old", rule, at(60))).remaining).toBe(9); // counted from scratch
    expect((await hit("test:recent", rule, at(60))).remaining).toBe(8); // kept
  });

  it("by default removes windows that started more than a day ago", async () => {
    const now = new Date();
    await hit("test:prune-day", rule, new Date(now.getTime() - 86_400_000 - 60_000));
    await hit("test:prune-hour", rule, new Date(now.getTime() - 3_600_000));
    await pruneRateLimits();
    expect((await hit("test:prune-day", rule, now)).remaining).toBe(9); // counted from scratch
    expect((await hit("test:prune-hour", rule, new Date(now.getTime() - 3_600_000 + 1000))).remaining).toBe(8); // kept
  });
});

describe("named limits", () => {
  it("has the agreed numbers", () => {
    expect(RATE_LIMITS).toEqual({
      signupAddress: { limit: 5, windowSeconds: 3600 },
      signupIp: { limit: 100, windowSeconds: 3600 },
      resetIp: { limit: 5, windowSeconds: 3600 },
      resetAccount: { limit: 3, windowSeconds: 3600 },
      resendVerificationIp: { limit: 3, windowSeconds: 3600 },
      contactSender: { limit: 5, windowSeconds: 3600 },
      contactIp: { limit: 100, windowSeconds: 3600 },
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
    for (let i = 0; i < RATE_LIMITS.resendVerificationIp.limit; i++)
      await expect(enforceRateLimit("resendVerificationIp", "198.51.100.44")).resolves.toBeUndefined();
    const thrown = await enforceRateLimit("resendVerificationIp", "198.51.100.44").then(
      () => null,
      (r: unknown) => r,
    );
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(429);
    expect(Number((thrown as Response).headers.get("Retry-After"))).toBeGreaterThan(3500);
    // Another subject is not affected.
    await expect(enforceRateLimit("resendVerificationIp", "198.51.100.45")).resolves.toBeUndefined();
  });

  it("formRateLimit refuses a sender past their limit while others behind the same IP go on", async () => {
    const now = new Date("2026-05-06T12:00:00Z");
    const ip = "198.51.100.60";
    for (let i = 0; i < RATE_LIMITS.contactSender.limit; i++) {
      expect(
        await formRateLimit(
          [
            ["contactSender", "anna@kommun.example"],
            ["contactIp", ip],
          ],
          now,
        ),
      ).toBeNull();
    }
    const refused = await formRateLimit(
      [
        ["contactSender", "anna@kommun.example"],
        ["contactIp", ip],
      ],
      new Date(now.getTime() + 60_000),
    );
    expect(refused?.retryAfterSeconds).toBeGreaterThan(3000);
    // A colleague on the same NAT address is still let through.
    expect(
      await formRateLimit(
        [
          ["contactSender", "erik@kommun.example"],
          ["contactIp", ip],
        ],
        now,
      ),
    ).toBeNull();
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
