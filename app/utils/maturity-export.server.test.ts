import { describe, expect, it } from "vitest";
import { OPEN_DATA_CSV_COLUMNS, openDataCsv, openDataJson, type OpenDataRow } from "./maturity-export.server";

const rows: OpenDataRow[] = [
  { year: 2026, level: "riket", code: "SE", name: "Riket", municipalities: 12, dimension: "bi", average: 2.25, counts: [0, null, 6, null, 0] },
  { year: 2026, level: "lan", code: "20", name: "Dalarnas län", municipalities: 5, dimension: "ai", average: 1, counts: [null, 5, 0, 0, null] },
];

describe("open-data export", () => {
  it("writes a Swedish Excel CSV with empty cells for hidden counts", () => {
    const csv = openDataCsv(rows);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe(OPEN_DATA_CSV_COLUMNS.join(";"));
    // A decimal comma is quoted, so a spreadsheet that splits on commas keeps the number whole.
    expect(lines[1]).toBe('2026;riket;SE;Riket;12;bi;BI i drift;"2,25";0;;6;;0');
    expect(lines[2]).toBe('2026;lan;20;Dalarnas län;5;ai;AI och prognoser;"1,00";;5;0;0;');
  });

  it("writes JSON with the licence, the rules and null for hidden counts", () => {
    const json = openDataJson(rows, new Date("2026-11-29T10:00:00Z"));
    expect(json.license.name).toContain("CC0");
    expect(json.notes.join(" ")).toContain("minst 5 kommuner");
    expect(json.rows[0]).toEqual({
      year: 2026,
      level: "riket",
      code: "SE",
      name: "Riket",
      municipalities: 12,
      dimension: "bi",
      average: 2.25,
      counts: { "0": 0, "1": null, "2": 6, "3": null, "4": 0 },
    });
    expect(json.dimensions).toHaveLength(10);
  });
});
