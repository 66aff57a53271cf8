import { describe, expect, it } from "vitest";
import { plainParagraphs } from "./plain-text";

describe("plainParagraphs", () => {
  it("splits on blank lines and joins wrapped lines", () => {
    expect(plainParagraphs("Första raden\nfortsätter.\r\n\r\n  \nAndra stycket.\n\n\n")).toEqual([
      "Första raden fortsätter.",
      "Andra stycket.",
    ]);
  });

  it("returns nothing for an empty description", () => {
    expect(plainParagraphs("  \n\n ")).toEqual([]);
  });
});
