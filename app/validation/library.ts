import { z } from "zod";
import { CASE_PLACEHOLDER } from "~/utils/case-sections";
import { MARKDOWN_LIMITS, tooLongMessage } from "~/utils/markdown-limits";

/** Form schemas for the knowledge library: cases, articles and questions to a case owner. */

export const CASE_SECTION_TEMPLATE = `## Bakgrund

${CASE_PLACEHOLDER}

## Utmaning

${CASE_PLACEHOLDER}

## Lösning

${CASE_PLACEHOLDER}

## Resultat

${CASE_PLACEHOLDER}

## Lärdomar

${CASE_PLACEHOLDER}

## Nästa steg

${CASE_PLACEHOLDER}
`;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const title = z.string({ required_error: "Skriv en rubrik." }).trim().min(3, "Rubriken behöver minst 3 tecken.").max(160, "Rubriken får ha högst 160 tecken.");

const slug = z
  .string()
  .trim()
  .max(100, "Adressen får ha högst 100 tecken.")
  .refine((v) => v === "" || SLUG.test(v), "Adressen får bara innehålla a–z, siffror och bindestreck, till exempel borlange-bi.")
  .default("");

const summary = z.string().trim().max(600, "Sammanfattningen får ha högst 600 tecken.").default("");
const caseBodyMd = z.string().max(MARKDOWN_LIMITS.caseBody, tooLongMessage("caseBody")).default("");
const articleBodyMd = z.string().max(MARKDOWN_LIMITS.articleBody, tooLongMessage("articleBody")).default("");
const shortText = (label: string, max = 200) => z.string().trim().max(max, `${label} får ha högst ${max} tecken.`).default("");
const optionalId = z
  .string()
  .trim()
  .max(64)
  .default("")
  .transform((v) => v || null);

/** Comma-separated extra tags ("Vatten och avlopp, Sensorer"), at most ten. */
const extraTags = z
  .string()
  .max(400, "Skriv högst tio extra taggar.")
  .default("")
  .transform((v) =>
    [
      ...new Set(
        v
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ]
      .filter((t) => t.length <= 40)
      .slice(0, 10),
  );

export const caseSchema = z
  .object({
    title,
    slug,
    summary,
    bodyMd: caseBodyMd,
    domain: shortText("Verksamheten", 80),
    technologies: shortText("Teknikerna", 400),
    contactName: shortText("Namnet", 120),
    contactTitle: shortText("Titeln", 120),
    contactEmail: z
      .string()
      .trim()
      .max(254, "E-postadressen är för lång.")
      .refine((v) => v === "" || z.string().email().safeParse(v).success, "Skriv e-postadressen i formatet namn@exempel.se.")
      .transform((v) => v.toLowerCase())
      .default(""),
    municipalityCode: z
      .string()
      .trim()
      .default("")
      .refine((v) => v === "" || /^\d{4}$/.test(v), "Välj en kommun i listan.")
      .transform((v) => v || null),
    organisationId: optionalId,
    eventId: optionalId,
    tags: z.array(z.string().regex(SLUG).max(60)).max(20).default([]),
    extraTags,
  })
  .superRefine((v, ctx) => {
    if (v.municipalityCode && v.organisationId) {
      ctx.addIssue({ code: "custom", path: ["organisationId"], message: "Välj antingen en kommun eller en organisation, inte båda." });
    }
  });

export type CaseInput = z.infer<typeof caseSchema>;

export const articleSchema = z.object({
  title,
  slug,
  summary,
  bodyMd: articleBodyMd,
  authorName: shortText("Författarens namn", 120),
  tags: z.array(z.string().regex(SLUG).max(60)).max(20).default([]),
  extraTags,
});

export type ArticleInput = z.infer<typeof articleSchema>;

export const editorSchema = z.object({
  editorEmail: z
    .string()
    .trim()
    .max(254, "E-postadressen är för lång.")
    .refine((v) => v === "" || z.string().email().safeParse(v).success, "Skriv medlemmens e-postadress i formatet namn@exempel.se.")
    .transform((v) => v.toLowerCase())
    .default(""),
});

export const caseQuestionSchema = z.object({
  title: z
    .string({ required_error: "Skriv en rubrik på din fråga." })
    .trim()
    .min(5, "Rubriken behöver minst 5 tecken.")
    .max(160, "Rubriken får ha högst 160 tecken."),
  body: z
    .string({ required_error: "Skriv din fråga." })
    .trim()
    .min(10, "Skriv din fråga med minst 10 tecken.")
    .max(MARKDOWN_LIMITS.caseQuestion, tooLongMessage("caseQuestion")),
});

/** The library's filter, read from the URL. Anything invalid is simply dropped. */
export const CASE_SORTS = ["nytt", "titel"] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export type CaseFilter = {
  tag: string | null;
  domain: string | null;
  county: string | null;
  municipality: string | null;
  sort: CaseSort;
  page: number;
};

export function parseCaseFilter(params: URLSearchParams): CaseFilter {
  const pick = (name: string, pattern: RegExp) => {
    const v = (params.get(name) ?? "").trim();
    return pattern.test(v) ? v : null;
  };
  const sortParam = params.get("sortera");
  const page = Number.parseInt(params.get("sida") ?? "1", 10);
  return {
    tag: pick("tagg", /^[a-z0-9-]{1,60}$/),
    domain: pick("verksamhet", /^[\p{L}\p{N} ,&/-]{1,80}$/u),
    county: pick("lan", /^\d{2}$/),
    municipality: pick("kommun", /^\d{4}$/),
    sort: CASE_SORTS.find((s) => s === sortParam) ?? "nytt",
    page: Number.isFinite(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}
