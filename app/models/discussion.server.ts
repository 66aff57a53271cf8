import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";

/** Public, read-only queries for discussions. Hidden and merged threads are never listed. */

const visibleThread = { hiddenAt: null, mergedIntoId: null } satisfies Prisma.ThreadWhereInput;

export type RecentThread = {
  id: string;
  slug: string;
  title: string;
  category: { slug: string; name: string };
  authorMunicipality: string | null;
  answerCount: number;
  lastActivityAt: Date;
};

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
