import { prisma } from "~/utils/db.server";
import type { FeedEntry } from "~/utils/atom.server";
import { articleHref, caseHref } from "~/utils/links";

/** What the site's news feed carries: published articles ("Spaningar") and cases, newest first. */

export async function listFeedEntries(limit = 30, now: Date = new Date()): Promise<FeedEntry[]> {
  const published = { status: "published", publishedAt: { not: null, lte: now } } as const;
  const tagSelect = { orderBy: { tag: { name: "asc" } }, select: { tag: { select: { name: true } } } } as const;
  const [cases, articles] = await Promise.all([
    prisma.case.findMany({
      where: published,
      orderBy: { publishedAt: "desc" },
      take: limit,
      select: {
        id: true,
        slug: true,
        title: true,
        summary: true,
        publishedAt: true,
        updatedAt: true,
        municipality: { select: { officialName: true } },
        organisation: { select: { name: true } },
        tags: tagSelect,
      },
    }),
    prisma.article.findMany({
      where: published,
      orderBy: { publishedAt: "desc" },
      take: limit,
      select: { id: true, slug: true, title: true, summary: true, publishedAt: true, updatedAt: true, authorName: true, tags: tagSelect },
    }),
  ]);
  const entries: FeedEntry[] = [
    ...cases.map((c) => ({
      id: `case:${c.id}`,
      kind: "case" as const,
      title: c.title,
      path: caseHref(c),
      summary: c.summary,
      published: c.publishedAt ?? c.updatedAt,
      updated: c.updatedAt,
      author: c.municipality?.officialName ?? c.organisation?.name ?? null,
      tags: c.tags.map((t) => t.tag.name),
    })),
    ...articles.map((a) => ({
      id: `article:${a.id}`,
      kind: "article" as const,
      title: a.title,
      path: articleHref(a),
      summary: a.summary,
      published: a.publishedAt ?? a.updatedAt,
      updated: a.updatedAt,
      author: a.authorName || null,
      tags: a.tags.map((t) => t.tag.name),
    })),
  ];
  return entries.sort((a, b) => +b.published - +a.published || a.id.localeCompare(b.id)).slice(0, limit);
}
