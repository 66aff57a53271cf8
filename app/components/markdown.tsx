/**
 * Shows HTML made by renderMarkdown() in app/utils/markdown.server.ts, which
 * sanitizes it. This is the only place the app sets raw HTML.
 */
export function Markdown({ html, className = "prose" }: { html: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
