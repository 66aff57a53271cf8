import { z } from "zod";
import { FLAG_REASONS } from "~/utils/flags";

const reasonText = z
  .string({ required_error: "Skriv en motivering." })
  .trim()
  .min(3, "Skriv en motivering med minst 3 tecken. Den sparas i loggen.")
  .max(500, "Motiveringen får ha högst 500 tecken.");

export const flagSchema = z.object({
  reason: z.enum(FLAG_REASONS, { errorMap: () => ({ message: "Välj varför du flaggar inlägget." }) }),
  note: z.string().trim().max(500, "Beskrivningen får ha högst 500 tecken.").optional().default(""),
});

export const postModerationSchema = z.object({
  intent: z.enum(["hide", "unhide", "dismiss"], { errorMap: () => ({ message: "Välj en åtgärd." }) }),
  reason: reasonText,
});

const PERIOD_VALUES = ["1", "7", "30", "datum"] as const;
const PERIOD_LABELS: Record<(typeof PERIOD_VALUES)[number], string> = { "1": "1 dag", "7": "7 dagar", "30": "30 dagar", datum: "Till ett visst datum" };

/** Suspension periods offered in the form; "datum" takes a date. */
export const SUSPENSION_PERIODS = PERIOD_VALUES.map((value) => ({ value, label: PERIOD_LABELS[value] }));

export const THREAD_INTENTS = ["lock", "unlock", "pin", "unpin", "move", "merge", "hide", "unhide"] as const;

export const threadModerationSchema = z.object({
  intent: z.enum(THREAD_INTENTS, { errorMap: () => ({ message: "Välj en åtgärd." }) }),
  reason: reasonText,
  categoryId: z.string().trim().max(64).optional().default(""),
  target: z.string().trim().max(500, "Adressen är för lång.").optional().default(""),
});

export const suspendSchema = z
  .object({
    intent: z.enum(["suspend", "lift"]),
    userId: z.string().trim().min(1, "Välj en medlem.").max(64),
    period: z.enum(PERIOD_VALUES, { errorMap: () => ({ message: "Välj hur länge." }) }).optional(),
    until: z.string().trim().max(20).optional().default(""),
    suspendReason: reasonText,
  })
  .superRefine((v, ctx) => {
    if (v.intent !== "suspend") return;
    if (!v.period) ctx.addIssue({ code: "custom", path: ["period"], message: "Välj hur länge." });
    if (v.period === "datum" && !/^\d{4}-\d{2}-\d{2}$/.test(v.until))
      ctx.addIssue({ code: "custom", path: ["until"], message: "Skriv ett datum som ÅÅÅÅ-MM-DD." });
  });

/** The thread id from "cm123…" or a thread address like https://…/diskussioner/<id>/<slug>. */
export function threadIdFromInput(input: string): string | null {
  const trimmed = input.trim();
  const fromUrl = trimmed.match(/\/diskussioner\/([a-z0-9]{6,40})(?:[/?#]|$)/i);
  if (fromUrl) return fromUrl[1]!;
  return /^[a-z0-9]{6,40}$/i.test(trimmed) ? trimmed : null;
}
