// The pages the benchmark measures, and the big discussion thread it adds to
// every database so that one of them is heavy.
import zlib from "node:zlib";
import { renderWithinBudget } from "../../app/utils/markdown-render.server";

export const EVENT_PATH = "/forum/kommunforum-analytics-2021-05-06";

/** A thread with 10,000 answers and a comment on every tenth; each database gets the same rows. */
export const BIG_THREAD = {
  answers: 10_000,
  path: "/diskussioner/bench-stor-trad/en-trad-med-tiotusen-svar",
  id: "bench-stor-trad",
  slug: "en-trad-med-tiotusen-svar",
  title: "En tråd med tiotusen svar",
  question: "Hur håller sidan farten med **många** svar?",
  /** Answer i's body is answerPrefix + i + answerSuffix. */
  answerPrefix: "Svar nummer ",
  answerSuffix: " med lite *Markdown* och en [länk](https://example.org).",
  comment: "En kort kommentar.",
  /** Answer number 42 is the accepted one. */
  acceptedAnswer: 42,
} as const;

/**
 * The HTML the app stores with the big thread's texts (ADR 011): answer i's HTML
 * is answerPrefix + i + answerSuffix, like its Markdown.
 */
export function bigThreadHtml() {
  const render = (markdown: string) => renderWithinBudget(markdown, { siteOrigin: "http://localhost", budgetMs: 5_000 }).html;
  const [answerPrefix, answerSuffix] = render(`${BIG_THREAD.answerPrefix}BENCHNUMBER${BIG_THREAD.answerSuffix}`).split("BENCHNUMBER");
  return { question: render(BIG_THREAD.question), answerPrefix: answerPrefix!, answerSuffix: answerSuffix!, comment: render(BIG_THREAD.comment) };
}

export interface Page {
  name: string;
  path: string;
  body: Buffer;
  contentType: string;
  jsFiles: number;
  jsGzipBytes: number;
}

/**
 * Loads the pages to measure from a running app: home always; the event page
 * and the big thread when the database was seeded. Returns notes on what was left out.
 */
export async function discoverPages(appUrl: string, seeded: boolean): Promise<{ pages: Page[]; skipped: string[] }> {
  const pages: Page[] = [await loadPage(appUrl, "home", "/")];
  const skipped: string[] = [];
  if (!seeded) {
    skipped.push("event page: skipped (no seed)");
    return { pages, skipped };
  }
  const status = (await fetch(appUrl + EVENT_PATH)).status;
  if (status === 200) pages.push(await loadPage(appUrl, "event", EVENT_PATH));
  else skipped.push(`event page: skipped (${EVENT_PATH} answered HTTP ${status})`);
  pages.push(await loadPage(appUrl, "thread 10k answers", BIG_THREAD.path));
  pages.push(await loadPage(appUrl, "thread 10k, page 400", `${BIG_THREAD.path}?svar=datum&sida=400`));
  return { pages, skipped };
}

/** Fetches a page once, keeping its exact bytes, and totals the JavaScript it loads. */
export async function loadPage(base: string, name: string, pagePath: string): Promise<Page> {
  const response = await fetch(base + pagePath, { headers: { "accept-encoding": "identity" } });
  if (response.status !== 200) throw new Error(`${pagePath} answered HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  const scripts = scriptUrls(body.toString("utf8"));
  let jsGzipBytes = 0;
  for (const src of scripts) {
    const js = await fetch(base + src);
    if (js.status !== 200) throw new Error(`${src} answered HTTP ${js.status}`);
    jsGzipBytes += zlib.gzipSync(Buffer.from(await js.arrayBuffer())).length;
  }
  return {
    name,
    path: pagePath,
    body,
    contentType: response.headers.get("content-type") ?? "text/html; charset=utf-8",
    jsFiles: scripts.size,
    jsGzipBytes,
  };
}

/** Checks that every page answers 200 on another app (e.g. the same code on PostgreSQL). */
export async function assertPagesAnswer(base: string, pages: Page[]) {
  for (const page of pages) {
    const response = await fetch(base + page.path);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${base}${page.path} answered HTTP ${response.status}`);
  }
}

/** `<script src>` and `<link rel="modulepreload">` under /build, in any attribute order. */
function scriptUrls(html: string): Set<string> {
  const urls = new Set<string>();
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const attr = (name: string) => new RegExp(`\\s${name}=["']([^"']*)["']`, "i").exec(tag)?.[1];
    const url = tag.toLowerCase().startsWith("<script") ? attr("src") : attr("rel") === "modulepreload" ? attr("href") : undefined;
    if (url?.startsWith("/build/")) urls.add(url);
  }
  return urls;
}
