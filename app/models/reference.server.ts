import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { prisma } from "~/utils/db.server";
import { cachedReference } from "./reference-cache.server";

/**
 * Reference data: Sweden's 21 counties (län) and 290 municipalities with their
 * SCB codes, read from prisma/reference/*.csv (CC0, see the README there).
 */
export type ReferenceCounty = {
  code: string; // "20"
  name: string; // "Dalarnas län"
  shortName: string; // "Dalarna"
};

export type ReferenceMunicipality = {
  code: string; // "2081"
  name: string; // "Borlänge", the form the site displays
  officialName: string; // "Borlänge kommun"
  countyCode: string; // "20"
};

export type ReferenceData = {
  counties: ReferenceCounty[];
  municipalities: ReferenceMunicipality[];
};

const REFERENCE_DIR = ["prisma", "reference"] as const;

// The source builds long names as "<short name>s kommun", which is wrong for
// these; Gotland is a municipality that calls itself a region.
const OFFICIAL_NAME_FIXES: Readonly<Record<string, string>> = {
  "2513": "Överkalix kommun", // source: "Överkalixs kommun"
  "2514": "Kalix kommun", // source: "Kalixs kommun"
  "0980": "Region Gotland", // source: "Gotlands kommun"
};

type CountyRow = { county_code: string; county_name: string; county_name_short: string };
type MunicipalityRow = {
  municipality_code: string;
  municipality_name: string;
  municipality_name_short: string;
  county_code: string;
};

function readCsv<T>(file: string): T[] {
  const text = fs.readFileSync(path.resolve(process.cwd(), ...REFERENCE_DIR, file), "utf8");
  return parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as T[];
}

let cached: ReferenceData | undefined;

/** Parses both files once per process. Throws if a row is malformed. */
export function loadReferenceData(): ReferenceData {
  if (cached) return cached;
  const counties = readCsv<CountyRow>("counties.csv").map((row): ReferenceCounty => {
    if (!/^\d{2}$/.test(row.county_code) || !row.county_name || !row.county_name_short) {
      throw new Error(`counties.csv: ogiltig rad ${JSON.stringify(row)}`);
    }
    return { code: row.county_code, name: row.county_name, shortName: row.county_name_short };
  });
  const municipalities = readCsv<MunicipalityRow>("municipality_county.csv").map((row): ReferenceMunicipality => {
    if (!/^\d{4}$/.test(row.municipality_code) || !row.municipality_name_short || !/^\d{2}$/.test(row.county_code)) {
      throw new Error(`municipality_county.csv: ogiltig rad ${JSON.stringify(row)}`);
    }
    return {
      code: row.municipality_code,
      name: row.municipality_name_short,
      officialName: OFFICIAL_NAME_FIXES[row.municipality_code] ?? row.municipality_name,
      countyCode: row.county_code,
    };
  });
  cached = { counties, municipalities };
  return cached;
}

/**
 * Writes counties and municipalities, inserting missing rows and correcting
 * changed names. Safe to run any number of times.
 */
export async function upsertReferenceData(): Promise<{ counties: number; municipalities: number; written: number }> {
  const { counties, municipalities } = loadReferenceData();
  // Compare first and write only what differs: a repeat run is then a single read.
  const [dbCounties, dbMunicipalities] = await Promise.all([
    prisma.county.findMany({ select: { code: true, name: true, shortName: true } }),
    prisma.municipality.findMany({ select: { code: true, name: true, officialName: true, countyCode: true } }),
  ]);
  const countyRows = new Map(dbCounties.map((c) => [c.code, c]));
  const municipalityRows = new Map(dbMunicipalities.map((m) => [m.code, m]));
  const changedCounties = counties.filter((c) => {
    const row = countyRows.get(c.code);
    return !row || row.name !== c.name || row.shortName !== c.shortName;
  });
  const changedMunicipalities = municipalities.filter((m) => {
    const row = municipalityRows.get(m.code);
    return !row || row.name !== m.name || row.officialName !== m.officialName || row.countyCode !== m.countyCode;
  });
  if (changedCounties.length + changedMunicipalities.length > 0) {
    // Counties first: municipalities reference them.
    await prisma.$transaction([
      ...changedCounties.map((c) =>
        prisma.county.upsert({
          where: { code: c.code },
          create: c,
          update: { name: c.name, shortName: c.shortName },
        }),
      ),
      ...changedMunicipalities.map((m) =>
        prisma.municipality.upsert({
          where: { code: m.code },
          create: m,
          update: { name: m.name, officialName: m.officialName, countyCode: m.countyCode },
        }),
      ),
    ]);
  }
  return {
    counties: counties.length,
    municipalities: municipalities.length,
    written: changedCounties.length + changedMunicipalities.length,
  };
}

export type MunicipalityListItem = { code: string; name: string; countyName: string };

const municipalityList = cachedReference(["Municipality", "County"], async (): Promise<MunicipalityListItem[]> => {
  const rows = await prisma.municipality.findMany({
    select: { code: true, name: true, county: { select: { name: true } } },
  });
  return rows
    .map((r) => ({ code: r.code, name: r.name, countyName: r.county.name }))
    .sort((a, b) => a.name.localeCompare(b.name, "sv") || a.code.localeCompare(b.code));
});

/** All municipalities in Swedish alphabetical order (Å, Ä, Ö last), for selects and lists. Held in memory (reference-cache.server.ts). */
export async function listMunicipalities(): Promise<MunicipalityListItem[]> {
  return (await municipalityList()).map((m) => ({ ...m }));
}

const municipalityCodes = cachedReference(
  ["Municipality"],
  async () => new Set((await prisma.municipality.findMany({ select: { code: true } })).map((m) => m.code)),
);

/** Whether a municipality with this code exists (from memory, see reference-cache.server.ts). */
export async function municipalityExists(code: string): Promise<boolean> {
  return (await municipalityCodes()).has(code);
}

export type MunicipalityDetail = {
  code: string;
  name: string;
  officialName: string;
  countyCode: string;
  countyName: string;
};

/** One municipality by its four-digit code, or null (also for malformed codes). */
export async function getMunicipality(code: string): Promise<MunicipalityDetail | null> {
  if (!/^\d{4}$/.test(code)) return null;
  const row = await prisma.municipality.findUnique({
    where: { code },
    select: { code: true, name: true, officialName: true, countyCode: true, county: { select: { name: true } } },
  });
  if (!row) return null;
  return {
    code: row.code,
    name: row.name,
    officialName: row.officialName,
    countyCode: row.countyCode,
    countyName: row.county.name,
  };
}
