import { describe, expect, it } from "vitest";
import { formatDateTime, formatFileSize, formatNumber, fromStockholmInputValue, toStockholmInputValue } from "./format";

describe("Swedish formatting in Europe/Stockholm", () => {
  it("formats the 6 May 2021 forum as Swedish readers expect", () => {
    // 13.00 in Stockholm in May is 11.00 UTC (summer time).
    expect(formatDateTime(new Date("2021-05-06T11:00:00Z"))).toBe("torsdag 6 maj 2021 kl. 13.00");
  });

  it("uses winter time in January", () => {
    expect(formatDateTime(new Date("2027-01-12T12:00:00Z"))).toBe("tisdag 12 januari 2027 kl. 13.00");
  });

  it("uses a space for thousands and a comma for decimals", () => {
    expect(formatNumber(12345.6).replace(/\s/g, " ")).toBe("12 345,6");
  });

  it("round-trips datetime-local values as Stockholm wall-clock time, across DST", () => {
    for (const value of ["2021-05-06T13:00", "2027-01-12T09:30", "2026-10-25T01:30"]) {
      const date = fromStockholmInputValue(value);
      expect(date).not.toBeNull();
      expect(toStockholmInputValue(date!)).toBe(value);
    }
    expect(fromStockholmInputValue("2021-13-06T13:00")).toBeNull();
    expect(fromStockholmInputValue("nonsense")).toBeNull();
  });
});

describe("formatFileSize", () => {
  it("gives kB under a megabyte and MB with a decimal comma above", () => {
    expect(formatFileSize(340_000)).toBe("340 kB");
    expect(formatFileSize(12)).toBe("1 kB");
    expect(formatFileSize(1_234_567)).toBe("1,2 MB");
    expect(formatFileSize(15_600_000)).toBe("16 MB");
  });
});
