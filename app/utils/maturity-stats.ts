import { MATURITY_DIMENSIONS, MATURITY_MAX_SCORE, MIN_GROUP_SIZE, RECOMMENDED_DIMENSIONS } from "~/data/maturity";
import { TIME_ZONE } from "./format";

/**
 * The arithmetic of the maturity benchmark, kept free of the database so it can
 * be tested on its own: averages per group, the small-group rule, suppression of
 * small counts, the weakest dimensions and the assessment year. Shared by server
 * and browser code.
 */

export type ScoreMap = Record<string, number>;

export type AssessmentRow = {
  municipalityCode: string;
  countyCode: string;
  scores: ScoreMap;
};

export type GroupAggregate = {
  /** Municipalities in the group with an assessment. */
  n: number;
  /** n >= MIN_GROUP_SIZE: only then are the averages given. */
  shown: boolean;
  /** Average per dimension (unrounded); null when the group is too small. */
  averages: Record<string, number> | null;
};

/** The calendar year an assessment made at `now` belongs to, in Swedish time. */
export function maturityYear(now: Date = new Date()): number {
  const year = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, year: "numeric" }).format(now);
  return Number(year);
}

/** True when a group of n municipalities may be shown. */
export function isShowable(n: number, min = MIN_GROUP_SIZE): boolean {
  return n >= min;
}

/** Averages per dimension for a group, withheld when fewer than MIN_GROUP_SIZE took part. */
export function aggregate(rows: readonly AssessmentRow[], min = MIN_GROUP_SIZE): GroupAggregate {
  const n = rows.length;
  if (!isShowable(n, min)) return { n, shown: false, averages: null };
  const averages: Record<string, number> = {};
  for (const { key } of MATURITY_DIMENSIONS) {
    const values = rows.map((r) => r.scores[key]).filter((v): v is number => typeof v === "number");
    // A dimension added after some assessments were made counts only where answered,
    // and follows the same small-group rule.
    if (isShowable(values.length, min)) averages[key] = values.reduce((s, v) => s + v, 0) / values.length;
  }
  return { n, shown: true, averages };
}

/** How many municipalities gave each score 0..4 on one dimension. */
export function distribution(rows: readonly AssessmentRow[], dimension: string): number[] {
  const counts = Array.from({ length: MATURITY_MAX_SCORE + 1 }, () => 0);
  for (const row of rows) {
    const score = row.scores[dimension];
    if (typeof score === "number" && score >= 0 && score <= MATURITY_MAX_SCORE) counts[score]! += 1;
  }
  return counts;
}

/**
 * Small-cell suppression for a row of counts whose total is published: a count of
 * 1..min-1 becomes null. When only one cell would be hidden it could be worked out
 * from the total, so the smallest other non-zero count is hidden too.
 */
export function suppressCounts(counts: readonly number[], min = MIN_GROUP_SIZE): (number | null)[] {
  const small = (c: number) => c > 0 && c < min;
  const result: (number | null)[] = counts.map((c) => (small(c) ? null : c));
  const hidden = result.filter((c) => c === null).length;
  if (hidden === 1) {
    let pick = -1;
    counts.forEach((c, i) => {
      if (result[i] !== null && c > 0 && (pick < 0 || c < counts[pick]!)) pick = i;
    });
    if (pick >= 0) result[pick] = null;
  }
  return result;
}

/** Mean of the dimension averages (the "overall" figure of a group), or null. */
export function overallAverage(averages: Record<string, number> | null): number | null {
  if (!averages) return null;
  const values = Object.values(averages);
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
}

/**
 * The dimensions to recommend material for: the lowest scores first, ties in the
 * order of the data file, leaving out dimensions already at the top of the scale.
 */
export function weakestDimensions(scores: ScoreMap, n = RECOMMENDED_DIMENSIONS): string[] {
  return MATURITY_DIMENSIONS.map((d, order) => ({ key: d.key, order, score: scores[d.key] }))
    .filter((d): d is { key: string; order: number; score: number } => typeof d.score === "number" && d.score < MATURITY_MAX_SCORE)
    .sort((a, b) => a.score - b.score || a.order - b.order)
    .slice(0, n)
    .map((d) => d.key);
}

/** Change per dimension since an earlier assessment; null where either side is missing. */
export function changeSince(current: ScoreMap, previous: ScoreMap | null): Record<string, number | null> {
  const change: Record<string, number | null> = {};
  for (const { key } of MATURITY_DIMENSIONS) {
    const now = current[key];
    const before = previous?.[key];
    change[key] = typeof now === "number" && typeof before === "number" ? now - before : null;
  }
  return change;
}

/** "2,3": averages are shown with one decimal, Swedish style. */
export function formatAverage(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return value.toLocaleString("sv-SE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** "+1", "−2", "±0" */
export function formatChange(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  if (value > 0) return `+${value}`;
  if (value < 0) return `−${Math.abs(value)}`;
  return "±0";
}

/** Swedish genitive of a place name: "Borlänges", but "Västerås" and "Kalix" stay as they are. */
export function genitive(name: string): string {
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}
