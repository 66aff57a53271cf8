/**
 * Pure helpers that turn poll options into result rows for tables and charts.
 * Shared by server and browser code; no data access.
 */

export const NOT_REPORTED_LABEL = "Ej redovisat";

export type ResultRow = {
  label: string;
  /** Percent of respondents, one decimal at most. */
  percent: number;
  /** Responses behind the percentage; null for imported figures. */
  count: number | null;
  /** True for the "Ej redovisat" remainder row. */
  notReported: boolean;
};

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/**
 * Imported polls carry percentages only, and the source may not account for
 * every respondent (the 6 May 2021 forum: 63 + 10 + 15 = 88 %). The missing part
 * is shown as its own "Ej redovisat" row rather than spread over the options.
 * Returns null when no option has a figure: the poll's resultNote is shown instead.
 */
export function importedResultRows(options: ReadonlyArray<{ label: string; importedPercent: number | null }>): ResultRow[] | null {
  const withFigures = options.filter((o): o is { label: string; importedPercent: number } => o.importedPercent !== null);
  if (withFigures.length === 0) return null;
  const rows: ResultRow[] = withFigures.map((o) => ({
    label: o.label,
    percent: oneDecimal(o.importedPercent),
    count: null,
    notReported: false,
  }));
  const remainder = oneDecimal(100 - rows.reduce((sum, r) => sum + r.percent, 0));
  if (remainder > 0) rows.push({ label: NOT_REPORTED_LABEL, percent: remainder, count: null, notReported: true });
  return rows;
}

/**
 * Whole percentages that add up to exactly 100 (largest-remainder method):
 * round every share down, then give the missing points to the largest remainders.
 * All zeros when there are no responses.
 */
export function largestRemainderPercentages(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, c) => sum + c, 0);
  if (total <= 0) return counts.map(() => 0);
  const exact = counts.map((c) => (c / total) * 100);
  const floors = exact.map(Math.floor);
  let missing = 100 - floors.reduce((sum, f) => sum + f, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    // Ties go to the earlier option, so the result is stable.
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    floors[index] = (floors[index] ?? 0) + 1;
    missing -= 1;
  }
  return floors;
}

/**
 * Rows for a poll answered on the site. Single choice: shares of all answers that
 * add up to 100. Multiple choice: the share of respondents who picked each option
 * (these may add up to more than 100).
 */
export function countedResultRows(options: ReadonlyArray<{ label: string; count: number }>, respondents: number, multipleChoice: boolean): ResultRow[] {
  const percents = multipleChoice
    ? options.map((o) => (respondents > 0 ? Math.round((o.count / respondents) * 100) : 0))
    : largestRemainderPercentages(options.map((o) => o.count));
  return options.map((o, i) => ({ label: o.label, percent: percents[i] ?? 0, count: o.count, notReported: false }));
}

// ---------------------------------------------------------------------------
// Breakdowns with small-number suppression
// ---------------------------------------------------------------------------

/** A group (a county, a municipality group) with fewer respondents than this is not shown. */
export const MIN_GROUP_SIZE = 5;

export type BreakdownGroup = { key: string; label: string; respondents: number; rows: ResultRow[] };
export type Breakdown = {
  groups: BreakdownGroup[];
  /**
   * Groups left out because they had fewer than MIN_GROUP_SIZE respondents, or to keep
   * such a group from being worked out from the totals. Their names and sizes are not returned.
   */
  suppressedGroups: number;
  /** Respondents who gave no municipality (or one outside every group). */
  ungrouped: number;
};

/**
 * Results per group. Each response counts in the group its `group` function names
 * (null: in none). Groups below MIN_GROUP_SIZE are dropped before anything about
 * them leaves this function, so callers cannot leak them by mistake.
 */
export function breakdownBy<R extends { optionIds: readonly string[] }>(
  responses: readonly R[],
  options: ReadonlyArray<{ id: string; label: string }>,
  multipleChoice: boolean,
  group: (response: R) => { key: string; label: string } | null,
): Breakdown {
  const groups = new Map<string, { label: string; respondents: number; counts: Map<string, number> }>();
  let ungrouped = 0;
  for (const response of responses) {
    const g = group(response);
    if (!g) {
      ungrouped++;
      continue;
    }
    let entry = groups.get(g.key);
    if (!entry) groups.set(g.key, (entry = { label: g.label, respondents: 0, counts: new Map() }));
    entry.respondents++;
    for (const id of response.optionIds) entry.counts.set(id, (entry.counts.get(id) ?? 0) + 1);
  }
  // Complementary suppression: the whole poll's numbers minus the shown groups give
  // the hidden groups and the ungrouped respondents together. When that remainder
  // holds a hidden group and fewer than MIN_GROUP_SIZE people, the next smallest
  // group is hidden too, until the remainder is large enough (or nothing is shown).
  const small = [...groups].filter(([, e]) => e.respondents < MIN_GROUP_SIZE);
  const large = [...groups].filter(([, e]) => e.respondents >= MIN_GROUP_SIZE).sort((a, b) => a[1].respondents - b[1].respondents);
  let remainder = small.reduce((sum, [, e]) => sum + e.respondents, 0);
  const hidden = new Set(small.map(([key]) => key));
  if (remainder > 0) {
    remainder += ungrouped;
    for (const [key, entry] of large) {
      if (remainder >= MIN_GROUP_SIZE) break;
      hidden.add(key);
      remainder += entry.respondents;
    }
  }
  const shown: BreakdownGroup[] = [];
  const suppressedGroups = hidden.size;
  for (const [key, entry] of groups) {
    if (hidden.has(key)) continue;
    shown.push({
      key,
      label: entry.label,
      respondents: entry.respondents,
      rows: countedResultRows(
        options.map((o) => ({ label: o.label, count: entry.counts.get(o.id) ?? 0 })),
        entry.respondents,
        multipleChoice,
      ),
    });
  }
  shown.sort((a, b) => a.label.localeCompare(b.label, "sv"));
  return { groups: shown, suppressedGroups, ungrouped };
}

// ---------------------------------------------------------------------------
// Trends: the same question asked at several forums
// ---------------------------------------------------------------------------

export type TrendPoint = {
  code: string;
  question: string;
  eventTitle: string;
  date: string | Date;
  respondents: number | null;
  rows: ResultRow[];
};

/**
 * A table across occasions: one row per answer label (in order of first
 * appearance), one cell per occasion (null where that occasion lacked the answer).
 */
export function trendTable(points: readonly TrendPoint[]): { labels: string[]; cells: Array<Array<number | null>> } {
  const labels: string[] = [];
  for (const point of points) for (const row of point.rows) if (!labels.includes(row.label)) labels.push(row.label);
  const cells = labels.map((label) => points.map((p) => p.rows.find((r) => r.label === label)?.percent ?? null));
  return { labels, cells };
}

/** Rows for any poll: imported percentages or counted votes. Null when there are no figures. */
export function resultRowsFor(poll: {
  imported: boolean;
  multipleChoice: boolean;
  respondents: number;
  options: ReadonlyArray<{ label: string; importedPercent: number | null; count: number }>;
}): ResultRow[] | null {
  return poll.imported ? importedResultRows(poll.options) : countedResultRows(poll.options, poll.respondents, poll.multipleChoice);
}
