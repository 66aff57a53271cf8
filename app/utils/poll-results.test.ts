import { describe, expect, it } from "vitest";
import {
  breakdownBy,
  countedResultRows,
  importedResultRows,
  largestRemainderPercentages,
  MIN_GROUP_SIZE,
  NOT_REPORTED_LABEL,
  resultRowsFor,
} from "./poll-results";

describe("importedResultRows", () => {
  it("adds an 'Ej redovisat' row for the part the source did not report (6 May 2021)", () => {
    const rows = importedResultRows([
      { label: "Nej", importedPercent: 63 },
      { label: "Ja", importedPercent: 10 },
      { label: "Vet ej", importedPercent: 15 },
    ]);
    expect(rows).toEqual([
      { label: "Nej", percent: 63, count: null, notReported: false },
      { label: "Ja", percent: 10, count: null, notReported: false },
      { label: "Vet ej", percent: 15, count: null, notReported: false },
      { label: NOT_REPORTED_LABEL, percent: 12, count: null, notReported: true },
    ]);
  });

  it("adds no remainder row when the figures already make 100 %", () => {
    const rows = importedResultRows([
      { label: "A", importedPercent: 33.3 },
      { label: "B", importedPercent: 33.3 },
      { label: "C", importedPercent: 33.4 },
    ]);
    expect(rows?.map((r) => r.label)).toEqual(["A", "B", "C"]);
  });

  it("keeps the remainder free of floating-point noise", () => {
    const rows = importedResultRows([
      { label: "A", importedPercent: 10.1 },
      { label: "B", importedPercent: 20.2 },
    ]);
    expect(rows?.at(-1)).toMatchObject({ label: NOT_REPORTED_LABEL, percent: 69.7 });
  });

  it("adds no negative remainder when the figures exceed 100 %", () => {
    const rows = importedResultRows([
      { label: "A", importedPercent: 70 },
      { label: "B", importedPercent: 40 },
    ]);
    expect(rows?.some((r) => r.notReported)).toBe(false);
  });

  it("returns null when no option has a figure, so the result note is shown instead", () => {
    expect(importedResultRows([{ label: "Bristande kompetens", importedPercent: null }])).toBeNull();
    expect(importedResultRows([])).toBeNull();
  });

  it("leaves out options without a figure when others have one", () => {
    const rows = importedResultRows([
      { label: "A", importedPercent: 50 },
      { label: "B", importedPercent: null },
    ]);
    expect(rows?.map((r) => r.label)).toEqual(["A", NOT_REPORTED_LABEL]);
  });
});

describe("largestRemainderPercentages", () => {
  it("makes thirds add up to 100", () => {
    expect(largestRemainderPercentages([1, 1, 1])).toEqual([34, 33, 33]);
  });

  it("gives the missing points to the largest remainders", () => {
    // 14.29 / 28.57 / 57.14 -> floors 14 / 28 / 57 = 99; 28.57 has the largest remainder.
    expect(largestRemainderPercentages([1, 2, 4])).toEqual([14, 29, 57]);
  });

  it("returns zeros when nobody answered", () => {
    expect(largestRemainderPercentages([0, 0])).toEqual([0, 0]);
  });

  it("always sums to 100 when there are answers", () => {
    for (const counts of [[7, 3, 9, 1], [1, 1, 1, 1, 1, 1, 1], [999, 1], [5]]) {
      expect(largestRemainderPercentages(counts).reduce((a, b) => a + b, 0)).toBe(100);
    }
  });
});

describe("ties and empty polls", () => {
  it("gives a tied extra point to the earlier option", () => {
    expect(largestRemainderPercentages([1, 1, 1])).toEqual([34, 33, 33]);
    expect(largestRemainderPercentages([1, 1, 1, 1, 1, 1])).toEqual([17, 17, 17, 17, 16, 16]);
  });

  it("shows 0 % for every option of a multiple-choice poll nobody answered", () => {
    expect(countedResultRows([{ label: "A", count: 0 }], 0, true)).toEqual([{ label: "A", percent: 0, count: 0, notReported: false }]);
  });

  it("resultRowsFor takes imported percentages or counted votes", () => {
    const options = [
      { label: "Ja", importedPercent: 60, count: 1 },
      { label: "Nej", importedPercent: 40, count: 3 },
    ];
    expect(resultRowsFor({ imported: true, multipleChoice: false, respondents: 4, options })?.map((r) => [r.percent, r.count])).toEqual([
      [60, null],
      [40, null],
    ]);
    expect(resultRowsFor({ imported: false, multipleChoice: false, respondents: 4, options })?.map((r) => [r.percent, r.count])).toEqual([
      [25, 1],
      [75, 3],
    ]);
  });
});

describe("countedResultRows", () => {
  it("uses shares of respondents for multiple choice", () => {
    const rows = countedResultRows(
      [
        { label: "A", count: 3 },
        { label: "B", count: 2 },
      ],
      4,
      true,
    );
    expect(rows.map((r) => r.percent)).toEqual([75, 50]);
  });

  it("uses largest-remainder shares for single choice", () => {
    const rows = countedResultRows(
      [
        { label: "A", count: 1 },
        { label: "B", count: 2 },
      ],
      3,
      false,
    );
    expect(rows.map((r) => r.percent)).toEqual([33, 67]);
  });
});

describe("breakdownBy and the small-group rule at its edge", () => {
  const options = [
    { id: "ja", label: "Ja" },
    { id: "nej", label: "Nej" },
  ];
  type Vote = { optionIds: string[]; county: string | null };
  const votes = (county: string | null, ...picks: string[][]): Vote[] => picks.map((optionIds) => ({ optionIds, county }));
  const byCounty = (r: Vote) => (r.county ? { key: r.county, label: `${r.county} län` } : null);

  it("hides a group of exactly 4 and shows one of exactly 5, and nothing of the hidden group leaves", () => {
    expect(MIN_GROUP_SIZE).toBe(5);
    const responses = [
      ...votes("Uppsala", ["ja"], ["ja"], ["nej"], ["ja"]),
      ...votes("Dalarnas", ["ja"], ["nej"], ["nej"], ["nej"], ["ja"]),
      ...votes(null, ["ja"], ["nej"]),
    ];
    const result = breakdownBy(responses, options, false, byCounty);
    expect(result).toEqual({
      groups: [
        {
          key: "Dalarnas",
          label: "Dalarnas län",
          respondents: 5,
          rows: [
            { label: "Ja", percent: 40, count: 2, notReported: false },
            { label: "Nej", percent: 60, count: 3, notReported: false },
          ],
        },
      ],
      suppressedGroups: 1,
      ungrouped: 2,
    });
    expect(JSON.stringify(result)).not.toContain("Uppsala");
  });

  it("counts respondents, not ticks, for a multiple-choice group, and sorts groups by Swedish name", () => {
    const responses = [
      ...votes("Örebro", ["ja", "nej"], ["ja"], ["ja"], ["nej"], []),
      ...votes("Östergötlands", ["ja"], ["ja"], ["ja"], ["ja"], ["ja"]),
      ...votes("Blekinge", ["nej"], ["nej"], ["nej"], ["nej"], ["nej"], ["ja"]),
    ];
    const result = breakdownBy(responses, options, true, byCounty);
    expect(result.groups.map((g) => [g.label, g.respondents])).toEqual([
      ["Blekinge län", 6],
      ["Örebro län", 5],
      ["Östergötlands län", 5],
    ]);
    expect(result.groups[1]!.rows.map((r) => [r.count, r.percent])).toEqual([
      [3, 60],
      [2, 40],
    ]);
    expect(result).toMatchObject({ suppressedGroups: 0, ungrouped: 0 });
  });

  it("hides the next smallest group too when the totals would give a hidden group away", () => {
    const responses = [
      ...votes("Gotlands", ["ja"], ["ja"], ["nej"]),
      ...votes("Dalarnas", ["ja"], ["nej"], ["nej"], ["nej"], ["ja"]),
      ...votes("Skåne", ["ja"], ["ja"], ["ja"], ["ja"], ["ja"], ["nej"]),
    ];
    // All answers minus Dalarna and Skåne would be Gotland's three: Dalarna (5) goes too.
    const alone = breakdownBy(responses, options, false, byCounty);
    expect(alone.groups.map((g) => g.key)).toEqual(["Skåne"]);
    expect(alone.suppressedGroups).toBe(2);
    // One ungrouped respondent is not enough cover (3 + 1 < 5) ...
    expect(breakdownBy([...responses, ...votes(null, ["ja"])], options, false, byCounty).groups.map((g) => g.key)).toEqual(["Skåne"]);
    // ... two are: the remainder mixes five people whose groups are unknown.
    const covered = breakdownBy([...responses, ...votes(null, ["ja"], ["nej"])], options, false, byCounty);
    expect(covered.groups.map((g) => g.key)).toEqual(["Dalarnas", "Skåne"]);
    expect(covered.suppressedGroups).toBe(1);
  });

  it("hides every group when none reaches five, and counts them", () => {
    const responses = [...votes("A", ["ja"], ["ja"], ["ja"], ["ja"]), ...votes("B", ["nej"])];
    expect(breakdownBy(responses, options, false, byCounty)).toEqual({ groups: [], suppressedGroups: 2, ungrouped: 0 });
    expect(breakdownBy([], options, false, byCounty)).toEqual({ groups: [], suppressedGroups: 0, ungrouped: 0 });
  });
});
