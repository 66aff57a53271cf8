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
export function countedResultRows(
  options: ReadonlyArray<{ label: string; count: number }>,
  respondents: number,
  multipleChoice: boolean,
): ResultRow[] {
  const percents = multipleChoice
    ? options.map((o) => (respondents > 0 ? Math.round((o.count / respondents) * 100) : 0))
    : largestRemainderPercentages(options.map((o) => o.count));
  return options.map((o, i) => ({ label: o.label, percent: percents[i] ?? 0, count: o.count, notReported: false }));
}
