import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { lookUpPollCode } from "./poll-vote.server";
import { RATE_LIMITS } from "./rate-limit.server";

const CODE = "RATT7";

beforeAll(async () => {
  const event = await prisma.event.create({
    data: { slug: "forum-koder", title: "Forum", startsAt: new Date("2030-05-06T11:00:00Z"), endsAt: new Date("2030-05-06T12:30:00Z"), status: "published" },
    select: { id: true },
  });
  await prisma.poll.create({ data: { eventId: event.id, code: CODE, question: "Finns koden?", state: "open" } });
});

describe("poll code lookups per IP", () => {
  it("a sweep of wrong codes is stopped, and then a real code is refused too; other addresses are unaffected", async () => {
    const ip = "203.0.113.10";
    const { limit } = RATE_LIMITS.pollCodeMissIp;
    for (let i = 0; i < limit; i++) {
      const miss = await lookUpPollCode(`FEL${String(i).padStart(2, "0")}`, ip);
      expect(miss).toEqual({ poll: null, limited: null });
    }
    const stopped = await lookUpPollCode("FELXX", ip);
    expect(stopped.poll).toBeNull();
    expect(stopped.limited?.retryAfterSeconds).toBeGreaterThan(0);
    // The limit must not tell an existing code from a wrong one.
    const real = await lookUpPollCode(CODE, ip);
    expect(real.poll).toBeNull();
    expect(real.limited).not.toBeNull();
    expect((await lookUpPollCode(CODE, "203.0.113.11")).poll?.question).toBe("Finns koden?");
  });

  it("codes that exist do not count as misses: a whole municipality behind one address can vote", async () => {
    const ip = "198.51.100.7";
    for (let i = 0; i < 400; i++) expect((await lookUpPollCode(CODE, ip)).poll?.code).toBe(CODE);
    // Typos from the same address on top of that are still answered as plain misses.
    for (let i = 0; i < 20; i++) expect(await lookUpPollCode("FELKO", ip)).toEqual({ poll: null, limited: null });
  });
});
