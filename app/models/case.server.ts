import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";

/**
 * Public, read-only queries for cases. Only published cases are public, and the
 * contact email is never selected here (it is for logged-in members only).
 */

const PUBLISHED = "published";

const cardSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  domain: true,
  publishedAt: true,
  municipality: { select: { code: true, name: true, county: { select: { name: true } } } },
  organisation: { select: { name: true } },
  tags: { orderBy: { tag: { name: "asc" } }, select: { tag: { select: { slug: true, name: true } } } },
} satisfies Prisma.CaseSelect;

type CardRow = Prisma.CaseGetPayload<{ select: typeof cardSelect }>;

export type CaseSummary = Omit<CardRow, "tags"> & { tags: Array<{ slug: string; name: string }> };

function flattenTags<T extends { tags: Array<{ tag: { slug: string; name: string } }> }>(row: T) {
  return { ...row, tags: row.tags.map((t) => t.tag) };
}

const newestFirst: Prisma.CaseOrderByWithRelationInput[] = [{ publishedAt: "desc" }, { title: "asc" }];

export async function listLatestCases(n: number): Promise<CaseSummary[]> {
  const rows = await prisma.case.findMany({
    where: { status: PUBLISHED },
    orderBy: newestFirst,
    take: n,
    select: cardSelect,
  });
  return rows.map(flattenTags);
}

export async function listPublishedCases(): Promise<CaseSummary[]> {
  const rows = await prisma.case.findMany({ where: { status: PUBLISHED }, orderBy: newestFirst, select: cardSelect });
  return rows.map(flattenTags);
}

export async function getPublishedCaseBySlug(slug: string) {
  const row = await prisma.case.findFirst({
    where: { slug, status: PUBLISHED },
    select: {
      ...cardSelect,
      bodyMd: true,
      technologies: true,
      contactName: true,
      contactTitle: true,
      lastReviewedAt: true,
      event: { select: { slug: true, title: true, startsAt: true, status: true } },
    },
  });
  if (!row) return null;
  const { event, ...rest } = flattenTags(row);
  // Link only to a forum that is itself public.
  const publicEvent = event && event.status === PUBLISHED ? { slug: event.slug, title: event.title, startsAt: event.startsAt } : null;
  return { ...rest, event: publicEvent };
}

export type PublicCase = NonNullable<Awaited<ReturnType<typeof getPublishedCaseBySlug>>>;
