import { MATURITY_DIMENSIONS, MATURITY_MAX_SCORE, MATURITY_TOPIC_TAGS } from "~/data/maturity";
import { isUniqueViolation } from "~/models/transaction.server";
import { prisma } from "~/utils/db.server";
import { maturityYear } from "~/utils/maturity-stats";

// The analytics-maturity part of the seed (seed-database.server.ts): its topic tags,
// and in demo mode invented self-assessments.

/** The topic tags the dimensions recommend by (starter data, not demo data). */
export async function ensureMaturityTags(created: string[]) {
  for (const tag of MATURITY_TOPIC_TAGS) {
    const existing = await prisma.tag.findUnique({ where: { slug: tag.slug }, select: { id: true } });
    if (existing) continue;
    await prisma.tag.create({ data: { slug: tag.slug, name: tag.name, kind: "topic" } });
    created.push(`tagg ${tag.slug}`);
  }
}

/**
 * DEMO DATA, seeded only in demo mode (seedDatabase({ demo: true })): invented
 * self-assessments so the maturity pages have something to show. They are not
 * real answers from these municipalities. They have no submitter, which is how
 * the pages recognise and label them.
 *
 * - This year: enough municipalities in Dalarna and in Borlänge's municipality
 *   group for those comparisons to appear, and exactly four in the tourism group
 *   (and one in Jämtland) so the small-group rule visibly hides them.
 * - Last year: a smaller set including Borlänge, so "change since last year" has
 *   something to compare with once Borlänge submits this year.
 *
 * Idempotent like the upcoming forum: the years are fixed on the first run, and
 * nothing is added once any assessment exists.
 */
export const DEMO_MATURITY = {
  thisYear: [
    // Dalarna (county 20): Falun, Ludvika, Mora, Leksand, Hedemora, Avesta, Malung-Sälen, Rättvik
    "2080",
    "2085",
    "2062",
    "2029",
    "2083",
    "2084",
    "2023",
    "2031",
    // Borlänge's group (kommuner i tätbefolkad region): Leksand and Hedemora above, and
    // Enköping, Motala, Falkenberg, Lidköping
    "0381",
    "0583",
    "1382",
    "1494",
    // Större städer: Falun above, and Kristianstad, Umeå, Örebro, Växjö, Karlstad
    "1290",
    "2480",
    "1880",
    "0780",
    "1780",
    // Turism- och besöksnäringskommuner: Malung-Sälen and Rättvik above, Gotland, Åre = 4 (hidden)
    "0980",
    "2321",
  ],
  lastYear: ["2081", "2080", "2085", "2062", "2029", "2083", "0381", "0583", "1382", "1290", "2480", "1880"],
} as const;

/** A plausible, deterministic demo score: BI ahead, AI and open data behind. */
function demoScore(code: string, dimension: string, yearOffset: number): number {
  const base: Record<string, number> = {
    ownership: 2,
    plan: 1.6,
    bi: 2.6,
    iot: 1.4,
    ai: 0.8,
    competence: 1.6,
    collaboration: 2.2,
    platform: 1.6,
    openData: 1.1,
    culture: 1.8,
  };
  let hash = 0;
  for (const ch of `${code}:${dimension}`) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const jitter = (hash % 5) - 2; // -2..2
  const value = Math.round((base[dimension] ?? 2) + jitter * 0.6 - yearOffset * 0.5);
  return Math.max(0, Math.min(MATURITY_MAX_SCORE, value));
}

export async function ensureDemoMaturity(now: Date, created: string[]) {
  if ((await prisma.maturityAssessment.count()) > 0) return;
  const year = maturityYear(now);
  const known = new Set((await prisma.municipality.findMany({ select: { code: true } })).map((m) => m.code));
  const sets: [number, readonly string[], number][] = [
    [year - 1, DEMO_MATURITY.lastYear, 1],
    [year, DEMO_MATURITY.thisYear, 0],
  ];
  const createdAt = (y: number) => new Date(Date.UTC(y, 2, 15, 9, 0, 0)); // 15 March, demo
  for (const [y, codes, offset] of sets) {
    for (const code of codes) {
      if (!known.has(code)) continue;
      try {
        await prisma.maturityAssessment.create({
          data: {
            municipalityCode: code,
            year: y,
            submittedById: null,
            createdAt: y === year && createdAt(y) > now ? now : createdAt(y),
            scores: { create: MATURITY_DIMENSIONS.map((d) => ({ dimension: d.key, score: demoScore(code, d.key, offset) })) },
          },
        });
      } catch (error) {
        // A seed running at the same time (two instances starting) made it first.
        if (!isUniqueViolation(error)) throw error;
      }
    }
    created.push(`demobedömningar analysmognad ${y}`);
  }
}
