import { describe, expect, it } from "vitest";
import { municipalityPath, slugify } from "./slug";

describe("slugify", () => {
  it("turns å, ä, ö and é into plain letters", () => {
    expect(slugify("Åmål")).toBe("amal");
    expect(slugify("Älvdalen")).toBe("alvdalen");
    expect(slugify("Örnsköldsvik")).toBe("ornskoldsvik");
    expect(slugify("Café Göteborg")).toBe("cafe-goteborg");
  });

  it("joins words with single hyphens and trims the ends", () => {
    expect(slugify("  BI & beslutsstöd!  ")).toBe("bi-beslutsstod");
    expect(slugify("Upplands Väsby")).toBe("upplands-vasby");
    expect(slugify("Malung-Sälen")).toBe("malung-salen");
    expect(slugify("Kommunforum Analytics 6 maj 2021")).toBe("kommunforum-analytics-6-maj-2021");
  });

  it("returns an empty string when nothing usable is left", () => {
    expect(slugify("–!?")).toBe("");
  });

  it("cuts long text without leaving a trailing hyphen", () => {
    const slug = slugify("ord ".repeat(40), 10);
    expect(slug.length).toBeLessThanOrEqual(10);
    expect(slug.endsWith("-")).toBe(false);
  });
});

describe("municipalityPath", () => {
  it("builds the municipality page address from code and short name", () => {
    expect(municipalityPath("2081", "Borlänge")).toBe("/kommun/2081-borlange");
    expect(municipalityPath("1290", "Kristianstad")).toBe("/kommun/1290-kristianstad");
  });
});
