/**
 * A new case starts from a template of sections (Bakgrund, Utmaning, …), each saying
 * CASE_PLACEHOLDER until the municipality writes it. The stored HTML, and so the
 * page and its table of contents, leaves out every section that still says only
 * that, or nothing; the Markdown the editors see keeps them.
 */
export const CASE_PLACEHOLDER = "Att fylla i av kommunen.";

const PLACEHOLDER_ONLY = /^[\s*_]*att fylla i av kommunen\.?[\s*_]*$/i;

/** The Markdown without its `## ` sections whose body is empty or only the placeholder. */
export function withoutUnfilledSections(markdown: string): string {
  const lines = markdown.split(/\r?\n/);
  const starts = lines.flatMap((line, i) => (/^##\s+\S/.test(line) ? [i] : []));
  if (starts.length === 0) return markdown;
  const kept = lines.slice(0, starts[0]);
  starts.forEach((start, n) => {
    const section = lines.slice(start, starts[n + 1] ?? lines.length);
    const body = section.slice(1).join("\n").trim();
    if (body !== "" && !PLACEHOLDER_ONLY.test(body)) kept.push(...section);
  });
  return kept.join("\n");
}
