import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { findSimilar } from "./search-index.server";
import { THREADS_PER_PAGE, type ThreadSort } from "~/utils/discussion";
import type { FeedThread } from "~/utils/atom.server";

/** Public, read-only queries for discussions. Hidden and merged threads are never listed. */

/** A thread anyone may see: not hidden by a moderator, not merged into another. */
export const visibleThread = { hiddenAt: null, mergedIntoId: null } satisfies Prisma.ThreadWhereInput;

export type RecentThread = Pick<ThreadRow, "id" | "slug" | "title" | "category" | "authorMunicipality" | "answerCount" | "lastActivityAt">;

export async function listRecentThreads(n: number): Promise<RecentThread[]> {
  const rows = await prisma.thread.findMany({
    where: visibleThread,
    orderBy: { lastActivityAt: "desc" },
    take: n,
    select: {
      id: true,
      slug: true,
      title: true,
      answerCount: true,
      lastActivityAt: true,
      category: { select: { slug: true, name: true } },
      author: { select: { deletedAt: true, municipality: { select: { name: true } } } },
    },
  });
  return rows.map(({ author, ...row }) => ({
    ...row,
    // A deleted member's municipality is no longer shown.
    authorMunicipality: author && !author.deletedAt ? (author.municipality?.name ?? null) : null,
  }));
}

export type CategorySummary = { id: string; slug: string; name: string; description: string; threadCount: number };

export async function listCategories(): Promise<CategorySummary[]> {
  const rows = await prisma.discussionCategory.findMany({
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      _count: { select: { threads: { where: visibleThread } } },
    },
  });
  return rows.map(({ _count, ...row }) => ({ ...row, threadCount: _count.threads }));
}

export async function getCategoryBySlug(slug: string) {
  return prisma.discussionCategory.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, description: true } });
}

/** Tags that are in use on visible threads, for the tag filter. */
export async function listThreadTags(categoryId?: string) {
  return prisma.tag.findMany({
    where: { threads: { some: { thread: { ...visibleThread, ...(categoryId ? { categoryId } : {}) } } } },
    orderBy: { name: "asc" },
    select: { slug: true, name: true },
  });
}

export type ThreadRow = {
  id: string;
  slug: string;
  title: string;
  category: { slug: string; name: string };
  authorMunicipality: string | null;
  answerCount: number;
  voteCount: number;
  answered: boolean;
  pinned: boolean;
  locked: boolean;
  createdAt: Date;
  lastActivityAt: Date;
  tags: Array<{ slug: string; name: string }>;
};

const threadRowSelect = {
  id: true,
  slug: true,
  title: true,
  answerCount: true,
  voteCount: true,
  acceptedPostId: true,
  pinned: true,
  locked: true,
  createdAt: true,
  lastActivityAt: true,
  category: { select: { slug: true, name: true } },
  author: { select: { deletedAt: true, municipality: { select: { name: true } } } },
  tags: { select: { tag: { select: { slug: true, name: true } } } },
} satisfies Prisma.ThreadSelect;

function toThreadRow({ author, acceptedPostId, tags, ...row }: Prisma.ThreadGetPayload<{ select: typeof threadRowSelect }>): ThreadRow {
  return {
    ...row,
    answered: acceptedPostId !== null,
    authorMunicipality: author && !author.deletedAt ? (author.municipality?.name ?? null) : null,
    tags: tags.map((t) => t.tag).sort((a, b) => a.name.localeCompare(b.name, "sv")),
  };
}

// Keyset pagination: the cursor is the last row's sort value and id, base64url-encoded JSON.
type CursorValue = string | number;
export function encodeCursor(value: CursorValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}
/**
 * The cursor's value as the sort key needs it (a date, or a vote count), or null
 * for anything else, including a valid cursor of another order: the list then
 * starts from the first page.
 */
export function decodeCursor(cursor: string | null | undefined, key: "date" | "number"): [Date | number, string] | null {
  if (!cursor || cursor.length > 300) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [value, id] = parsed as unknown[];
    if (typeof id !== "string" || id.length > 64) return null;
    if (key === "number") return typeof value === "number" && Number.isSafeInteger(value) ? [value, id] : null;
    if (typeof value !== "string") return null;
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : [date, id];
  } catch {
    return null;
  }
}

const SORT_KEY: Record<ThreadSort, "lastActivityAt" | "createdAt" | "voteCount"> = {
  aktivitet: "lastActivityAt",
  nya: "createdAt",
  obesvarade: "createdAt",
  roster: "voteCount",
};

export type ThreadListPage = { pinned: ThreadRow[]; threads: ThreadRow[]; nextCursor: string | null };

/**
 * One page of threads: pinned ones first (on the first page), then the rest in the
 * chosen order, keyset-paged so deep pages cost the same as the first.
 */
export async function listThreads({
  categoryId,
  tagSlug,
  sort,
  cursor,
  pageSize = THREADS_PER_PAGE,
}: {
  categoryId?: string;
  tagSlug?: string;
  sort: ThreadSort;
  cursor?: string | null;
  pageSize?: number;
}): Promise<ThreadListPage> {
  const key = SORT_KEY[sort];
  const base: Prisma.ThreadWhereInput = {
    ...visibleThread,
    ...(categoryId ? { categoryId } : {}),
    ...(tagSlug ? { tags: { some: { tag: { slug: tagSlug } } } } : {}),
    ...(sort === "obesvarade" ? { answerCount: 0 } : {}),
  };
  const after = decodeCursor(cursor, key === "voteCount" ? "number" : "date");
  const keyset: Prisma.ThreadWhereInput | null = after ? { OR: [{ [key]: { lt: after[0] } }, { [key]: after[0], id: { lt: after[1] } }] } : null;
  const [pinned, rows] = await Promise.all([
    after
      ? Promise.resolve([])
      : prisma.thread.findMany({ where: { ...base, pinned: true }, orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }], take: 10, select: threadRowSelect }),
    prisma.thread.findMany({
      where: { AND: [base, { pinned: false }, ...(keyset ? [keyset] : [])] },
      orderBy: [{ [key]: "desc" }, { id: "desc" }],
      take: pageSize + 1,
      select: threadRowSelect,
    }),
  ]);
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  const nextCursor = rows.length > pageSize && last ? encodeCursor(key === "voteCount" ? last.voteCount : last[key].toISOString(), last.id) : null;
  return { pinned: pinned.map(toThreadRow), threads: page.map(toThreadRow), nextCursor };
}

/** Newest visible threads for the Atom feeds, with the question's text. */
export async function listThreadsForFeed({ categoryId, limit = 30 }: { categoryId?: string; limit?: number }): Promise<FeedThread[]> {
  const rows = await prisma.thread.findMany({
    where: { ...visibleThread, ...(categoryId ? { categoryId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      slug: true,
      title: true,
      createdAt: true,
      lastActivityAt: true,
      category: { select: { name: true } },
      author: { select: { name: true, deletedAt: true } },
      posts: { where: { kind: "question", hiddenAt: null }, take: 1, select: { bodyMd: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    createdAt: r.createdAt,
    lastActivityAt: r.lastActivityAt,
    author: r.author && !r.author.deletedAt ? r.author.name : null,
    category: r.category.name,
    bodyMd: r.posts[0]?.bodyMd ?? "",
  }));
}

/** Visible threads whose text shares words with a draft question (for the ask form). */
export async function findSimilarThreads(text: string, limit = 5) {
  const ids = await findSimilar({ text, kind: "thread", limit: limit * 2 });
  if (!ids.length) return [];
  const rows = await prisma.thread.findMany({
    where: { ...visibleThread, id: { in: ids } },
    select: { id: true, slug: true, title: true, answerCount: true, acceptedPostId: true },
  });
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows
    .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
    .slice(0, limit)
    .map(({ acceptedPostId, ...r }) => ({ ...r, answered: acceptedPostId !== null }));
}
