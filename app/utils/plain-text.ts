/**
 * Interim rendering of stored Markdown as plain paragraphs, split on blank lines.
 * React escapes the text. Replaced by the shared sanitized Markdown renderer later.
 */
export function plainParagraphs(markdown: string): string[] {
  return markdown
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean);
}
