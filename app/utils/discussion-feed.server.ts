import { Feed } from "feed";
import type { FeedThread } from "~/models/discussion.server";
import { asHtml } from "~/utils/feed.server";
import { threadHref } from "~/utils/links";
import { SITE_NAME } from "~/utils/meta";

/** Markdown reduced to a plain-text summary (no markup reaches feed readers). */
export function plainSummary(markdown: string, max = 400): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`|~]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** Atom 1.0 for discussion threads: all of them, or one category's. */
export function discussionAtomFeed({ threads, siteUrl, title, selfPath, pagePath }: { threads: FeedThread[]; siteUrl: string; title: string; selfPath: string; pagePath: string }): string {
  const base = siteUrl.replace(/\/+$/, "");
  const newest = threads.reduce<Date | null>((max, t) => (!max || t.createdAt > max ? t.createdAt : max), null);
  const feed = new Feed({
    id: `${base}${pagePath}`,
    title: `${SITE_NAME}: ${title}`,
    description: "Nya frågor i diskussionerna mellan kommuner om BI, IoT och AI.",
    link: `${base}${pagePath}`,
    language: "sv",
    updated: newest ?? new Date(0),
    generator: SITE_NAME,
    feedLinks: { atom: `${base}${selfPath}` },
    copyright: SITE_NAME,
  });
  for (const t of threads) {
    const link = `${base}${threadHref(t)}`;
    const summary = plainSummary(t.bodyMd);
    feed.addItem({
      id: link,
      link,
      title: asHtml(t.title),
      description: summary ? asHtml(summary) : undefined,
      date: t.createdAt,
      published: t.createdAt,
      author: t.author ? [{ name: t.author }] : undefined,
      category: [{ name: t.category, term: t.category }],
    });
  }
  return feed.atom1();
}
