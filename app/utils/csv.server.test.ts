import { describe, expect, it } from "vitest";
import { excelCsv } from "./csv.server";

describe("excelCsv", () => {
  it("writes a BOM, semicolons and CRLF, and quotes what needs it", () => {
    const csv = excelCsv(["Namn", "Kommun"], [["Åsa Öberg", "Borlänge"], ['Anna "Annie"; Berg', "Rad\nbrytning"]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const body = csv.slice(1);
    expect(body.startsWith("Namn;Kommun\r\nÅsa Öberg;Borlänge\r\n")).toBe(true);
    expect(body).toContain('"Anna ""Annie""; Berg";"Rad\nbrytning"');
    expect(body.endsWith("\r\n")).toBe(true);
  });

  it("defuses cells that Excel would read as formulas", () => {
    const csv = excelCsv(["Namn"], [["=HYPERLINK(\"http://evil\")"], ["@SUM(A1)"], ["-1"]]);
    expect(csv).toContain("'=HYPERLINK");
    expect(csv).toContain("'@SUM(A1)");
    expect(csv).toContain("'-1");
  });
});
