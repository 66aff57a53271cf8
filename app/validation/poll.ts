import { z } from "zod";

/** Form schemas for polls: the organizer's poll form, the vote and the code form. */

export const POLL_STATES = ["draft", "open", "closed", "published"] as const;
export type PollState = (typeof POLL_STATES)[number];

export const POLL_STATE_LABELS: Record<PollState, string> = {
  draft: "Utkast",
  open: "Öppen för röster",
  closed: "Stängd",
  published: "Publicerad",
};

export const pollStateLabel = (state: string) => POLL_STATE_LABELS[state as PollState] ?? state;

/** The label of the optional "don't know" option. */
export const DONT_KNOW_LABEL = "Vet ej";

/** Letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L). */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 5;

/** "k21 a", "abc-de" -> "K21A", "ABCDE"; null when it cannot be a code. */
export function normalizePollCode(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const code = value.replace(/[\s-]+/g, "").toUpperCase();
  return /^[A-Z0-9]{3,12}$/.test(code) ? code : null;
}

export const MAX_OPTIONS = 12;
const checkbox = z.union([z.string(), z.undefined()]).transform((v) => v === "on" || v === "true");

export const pollSchema = z.object({
  question: z
    .string({ required_error: "Skriv frågan.", invalid_type_error: "Skriv frågan." })
    .trim()
    .min(1, "Skriv frågan.")
    .max(300, "Frågan får vara högst 300 tecken."),
  options: z
    .string({ required_error: "Skriv svarsalternativen, ett per rad.", invalid_type_error: "Skriv svarsalternativen, ett per rad." })
    .transform((text) =>
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .superRefine((lines, ctx) => {
      if (lines.length < 2) ctx.addIssue({ code: "custom", message: "Skriv minst två svarsalternativ, ett per rad." });
      if (lines.length > MAX_OPTIONS) ctx.addIssue({ code: "custom", message: `Högst ${MAX_OPTIONS} svarsalternativ.` });
      if (lines.some((l) => l.length > 120)) ctx.addIssue({ code: "custom", message: "Ett svarsalternativ får vara högst 120 tecken." });
      const lower = lines.map((l) => l.toLocaleLowerCase("sv"));
      if (new Set(lower).size !== lower.length) ctx.addIssue({ code: "custom", message: "Två svarsalternativ är likadana. Ta bort dubbletten." });
      if (lower.includes(DONT_KNOW_LABEL.toLocaleLowerCase("sv")))
        ctx.addIssue({ code: "custom", message: "Kryssa i ”Lägg till Vet ej” i stället för att skriva Vet ej som ett alternativ." });
    }),
  multipleChoice: checkbox,
  dontKnow: checkbox,
  allowFreeText: checkbox,
  repeatOfId: z
    .union([z.string(), z.undefined()])
    .transform((v) => (v ?? "").trim())
    .refine((v) => v === "" || /^[a-z0-9]{1,40}$/.test(v), "Välj en fråga i listan.")
    .transform((v) => v || null),
});
export type PollInput = z.infer<typeof pollSchema>;

export const POLL_FIELD_LABELS: Record<string, string> = {
  question: "Fråga",
  options: "Svarsalternativ",
  multipleChoice: "Flera svar",
  dontKnow: "Vet ej",
  allowFreeText: "Fritextsvar",
  repeatOfId: "Upprepning av",
  form: "Formuläret",
};

export const voteSchema = z.object({
  optionIds: z
    .array(z.string().regex(/^[a-z0-9]{1,40}$/, "Välj ett svar i listan."), { invalid_type_error: "Välj ett svar." })
    .max(MAX_OPTIONS + 1, "Välj ett svar i listan.")
    .default([]),
  freeText: z
    .union([z.string(), z.undefined()])
    .transform((v) => (v ?? "").trim())
    .refine((v) => v.length <= 500, "Fritextsvaret får vara högst 500 tecken."),
  municipalityCode: z
    .union([z.string(), z.undefined()])
    .transform((v) => (v ?? "").trim())
    .refine((v) => v === "" || /^\d{4}$/.test(v), "Välj en kommun i listan.")
    .transform((v) => v || null),
});
export type VoteInput = z.infer<typeof voteSchema>;
export const VOTE_ARRAY_FIELDS = ["optionIds"] as const;

export const VOTE_FIELD_LABELS: Record<string, string> = {
  optionIds: "Svar",
  freeText: "Fritextsvar",
  municipalityCode: "Kommun",
  form: "Omröstningen",
};
