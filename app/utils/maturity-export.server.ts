import { MATURITY_DATA_LICENSE, MATURITY_DIMENSIONS, MATURITY_SCALE, MIN_GROUP_SIZE } from "~/data/maturity";
import { MUNICIPALITY_GROUPS_SOURCE } from "~/data/municipality-groups";
import { excelCsv } from "./csv.server";

/**
 * The open-data export of aggregate maturity results (CSV and JSON). The rows
 * come from listOpenDataRows(), which already leaves out every group with fewer
 * than MIN_GROUP_SIZE municipalities and blanks small counts.
 */

/** One aggregate of one dimension, for one year and one group (the nation, a county, a municipality group). */
export type OpenDataRow = {
  year: number;
  level: "riket" | "lan" | "kommungrupp";
  code: string;
  name: string;
  municipalities: number;
  dimension: string;
  average: number;
  /** How many scored 0..4; null where the count is suppressed. */
  counts: (number | null)[];
};

export const OPEN_DATA_CSV_COLUMNS = [
  "ar",
  "niva",
  "kod",
  "namn",
  "antal_kommuner",
  "omrade",
  "omrade_namn",
  "medelvarde",
  ...MATURITY_SCALE.map((s) => `antal_poang_${s.value}`),
] as const;

const label = (key: string) => MATURITY_DIMENSIONS.find((d) => d.key === key)?.label ?? key;

/** Semicolon CSV for Swedish Excel; averages with a decimal comma, hidden counts empty. */
export function openDataCsv(rows: readonly OpenDataRow[]): string {
  return excelCsv(
    OPEN_DATA_CSV_COLUMNS,
    rows.map((r) => [
      String(r.year),
      r.level,
      r.code,
      r.name,
      String(r.municipalities),
      r.dimension,
      label(r.dimension),
      r.average.toFixed(2).replace(".", ","),
      ...r.counts.map((c) => (c === null ? "" : String(c))),
    ]),
  );
}

export function openDataJson(rows: readonly OpenDataRow[], generatedAt: Date) {
  return {
    title: "Analysmognad i Sveriges kommuner: sammanställda självskattningar",
    source: MATURITY_DATA_LICENSE.source,
    license: { name: MATURITY_DATA_LICENSE.name, url: MATURITY_DATA_LICENSE.url },
    generatedAt: generatedAt.toISOString(),
    notes: [
      `Bara grupper med minst ${MIN_GROUP_SIZE} kommuner som svarat samma år ingår.`,
      `Antal under ${MIN_GROUP_SIZE} per poäng är dolda (null), liksom ibland ett antal till så att det dolda inte kan räknas fram.`,
      `Kommungrupper enligt ${MUNICIPALITY_GROUPS_SOURCE}.`,
      "Skala 0–4 där 0 betyder att påståendet inte stämmer alls och 4 att det stämmer helt.",
    ],
    dimensions: MATURITY_DIMENSIONS.map((d) => ({ key: d.key, label: d.label, statement: d.statement })),
    rows: rows.map((r) => ({
      year: r.year,
      level: r.level,
      code: r.code,
      name: r.name,
      municipalities: r.municipalities,
      dimension: r.dimension,
      average: r.average,
      counts: Object.fromEntries(r.counts.map((c, i) => [String(i), c])),
    })),
  };
}
