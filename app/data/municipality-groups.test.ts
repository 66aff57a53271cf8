import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  MUNICIPALITY_GROUPS,
  municipalityCodesInGroup,
  municipalityGroupOf,
} from "./municipality-groups";

const csv = readFileSync(
  path.resolve(__dirname, "../../prisma/reference/municipality_county.csv"),
  "utf8",
);
const codes = csv
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split(",")[0]!);

describe("municipality groups", () => {
  it("the reference list has the 290 municipalities", () => {
    expect(new Set(codes).size).toBe(290);
  });

  it("maps every one of the 290 municipality codes to a group", () => {
    const unmapped = codes.filter((code) => municipalityGroupOf(code) === null);
    expect(unmapped).toEqual([]);
  });

  it("puts every code in exactly one group and lists no unknown codes", () => {
    const all = MUNICIPALITY_GROUPS.flatMap((g) => municipalityCodesInGroup(g.key));
    expect(all).toHaveLength(290);
    expect(new Set(all).size).toBe(290);
    expect([...all].sort()).toEqual([...codes].sort());
  });

  it("gives known municipalities their published group", () => {
    expect(municipalityGroupOf("0180")?.label).toBe("Storstäder");
    expect(municipalityGroupOf("2081")?.key).toBe("tatbefolkad-region"); // Borlänge
    expect(municipalityGroupOf("2080")?.key).toBe("storre-stader"); // Falun
    expect(municipalityGroupOf("0980")?.key).toBe("turism"); // Gotland
  });

  it("returns null for codes that are not municipalities", () => {
    expect(municipalityGroupOf("9999")).toBeNull();
    expect(municipalityGroupOf("")).toBeNull();
    expect(municipalityCodesInGroup("nope")).toEqual([]);
  });
});
