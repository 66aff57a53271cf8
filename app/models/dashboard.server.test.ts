import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { coverage, nextForumStats } from "./dashboard.server";
import { seedDatabase } from "../../prisma/seed-database.server";

describe("the organizer's dashboard", () => {
  it("shows how many of the 290 municipalities the seeded data reaches, per county", async () => {
    await seedDatabase();
    const { counties, totals } = await coverage();
    expect(counties).toHaveLength(21);
    expect(totals.total).toBe(290);
    // The demo members and the two cases are from Borlänge and Kristianstad.
    expect(totals.withMember).toBe(2);
    expect(totals.withCase).toBe(2);
    expect(totals.neverReached).toBe(288);
    const dalarna = counties.find((c) => c.name === "Dalarnas län")!;
    expect(dalarna.withMember).toBe(1);
    expect(dalarna.neverReached.map((m) => m.name)).not.toContain("Borlänge");
    expect(dalarna.neverReached).toHaveLength(dalarna.total - 1);
  });

  it("counts the next forum's registrations by status and per day", async () => {
    await seedDatabase();
    const next = await nextForumStats();
    expect(next?.slug).toBe("kommunforum-analytics-nasta");
    await prisma.registration.createMany({
      data: [
        { eventId: next!.id, email: "a@x.se", name: "A", status: "confirmed", consentedAt: new Date() },
        { eventId: next!.id, email: "b@x.se", name: "B", status: "waitlisted", waitlistSeq: 1, consentedAt: new Date() },
        { eventId: next!.id, email: "c@x.se", name: "C", status: "cancelled", consentedAt: new Date() },
      ],
    });
    const stats = await nextForumStats();
    expect(stats).toMatchObject({ confirmed: 1, waitlisted: 1 });
    expect(stats!.perDay).toHaveLength(14);
    expect(stats!.perDay.at(-1)!.n).toBe(2);
  });
});
