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

/** The pages issue 18 names, where the seed has them (the first candidate that answers 200). */
const CANDIDATES: Array<{ name: string; paths: string[]; findIn?: { page: string; link: RegExp } }> = [
  { name: "home", paths: ["/"] },
  { name: "event", paths: ["/forum/kommunforum-analytics-nasta", EVENT_PATH] },
  { name: "case", paths: ["/case/borlange-bi-beslutsstod"], findIn: { page: "/case", link: /href="(\/case\/[a-z0-9-]+)"/ } },
  { name: "discussions", paths: ["/diskussioner"] },
  { name: "thread 10k", paths: [BIG_THREAD.path] },
  { name: "municipality", paths: ["/kommun/2081-borlange"], findIn: { page: "/kommun", link: /href="(\/kommun\/\d{4}-[a-z0-9-]+)"/ } },
];

/**
 * Loads the pages to measure from a running app: home always; the others when
 * the database was seeded. Returns notes on what was left out.
 */
export async function discoverPages(appUrl: string, seeded: boolean): Promise<{ pages: Page[]; skipped: string[] }> {
  const pages: Page[] = [];
  const skipped: string[] = [];
  for (const candidate of seeded ? CANDIDATES : CANDIDATES.slice(0, 1)) {
    const paths = [...candidate.paths];
    if (candidate.findIn) {
      const html = await (await fetch(appUrl + candidate.findIn.page)).text();
      const found = candidate.findIn.link.exec(html)?.[1];
      if (found) paths.push(found);
    }
    let path: string | undefined;
    for (const p of paths) {
      const response = await fetch(appUrl + p);
      await response.arrayBuffer();
      if (response.status === 200) {
        path = p;
        break;
      }
    }
    if (path) pages.push(await loadPage(appUrl, candidate.name, path));
    else skipped.push(`${candidate.name}: skipped (none of ${paths.join(", ")} answered 200)`);
  }
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
