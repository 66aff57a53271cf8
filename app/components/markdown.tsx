/** What readers see where stored HTML is missing (a text that could not be rendered, or not yet). */
export const UNAVAILABLE_TEXT = "Texten kan inte visas just nu.";

/**
 * Shows HTML made by the Markdown pipeline (app/utils/markdown.server.ts) and
 * stored at write time, which sanitizes it. This is the only place the app sets
 * raw HTML. `html` is null when no HTML could be stored: a placeholder instead.
 */
export function Markdown({ html, className = "prose", placeholder = UNAVAILABLE_TEXT }: { html: string | null; className?: string; placeholder?: string }) {
  if (html === null) return <p className="muted">{placeholder}</p>;
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
