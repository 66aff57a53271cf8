import { describe, expect, it } from "vitest";
import { markdownExcerpt } from "./plain-text";

describe("markdownExcerpt", () => {
  it("reduces Markdown to plain text", () => {
    expect(markdownExcerpt("## Rubrik\n\nSe **detta** och [länken](https://x.se).", 400)).toBe("Rubrik Se detta och länken.");
    expect(markdownExcerpt("Före\n```\nkod\n```\n![bild](/u/a.png) | tabell |", 400)).toBe("Före tabell");
  });

  it("cuts at the length given, ending with an ellipsis", () => {
    expect(markdownExcerpt("a".repeat(500), 10)).toBe(`${"a".repeat(9)}…`);
    expect(markdownExcerpt("kort", 10)).toBe("kort");
  });
});
