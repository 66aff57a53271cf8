import crypto from "node:crypto";
import { Marked, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { env } from "./env.server";
import { slugify } from "./slug";

/**
 * The one Markdown pipeline of the product: marked (GFM) renders, then an
 * allowlist sanitizer removes everything else, because marked does not sanitize.
 * Everything users or organizers write goes through renderMarkdown(), and the
 * result is shown only through <Markdown> in app/components/markdown.tsx.
 */
export type Heading = { id: string; text: string; depth: number };
export type RenderedMarkdown = { html: string; headings: Heading[] };

const ALLOWED_TAGS = [
  "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre", "blockquote",
  "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "span", "input",
];

function isExternal(href: string) {
  if (!/^https?:\/\//i.test(href)) return false;
  try {
    return new URL(href).host !== new URL(env().APP_URL).host;
  } catch {
    return true;
  }
}

/** Our own uploads, or https images; nothing else may load. */
const allowedImageSrc = (src: string) => /^https:\/\//i.test(src) || /^\/uploads\/[\w./-]+$/.test(src);

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function createParser(headings: Heading[]) {
  const used = new Map<string, number>();
  const marked = new Marked({ gfm: true, breaks: false });
  marked.use({
    renderer: {
      heading(this: { parser: { parseInline(t: Tokens.Heading["tokens"]): string } }, token: Tokens.Heading) {
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
      link(this: { parser: { parseInline(t: Tokens.Link["tokens"]): string } }, token: Tokens.Link) {
        const inner = this.parser.parseInline(token.tokens);
        const title = token.title ? ` title="${escapeText(token.title)}"` : "";
        if (!isExternal(token.href)) return `<a href="${escapeText(token.href)}"${title}>${inner}</a>`;
        return `<a href="${escapeText(token.href)}"${title} rel="noopener noreferrer" class="external-link">${inner}<span class="visually-hidden"> (extern webbplats)</span></a>`;
      },
      image(token: Tokens.Image) {
        if (!allowedImageSrc(token.href)) return escapeText(token.text ? `[Bild: ${token.text}]` : "");
        return `<img src="${escapeText(token.href)}" alt="${escapeText(token.text)}" loading="lazy">`;
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
    h2: ["id"], h3: ["id"], h4: ["id"], h5: ["id"], h6: ["id"],
    th: ["align"], td: ["align"],
    span: ["class"],
    code: ["class"],
    input: ["type", "checked", "disabled"],
  },
  allowedClasses: { a: ["external-link"], span: ["visually-hidden"], code: [/^language-[\w-]+$/] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["https"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Raw HTML in Markdown loses its tags but keeps readable text; these lose their content too.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "embed", "template", "svg", "math"],
  transformTags: {
    img: (tagName, attribs) =>
      attribs.src && allowedImageSrc(attribs.src) ? { tagName, attribs } : { tagName: "span", attribs: {}, text: attribs.alt ?? "" },
    // GFM task lists only: a disabled checkbox.
    input: (_tagName, attribs) =>
      attribs.type === "checkbox"
        ? { tagName: "input", attribs: { type: "checkbox", disabled: "", ...(attribs.checked !== undefined ? { checked: "" } : {}) } }
        : { tagName: "span", attribs: {} },
  },
};

const cache = new Map<string, RenderedMarkdown>();
const CACHE_SIZE = 500;

/** Renders and sanitizes Markdown. Results are cached by content, so a version renders once. */
export function renderMarkdown(markdown: string): RenderedMarkdown {
  const key = crypto.createHash("sha256").update(markdown).digest("base64url");
  const hit = cache.get(key);
  if (hit) return hit;
  const headings: Heading[] = [];
  const raw = createParser(headings).parse(markdown, { async: false });
  const result = { html: sanitizeHtml(raw, SANITIZE), headings };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, result);
  return result;
}
