// The analytics-maturity self-assessment ("Analysmognad"): the statements, the
// scale and the rules for showing results. One file, so the wording can be revised
// without touching code. The statements are our own, drawn from the organizer's
// argument (ownership, a long-term plan, BI/IoT/AI, competence, collaboration, a
// shared platform, open data and a data-driven culture).
//
// Dimension keys are stored in MaturityScore.dimension: rename a key only together
// with a data migration. Plain data, no server code: safe in route components.

export type MaturityDimension = {
  /** Stored in the database. */
  key: string;
  /** Short name for charts and tables. */
  label: string;
  /** The statement the municipality takes a position on. */
  statement: string;
  /** What a 0 means for this dimension. */
  low: string;
  /** What a 4 means for this dimension. */
  high: string;
  /** Tags whose cases, threads and recordings are recommended when this dimension is weak. */
  tagSlugs: readonly string[];
};

export const MATURITY_DIMENSIONS: readonly MaturityDimension[] = [
  {
    key: "ownership",
    label: "Ägarskap",
    statement: "Någon har ett uttalat ansvar för analysarbetet i hela kommunen, inte bara i en förvaltning.",
    low: "Ingen äger frågan; varje förvaltning sköter sin egen analys.",
    high: "En utsedd ägare med mandat samordnar BI, IoT och AI för hela organisationen.",
    tagSlugs: ["agarskap", "datadriven-styrning"],
  },
  {
    key: "plan",
    label: "Långsiktig plan",
    statement: "Vi har en långsiktig plan för analys som hålls levande och uppdateras löpande.",
    low: "Det finns ingen plan; satsningar görs när tillfälle ges.",
    high: "En beslutad plan täcker både teknik och förmåga i organisationen och revideras regelbundet.",
    tagSlugs: ["analysplan", "datadriven-styrning"],
  },
  {
    key: "bi",
    label: "BI i drift",
    statement: "Beslutsstöd (BI) används i ordinarie drift och når de chefer och verksamheter som behöver det.",
    low: "Rapporter tas fram för hand vid behov.",
    high: "Beslutsstödet är i stabil drift, förvaltas och används brett i styrningen.",
    tagSlugs: ["bi"],
  },
  {
    key: "iot",
    label: "IoT",
    statement: "Vi använder data från uppkopplade sensorer (IoT) för att följa upp och förbättra verksamheten.",
    low: "Vi använder inga sensordata.",
    high: "Sensordata samlas in i flera verksamheter och används för uppföljning och beslut.",
    tagSlugs: ["iot"],
  },
  {
    key: "ai",
    label: "AI och prognoser",
    statement: "Vi använder prognoser och AI för att fatta beslut i förväg i stället för i efterhand.",
    low: "Vi tittar bara bakåt på vad som redan har hänt.",
    high: "Prediktiva modeller används i drift och påverkar prioriteringar och planering.",
    tagSlugs: ["ai"],
  },
  {
    key: "competence",
    label: "Kompetens i verksamheten",
    statement: "Medarbetare och chefer i verksamheterna har kunskap nog att tolka och använda data själva.",
    low: "Dataanalys är en fråga för några få specialister.",
    high: "Verksamheterna ställer egna frågor till data och använder svaren i vardagen.",
    tagSlugs: ["kompetens"],
  },
  {
    key: "collaboration",
    label: "Samverkan verksamhet–IT",
    statement: "Verksamheterna och IT driver analysarbetet tillsammans, med gemensamma mål och prioriteringar.",
    low: "Verksamheten beställer och IT levererar, utan gemensamt arbete.",
    high: "Verksamhet och IT planerar, bygger och följer upp tillsammans.",
    tagSlugs: ["samverkan"],
  },
  {
    key: "platform",
    label: "Gemensam dataplattform",
    statement: "BI, IoT och AI bygger på samma insamling, lagring och struktur av data.",
    low: "Varje initiativ har sin egen datalösning.",
    high: "En gemensam plattform med tydlig struktur används av alla initiativ.",
    tagSlugs: ["dataplattform"],
  },
  {
    key: "openData",
    label: "Öppna data",
    statement: "Vi publicerar data som öppna data så att andra kan återanvända dem.",
    low: "Vi publicerar inga öppna data.",
    high: "Öppna data publiceras löpande, med beskrivning och licens, och följs upp.",
    tagSlugs: ["oppen-data"],
  },
  {
    key: "culture",
    label: "Datadriven kultur",
    statement: "Beslut i kommunen grundas i regel på data och analys, och det efterfrågas av ledningen.",
    low: "Beslut fattas i regel på erfarenhet och magkänsla.",
    high: "Det är en självklarhet att underbygga beslut med data, på alla nivåer.",
    tagSlugs: ["datadriven-styrning"],
  },
];

export const MATURITY_DIMENSION_KEYS: readonly string[] = MATURITY_DIMENSIONS.map((d) => d.key);

export function maturityDimension(key: string): MaturityDimension | undefined {
  return MATURITY_DIMENSIONS.find((d) => d.key === key);
}

/** The 0–4 scale. */
export const MATURITY_SCALE: ReadonlyArray<{ value: number; label: string }> = [
  { value: 0, label: "Stämmer inte alls" },
  { value: 1, label: "Stämmer i liten grad" },
  { value: 2, label: "Stämmer delvis" },
  { value: 3, label: "Stämmer i stor grad" },
  { value: 4, label: "Stämmer helt" },
];

export const MATURITY_MIN_SCORE = 0;
export const MATURITY_MAX_SCORE = 4;

/**
 * A group (the nation, a county, a municipality group) is shown only when at
 * least this many municipalities in it have an assessment that year; a count
 * cell in a distribution only when it is 0 or at least this large.
 */
export const MIN_GROUP_SIZE = 5;

/** How many of the weakest dimensions get recommendations. */
export const RECOMMENDED_DIMENSIONS = 3;

/** Topic tags the dimensions use beyond the area tags (BI, IoT, AI...); the seed creates them. */
export const MATURITY_TOPIC_TAGS: ReadonlyArray<{ slug: string; name: string }> = [
  { slug: "agarskap", name: "Ägarskap för analys" },
  { slug: "analysplan", name: "Analysplan" },
  { slug: "kompetens", name: "Kompetens i verksamheten" },
  { slug: "samverkan", name: "Samverkan verksamhet–IT" },
];

/**
 * The licence of the open-data export of aggregate results: CC0, as is common for
 * Swedish open public data. The export holds only aggregates that pass the
 * MIN_GROUP_SIZE rule, nothing about a single municipality or person.
 */
export const MATURITY_DATA_LICENSE = {
  name: "CC0 1.0 (public domain)",
  url: "https://creativecommons.org/publicdomain/zero/1.0/deed.sv",
  source: "Kommunforum Analytics, självskattning av analysmognad",
} as const;
