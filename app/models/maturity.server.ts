import type { Prisma } from "@prisma/client";
import { MATURITY_DIMENSIONS } from "~/data/maturity";
import { MUNICIPALITY_GROUPS, municipalityGroupOf } from "~/data/municipality-groups";
import { prisma } from "~/utils/db.server";
import type { OpenDataRow } from "~/utils/maturity-export.server";
import {
  aggregate,
  distribution,
  isShowable,
  maturityYear,
  suppressCounts,
  type AssessmentRow,
  type GroupAggregate,
  type ScoreMap,
} from "~/utils/maturity-stats";

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
 *   to its verified members (maturity-municipality.server.ts, which also takes
 *   submissions); everyone else sees the aggregates of this module, and only for
 *   groups (the nation, a county, a municipality group) with MIN_GROUP_SIZE or
 *   more municipalities that year.
 * - Seeded demo assessments (prisma/seed-maturity.server.ts) have no submitter
 *   (submittedById = null).
 */

/** Where only current assessments (not replaced ones) are read. */
export const currentRows = { replacedAt: null } satisfies Prisma.MaturityAssessmentWhereInput;

export function toScoreMap(scores: { dimension: string; score: number }[]): ScoreMap {
  const map: ScoreMap = {};
  for (const s of scores) map[s.dimension] = s.score;
  return map;
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/** Current assessments of one year with the county of each municipality. */
export async function listCurrentAssessments(year: number): Promise<AssessmentRow[]> {
  const rows = await prisma.maturityAssessment.findMany({
    where: { ...currentRows, year },
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
  const rows = await prisma.maturityAssessment.groupBy({ by: ["year"], where: currentRows, orderBy: { year: "desc" } });
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
export async function countDemoAssessments(year: number): Promise<number> {
  return prisma.maturityAssessment.count({ where: { ...currentRows, year, submittedById: null } });
}

// ---------------------------------------------------------------------------
// Comparisons
// ---------------------------------------------------------------------------

export type Comparison = GroupAggregate & {
  kind: "national" | "county" | "group";
  label: string;
};

export function comparisonsFor(rows: AssessmentRow[], county: { code: string; name: string }, group: { key: string; label: string } | null): Comparison[] {
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

// ---------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------

/** The landing page: this year's participation and whether the viewer can take part. */
export async function getMaturityOverview(now = new Date()) {
  const year = maturityYear(now);
  const [participants, years] = await Promise.all([prisma.maturityAssessment.count({ where: { ...currentRows, year } }), listAssessmentYears()]);
  return { year, participants, latestYear: years[0] ?? null };
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
