import crypto from "node:crypto";
import { env } from "./env.server";
import { MarkdownRenderError, renderWithinBudget, resolveHref, type Heading, type RenderedMarkdown } from "./markdown-render.server";

/**
 * The one Markdown pipeline of the product (ADR 011). Everything users or
 * organizers write is rendered here when it is written (or previewed), the
 * sanitized HTML is stored beside the text (Post.bodyHtml, Case.bodyHtml,
 * Article.bodyHtml, Event.descriptionHtml), and pages only show stored HTML,
 * through <Markdown> in app/components/markdown.tsx. Reading never renders.
 *
 * The renderer and its bounds live in markdown-render.server.ts and
 * markdown-guards.server.ts; the length limits per kind in markdown-limits.ts.
 */
export type { Heading, RenderedMarkdown };
export { MarkdownRenderError };

/**
 * The most one render may take (wall time). Texts within their length limit take
 * a few milliseconds, the worst known inputs under 50 ms (ADR 011); this is the
 * backstop for inputs nobody has found yet.
 */
export const RENDER_BUDGET_MS = 500;

/** Shown (400) when a text cannot be rendered within its bounds. */
export const UNRENDERABLE_MESSAGE =
  "Texten går inte att visa: den tog för lång tid att bearbeta. Förenkla den (till exempel färre nivåer av citat och listor, eller färre * och _ i rad) och försök igen, eller försök igen om en stund.";

// ---------------------------------------------------------------------------
// A small cache, bounded by bytes: a preview and the save that follows it render once.
// ---------------------------------------------------------------------------

const CACHE_MAX_BYTES = 2 * 1024 * 1024;
const CACHE_MAX_ENTRY_BYTES = 256 * 1024;
type Entry = { result: RenderedMarkdown; bytes: number };
const cache = new Map<string, Entry>();
let cacheBytes = 0;

// Strings are UTF-16: two bytes a character, plus the key and some overhead per entry.
const entryBytes = (r: RenderedMarkdown) => 200 + 2 * (r.html.length + r.headings.reduce((n, h) => n + h.id.length + h.text.length + 40, 0));

function remember(key: string, result: RenderedMarkdown) {
  const bytes = entryBytes(result);
  if (bytes > CACHE_MAX_ENTRY_BYTES) return;
  cache.set(key, { result, bytes });
  cacheBytes += bytes;
  for (const [oldest, entry] of cache) {
    if (cacheBytes <= CACHE_MAX_BYTES) break;
    cache.delete(oldest);
    cacheBytes -= entry.bytes;
  }
}

/** For tests and diagnostics: what the cache holds. */
export function markdownCacheStats() {
  return { entries: cache.size, bytes: cacheBytes, maxBytes: CACHE_MAX_BYTES };
}

// Every construct once, so V8 compiles marked's rules before the first real text meets the budget.
const WARM_UP =
  "# R\n\n*a* **b** _c_ ~~d~~ `e` [f](/g) ![h](/uploads/i.png) <b>j</b> www.k.se l@m.se https://n.se &amp;\n\n> o\n\n- p\n  1. q\n\n| r | s |\n|---|---|\n| t | u |\n\n```\nv\n```\n";
let warmedUp = false;

/**
 * Renders and sanitizes Markdown within RENDER_BUDGET_MS. Throws
 * MarkdownRenderError when it cannot; writes and previews use renderForWrite.
 */
export function renderMarkdown(markdown: string): RenderedMarkdown {
  if (!warmedUp) {
    warmedUp = true;
    renderWithinBudget(WARM_UP, { siteOrigin: env().APP_URL, budgetMs: 60_000 });
  }
  const key = crypto.createHash("sha256").update(markdown).digest("base64url");
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last.
    cache.delete(key);
    cache.set(key, hit);
    return hit.result;
  }
  const result = renderWithinBudget(markdown, { siteOrigin: env().APP_URL, budgetMs: RENDER_BUDGET_MS });
  remember(key, result);
  return result;
}

/**
 * The HTML to store (or preview) for a text, or the Swedish message why it
 * cannot be shown. Code that must store the text anyway (a merge, the backfill)
 * stores null HTML: readers then see a placeholder, moderators the text.
 */
export function renderForWrite(markdown: string): { ok: true; html: string } | { ok: false; message: string } {
  try {
    return { ok: true, html: renderMarkdown(markdown).html };
  } catch (error) {
    if (error instanceof MarkdownRenderError) return { ok: false, message: UNRENDERABLE_MESSAGE };
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Reading stored HTML
// ---------------------------------------------------------------------------

const decodeEntities = (s: string) => s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[e]!);

/** The headings of stored HTML, for a table of contents (the pipeline gives every h2–h6 an id). */
export function headingsFromHtml(html: string): Heading[] {
  return [...html.matchAll(/<h([2-6]) id="([^"]+)">([\s\S]*?)<\/h\1>/g)].map((m) => ({
    id: m[2]!,
    depth: Number(m[1]),
    text: decodeEntities(m[3]!.replace(/<[^>]*>/g, "")).trim(),
  }));
}

/** Links in stored HTML that lead to another site (or open a mail program): what the new-member link limit counts. */
export function countExternalLinks(html: string): number {
  let n = 0;
  for (const m of html.matchAll(/<a\b[^>]*?\bhref="([^"]*)"/g)) {
    const href = decodeEntities(m[1]!);
    if (resolveHref(href, env().APP_URL).external || /^mailto:/i.test(href)) n++;
  }
  return n;
}
