import { describe, expect, it } from "vitest";
import { pollCsv, pollJson, type PollExport } from "./poll-export.server";
import { breakdownBy, importedResultRows, trendTable } from "./poll-results";

const imported: PollExport = {
  code: "K21A",
  question: "Har din kommun en samordnare?",
  multipleChoice: false,
  imported: true,
  resultNote: "",
  respondents: null,
  event: { title: "Kommunforum Analytics 6 maj 2021", startsAt: new Date("2021-05-06T11:00:00Z") },
  rows: importedResultRows([
    { label: "Ja", importedPercent: 10 },
    { label: "Nej", importedPercent: 63 },
    { label: "Vet ej", importedPercent: 15 },
  ]),
};

describe("poll downloads", () => {
  it("CSV for Swedish Excel: BOM, semicolons, decimal comma, the unreported share as its own row, no count", () => {
    const csv = pollCsv(imported);
    expect(csv.startsWith("\uFEFFkod;fraga;forum;datum;svar;antal;andel_procent;antal_svarande\r\n")).toBe(true);
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(5);
    expect(lines[2]).toBe("K21A;Har din kommun en samordnare?;Kommunforum Analytics 6 maj 2021;2021-05-06;Nej;;63;");
    expect(lines[4]).toContain(";Ej redovisat;;12;");
  });

  it("CSV neutralises cells that Excel would run as formulas", () => {
    const csv = pollCsv({ ...imported, question: '=HYPERLINK("x")', rows: null, resultNote: "Inga siffror." });
    expect(csv).toContain("'=HYPERLINK");
  });

  it("JSON has the figures, n and breakdowns without the hidden groups", () => {
    const options = [
      { id: "a", label: "Ja" },
      { id: "b", label: "Nej" },
    ];
    const responses = [
      ...Array.from({ length: 5 }, () => ({ optionIds: ["a"], county: "Dalarnas län" })),
      ...Array.from({ length: 2 }, () => ({ optionIds: ["b"], county: "Skåne län" })),
      // Three who gave no municipality: enough cover that the hidden group cannot be worked out.
      ...Array.from({ length: 3 }, () => ({ optionIds: ["b"], county: null })),
    ];
    const county = breakdownBy(responses, options, false, (r) => (r.county ? { key: r.county, label: r.county } : null));
    const body = pollJson({ ...imported, imported: false, respondents: 10, rows: [] }, { url: "http://x/undersokningar/K21A", breakdowns: { county } });
    expect(body.respondents).toBe(10);
    expect(body.breakdowns.county).toMatchObject({ minimumGroupSize: 5, suppressedGroups: 1, groups: [{ label: "Dalarnas län", respondents: 5 }] });
    expect(JSON.stringify(body)).not.toContain("Skåne");
  });

  it("trend tables line up answers across occasions", () => {
    const point = (code: string, rows: Array<[string, number]>) => ({
      code,
      question: "Q",
      eventTitle: "F",
      date: "2021-05-06",
      respondents: null,
      rows: rows.map(([label, percent]) => ({ label, percent, count: null, notReported: false })),
    });
    expect(
      trendTable([
        point("A", [
          ["Ja", 10],
          ["Nej", 63],
        ]),
        point("B", [
          ["Nej", 40],
          ["Ja", 50],
          ["Vet ej", 10],
        ]),
      ]),
    ).toEqual({
      labels: ["Ja", "Nej", "Vet ej"],
      cells: [
        [10, 50],
        [63, 40],
        [null, 10],
      ],
    });
  });
});
