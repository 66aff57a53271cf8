import { describe, expect, it } from "vitest";
import { MATURITY_TOPIC_TAGS } from "~/data/maturity";
import { prisma } from "~/utils/db.server";
import { getMunicipalityResult } from "~/models/maturity-municipality.server";
import { getNationalOverview } from "~/models/maturity.server";
import { seedDatabase } from "./seed-database.server";

describe("maturity seed", () => {
  it("adds the topic tags always, but demo assessments only in demo mode", async () => {
    const now = new Date("2026-11-29T10:00:00Z");
    await seedDatabase({ now, demo: false });
    expect(await prisma.maturityAssessment.count()).toBe(0);
    expect(await prisma.tag.count({ where: { slug: { in: MATURITY_TOPIC_TAGS.map((t) => t.slug) } } })).toBe(MATURITY_TOPIC_TAGS.length);

    const first = await seedDatabase({ now, demo: true });
    expect(first.created).toContain("demobedömningar analysmognad 2026");
    expect(await prisma.maturityAssessment.count({ where: { submittedById: { not: null } } })).toBe(0);

    // Borlänge's county and group are big enough to compare with; the tourism group is not.
    const borlange = await getMunicipalityResult("2081", 2026, null);
    const kinds = Object.fromEntries(borlange!.comparisons.map((c) => [c.kind, c.shown]));
    expect(kinds).toEqual({ national: true, county: true, group: true });
    const overview = await getNationalOverview(2026);
    const tourism = overview.groups.find((g) => g.key === "turism")!;
    expect(tourism.participants).toBe(4);
    expect(tourism.aggregate.shown).toBe(false);
    expect(overview.demoRows).toBe(overview.participants);

    // Borlänge has last year's assessment only, so the e2e member's submission is this year's first.
    expect(await prisma.maturityAssessment.count({ where: { municipalityCode: "2081", year: 2025 } })).toBe(1);
    expect(await prisma.maturityAssessment.count({ where: { municipalityCode: "2081", year: 2026 } })).toBe(0);

    // A run in the new year adds nothing.
    const count = await prisma.maturityAssessment.count();
    const again = await seedDatabase({ now: new Date("2027-01-05T10:00:00Z"), demo: true });
    expect(again.created).toEqual([]);
    expect(await prisma.maturityAssessment.count()).toBe(count);
  });
});
