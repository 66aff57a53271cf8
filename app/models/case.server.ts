import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import type { CaseFilter } from "~/validation/library";
import { visibleThread } from "./discussion.server";

/**
 * Cases, the public side: only published cases, and the contact email only when
 * the caller says the reader is a logged-in member. The question to a case owner
 * is in case-question.server.ts; the organizer's and the case editor's side in
 * case-admin.server.ts.
 */

export const PUBLISHED = "published";
export const CASE_PAGE_SIZE = 12;
/** A case not reviewed for this many months gets a notice on its page. */
export const REVIEW_MONTHS = 18;

const cardSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  domain: true,
  publishedAt: true,
  municipality: { select: { code: true, name: true, county: { select: { code: true, name: true } } } },
  organisation: { select: { name: true } },
  tags: { orderBy: { tag: { name: "asc" } }, select: { tag: { select: { slug: true, name: true } } } },
} satisfies Prisma.CaseSelect;

type CardRow = Prisma.CaseGetPayload<{ select: typeof cardSelect }>;

export type CaseSummary = Omit<CardRow, "tags"> & { tags: Array<{ slug: string; name: string }> };

export function flattenTags<T extends { tags: Array<{ tag: { slug: string; name: string } }> }, Tag = T["tags"][number]["tag"]>(
  row: T,
): Omit<T, "tags"> & { tags: Tag[] } {
  return { ...row, tags: row.tags.map((t) => t.tag as Tag) };
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

// ---------------------------------------------------------------------------
// The library: filters, sort and pages
// ---------------------------------------------------------------------------

export type CaseFilterOptions = {
  tags: Array<{ slug: string; name: string }>;
  domains: string[];
  counties: Array<{ code: string; name: string }>;
  municipalities: Array<{ code: string; name: string; countyCode: string }>;
};

/** What the filter selects offer: area tags, and the domains, counties and municipalities that have published cases. */
export async function getCaseFilterOptions(): Promise<CaseFilterOptions> {
  const [tags, rows] = await Promise.all([
    prisma.tag.findMany({
      where: { OR: [{ kind: "area" }, { cases: { some: { case: { status: PUBLISHED } } } }] },
      orderBy: { name: "asc" },
      select: { slug: true, name: true },
    }),
    prisma.case.findMany({
      where: { status: PUBLISHED },
      select: { domain: true, municipality: { select: { code: true, name: true, county: { select: { code: true, name: true } } } } },
    }),
  ]);
  const domains = new Set<string>();
  const counties = new Map<string, string>();
  const municipalities = new Map<string, { code: string; name: string; countyCode: string }>();
  for (const row of rows) {
    if (row.domain) domains.add(row.domain);
    if (row.municipality) {
      counties.set(row.municipality.county.code, row.municipality.county.name);
      municipalities.set(row.municipality.code, { code: row.municipality.code, name: row.municipality.name, countyCode: row.municipality.county.code });
    }
  }
  const sv = (a: string, b: string) => a.localeCompare(b, "sv");
  return {
    tags,
    domains: [...domains].sort(sv),
    counties: [...counties].map(([code, name]) => ({ code, name })).sort((a, b) => sv(a.name, b.name)),
    municipalities: [...municipalities.values()].sort((a, b) => sv(a.name, b.name)),
  };
}

/** Drops filter values that match no option, so a stale or hand-edited URL still shows cases. */
export function applicableFilter(filter: CaseFilter, options: CaseFilterOptions): CaseFilter {
  return {
    ...filter,
    tag: options.tags.some((t) => t.slug === filter.tag) ? filter.tag : null,
    domain: filter.domain && options.domains.includes(filter.domain) ? filter.domain : null,
    county: options.counties.some((c) => c.code === filter.county) ? filter.county : null,
    municipality: options.municipalities.some((m) => m.code === filter.municipality) ? filter.municipality : null,
  };
}

export async function searchCases(filter: CaseFilter, pageSize = CASE_PAGE_SIZE) {
  const where: Prisma.CaseWhereInput = { status: PUBLISHED };
  if (filter.tag) where.tags = { some: { tag: { slug: filter.tag } } };
  if (filter.domain) where.domain = filter.domain;
  if (filter.municipality) where.municipalityCode = filter.municipality;
  if (filter.county) where.municipality = { countyCode: filter.county };
  const total = await prisma.case.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filter.page, pageCount);
  const rows = await prisma.case.findMany({
    where,
    orderBy: filter.sort === "titel" ? [{ title: "asc" }] : newestFirst,
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: cardSelect,
  });
  return { cases: rows.map(flattenTags), total, page, pageCount };
}

// ---------------------------------------------------------------------------
// The case page
// ---------------------------------------------------------------------------

/** `draft: true` (an organizer's preview) also finds a draft; `isDraft` tells the page to say so. */
export async function getPublishedCaseBySlug(slug: string, { includeContactEmail = false, draft = false } = {}) {
  const row = await prisma.case.findFirst({
    where: { slug, status: draft ? { in: [PUBLISHED, "draft"] } : PUBLISHED },
    select: {
      ...cardSelect,
      status: true,
      // Stored at write time (null: not renderable, or not yet backfilled); the page never renders.
      bodyHtml: true,
      technologies: true,
      contactName: true,
      contactTitle: true,
      contactEmail: true,
      editorId: true,
      lastReviewedAt: true,
      updatedAt: true,
      event: {
        select: {
          slug: true,
          title: true,
          startsAt: true,
          status: true,
          recording: { select: { publishedAt: true, durationSeconds: true } },
        },
      },
    },
  });
  if (!row) return null;
  const { event, contactEmail, status, ...rest } = flattenTags(row);
  // Link only to a forum that is itself public, and to its recording once published.
  const publicEvent =
    event && event.status === PUBLISHED
      ? {
          slug: event.slug,
          title: event.title,
          startsAt: event.startsAt,
          recording: event.recording?.publishedAt ? { durationSeconds: event.recording.durationSeconds } : null,
        }
      : null;
  return {
    ...rest,
    isDraft: status !== PUBLISHED,
    contactEmail: includeContactEmail ? contactEmail : null,
    hasContactEmail: contactEmail !== "",
    event: publicEvent,
  };
}

export type PublicCase = NonNullable<Awaited<ReturnType<typeof getPublishedCaseBySlug>>>;

export function needsReview(lastReviewedAt: Date | null, publishedAt: Date | null, now = new Date()): boolean {
  const since = lastReviewedAt ?? publishedAt;
  if (!since) return false;
  const limit = new Date(now);
  limit.setMonth(limit.getMonth() - REVIEW_MONTHS);
  return since < limit;
}

/** Published cases sharing at least one tag, those sharing most first. */
export async function listRelatedCases(caseId: string, tagSlugs: string[], n = 3): Promise<CaseSummary[]> {
  if (!tagSlugs.length) return [];
  const rows = await prisma.case.findMany({
    where: { status: PUBLISHED, id: { not: caseId }, tags: { some: { tag: { slug: { in: tagSlugs } } } } },
    orderBy: newestFirst,
    take: 20,
    select: cardSelect,
  });
  const shared = (row: CardRow) => row.tags.filter((t) => tagSlugs.includes(t.tag.slug)).length;
  return rows
    .map((row, i) => ({ row, i, n: shared(row) }))
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .slice(0, n)
    .map(({ row }) => flattenTags(row));
}

export async function listCaseThreads(caseId: string) {
  return prisma.thread.findMany({
    where: { caseId, ...visibleThread },
    orderBy: { lastActivityAt: "desc" },
    take: 20,
    select: { id: true, slug: true, title: true, answerCount: true, lastActivityAt: true },
  });
}
