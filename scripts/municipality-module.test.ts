import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { MUNICIPALITIES_BY_COUNTY } from "~/data/municipalities";
import { MODULE_PATH, renderMunicipalityModule } from "./municipality-module";

describe("the municipality module the forms use", () => {
  it("is what the reference data gives (else: npx tsx scripts/municipality-module.ts)", () => {
    expect(fs.readFileSync(MODULE_PATH, "utf8")).toBe(renderMunicipalityModule());
  });

  it("holds the 290 municipalities in 21 counties, each once", () => {
    const codes = MUNICIPALITIES_BY_COUNTY.flatMap(([, rows]) => rows.map(([code]) => code));
    expect(MUNICIPALITIES_BY_COUNTY).toHaveLength(21);
    expect(new Set(codes).size).toBe(290);
  });
});
