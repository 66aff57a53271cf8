import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { excelCsv } from "./csv.server";

/** What a spreadsheet runs as a formula when a cell starts with it. */
const FORMULA = /^[=+\-@\t\r]/;

describe("excelCsv", () => {
  it("writes a BOM, semicolons and CRLF, and quotes what needs it", () => {
    const csv = excelCsv(
      ["Namn", "Kommun"],
      [
        ["Åsa Öberg", "Borlänge"],
        ['Anna "Annie"; Berg', "Rad\nbrytning"],
      ],
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const body = csv.slice(1);
    expect(body.startsWith("Namn;Kommun\r\nÅsa Öberg;Borlänge\r\n")).toBe(true);
    expect(body).toContain('"Anna ""Annie""; Berg";"Rad\nbrytning"');
    expect(body.endsWith("\r\n")).toBe(true);
  });

  it("defuses cells that Excel would read as formulas: =, +, -, @, TAB and CR", () => {
    const csv = excelCsv(["Namn"], [['=HYPERLINK("http://evil")'], ["+1+cmd"], ["-1"], ["@SUM(A1)"], ["\t=1+1"], ["\r=1+1"]]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain("'+1+cmd");
    expect(csv).toContain("'-1");
    expect(csv).toContain("'@SUM(A1)");
    expect(csv).toContain(`"'\t'=1+1"`);
    expect(csv).toContain(`"'\r'=1+1"`);
    // Read back with the intended delimiter, every value is the text that went in, apostrophe first.
    const rows = parse(csv, { bom: true, delimiter: ";" }) as string[][];
    expect(rows.slice(1).map((r) => r[0]![0])).toEqual(["'", "'", "'", "'", "'", "'"]);
  });

  it("quotes fields with a comma or a TAB, so a spreadsheet that splits on them keeps the field whole", () => {
    const csv = excelCsv(
      ["Namn", "Kommun"],
      [
        ["x,=cmd|' /C calc'!A0", "Borlänge"],
        ["a\tb", "c"],
      ],
    );
    expect(csv).toContain(`"x,'=cmd|' /C calc'!A0";Borlänge`);
    expect(csv).toContain(`"a\tb";c`);
  });

  it("starts no cell with a formula, whatever delimiter a spreadsheet splits on", () => {
    const hostile = ["x,=cmd|' /C calc'!A0", "a;+1", "b\t-2", "c\n@SUM(A1)", "d\r=1", "e,\t=1", "f;\r+1", "=g", "ok"];
    const csv = excelCsv(["A", "B", "C"], [hostile.slice(0, 3), hostile.slice(3, 6), hostile.slice(6, 9)]);
    for (const delimiter of [";", ",", "\t"]) {
      const cells = (parse(csv, { bom: true, delimiter, relax_quotes: true, relax_column_count: true }) as string[][]).flat();
      expect(
        cells.filter((c) => FORMULA.test(c)),
        `delimiter ${JSON.stringify(delimiter)}`,
      ).toEqual([]);
    }
    // A naive split on any delimiter and any line break, quotes left in place.
    const naive = csv
      .slice(1)
      .split(/\r\n|\r|\n|[;,\t]/)
      .map((c) => c.replace(/^"/, ""));
    expect(naive.filter((c) => FORMULA.test(c))).toEqual([]);
  });
});
