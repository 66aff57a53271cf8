// "Municipalities of similar size and type", used to compare a municipality with its peers
// (analytics-maturity benchmark, poll breakdowns).
//
// Source: SKL's (now SKR's) kommungruppsindelning 2011, ten groups, in force 2011–2016.
// The membership lists were taken from the public repository jplusplus/protokollen-queries
// (municipalities.md, "SKL/SCB categories") and matched to SCB municipality codes from
// prisma/reference/municipality_county.csv; every one of the 290 codes is in exactly one group
// (see municipality-groups.test.ts). SKR replaced this with a nine-group division in 2017
// (revised 2023); no complete machine-readable list of that newer division could be verified
// when this file was written, so the 2011 division is used and the UI says so
// (MUNICIPALITY_GROUPS_SOURCE). Group names are SKL's; descriptions are our own summaries.
// See prisma/reference/README.md for source and licence notes.
//
// Plain data, no server code: safe to import from route components.

export type MunicipalityGroup = {
  key: string;
  label: string;
  description: string;
};

export const MUNICIPALITY_GROUPS_SOURCE =
  "SKL:s kommungruppsindelning 2011 (tio grupper efter storlek, pendling och näringsliv)";

export const MUNICIPALITY_GROUPS: readonly MunicipalityGroup[] = [
  {
    key: "storstader",
    label: "Storstäder",
    description: "De tre kommunerna med över 200 000 invånare.",
  },
  {
    key: "forort-storstad",
    label: "Förortskommuner till storstäderna",
    description: "Kommuner där de flesta förvärvsarbetande pendlar ut, oftast till en storstad.",
  },
  {
    key: "storre-stader",
    label: "Större städer",
    description: "Kommuner med ungefär 50 000–200 000 invånare där de flesta bor i tätort.",
  },
  {
    key: "forort-storre-stad",
    label: "Förortskommuner till större städer",
    description: "Kommuner där de flesta förvärvsarbetande pendlar ut, oftast till en större stad.",
  },
  {
    key: "pendling",
    label: "Pendlingskommuner",
    description: "Kommuner där en stor del av de förvärvsarbetande pendlar till en annan kommun.",
  },
  {
    key: "turism",
    label: "Turism- och besöksnäringskommuner",
    description: "Kommuner med många gästnätter eller fritidshus i förhållande till invånarna.",
  },
  {
    key: "varuproducerande",
    label: "Varuproducerande kommuner",
    description: "Kommuner där en stor andel arbetar inom tillverkning och industri.",
  },
  {
    key: "glesbygd",
    label: "Glesbygdskommuner",
    description: "Små kommuner med få invånare per kvadratkilometer.",
  },
  {
    key: "tatbefolkad-region",
    label: "Kommuner i tätbefolkad region",
    description: "Övriga kommuner i en region med relativt många invånare inom pendlingsavstånd.",
  },
  {
    key: "glesbefolkad-region",
    label: "Kommuner i glesbefolkad region",
    description: "Övriga kommuner i en region med relativt få invånare inom pendlingsavstånd.",
  },
];

// Group key -> SCB municipality codes (kommunkod), whitespace separated.
const MEMBERS: Record<string, string> = {
  storstader: `
    0180 1280 1480`,
  "forort-storstad": `
    0114 0115 0117 0120 0123 0125 0126 0127 0128 0136 0138 0139
    0160 0162 0163 0182 0183 0184 0186 0187 0192 0305 1230 1231
    1233 1262 1263 1264 1384 1401 1402 1407 1440 1441 1443 1462
    1481 1482`,
  "storre-stader": `
    0181 0380 0480 0484 0580 0581 0680 0780 0880 1080 1281 1283
    1290 1293 1380 1383 1485 1488 1490 1496 1780 1880 1980 2080
    2180 2281 2284 2380 2480 2482 2580`,
  "forort-storre-stad": `
    0140 0319 0330 0461 0488 0582 0643 0840 1260 1261 1265 1266
    1267 1277 1285 1444 1715 1761 1763 1814 1881 2262`,
  pendling: `
    0191 0331 0428 0486 0509 0512 0560 0561 0584 0604 0642 0761
    0764 0821 1214 1256 1270 1272 1273 1276 1284 1287 1292 1415
    1419 1421 1430 1439 1442 1445 1472 1487 1489 1497 1760 1861
    1862 1884 1904 1907 1960 1961 1962 2026 2034 2061 2082 2101
    2309 2403 2460`,
  turism: `
    0188 0382 0563 0885 0980 1278 1427 1435 1484 1486 2023 2031
    2039 2321 2326 2361 2421 2425 2506 2510`,
  varuproducerande: `
    0360 0481 0562 0617 0662 0665 0683 0684 0685 0687 0760 0763
    0767 0781 0834 0860 0861 0862 0881 0882 0884 1060 1257 1275
    1315 1447 1452 1460 1466 1470 1471 1473 1498 1762 1764 1782
    1783 1784 1860 1864 1882 1883 1885 1982 1983 1984 2084 2085
    2104 2121 2181 2417 2418 2523`,
  glesbygd: `
    1438 1737 1765 2021 2132 2161 2260 2283 2303 2305 2313 2401
    2404 2409 2422 2462 2463 2513 2518 2521`,
  "tatbefolkad-region": `
    0381 0482 0483 0513 0583 0586 0682 0686 0765 0883 1081 1082
    1083 1282 1286 1291 1381 1382 1446 1461 1463 1465 1491 1492
    1493 1494 1495 1499 1781 1785 1863 1981 2029 2081 2083`,
  "glesbefolkad-region": `
    1730 1766 2062 2182 2183 2184 2280 2282 2481 2505 2514 2560
    2581 2582 2583 2584`,
};

const GROUP_BY_CODE: ReadonlyMap<string, MunicipalityGroup> = (() => {
  const byKey = new Map(MUNICIPALITY_GROUPS.map((g) => [g.key, g]));
  const map = new Map<string, MunicipalityGroup>();
  for (const [key, codes] of Object.entries(MEMBERS)) {
    const group = byKey.get(key);
    if (!group) throw new Error(`Okänd kommungrupp: ${key}`);
    for (const code of codes.trim().split(/\s+/)) map.set(code, group);
  }
  return map;
})();

/** The group of a municipality (4-digit SCB code), or null for an unknown code. */
export function municipalityGroupOf(code: string): { key: string; label: string } | null {
  const group = GROUP_BY_CODE.get(code);
  return group ? { key: group.key, label: group.label } : null;
}

/** All municipality codes in a group (empty for an unknown key). */
export function municipalityCodesInGroup(key: string): string[] {
  return (MEMBERS[key] ?? "").trim().split(/\s+/).filter(Boolean);
}
