import { beforeAll, describe, expect, it } from "vitest";
import { MATURITY_DIMENSIONS } from "~/data/maturity";
import { prisma } from "~/utils/db.server";
import type { ScoreMap } from "~/utils/maturity-stats";
import { getCurrentAssessment, getMunicipalityResult, getRecommendations, listAssessmentHistory, submitAssessment } from "./maturity-municipality.server";
import { getNationalOverview, listOpenDataRows, resolveResultYear } from "./maturity.server";
import { AffiliationRequiredError } from "./affiliation.server";
import { upsertReferenceData } from "./reference.server";

const YEAR = 2026;
const all = (score: number, overrides: ScoreMap = {}): ScoreMap => ({
  ...Object.fromEntries(MATURITY_DIMENSIONS.map((d) => [d.key, score])),
  ...overrides,
});

let borlangeMember: string;
let kristianstadMember: string;
let pendingBorlangeMember: string;

async function seedYear(year: number, codes: string[], score: number) {
  for (const code of codes) {
    await prisma.maturityAssessment.create({
      data: { municipalityCode: code, year, scores: { create: MATURITY_DIMENSIONS.map((d) => ({ dimension: d.key, score })) } },
    });
  }
}

beforeAll(async () => {
  await upsertReferenceData();
  const member = async (email: string, name: string, municipalityCode: string, affiliationStatus = "verified") =>
    (await prisma.user.create({ data: { email, name, municipalityCode, affiliationStatus, emailVerifiedAt: new Date() } })).id;
  borlangeMember = await member("anna@borlange.example", "Anna Analys", "2081");
  kristianstadMember = await member("erik@kristianstad.example", "Erik", "1290");
  pendingBorlangeMember = await member("bo@gmail.example", "Bo", "2081", "pending");
  // Dalarna (20): Falun, Ludvika, Mora, Leksand = 4 others this year -> with Borlänge 5.
  await seedYear(YEAR, ["2080", "2085", "2062", "2029"], 2);
  // Borlänge's municipality group (tätbefolkad region): Leksand above + Hedemora (Dalarna,
  // but only last year), Enköping, Motala, Falkenberg -> 4 others this year with Leksand.
  await seedYear(YEAR, ["0381", "0583", "1382"], 4);
  // Jämtland: only Åre.
  await seedYear(YEAR, ["2321"], 0);
  await seedYear(YEAR - 1, ["2081", "2080", "2085", "2062", "2029", "2083"], 1);

  const tag = await prisma.tag.create({ data: { slug: "ai", name: "AI", kind: "area" } });
  await prisma.tag.create({ data: { slug: "iot", name: "IoT", kind: "area" } });
  await prisma.case.create({
    data: { slug: "ai-case", title: "Prognoser i hemtjänsten", status: "published", publishedAt: new Date("2026-01-01"), tags: { create: { tagId: tag.id } } },
  });
  await prisma.case.create({ data: { slug: "ai-utkast", title: "Utkast om AI", status: "draft", tags: { create: { tagId: tag.id } } } });
  const category = await prisma.discussionCategory.create({ data: { slug: "ai", name: "AI" } });
  await prisma.thread.create({ data: { categoryId: category.id, title: "Vem har testat prognoser?", slug: "prognoser", tags: { create: { tagId: tag.id } } } });
  await prisma.thread.create({
    data: { categoryId: category.id, title: "Dold tråd", slug: "dold", hiddenAt: new Date(), tags: { create: { tagId: tag.id } } },
  });
  const past = await prisma.event.create({
    data: {
      slug: "forum-ai",
      title: "Forum om AI",
      startsAt: new Date("2026-03-01T12:00:00Z"),
      endsAt: new Date("2026-03-01T13:30:00Z"),
      status: "published",
      tags: { create: { tagId: tag.id } },
      recording: { create: { videoUrl: "https://video.example/1", provider: "file", publishedAt: new Date("2026-03-02") } },
    },
  });
  expect(past.id).toBeTruthy();
});

describe("submitting an assessment", () => {
  it("replaces the current assessment of the year and keeps the old one as history", async () => {
    const t1 = new Date("2026-03-01T10:00:00Z");
    const t2 = new Date("2026-04-01T10:00:00Z");
    const first = await submitAssessment({ userId: borlangeMember, municipalityCode: "2081", year: YEAR, scores: all(1), now: t1 });
    expect(first.replaced).toBe(0);
    const second = await submitAssessment({
      userId: borlangeMember,
      municipalityCode: "2081",
      year: YEAR,
      scores: all(3, { ai: 0, iot: 1, openData: 1 }),
      now: t2,
    });
    expect(second.replaced).toBe(1);

    const rows = await prisma.maturityAssessment.findMany({
      where: { municipalityCode: "2081", year: YEAR },
      orderBy: { createdAt: "asc" },
      select: { id: true, replacedAt: true, _count: { select: { scores: true } } },
    });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: first.id, replacedAt: t2 });
    expect(rows[1]).toMatchObject({ id: second.id, replacedAt: null });
    expect(rows.every((r) => r._count.scores === MATURITY_DIMENSIONS.length)).toBe(true);

    const current = await getCurrentAssessment("2081", YEAR);
    expect(current?.id).toBe(second.id);
    expect(current?.scores.ai).toBe(0);
    expect(current?.submittedBy).toBe("Anna Analys");

    const history = await listAssessmentHistory("2081");
    expect(history.map((h) => [h.year, h.replacedAt === null])).toEqual([
      [YEAR, true],
      [YEAR, false],
      [YEAR - 1, true],
    ]);
    // Last year's assessment is untouched by this year's submissions.
    expect((await getCurrentAssessment("2081", YEAR - 1))?.scores.bi).toBe(1);
  });

  // The three tests below use Kristianstad (1290) and remove its rows afterwards,
  // also when they fail, so the group sizes further down stay as planned.
  const removeKristianstad = () => prisma.maturityAssessment.deleteMany({ where: { municipalityCode: "1290" } });

  it("keeps exactly one current assessment when submissions race", async () => {
    try {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => submitAssessment({ userId: kristianstadMember, municipalityCode: "1290", year: YEAR, scores: all(i % 5) })),
      );
      expect(await prisma.maturityAssessment.count({ where: { municipalityCode: "1290", year: YEAR, replacedAt: null } })).toBe(1);
      expect(await prisma.maturityAssessment.count({ where: { municipalityCode: "1290", year: YEAR } })).toBe(8);
      // They took turns: the first found nothing to replace, each later one its predecessor.
      expect(results.map((r) => r.replaced).sort()).toEqual([0, 1, 1, 1, 1, 1, 1, 1]);
    } finally {
      await removeKristianstad();
    }
  });

  it("has the database refuse a second current assessment, whoever writes it", async () => {
    try {
      await submitAssessment({ userId: kristianstadMember, municipalityCode: "1290", year: YEAR, scores: all(2) });
      await expect(prisma.maturityAssessment.create({ data: { municipalityCode: "1290", year: YEAR } })).rejects.toMatchObject({
        code: "P2002",
      });
      // Replaced rows and other years are not limited.
      await prisma.maturityAssessment.create({ data: { municipalityCode: "1290", year: YEAR, replacedAt: new Date() } });
      await prisma.maturityAssessment.create({ data: { municipalityCode: "1290", year: YEAR - 1 } });
      expect(await prisma.maturityAssessment.count({ where: { municipalityCode: "1290" } })).toBe(3);
    } finally {
      await removeKristianstad();
    }
  });

  it("replaces a current assessment that another writer commits while a submission runs", async () => {
    try {
      // A writer that takes no lock holds an uncommitted current row. On PostgreSQL the
      // submission's insert waits for it and then meets the unique index; it is retried
      // and replaces that row. On SQLite the submission waits for the write lock.
      let inserted!: () => void;
      const otherInserted = new Promise<void>((resolve) => (inserted = resolve));
      const other = prisma.$transaction(async (tx) => {
        const row = await tx.maturityAssessment.create({ data: { municipalityCode: "1290", year: YEAR }, select: { id: true } });
        inserted();
        // The scenario itself: the row stays uncommitted while the submission runs (nothing
        // signals that the submission is waiting on it, so the hold has a length).
        await new Promise((resolve) => setTimeout(resolve, 300));
        return row.id;
      });
      await otherInserted;
      const submitted = await submitAssessment({ userId: kristianstadMember, municipalityCode: "1290", year: YEAR, scores: all(3) });
      const otherId = await other;
      expect(submitted.replaced).toBe(1);
      const rows = await prisma.maturityAssessment.findMany({ where: { municipalityCode: "1290", year: YEAR }, select: { id: true, replacedAt: true } });
      expect(rows.filter((r) => r.replacedAt === null).map((r) => r.id)).toEqual([submitted.id]);
      expect(rows.find((r) => r.id === otherId)?.replacedAt).toBeInstanceOf(Date);
    } finally {
      await removeKristianstad();
    }
  });

  it("refuses anyone but a verified member of the municipality, and stores nothing", async () => {
    const before = await prisma.maturityAssessment.count();
    for (const [userId, code] of [
      [pendingBorlangeMember, "2081"],
      [kristianstadMember, "2081"],
      [borlangeMember, "1290"],
    ] as const) {
      await expect(submitAssessment({ userId, municipalityCode: code, year: YEAR, scores: all(0) })).rejects.toBeInstanceOf(AffiliationRequiredError);
    }
    expect(await prisma.maturityAssessment.count()).toBe(before);
  });

  it("refuses scores outside 0..4 or a missing dimension", async () => {
    await expect(submitAssessment({ userId: borlangeMember, municipalityCode: "2081", year: YEAR, scores: all(5) })).rejects.toThrow();
    await expect(submitAssessment({ userId: borlangeMember, municipalityCode: "2081", year: YEAR, scores: { bi: 2 } })).rejects.toThrow();
    expect(await prisma.maturityAssessment.count({ where: { municipalityCode: "2081", year: YEAR, replacedAt: null } })).toBe(1);
  });
});

describe("the municipality's result page", () => {
  it("shows a member their scores, the change, and comparisons only for groups of 5 or more", async () => {
    const result = await getMunicipalityResult("2081", YEAR, borlangeMember, new Date("2026-06-01"));
    expect(result?.isMember).toBe(true);
    const byKind = Object.fromEntries(result!.comparisons.map((c) => [c.kind, c]));
    // Riket: Borlänge + 4 Dalarna + 3 group + Åre = 9.
    expect(byKind.national).toMatchObject({ n: 9, shown: true });
    // Dalarna: Borlänge + Falun, Ludvika, Mora, Leksand = 5 -> shown.
    expect(byKind.county).toMatchObject({ label: "Dalarnas län", n: 5, shown: true });
    expect(byKind.county!.averages?.bi).toBeCloseTo((3 + 2 * 4) / 5);
    // Group: Borlänge + Leksand + Enköping, Motala, Falkenberg = 5 -> shown.
    expect(byKind.group).toMatchObject({ label: "Kommuner i tätbefolkad region", n: 5, shown: true });

    expect(result!.own?.assessment?.scores.bi).toBe(3);
    expect(result!.own?.change?.bi).toBe(2); // 1 last year -> 3
    expect(result!.own?.change?.ai).toBe(-1);
    const recommended = result!.own!.recommendations;
    expect(recommended.map((r) => r.dimension)).toEqual(["ai", "iot", "openData"]);
    const ai = recommended[0]!;
    expect(ai.cases.map((c) => c.slug)).toEqual(["ai-case"]);
    expect(ai.threads.map((t) => t.slug)).toEqual(["prognoser"]);
    expect(ai.recordings.map((r) => r.slug)).toEqual(["forum-ai"]);
  });

  it("hides a county of 4 and a group of 1", async () => {
    const result = await getMunicipalityResult("2321", YEAR, null);
    const byKind = Object.fromEntries(result!.comparisons.map((c) => [c.kind, c]));
    expect(byKind.county).toMatchObject({ label: "Jämtlands län", n: 1, shown: false, averages: null });
    expect(byKind.group).toMatchObject({ n: 1, shown: false, averages: null });

    // Last year Dalarna had 6, the group 3 (Borlänge, Leksand, Hedemora).
    const lastYear = await getMunicipalityResult("2081", YEAR - 1, borlangeMember);
    const last = Object.fromEntries(lastYear!.comparisons.map((c) => [c.kind, c]));
    expect(last.county).toMatchObject({ n: 6, shown: true });
    expect(last.group).toMatchObject({ n: 3, shown: false, averages: null });
  });

  it("gives other visitors only the aggregates", async () => {
    for (const viewer of [null, kristianstadMember, pendingBorlangeMember]) {
      const result = await getMunicipalityResult("2081", YEAR, viewer);
      expect(result?.isMember).toBe(false);
      expect(result?.own).toBeNull();
    }
    expect(await getMunicipalityResult("9999", YEAR, null)).toBeNull();
    expect(await getMunicipalityResult("x", YEAR, null)).toBeNull();
  });
});

describe("the national overview and the export", () => {
  it("suppresses small counts and hides counties and groups under 5", async () => {
    const overview = await getNationalOverview(YEAR);
    expect(overview.participants).toBe(9);
    const bi = overview.dimensions.find((d) => d.key === "bi")!;
    // bi: Borlänge 3, four Dalarna 2s, three group 4s, Åre 0 -> [1, 0, 4, 1, 3]: all small, zeros kept.
    expect(bi.counts).toEqual([null, 0, null, null, null]);
    const dalarna = overview.counties.find((c) => c.code === "20")!;
    expect(dalarna).toMatchObject({ participants: 5, municipalities: 15 });
    expect(dalarna.aggregate.shown).toBe(true);
    const jamtland = overview.counties.find((c) => c.code === "23")!;
    expect(jamtland.aggregate).toEqual({ n: 1, shown: false, averages: null });
    expect(overview.groups.find((g) => g.key === "turism")!.aggregate.shown).toBe(false);
  });

  it("exports only aggregates of 5 or more", async () => {
    const rows = await listOpenDataRows();
    const areas = new Set(rows.map((r) => `${r.year}:${r.level}:${r.code}`));
    expect([...areas].sort()).toEqual(
      [`${YEAR - 1}:riket:SE`, `${YEAR - 1}:lan:20`, `${YEAR}:riket:SE`, `${YEAR}:lan:20`, `${YEAR}:kommungrupp:tatbefolkad-region`].sort(),
    );
    expect(rows.every((r) => r.municipalities >= 5)).toBe(true);
    expect(rows.filter((r) => r.year === YEAR && r.level === "riket")).toHaveLength(MATURITY_DIMENSIONS.length);
  });

  it("picks the newest year with data unless a plain year is asked for", async () => {
    const now = new Date("2026-06-01T12:00:00Z");
    expect((await resolveResultYear(null, now)).year).toBe(YEAR);
    expect((await resolveResultYear(String(YEAR - 1), now)).year).toBe(YEAR - 1);
    expect((await resolveResultYear("abc", now)).year).toBe(YEAR);
    expect((await resolveResultYear("1900", now)).year).toBe(YEAR);
    expect((await resolveResultYear(null, now)).years).toEqual([YEAR, YEAR - 1]);
  });

  it("recommends nothing for an unknown dimension", async () => {
    expect(await getRecommendations(["nope"])).toEqual([{ dimension: "nope", cases: [], threads: [], recordings: [] }]);
  });
});
