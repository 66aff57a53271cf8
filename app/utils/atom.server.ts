import { Feed } from "feed";
import { FEED_HREF, threadHref } from "~/utils/links";
import { SITE_NAME } from "~/utils/meta";
import { markdownExcerpt } from "~/utils/plain-text";

/**
 * The site's Atom 1.0 feeds: news (published articles and cases, /feed.xml) and
 * discussion threads (all, or one category's). Only plain text goes in, so no
 * Markdown or HTML reaches feed readers. The RSS feed of upcoming forums is in
 * calendar-feed.server.ts.
 */

export const FEED_CONTENT_TYPE = "application/atom+xml; charset=utf-8";

/**
 * The feed package puts titles and summaries in CDATA, and readers take them as
 * HTML (Atom type="html", RSS descriptions): our plain text must therefore be
 * HTML-escaped, or a reader would run "<b>" as markup. Escaping ">" also keeps a
 * "]]>" in the text from ending the CDATA section. Every feed uses this.
 */
export const asHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** One entry of the news feed (listFeedEntries in app/models/feed.server.ts). */
export type FeedEntry = {
  id: string; // stable: "case:<id>" / "article:<id>"
  kind: "case" | "article";
  title: string;
  path: string;
  summary: string;
  published: Date;
  updated: Date;
  author: string | null;
  tags: string[];
};

/** One entry of a discussion feed (listThreadsForFeed in app/models/discussion.server.ts). */
export type FeedThread = {
  id: string;
  slug: string;
  title: string;
  createdAt: Date;
  lastActivityAt: Date;
  author: string | null;
  category: string;
  bodyMd: string;
};

type AtomItem = { path: string; title: string; summary: string; updated: Date; published: Date; author: string | null; categories: string[] };

/** The one Atom document every feed here writes: absolute links, Swedish, escaped plain text. */
function atomDocument({
  siteUrl,
  pagePath,
  selfPath,
  title,
  description,
  items,
}: {
  siteUrl: string;
  pagePath: string;
  selfPath: string;
  title: string;
  description: string;
  items: AtomItem[];
}): string {
  const base = siteUrl.replace(/\/+$/, "");
  const newest = items.reduce<Date | null>((max, item) => (!max || item.updated > max ? item.updated : max), null);
  const feed = new Feed({
    id: `${base}${pagePath}`,
    title: `${SITE_NAME}: ${title}`,
    description,
    link: `${base}${pagePath}`,
    language: "sv",
    updated: newest ?? new Date(0),
    generator: SITE_NAME,
    feedLinks: { atom: `${base}${selfPath}` },
    copyright: SITE_NAME,
  });
  for (const item of items) {
    feed.addItem({
      id: `${base}${item.path}`,
      link: `${base}${item.path}`,
      title: asHtml(item.title),
      description: item.summary ? asHtml(item.summary) : undefined,
      date: item.updated,
      published: item.published,
      author: item.author ? [{ name: item.author }] : undefined,
      category: item.categories.map((name) => ({ name, term: name })),
    });
  }
  return feed.atom1();
}

const KIND_LABEL: Record<FeedEntry["kind"], string> = { case: "Case", article: "Spaning" };

/** The news feed: new articles ("Spaningar") and cases. */
export function atomFeed(entries: FeedEntry[], siteUrl: string): string {
  return atomDocument({
    siteUrl,
    pagePath: "/",
    selfPath: FEED_HREF,
    title: "spaningar och case",
    description: "Nya spaningar och case om hur kommuner arbetar med BI, IoT och AI.",
    items: entries.map((entry) => ({
      path: entry.path,
      title: `${KIND_LABEL[entry.kind]}: ${entry.title}`,
      summary: entry.summary,
      updated: entry.updated,
      published: entry.published,
      author: entry.author,
      categories: entry.tags,
    })),
  });
}

/** Discussion threads, all of them or one category's, with the question as the summary. */
export function discussionAtomFeed({
  threads,
  siteUrl,
  title,
  selfPath,
  pagePath,
}: {
  threads: FeedThread[];
  siteUrl: string;
  title: string;
  selfPath: string;
  pagePath: string;
}): string {
  return atomDocument({
    siteUrl,
    pagePath,
    selfPath,
    title,
    description: "Nya frågor i diskussionerna mellan kommuner om BI, IoT och AI.",
    items: threads.map((t) => ({
      path: threadHref(t),
      title: t.title,
      summary: markdownExcerpt(t.bodyMd, 400),
      updated: t.createdAt,
      published: t.createdAt,
      author: t.author,
      categories: [t.category],
    })),
  });
}
