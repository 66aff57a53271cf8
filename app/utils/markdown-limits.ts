/**
 * How long each kind of Markdown text may be, in characters: what a person
 * writing it needs, with room to spare (ADR 011). The zod schemas in
 * app/validation refuse longer texts with tooLongMessage(); previews check the
 * same limits before rendering. Shared by server and browser code.
 */
export const MARKDOWN_LIMITS = {
  /** A discussion question or answer. */
  post: 10_000,
  comment: 600,
  /** A question to a case owner (/case/<slug>/fraga). */
  caseQuestion: 5_000,
  caseBody: 20_000,
  articleBody: 20_000,
  eventDescription: 10_000,
} as const;

export type MarkdownKind = keyof typeof MARKDOWN_LIMITS;

const LABELS: Record<MarkdownKind, string> = {
  post: "Texten",
  comment: "En kommentar",
  caseQuestion: "Frågan",
  caseBody: "Texten",
  articleBody: "Texten",
  eventDescription: "Beskrivningen",
};

/** "Texten får ha högst 10 000 tecken." */
export function tooLongMessage(kind: MarkdownKind): string {
  return `${LABELS[kind]} får ha högst ${MARKDOWN_LIMITS[kind].toLocaleString("sv-SE")} tecken.`;
}
