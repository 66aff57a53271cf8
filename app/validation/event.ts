import { z } from "zod";
import { MARKDOWN_LIMITS, tooLongMessage } from "~/utils/markdown-limits";
import { fromStockholmInputValue } from "~/utils/format";
import { parseTimestamp, parseVideoUrl } from "~/utils/video";

/** Form schemas for the organizer's event and recording tools. Messages are Swedish and say how to fix. */

export const EVENT_FORMATS = [
  { value: "webinar", label: "Webbinarium" },
  { value: "onsite", label: "På plats" },
  { value: "hybrid", label: "På plats och digitalt" },
] as const;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = (max: number, label: string) =>
  z
    .string({ invalid_type_error: `${label} måste vara text.` })
    .trim()
    .max(max, `${label} får vara högst ${max} tecken.`);

const required = (max: number, label: string, missing: string) => text(max, label).min(1, missing);

const stockholmTime = (missing: string) =>
  z
    .string({ required_error: missing, invalid_type_error: missing })
    .trim()
    .min(1, missing)
    .transform((value, ctx) => {
      const date = fromStockholmInputValue(value);
      if (!date) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Skriv datum och tid som ÅÅÅÅ-MM-DDTTT:MM, till exempel 2026-05-06T13:00." });
        return z.NEVER;
      }
      return date;
    });

const optionalStockholmTime = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const date = fromStockholmInputValue(value);
    if (!date) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Skriv datum och tid som ÅÅÅÅ-MM-DDTTT:MM, eller lämna fältet tomt." });
      return z.NEVER;
    }
    return date;
  });

export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && !url.username && !url.password && url.hostname.includes(".");
  } catch {
    return false;
  }
}

const optionalHttpsUrl = (message: string) =>
  z
    .string()
    .trim()
    .max(2000, "Adressen är för lång.")
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || isHttpsUrl(value), message);

/** Static pages under /forum/ that an event slug must not shadow. */
const RESERVED_FORUM_SLUGS = ["anmalan", "avanmal", "kalender", "feed", "ny"];

export const eventSchema = z
  .object({
    title: required(200, "Rubriken", "Skriv en rubrik."),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .max(120, "Adressnamnet får vara högst 120 tecken.")
      .optional()
      .transform((v) => v ?? "")
      .refine((v) => v === "" || SLUG_PATTERN.test(v), "Adressnamnet får bara innehålla a–z, 0–9 och bindestreck, till exempel kommunforum-maj-2026.")
      // These names are pages of their own under /forum/.
      .refine((v) => !RESERVED_FORUM_SLUGS.includes(v), "Det adressnamnet används redan av webbplatsen. Välj ett annat."),
    summary: text(500, "Ingressen").optional().default(""),
    descriptionMd: z
      .string({ invalid_type_error: "Beskrivningen måste vara text." })
      .trim()
      .max(MARKDOWN_LIMITS.eventDescription, tooLongMessage("eventDescription"))
      .optional()
      .default(""),
    startsAt: stockholmTime("Ange när forumet börjar."),
    endsAt: stockholmTime("Ange när forumet slutar."),
    format: z.enum(["webinar", "onsite", "hybrid"], { errorMap: () => ({ message: "Välj webbinarium, på plats eller båda." }) }),
    location: text(200, "Platsen").optional().default(""),
    joinUrl: optionalHttpsUrl("Länken till webbinariet måste börja med https://."),
    capacity: z
      .string()
      .trim()
      .optional()
      .transform((value, ctx) => {
        if (!value) return null;
        if (!/^\d{1,6}$/.test(value) || Number(value) < 1) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Skriv antalet platser som ett heltal från 1, eller lämna fältet tomt för obegränsat." });
          return z.NEVER;
        }
        return Number(value);
      }),
    registrationDeadline: optionalStockholmTime,
    tagIds: z
      .array(z.string().regex(/^[a-z0-9]{1,40}$/, "Välj bland de områden som finns."))
      .max(20)
      .optional()
      .default([]),
  })
  .superRefine((data, ctx) => {
    if (data.endsAt <= data.startsAt) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["endsAt"], message: "Sluttiden måste vara efter starttiden." });
    }
    if (data.registrationDeadline && data.registrationDeadline > data.endsAt) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["registrationDeadline"], message: "Sista anmälningsdag måste vara före forumets slut." });
    }
  });

export type EventInput = z.output<typeof eventSchema>;
export const EVENT_ARRAY_FIELDS = ["tagIds"] as const;

export const EVENT_FIELD_LABELS: Record<string, string> = {
  title: "Rubrik",
  slug: "Adressnamn",
  summary: "Ingress",
  descriptionMd: "Beskrivning",
  startsAt: "Börjar",
  endsAt: "Slutar",
  format: "Form",
  location: "Plats",
  joinUrl: "Länk till webbinariet",
  capacity: "Antal platser",
  registrationDeadline: "Sista anmälningsdag",
  tagIds: "Områden",
};

const id = z.string().regex(/^[a-z0-9]{1,40}$/, "Raden finns inte längre. Ladda om sidan.");
const optionalId = z
  .string()
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || /^[a-z0-9]{1,40}$/.test(v), "Välj en talare i listan.");

export const agendaItemSchema = z.object({
  agendaTime: z
    .string({ required_error: "Ange en tid, till exempel 13:10." })
    .trim()
    .regex(/^([01]\d|2[0-3])[:.]([0-5]\d)$/, "Ange tiden som TT:MM, till exempel 13:10.")
    .transform((v) => v.replace(".", ":")),
  agendaTitle: required(300, "Programpunkten", "Skriv vad som händer."),
  agendaSpeakerId: optionalId,
});
export type AgendaItemInput = z.output<typeof agendaItemSchema>;

export const speakerSchema = z.object({
  speakerName: required(200, "Namnet", "Skriv talarens namn."),
  speakerTitle: text(200, "Titeln").optional().default(""),
  speakerOrganisation: text(200, "Organisationen").optional().default(""),
  speakerMunicipalityCode: z
    .string()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^\d{4}$/.test(v), "Välj en kommun i listan."),
  speakerBio: text(2000, "Presentationen").optional().default(""),
});
export type SpeakerInput = z.output<typeof speakerSchema>;

export const rowSchema = z.object({ id });
export const moveSchema = z.object({ id, direction: z.enum(["up", "down"], { errorMap: () => ({ message: "Okänd riktning." }) }) });

// ---------------------------------------------------------------------------
// Recordings
// ---------------------------------------------------------------------------

const timestamp = (missing: string) =>
  z
    .string({ required_error: missing, invalid_type_error: missing })
    .trim()
    .min(1, missing)
    .transform((value, ctx) => {
      const seconds = parseTimestamp(value);
      if (seconds === null) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Skriv tiden som mm:ss eller tt:mm:ss, till exempel 12:30 eller 1:05:00." });
        return z.NEVER;
      }
      return seconds;
    });

export const recordingSchema = z
  .object({
    videoUrl: z
      .string({ required_error: "Klistra in adressen till videon." })
      .trim()
      .min(1, "Klistra in adressen till videon.")
      .max(2000, "Adressen är för lång.")
      .transform((value, ctx) => {
        const source = parseVideoUrl(value);
        if (!source) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: "Använd en https-adress till YouTube, Vimeo eller en mp4-fil, till exempel https://www.youtube.com/watch?v=….",
          });
          return z.NEVER;
        }
        return source;
      }),
    duration: z
      .string()
      .trim()
      .optional()
      .transform((value, ctx) => {
        if (!value) return null;
        const seconds = parseTimestamp(value);
        if (seconds === null || seconds === 0) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Skriv längden som tt:mm:ss, till exempel 1:30:00." });
          return z.NEVER;
        }
        return seconds;
      }),
    captionsUrl: optionalHttpsUrl("Adressen till textningen måste börja med https://.").refine(
      (v) => v === null || /\.vtt$/i.test(new URL(v).pathname),
      "Textningen ska vara en WebVTT-fil (.vtt).",
    ),
    publish: z.literal("on").optional(),
  })
  .superRefine((data, ctx) => {
    if (data.captionsUrl && data.videoUrl.provider !== "file") {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["captionsUrl"],
        message: "Textning kan bara läggas till för en egen mp4-fil. Lägg textningen hos YouTube eller Vimeo i stället.",
      });
    }
  });
export type RecordingInput = z.output<typeof recordingSchema>;

export const chapterSchema = z.object({
  chapterTime: timestamp("Ange var kapitlet börjar, till exempel 12:30."),
  chapterTitle: required(200, "Kapitlets namn", "Skriv kapitlets namn."),
});

export const chapterEditSchema = chapterSchema.extend({ id });

export const materialLinkSchema = z.object({
  materialTitle: required(200, "Namnet", "Skriv vad materialet heter, till exempel Borlänges presentation."),
  materialUrl: z
    .string({ required_error: "Klistra in länken." })
    .trim()
    .max(2000, "Länken är för lång.")
    .refine(isHttpsUrl, "Länken måste börja med https://."),
});

export const materialFileTitleSchema = z.object({
  fileTitle: required(200, "Namnet", "Skriv vad filen heter, till exempel Borlänges presentation."),
});
