import { prisma } from "~/utils/db.server";
import { articleHref, caseHref, eventHref, threadHref } from "~/utils/links";
import { SEARCH_FILTERS, SEARCH_PAGE_SIZE, type SearchFilter } from "~/utils/search-filters";
import { searchBackend, type Highlighted, type SearchKind } from "./search-index.server";

/**
 * The search page's model: runs the query through the search backend and turns
 * each hit into something a page can show (address, type, context line).
 */

const KIND_LABELS: Record<SearchKind, string> = {
  case: "Case",
  article: "Spaning",
  event: "Forum",
  recording: "Inspelning",
  thread: "Diskussion",
};

export type SearchResultItem = {
  key: string;
  kind: SearchKind;
  kindLabel: string;
  href: string;
  title: Highlighted;
  snippet: Highlighted;
  context: string | null;
  /** For cases: the municipality, linked to its page. */
  municipality: { code: string; name: string } | null;
  date: Date | null;
};

export type SearchPage = { total: number; page: number; pageCount: number; items: SearchResultItem[] };

/**
 * Snippets come from the Markdown source: drop the syntax characters so a hit
 * reads as text. Works per part, so the highlighted words stay marked.
 */
export function readableSnippet(parts: Highlighted): Highlighted {
  return parts
    .map((p) => ({
      ...p,
      text: p.match
        ? p.text
        : p.text
            .replace(/\]\([^)\s]*\)?/g, " ")
            .replace(/(^|\s)#{1,6}\s+/g, "$1")
            .replace(/[*_`>|[\]]+/g, "")
            .replace(/\s+/g, " "),
    }))
    .filter((p) => p.text.length > 0);
}

type Target = { href: string; context: string | null; municipality?: { code: string; name: string } | null; date: Date | null };

/** Addresses and context for the hits, one query per kind present (no N+1). */
async function resolveTargets(ids: Record<SearchKind, string[]>): Promise<Map<string, Target>> {
  const [cases, articles, events, recordings, threads] = await Promise.all([
    ids.case.length
      ? prisma.case.findMany({
          where: { id: { in: ids.case }, status: "published" },
          select: {
            id: true,
            slug: true,
            publishedAt: true,
            municipality: { select: { code: true, name: true, county: { select: { name: true } } } },
            organisation: { select: { name: true } },
          },
        })
      : [],
    ids.article.length
      ? prisma.article.findMany({
          where: { id: { in: ids.article }, status: "published" },
          select: { id: true, slug: true, publishedAt: true, authorName: true },
        })
      : [],
    ids.event.length ? prisma.event.findMany({ where: { id: { in: ids.event }, status: "published" }, select: { id: true, slug: true, startsAt: true } }) : [],
    ids.recording.length
      ? prisma.recording.findMany({
          where: { id: { in: ids.recording } },
          select: { id: true, publishedAt: true, event: { select: { slug: true, startsAt: true } } },
        })
      : [],
    ids.thread.length
      ? prisma.thread.findMany({
          where: { id: { in: ids.thread }, hiddenAt: null },
          select: { id: true, slug: true, lastActivityAt: true, category: { select: { name: true } } },
        })
      : [],
  ]);
  const targets = new Map<string, Target>();
  for (const c of cases) {
    const m = c.municipality;
    targets.set(`case:${c.id}`, {
      href: caseHref(c),
      context: m ? m.county.name : (c.organisation?.name ?? null),
      municipality: m ? { code: m.code, name: m.name } : null,
      date: c.publishedAt,
    });
  }
  for (const a of articles) {
    targets.set(`article:${a.id}`, { href: articleHref(a), context: a.authorName || null, date: a.publishedAt });
  }
  for (const e of events) targets.set(`event:${e.id}`, { href: eventHref(e), context: null, date: e.startsAt });
  // Recordings are shown from their forum's page until they get pages of their own.
  for (const r of recordings) {
    targets.set(`recording:${r.id}`, { href: eventHref(r.event), context: "Inspelning av forumet", date: r.event.startsAt });
  }
  for (const t of threads) {
    targets.set(`thread:${t.id}`, { href: threadHref(t), context: t.category.name, date: t.lastActivityAt });
  }
  return targets;
}

export async function searchSite({
  query,
  filter,
  page,
  now = new Date(),
}: {
  query: string;
  filter: SearchFilter;
  page: number;
  now?: Date;
}): Promise<SearchPage> {
  const kinds = SEARCH_FILTERS.find((f) => f.value === filter)?.kinds ?? [];
  const safePage = Math.max(1, Math.floor(page) || 1);
  const { total, hits } = await searchBackend.search({
    query,
    kinds,
    limit: SEARCH_PAGE_SIZE,
    offset: (safePage - 1) * SEARCH_PAGE_SIZE,
    now,
  });
  const ids: Record<SearchKind, string[]> = { case: [], article: [], event: [], recording: [], thread: [] };
  for (const hit of hits) ids[hit.kind].push(hit.refId);
  const targets = await resolveTargets(ids);
  const items = hits.flatMap((hit): SearchResultItem[] => {
    const key = `${hit.kind}:${hit.refId}`;
    const target = targets.get(key);
    if (!target) return []; // changed between the two queries
    return [
      {
        key,
        kind: hit.kind,
        kindLabel: KIND_LABELS[hit.kind],
        title: hit.title,
        snippet: readableSnippet(hit.snippet),
        ...target,
        municipality: target.municipality ?? null,
      },
    ];
  });
  return { total, page: safePage, pageCount: Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE)), items };
}
