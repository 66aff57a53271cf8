import { describe, expect, it } from "vitest";
import { CASE_SECTION_TEMPLATE } from "~/validation/library";
import { CASE_PLACEHOLDER, withoutUnfilledSections } from "./case-sections";

describe("withoutUnfilledSections", () => {
  it("drops every section of the untouched template", () => {
    expect(withoutUnfilledSections(CASE_SECTION_TEMPLATE).trim()).toBe("");
    expect(CASE_SECTION_TEMPLATE).toContain(CASE_PLACEHOLDER);
  });

  it("keeps the intro and the sections with content, in order, and drops empty and placeholder ones", () => {
    const md = [
      "*Inledning.*",
      "",
      "## Bakgrund",
      "",
      "Vi började 2019.",
      "",
      "## Utmaning",
      "",
      "*Att fylla i av kommunen.*",
      "",
      "## Lösning",
      "",
      "Arbetet heter **Smart VA**.",
      "",
      "### Teknik",
      "",
      "Sensorer.",
      "",
      "## Resultat",
      "",
      "## Nästa steg",
      "",
      "att fylla i av kommunen",
    ].join("\n");
    const out = withoutUnfilledSections(md);
    expect([...out.matchAll(/^##+ (.+)$/gm)].map((m) => m[1])).toEqual(["Bakgrund", "Lösning", "Teknik"]);
    expect(out).toContain("*Inledning.*");
    expect(out).not.toMatch(/fylla i/i);
  });

  it("keeps a section that says more than the placeholder, and a text without sections as it is", () => {
    const md = "## Lösning\n\nArbetet heter Smart VA. Att fylla i av kommunen.";
    expect(withoutUnfilledSections(md)).toBe(md);
    expect(withoutUnfilledSections("Bara text.\n\nIngen rubrik.")).toBe("Bara text.\n\nIngen rubrik.");
  });
});
