import { Feed } from "feed";
import type { FeedEntry } from "~/models/feed.server";
import { FEED_HREF } from "~/utils/links";
import { SITE_NAME } from "~/utils/meta";

export const FEED_CONTENT_TYPE = "application/atom+xml; charset=utf-8";

const KIND_LABEL: Record<FeedEntry["kind"], string> = { case: "Case", article: "Spaning" };

/**
 * The feed package puts titles and summaries in CDATA, and readers take them as
 * HTML (Atom type="html", RSS descriptions): our plain text must therefore be
 * HTML-escaped, or a reader would run "<b>" as markup. Escaping ">" also keeps a
 * "]]>" in the text from ending the CDATA section. Every feed uses this.
 */
export const asHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/**
 * The Atom 1.0 document for the feed. Only plain-text summaries go in (the
 * `feed` package escapes them), so no Markdown or HTML reaches feed readers.
 */
export function atomFeed(entries: FeedEntry[], siteUrl: string): string {
  const base = siteUrl.replace(/\/+$/, "");
  const newest = entries.reduce<Date | null>((max, e) => (!max || e.updated > max ? e.updated : max), null);
  const feed = new Feed({
    id: `${base}/`,
    title: `${SITE_NAME}: spaningar och case`,
    description: "Nya spaningar och case om hur kommuner arbetar med BI, IoT och AI.",
    link: `${base}/`,
    language: "sv",
    updated: newest ?? new Date(0),
    generator: SITE_NAME,
    feedLinks: { atom: `${base}${FEED_HREF}` },
    copyright: SITE_NAME,
  });
  for (const entry of entries) {
    feed.addItem({
      id: `${base}${entry.path}`,
      link: `${base}${entry.path}`,
      title: asHtml(`${KIND_LABEL[entry.kind]}: ${entry.title}`),
      description: entry.summary ? asHtml(entry.summary) : undefined,
      date: entry.updated,
      published: entry.published,
      author: entry.author ? [{ name: entry.author }] : undefined,
      category: entry.tags.map((name) => ({ name, term: name })),
    });
  }
  return feed.atom1();
}
