import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { getMunicipality, listMunicipalities, loadReferenceData, upsertReferenceData } from "./reference.server";

describe("reference data from the SCB files", () => {
  const { counties, municipalities } = loadReferenceData();
  const byCode = new Map(municipalities.map((m) => [m.code, m]));
  const countyByCode = new Map(counties.map((c) => [c.code, c]));

  it("has 290 municipalities with unique four-digit codes", () => {
    expect(municipalities).toHaveLength(290);
    expect(byCode.size).toBe(290);
    for (const m of municipalities) expect(m.code).toMatch(/^\d{4}$/);
  });

  it("has 21 counties with unique two-digit codes", () => {
    expect(counties).toHaveLength(21);
    expect(countyByCode.size).toBe(21);
    for (const c of counties) expect(c.code).toMatch(/^\d{2}$/);
  });

  it("places every municipality in exactly one existing county, and every county has municipalities", () => {
    for (const m of municipalities) {
      expect(countyByCode.has(m.countyCode), `${m.code} ${m.name}`).toBe(true);
      // The first two digits of a kommunkod are its county code.
      expect(m.code.slice(0, 2)).toBe(m.countyCode);
    }
    for (const c of counties)
      expect(
        municipalities.some((m) => m.countyCode === c.code),
        c.name,
      ).toBe(true);
  });

  it("matches the examples in the facts sheet", () => {
    expect(byCode.get("0180")?.name).toBe("Stockholm");
    expect(byCode.get("1480")?.name).toBe("Göteborg");
    expect(byCode.get("1280")?.name).toBe("Malmö");
    expect(byCode.get("2081")).toMatchObject({ name: "Borlänge", officialName: "Borlänge kommun" });
    expect(countyByCode.get(byCode.get("2081")!.countyCode)?.name).toBe("Dalarnas län");
    expect(byCode.get("1290")).toMatchObject({ name: "Kristianstad", officialName: "Kristianstads kommun" });
    expect(countyByCode.get(byCode.get("1290")!.countyCode)?.name).toBe("Skåne län");
  });

  it("corrects the machine-made long names", () => {
    expect(byCode.get("2514")).toMatchObject({ name: "Kalix", officialName: "Kalix kommun" });
    expect(byCode.get("2513")).toMatchObject({ name: "Överkalix", officialName: "Överkalix kommun" });
    expect(byCode.get("0980")).toMatchObject({ name: "Gotland", officialName: "Region Gotland" });
    expect(municipalities.filter((m) => /xs kommun$/.test(m.officialName))).toEqual([]);
  });
});

describe("reference data in the database", () => {
  it("stays at 290 municipalities and 21 counties however often it is written", async () => {
    expect((await upsertReferenceData()).written).toBe(311);
    expect((await upsertReferenceData()).written).toBe(0);
    expect(await prisma.municipality.count()).toBe(290);
    expect(await prisma.county.count()).toBe(21);
    // A later run repairs a changed row instead of adding one.
    await prisma.municipality.update({ where: { code: "2514" }, data: { officialName: "Kalixs kommun" } });
    expect((await upsertReferenceData()).written).toBe(1);
    expect(await prisma.municipality.count()).toBe(290);
    expect(await prisma.county.count()).toBe(21);
    expect((await getMunicipality("2514"))?.officialName).toBe("Kalix kommun");
  });

  it("lists municipalities in Swedish alphabetical order with their county", async () => {
    await upsertReferenceData();
    const list = await listMunicipalities();
    expect(list).toHaveLength(290);
    const names = list.map((m) => m.name);
    expect(names[0]).toBe("Ale");
    // Å, Ä and Ö come after Z, in that order.
    expect(names.indexOf("Åre")).toBeGreaterThan(names.indexOf("Ystad"));
    expect(names.indexOf("Älmhult")).toBeGreaterThan(names.indexOf("Åre"));
    expect(names.indexOf("Örebro")).toBeGreaterThan(names.indexOf("Älmhult"));
    expect(list.find((m) => m.code === "2081")).toEqual({ code: "2081", name: "Borlänge", countyName: "Dalarnas län" });
  });

  it("finds one municipality by code and rejects unknown or malformed codes", async () => {
    await upsertReferenceData();
    expect(await getMunicipality("1290")).toEqual({
      code: "1290",
      name: "Kristianstad",
      officialName: "Kristianstads kommun",
      countyCode: "12",
      countyName: "Skåne län",
    });
    expect(await getMunicipality("0000")).toBeNull();
    expect(await getMunicipality("12")).toBeNull();
    expect(await getMunicipality("1290'; --")).toBeNull();
  });
});
