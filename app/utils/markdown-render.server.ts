import { Marked, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { guardExtension, newGuardState, RenderBudgetExceeded, type GuardState } from "./markdown-guards.server";
import { slugify } from "./slug";

/**
 * The renderer of the one Markdown pipeline: marked (GFM) with the guards of
 * markdown-guards.server.ts, then an allowlist sanitizer, because marked does not
 * sanitize. Callers use app/utils/markdown.server.ts; this file knows nothing of
 * the environment, so test fixtures can render with it too.
 */
export type Heading = { id: string; text: string; depth: number };
export type RenderedMarkdown = { html: string; headings: Heading[] };

/** The text could not be rendered within its bounds (time, or nesting the stack cannot hold). */
export class MarkdownRenderError extends Error {
  constructor(readonly reason: "time" | "depth") {
    super(`Markdown could not be rendered (${reason})`);
  }
}

const ALLOWED_TAGS = [
  "p",
  "br",
  "hr",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "strong",
  "em",
  "del",
  "code",
  "pre",
  "blockquote",
  "ul",
  "ol",
  "li",
  "a",
  "img",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "span",
  "input",
];

/**
 * Images only from this site's uploads, by a plain path: no dot segments, no
 * encoded characters, nothing a browser would resolve to another address.
 */
const UPLOAD_IMAGE = /^\/uploads\/(?:[\w-]+\/)*[\w-]+\.(?:png|jpe?g|gif|webp|avif)$/i;
export function isOwnUploadImage(src: string): boolean {
  if (!UPLOAD_IMAGE.test(src)) return false;
  try {
    return new URL(src, "http://uploads.invalid").pathname === src;
  } catch {
    return false;
  }
}

/**
 * An address as the browser will resolve it on this site. Links to another
 * origin (also written without "//", like "https:evil.example") are external.
 */
export function resolveHref(href: string, siteOrigin: string): { href: string; external: boolean } {
  let url: URL;
  try {
    url = new URL(href, siteOrigin);
  } catch {
    // Not an address a browser could open here; marked as another site's, to be safe.
    return { href, external: true };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { href, external: false };
  if (url.origin === new URL(siteOrigin).origin) return { href, external: false };
  // Written in full ("https://…") it stays as written; otherwise the address the browser would open.
  return { href: /^https?:\/\//i.test(href) ? href : url.href, external: true };
}

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function externalLink(href: string, title: string, inner: string) {
  return `<a href="${escapeText(href)}"${title} rel="noopener noreferrer" class="external-link">${inner}<span class="visually-hidden"> (extern webbplats)</span></a>`;
}

type InlineParser = { parser: { parseInline(tokens: Tokens.Generic[]): string } };

function createParser(headings: Heading[], siteOrigin: string, state: GuardState) {
  const used = new Map<string, number>();
  const marked = new Marked({ gfm: true, breaks: false });
  marked.use(guardExtension(state));
  marked.use({
    renderer: {
      heading(this: InlineParser, token: Tokens.Heading) {
        // The page owns the h1: Markdown headings start at h2.
        const depth = Math.min(Math.max(token.depth, 2), 6);
        const text = token.text.replace(/<[^>]*>/g, "");
        const base = slugify(text) || "avsnitt";
        const n = used.get(base) ?? 0;
        used.set(base, n + 1);
        const id = n ? `${base}-${n + 1}` : base;
        headings.push({ id, text, depth });
        return `<h${depth} id="${id}">${this.parser.parseInline(token.tokens)}</h${depth}>\n`;
      },
      link(this: InlineParser, token: Tokens.Link) {
        const inner = this.parser.parseInline(token.tokens);
        const title = token.title ? ` title="${escapeText(token.title)}"` : "";
        const target = resolveHref(token.href, siteOrigin);
        if (!target.external) return `<a href="${escapeText(token.href)}"${title}>${inner}</a>`;
        return externalLink(target.href, title, inner);
      },
      image(token: Tokens.Image) {
        if (isOwnUploadImage(token.href)) return `<img src="${escapeText(token.href)}" alt="${escapeText(token.text)}" loading="lazy">`;
        // Another site's image would make every reader's browser call it: a link instead.
        const label = escapeText(token.text ? `Bild: ${token.text}` : "Bild");
        const target = resolveHref(token.href, siteOrigin);
        return target.external ? externalLink(target.href, "", label) : `[${label}]`;
      },
    },
  });
  return marked;
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ["href", "title", "rel", "class"],
    img: ["src", "alt", "loading"],
    h2: ["id"],
    h3: ["id"],
    h4: ["id"],
    h5: ["id"],
    h6: ["id"],
    th: ["align"],
    td: ["align"],
    span: ["class"],
    code: ["class"],
    input: ["type", "checked", "disabled"],
  },
  allowedClasses: { a: ["external-link"], span: ["visually-hidden"], code: [/^language-[\w-]+$/] },
  allowedSchemes: ["http", "https", "mailto"],
  // Only our own uploads, which are relative paths.
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Raw HTML in Markdown loses its tags but keeps readable text; these lose their content too.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "embed", "template", "svg", "math"],
  transformTags: {
    img: (tagName, attribs) =>
      attribs.src && isOwnUploadImage(attribs.src) ? { tagName, attribs } : { tagName: "span", attribs: {}, text: attribs.alt ?? "" },
    // GFM task lists only: a disabled checkbox.
    input: (_tagName, attribs) =>
      attribs.type === "checkbox"
        ? { tagName: "input", attribs: { type: "checkbox", disabled: "", ...(attribs.checked !== undefined ? { checked: "" } : {}) } }
        : { tagName: "span", attribs: {} },
  },
};

/**
 * Renders and sanitizes one text within a time budget. Throws MarkdownRenderError
 * when the budget runs out or the text nests deeper than the stack holds.
 */
export function renderWithinBudget(markdown: string, { siteOrigin, budgetMs }: { siteOrigin: string; budgetMs: number }): RenderedMarkdown {
  const state = newGuardState(budgetMs);
  const headings: Heading[] = [];
  try {
    const raw = createParser(headings, siteOrigin, state).parse(markdown, { async: false }) as string;
    if (performance.now() > state.deadline) throw new RenderBudgetExceeded();
    return { html: sanitizeHtml(raw, SANITIZE), headings };
  } catch (error) {
    if (error instanceof RenderBudgetExceeded) throw new MarkdownRenderError("time");
    // "Maximum call stack size exceeded": nesting the guards did not catch.
    if (error instanceof RangeError) throw new MarkdownRenderError("depth");
    throw error;
  }
}
