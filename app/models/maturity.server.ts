import type { Prisma } from "@prisma/client";
import { MATURITY_DIMENSIONS, MATURITY_MAX_SCORE } from "~/data/maturity";
import { MUNICIPALITY_GROUPS, municipalityGroupOf } from "~/data/municipality-groups";
import { prisma } from "~/utils/db.server";
import {
  aggregate,
  changeSince,
  distribution,
  isShowable,
  maturityYear,
  suppressCounts,
  weakestDimensions,
  type AssessmentRow,
  type GroupAggregate,
  type ScoreMap,
} from "~/utils/maturity-stats";
import type { OpenDataRow } from "~/utils/maturity-export.server";
import { AffiliationRequiredError, isVerifiedMemberOf } from "./affiliation.server";
import { lockMunicipalityMaturity } from "./locks.server";
import { isUniqueViolation, transaction, TX_OPTIONS } from "./transaction.server";

/**
 * The analytics-maturity self-assessment ("Analysmognad").
 *
 * - One current assessment per municipality and year (replacedAt = null). A new
 *   submission the same year sets replacedAt on the old one and creates the new
 *   one in one transaction, so the history is kept and there is always exactly one
 *   current row. The database guarantees it with a partial unique index
 *   ("MaturityAssessment_current_key", migration maturity_current_unique). On
 *   SQLite the transaction starts with the write, so it holds the write lock
 *   before anything is read; on PostgreSQL it first locks the municipality row
 *   (lockMunicipalityMaturity), so concurrent submissions take turns, and one
 *   that still meets the index (a writer that did not lock) is retried.
 * - Who sees what: a municipality's own scores, history and recommendations only
 *   to its verified members; everyone else sees aggregates, and only for groups
 *   (the nation, a county, a municipality group) with MIN_GROUP_SIZE or more
 *   municipalities that year.
 * - Seeded demo assessments (prisma/seed-maturity.server.ts) have no submitter
 *   (submittedById = null).
 */

const current = { replacedAt: null } satisfies Prisma.MaturityAssessmentWhereInput;

function toScoreMap(scores: { dimension: string; score: number }[]): ScoreMap {
  const map: ScoreMap = {};
  for (const s of scores) map[s.dimension] = s.score;
  return map;
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

export type CurrentAssessment = {
  id: string;
  year: number;
  createdAt: Date;
  submittedBy: string | null;
  scores: ScoreMap;
};

/** The municipality's current assessment for a year, or null. */
export async function getCurrentAssessment(municipalityCode: string, year: number): Promise<CurrentAssessment | null> {
  const row = await prisma.maturityAssessment.findFirst({
    where: { ...current, municipalityCode, year },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      year: true,
      createdAt: true,
      submittedBy: { select: { name: true, deletedAt: true } },
      scores: { select: { dimension: true, score: true } },
    },
  });
  if (!row) return null;
  return {
    id: row.id,
    year: row.year,
    createdAt: row.createdAt,
    submittedBy: row.submittedBy && !row.submittedBy.deletedAt ? row.submittedBy.name : null,
    scores: toScoreMap(row.scores),
  };
}

/** Every submission of a municipality, newest first, replaced ones included. */
export async function listAssessmentHistory(municipalityCode: string) {
  const rows = await prisma.maturityAssessment.findMany({
    where: { municipalityCode },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
    take: 50,
    select: {
      id: true,
      year: true,
      createdAt: true,
      replacedAt: true,
      submittedBy: { select: { name: true, deletedAt: true } },
    },
  });
  return rows.map(({ submittedBy, ...row }) => ({
    ...row,
    submittedBy: submittedBy && !submittedBy.deletedAt ? submittedBy.name : null,
  }));
}

/** Current assessments of one year with the county of each municipality. */
export async function listCurrentAssessments(year: number): Promise<AssessmentRow[]> {
  const rows = await prisma.maturityAssessment.findMany({
    where: { ...current, year },
    select: {
      municipalityCode: true,
      municipality: { select: { countyCode: true } },
      scores: { select: { dimension: true, score: true } },
    },
  });
  return rows.map((r) => ({ municipalityCode: r.municipalityCode, countyCode: r.municipality.countyCode, scores: toScoreMap(r.scores) }));
}

/** Years that have at least one current assessment, newest first. */
export async function listAssessmentYears(): Promise<number[]> {
  const rows = await prisma.maturityAssessment.groupBy({ by: ["year"], where: current, orderBy: { year: "desc" } });
  return rows.map((r) => r.year);
}

/**
 * The year a results page shows: the requested one when it is a plain year,
 * otherwise the newest year with data, otherwise this year.
 */
export async function resolveResultYear(requested: string | null, now = new Date()): Promise<{ year: number; years: number[] }> {
  const years = await listAssessmentYears();
  const thisYear = maturityYear(now);
  if (requested && /^\d{4}$/.test(requested)) {
    const year = Number(requested);
    if (year >= 2000 && year <= thisYear + 1) return { year, years };
  }
  return { year: years[0] ?? thisYear, years };
}

/** A municipality's code and display name, or null for an unknown code. */
export async function getMunicipalityName(code: string): Promise<{ code: string; name: string } | null> {
  if (!/^\d{4}$/.test(code)) return null;
  return prisma.municipality.findUnique({ where: { code }, select: { code: true, name: true } });
}

/** Rows of seeded demo data (no submitter) among a year's current assessments. */
async function countDemoAssessments(year: number): Promise<number> {
  return prisma.maturityAssessment.count({ where: { ...current, year, submittedById: null } });
}

// ---------------------------------------------------------------------------
// Submitting
// ---------------------------------------------------------------------------

export type SubmitInput = {
  userId: string;
  municipalityCode: string;
  year: number;
  scores: ScoreMap;
  now?: Date;
};

/**
 * Stores a municipality's assessment for the year. An earlier current one is
 * marked replaced (kept as history) in the same transaction. Only a verified
 * member of the municipality may (AffiliationRequiredError otherwise).
 */
export async function submitAssessment({ userId, municipalityCode, year, scores, now = new Date() }: SubmitInput) {
  const rows = MATURITY_DIMENSIONS.map(({ key }) => {
    const score = scores[key];
    if (typeof score !== "number" || !Number.isInteger(score) || score < 0 || score > MATURITY_MAX_SCORE) {
      throw new Error(`Ogiltig poäng för ${key}`);
    }
    return { dimension: key, score };
  });
  const write = () =>
    transaction(async (tx) => {
      await lockMunicipalityMaturity(tx, municipalityCode);
      // Checked in the write itself: a claim changed a moment ago does not slip through.
      if (!(await isVerifiedMemberOf(tx, userId, municipalityCode))) throw new AffiliationRequiredError();
      const replaced = await tx.maturityAssessment.updateMany({
        where: { ...current, municipalityCode, year },
        data: { replacedAt: now },
      });
      const created = await tx.maturityAssessment.create({
        data: { municipalityCode, year, submittedById: userId, createdAt: now, scores: { create: rows } },
        select: { id: true },
      });
      return { id: created.id, replaced: replaced.count };
    }, TX_OPTIONS);
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      // Another current row was committed between our UPDATE and INSERT: the
      // next attempt replaces it, as if it had come first.
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

// ---------------------------------------------------------------------------
// Comparisons
// ---------------------------------------------------------------------------

export type Comparison = GroupAggregate & {
  kind: "national" | "county" | "group";
  label: string;
};

function comparisonsFor(rows: AssessmentRow[], county: { code: string; name: string }, group: { key: string; label: string } | null): Comparison[] {
  const list: Comparison[] = [
    { kind: "national", label: "Riket", ...aggregate(rows) },
    { kind: "county", label: county.name, ...aggregate(rows.filter((r) => r.countyCode === county.code)) },
  ];
  if (group) {
    list.push({
      kind: "group",
      label: group.label,
      ...aggregate(rows.filter((r) => municipalityGroupOf(r.municipalityCode)?.key === group.key)),
    });
  }
  return list;
}

export type Recommendation = {
  dimension: string;
  cases: { slug: string; title: string }[];
  threads: { id: string; slug: string; title: string }[];
  recordings: { slug: string; title: string; startsAt: Date }[];
};

const RECOMMENDATIONS_PER_KIND = 3;

/** Published cases, visible threads and public recordings tagged for each dimension. */
export async function getRecommendations(dimensions: string[], now = new Date()): Promise<Recommendation[]> {
  return Promise.all(
    dimensions.map(async (dimension) => {
      const tagSlugs = [...(MATURITY_DIMENSIONS.find((d) => d.key === dimension)?.tagSlugs ?? [])];
      const tagged = { some: { tag: { slug: { in: tagSlugs } } } };
      const [cases, threads, recordings] = await Promise.all([
        prisma.case.findMany({
          where: { status: "published", tags: tagged },
          orderBy: [{ publishedAt: "desc" }, { title: "asc" }],
          take: RECOMMENDATIONS_PER_KIND,
          select: { slug: true, title: true },
        }),
        prisma.thread.findMany({
          where: { hiddenAt: null, mergedIntoId: null, tags: tagged },
          orderBy: [{ voteCount: "desc" }, { lastActivityAt: "desc" }],
          take: RECOMMENDATIONS_PER_KIND,
          select: { id: true, slug: true, title: true },
        }),
        prisma.event.findMany({
          where: {
            status: "published",
            endsAt: { lt: now },
            tags: tagged,
            recording: { is: { publishedAt: { lte: now } } },
          },
          orderBy: { startsAt: "desc" },
          take: RECOMMENDATIONS_PER_KIND,
          select: { slug: true, title: true, startsAt: true },
        }),
      ]);
      return { dimension, cases, threads, recordings };
    }),
  );
}

// ---------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------

/** The landing page: this year's participation and whether the viewer can take part. */
export async function getMaturityOverview(now = new Date()) {
  const year = maturityYear(now);
  const [participants, years] = await Promise.all([
    prisma.maturityAssessment.count({ where: { ...current, year } }),
    listAssessmentYears(),
  ]);
  return { year, participants, latestYear: years[0] ?? null };
}

/**
 * The result page of one municipality for one year. `own` (scores, change,
 * recommendations, history) is filled in only when the viewer (a user id) is a
 * verified member of the municipality.
 */
export async function getMunicipalityResult(code: string, year: number, viewerId: string | null, now = new Date()) {
  if (!/^\d{4}$/.test(code)) return null;
  const municipality = await prisma.municipality.findUnique({
    where: { code },
    select: { code: true, name: true, officialName: true, county: { select: { code: true, name: true } } },
  });
  if (!municipality) return null;
  const group = municipalityGroupOf(code);
  const [rows, demoRows] = await Promise.all([listCurrentAssessments(year), countDemoAssessments(year)]);
  const comparisons = comparisonsFor(rows, municipality.county, group);
  const isMember = !!viewerId && (await isVerifiedMemberOf(prisma, viewerId, code));

  let own: {
    assessment: CurrentAssessment | null;
    previous: CurrentAssessment | null;
    change: Record<string, number | null> | null;
    recommendations: Recommendation[];
    history: Awaited<ReturnType<typeof listAssessmentHistory>>;
  } | null = null;
  if (isMember) {
    const [assessment, previous, history] = await Promise.all([
      getCurrentAssessment(code, year),
      getCurrentAssessment(code, year - 1),
      listAssessmentHistory(code),
    ]);
    own = {
      assessment,
      previous,
      change: assessment && previous ? changeSince(assessment.scores, previous.scores) : null,
      recommendations: assessment ? await getRecommendations(weakestDimensions(assessment.scores), now) : [],
      history,
    };
  }
  return { municipality, group, year, comparisons, isMember, own, demoRows };
}

export type CountyRow = {
  code: string;
  name: string;
  municipalities: number;
  participants: number;
  aggregate: GroupAggregate;
};

/** The national overview of one year: distribution per dimension, counties and groups. */
export async function getNationalOverview(year: number) {
  const [rows, counties, demoRows] = await Promise.all([
    listCurrentAssessments(year),
    prisma.county.findMany({ select: { code: true, name: true, _count: { select: { municipalities: true } } } }),
    countDemoAssessments(year),
  ]);
  const national = aggregate(rows);
  const shown = isShowable(rows.length);
  const dimensions = MATURITY_DIMENSIONS.map((d) => {
    const counts = distribution(rows, d.key);
    return {
      key: d.key,
      counts: shown ? suppressCounts(counts) : counts.map(() => null),
      average: national.averages?.[d.key] ?? null,
    };
  });
  const countyRows: CountyRow[] = counties
    .map((c) => {
      const inCounty = rows.filter((r) => r.countyCode === c.code);
      return {
        code: c.code,
        name: c.name,
        municipalities: c._count.municipalities,
        participants: inCounty.length,
        aggregate: aggregate(inCounty),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, "sv"));
  const groupRows = MUNICIPALITY_GROUPS.map((g) => {
    const inGroup = rows.filter((r) => municipalityGroupOf(r.municipalityCode)?.key === g.key);
    return { key: g.key, label: g.label, description: g.description, participants: inGroup.length, aggregate: aggregate(inGroup) };
  });
  return { year, participants: rows.length, national, dimensions, counties: countyRows, groups: groupRows, demoRows };
}

// ---------------------------------------------------------------------------
// Open data
// ---------------------------------------------------------------------------

/** Aggregates of every year that pass the small-group rule, for the CSV and JSON export. */
export async function listOpenDataRows(): Promise<OpenDataRow[]> {
  const [years, counties] = await Promise.all([
    listAssessmentYears(),
    prisma.county.findMany({ select: { code: true, name: true }, orderBy: { code: "asc" } }),
  ]);
  const out: OpenDataRow[] = [];
  for (const year of [...years].sort((a, b) => a - b)) {
    const rows = await listCurrentAssessments(year);
    const levels: { level: OpenDataRow["level"]; code: string; name: string; rows: AssessmentRow[] }[] = [
      { level: "riket", code: "SE", name: "Riket", rows },
      ...counties.map((c) => ({ level: "lan" as const, code: c.code, name: c.name, rows: rows.filter((r) => r.countyCode === c.code) })),
      ...MUNICIPALITY_GROUPS.map((g) => ({
        level: "kommungrupp" as const,
        code: g.key,
        name: g.label,
        rows: rows.filter((r) => municipalityGroupOf(r.municipalityCode)?.key === g.key),
      })),
    ];
    for (const entry of levels) {
      const agg = aggregate(entry.rows);
      if (!agg.shown || !agg.averages) continue;
      for (const d of MATURITY_DIMENSIONS) {
        const average = agg.averages[d.key];
        if (average === undefined) continue;
        out.push({
          year,
          level: entry.level,
          code: entry.code,
          name: entry.name,
          municipalities: agg.n,
          dimension: d.key,
          average: Math.round(average * 100) / 100,
          counts: suppressCounts(distribution(entry.rows, d.key)),
        });
      }
    }
  }
  return out;
}
