import { describe, expect, it } from "vitest";
import { MATURITY_DIMENSIONS } from "~/data/maturity";
import {
  aggregate,
  changeSince,
  distribution,
  formatAverage,
  formatChange,
  genitive,
  maturityYear,
  overallAverage,
  suppressCounts,
  weakestDimensions,
  type AssessmentRow,
  type ScoreMap,
} from "./maturity-stats";

const all = (score: number): ScoreMap => Object.fromEntries(MATURITY_DIMENSIONS.map((d) => [d.key, score]));
const row = (code: string, score: number, countyCode = "20"): AssessmentRow => ({ municipalityCode: code, countyCode, scores: all(score) });

describe("aggregate and the small-group rule", () => {
  it("hides a group of 4 municipalities", () => {
    const result = aggregate([row("2080", 1), row("2085", 2), row("2062", 3), row("2029", 4)]);
    expect(result).toEqual({ n: 4, shown: false, averages: null });
  });

  it("shows a group of 5 with the average per dimension", () => {
    const result = aggregate([row("2080", 0), row("2085", 1), row("2062", 2), row("2029", 3), row("2083", 4)]);
    expect(result.n).toBe(5);
    expect(result.shown).toBe(true);
    expect(result.averages?.ownership).toBe(2);
    expect(Object.keys(result.averages ?? {})).toEqual(MATURITY_DIMENSIONS.map((d) => d.key));
  });

  it("averages each dimension on its own", () => {
    const rows = [0, 1, 2, 3, 4].map((i) => ({ municipalityCode: `20${i}0`, countyCode: "20", scores: { ...all(1), bi: i, ai: 4 } }));
    const result = aggregate(rows);
    expect(result.averages?.bi).toBe(2);
    expect(result.averages?.ai).toBe(4);
    expect(result.averages?.plan).toBe(1);
    expect(overallAverage({ a: 1, b: 2 })).toBe(1.5);
    expect(overallAverage(null)).toBeNull();
  });

  it("leaves out a dimension fewer than 5 municipalities answered", () => {
    const rows = [0, 1, 2, 3, 4].map((i) => {
      const scores = all(2);
      if (i > 1) delete scores.iot;
      return { municipalityCode: `20${i}0`, countyCode: "20", scores };
    });
    const result = aggregate(rows);
    expect(result.shown).toBe(true);
    expect(result.averages).not.toHaveProperty("iot");
    expect(result.averages?.bi).toBe(2);
  });
});

describe("distribution and small-cell suppression", () => {
  it("counts how many gave each score", () => {
    const rows = [0, 0, 1, 4, 4, 4].map((s, i) => row(`100${i}`, s));
    expect(distribution(rows, "bi")).toEqual([2, 1, 0, 0, 3]);
    // Scores outside 0..4 and missing ones are not counted.
    const odd = [-1, 5, 2].map((score, i) => ({ municipalityCode: `200${i}`, countyCode: "20", scores: { bi: score } }));
    expect(distribution([...odd, { municipalityCode: "2009", countyCode: "20", scores: {} }], "bi")).toEqual([0, 0, 1, 0, 0]);
  });

  it("hides counts of 1 to 4 and keeps zeros and counts of 5 or more", () => {
    expect(suppressCounts([0, 5, 7, 3, 2])).toEqual([0, 5, 7, null, null]);
    expect(suppressCounts([5, 6, 0, 0, 9])).toEqual([5, 6, 0, 0, 9]);
  });

  it("hides a second count when a single hidden one could be worked out from the total", () => {
    // total 20 is published: with only the 2 hidden, 20 - 5 - 6 - 7 = 2 would give it away.
    expect(suppressCounts([0, 5, 6, 7, 2])).toEqual([0, null, 6, 7, null]);
  });

  it("at the edge: a count of exactly 4 is hidden, exactly 5 is shown unless it must cover a single hidden one", () => {
    expect(suppressCounts([5, 0, 5])).toEqual([5, 0, 5]);
    expect(suppressCounts([4, 0, 0])).toEqual([null, 0, 0]);
    // The 4 alone would follow from the total: the 5 is hidden with it.
    expect(suppressCounts([4, 5, 0])).toEqual([null, null, 0]);
    // The smallest other count is the one hidden, the first of equals.
    expect(suppressCounts([9, 4, 6, 6])).toEqual([9, null, null, 6]);
    expect(suppressCounts([9, 1, 3, 6])).toEqual([9, null, null, 6]);
    expect(suppressCounts([1, 2, 3, 4, 5])).toEqual([null, null, null, null, 5]);
    // The first count can be the one hidden with it; an earlier smaller count stays the pick.
    expect(suppressCounts([5, 0, 3])).toEqual([null, 0, null]);
    expect(suppressCounts([5, 6, 0, 2])).toEqual([null, 6, 0, null]);
    // With another threshold the same rule applies.
    expect(suppressCounts([2, 3], 3)).toEqual([null, null]);
  });
});

describe("weakest dimensions", () => {
  it("picks the three lowest scores, ties in data-file order", () => {
    const scores = { ...all(3), ai: 0, openData: 1, iot: 1, bi: 1 };
    expect(weakestDimensions(scores)).toEqual(["ai", "bi", "iot"]);
  });

  it("keeps the data file's order among equal scores", () => {
    expect(weakestDimensions(all(1))).toEqual(MATURITY_DIMENSIONS.slice(0, 3).map((d) => d.key));
    expect(weakestDimensions(all(1), 5)).toEqual(MATURITY_DIMENSIONS.slice(0, 5).map((d) => d.key));
  });

  it("never recommends for dimensions already at the top", () => {
    expect(weakestDimensions(all(4))).toEqual([]);
    expect(weakestDimensions({ ...all(4), culture: 3 })).toEqual(["culture"]);
  });
});

describe("change since last year", () => {
  it("is the difference per dimension, null where last year is missing", () => {
    const change = changeSince({ ...all(2), bi: 4 }, { ...all(3), bi: 1 });
    expect(change.bi).toBe(3);
    expect(change.ai).toBe(-1);
    expect(changeSince(all(2), null).bi).toBeNull();
    expect([formatChange(2), formatChange(-1), formatChange(0), formatChange(null)]).toEqual(["+2", "−1", "±0", "–"]);
    expect(formatAverage(2.25)).toMatch(/^2,[23]$/);
    expect(formatAverage(null)).toBe("–");
    // A dimension missing this year has no change either, and undefined prints as a dash.
    expect(changeSince({ bi: 2 }, all(3)).ai).toBeNull();
    expect([formatAverage(undefined), formatChange(undefined)]).toEqual(["–", "–"]);
  });

  it("gives place names their Swedish genitive", () => {
    expect(["Borlänge", "Västerås", "Kalix", "Luleå", "Oxelösund", "Lidköping"].map(genitive)).toEqual([
      "Borlänges",
      "Västerås",
      "Kalix",
      "Luleås",
      "Oxelösunds",
      "Lidköpings",
    ]);
  });
});

describe("the assessment year follows Swedish time", () => {
  it("is already the new year in Stockholm before it is in UTC", () => {
    // 23.30 UTC on 31 December is 00.30 on 1 January in Stockholm (CET, UTC+1).
    expect(maturityYear(new Date("2025-12-31T23:30:00Z"))).toBe(2026);
    expect(maturityYear(new Date("2025-12-31T22:59:59Z"))).toBe(2025);
    expect(maturityYear(new Date("2026-01-01T00:00:00+01:00"))).toBe(2026);
    expect(maturityYear(new Date("2026-06-30T23:30:00Z"))).toBe(2026);
  });
});

describe("genitive of place names", () => {
  it("adds an s except after s, x and z", () => {
    expect(genitive("Borlänge")).toBe("Borlänges");
    expect(genitive("Västerås")).toBe("Västerås");
    expect(genitive("Kalix")).toBe("Kalix");
  });
});
