import { z } from "zod";
import { MAX_TAGS, TITLE_MAX, TITLE_MIN } from "~/utils/discussion";
import { MARKDOWN_LIMITS, tooLongMessage } from "~/utils/markdown-limits";

/** Form schemas for discussions: asking, answering, commenting, editing. */

const body = (what: string, kind: "post" | "comment" = "post") =>
  z
    .string({ required_error: `Skriv ${what}.` })
    .trim()
    .min(1, `Skriv ${what}.`)
    .max(MARKDOWN_LIMITS[kind], tooLongMessage(kind));

const slugish = z
  .string()
  .trim()
  .max(120)
  .default("")
  .transform((v) => (/^[a-z0-9-]+$/.test(v) ? v : ""));

export const askSchema = z.object({
  title: z
    .string({ required_error: "Skriv en rubrik." })
    .trim()
    .min(TITLE_MIN, `Rubriken behöver minst ${TITLE_MIN} tecken.`)
    .max(TITLE_MAX, `Rubriken får ha högst ${TITLE_MAX} tecken.`),
  body: body("din fråga"),
  category: z.string({ required_error: "Välj en kategori." }).trim().min(1, "Välj en kategori.").max(120),
  tags: z
    .array(z.string().trim().max(80))
    .default([])
    .refine((tags) => new Set(tags).size <= MAX_TAGS, `Välj högst ${MAX_TAGS} taggar.`),
  case: slugish,
  forum: slugish,
});
export type AskInput = z.infer<typeof askSchema>;

export const answerSchema = z.object({ body: body("ditt svar") });
export const commentSchema = z.object({
  body: body("din kommentar", "comment"),
  parentId: z.string().trim().min(1).max(64),
});
export const editSchema = z.object({ body: body("texten") });
/** Editing a question: its title can change too. */
export const editQuestionSchema = editSchema.extend({ title: askSchema.shape.title });
export const postIdSchema = z.object({ postId: z.string().trim().min(1, "Inlägget saknas.").max(64) });
