import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { retryUniqueRace } from "./locks.server";
import type { Result } from "~/utils/result";
import { slugify } from "~/utils/slug";
import type { ArticleInput } from "~/validation/library";
import { renderBody, resolveTagIds, setLibraryStatus } from "./library.server";
import { transaction } from "./transaction.server";

/** Articles ("Spaningar"): the organizer's write-ups. Only published ones are public. */

const PUBLISHED = "published";
export const ARTICLE_PAGE_SIZE = 20;

const listSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  authorName: true,
  publishedAt: true,
  author: { select: { name: true, deletedAt: true } },
  tags: { orderBy: { tag: { name: "asc" } }, select: { tag: { select: { slug: true, name: true } } } },
} satisfies Prisma.ArticleSelect;

type Row = Prisma.ArticleGetPayload<{ select: typeof listSelect }>;

function shape<T extends Row>({ tags, author, ...row }: T) {
  // The byline written on the article wins; otherwise the account's name, unless it is deleted.
  const byline = row.authorName || (author && !author.deletedAt ? author.name : "") || "Forumansvarig";
  return { ...row, byline, tags: tags.map((t) => t.tag) };
}

export type ArticleSummary = ReturnType<typeof shape<Row>>;

export async function listPublishedArticles({ page = 1, pageSize = ARTICLE_PAGE_SIZE } = {}) {
  const where = { status: PUBLISHED };
  const total = await prisma.article.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = await prisma.article.findMany({
    where,
    orderBy: [{ publishedAt: "desc" }, { title: "asc" }],
    skip: (current - 1) * pageSize,
    take: pageSize,
    select: listSelect,
  });
  return { articles: rows.map(shape), total, page: current, pageCount };
}

export async function listLatestArticles(n: number) {
  const rows = await prisma.article.findMany({
    where: { status: PUBLISHED },
    orderBy: [{ publishedAt: "desc" }, { title: "asc" }],
    take: n,
    select: listSelect,
  });
  return rows.map(shape);
}

/** `draft: true` (an organizer's preview) also finds a draft; `isDraft` tells the page to say so. */
export async function getPublishedArticleBySlug(slug: string, { draft = false } = {}) {
  const row = await prisma.article.findFirst({
    where: { slug, status: draft ? { in: [PUBLISHED, "draft"] } : PUBLISHED },
    // Stored at write time (null: not renderable, or not yet backfilled); the page never renders.
    select: { ...listSelect, bodyHtml: true, updatedAt: true, status: true },
  });
  if (!row) return null;
  const { status, ...rest } = row;
  return { ...shape(rest), isDraft: status !== PUBLISHED };
}

// ---------------------------------------------------------------------------
// Organizer side
// ---------------------------------------------------------------------------

export async function listAllArticlesForAdmin() {
  return prisma.article.findMany({
    orderBy: [{ updatedAt: "desc" }],
    select: { id: true, slug: true, title: true, status: true, publishedAt: true, updatedAt: true },
  });
}

export async function getArticleForEdit(id: string) {
  const row = await prisma.article.findUnique({
    where: { id },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      bodyMd: true,
      authorName: true,
      status: true,
      publishedAt: true,
      updatedAt: true,
      tags: { select: { tag: { select: { slug: true, name: true, kind: true } } } },
    },
  });
  return row ? { ...row, tags: row.tags.map((t) => t.tag) } : null;
}

export type ArticleForEdit = NonNullable<Awaited<ReturnType<typeof getArticleForEdit>>>;

export type ArticleSaveResult = Result<{ id: string; slug: string }>;

const slugTaken = { ok: false as const, field: "slug", message: "Det finns redan en spaning med den adressen. Välj en annan." };

/** The article's fields to store, with its tags; `bodyHtml` is the text rendered before the transaction. */
function articleData(input: ArticleInput, slug: string, bodyHtml: string, tagIds: string[]) {
  return {
    slug,
    title: input.title,
    summary: input.summary,
    bodyMd: input.bodyMd,
    bodyHtml,
    authorName: input.authorName,
    tags: { create: tagIds.map((tagId) => ({ tagId })) },
  };
}

export async function createArticle(actorId: string, input: ArticleInput): Promise<ArticleSaveResult> {
  const body = renderBody(input.bodyMd);
  if (!body.ok) return body;
  const slug = input.slug || slugify(input.title);
  // A concurrent save with the same address or new tag: the repeat answers "taken" or reuses the tag.
  return retryUniqueRace(() =>
    transaction(async (tx) => {
      if (await tx.article.findUnique({ where: { slug }, select: { id: true } })) return slugTaken;
      const ids = await resolveTagIds(tx, input.tags, input.extraTags);
      const created = await tx.article.create({
        data: { ...articleData(input, slug, body.html, ids), authorId: actorId },
        select: { id: true, slug: true },
      });
      await recordAudit(tx, { actorId, action: "article.create", entityType: "Article", entityId: created.id, detail: { slug } });
      return { ok: true, ...created };
    }),
  );
}

export async function updateArticle(id: string, actorId: string, input: ArticleInput): Promise<ArticleSaveResult | null> {
  const body = renderBody(input.bodyMd);
  if (!body.ok) return body;
  // A concurrent save with the same address or new tag: the repeat answers "taken" or reuses the tag.
  return retryUniqueRace(() =>
    transaction(async (tx) => {
      const existing = await tx.article.findUnique({ where: { id }, select: { slug: true } });
      if (!existing) return null;
      const slug = input.slug || existing.slug;
      if (slug !== existing.slug && (await tx.article.findUnique({ where: { slug }, select: { id: true } }))) return slugTaken;
      const ids = await resolveTagIds(tx, input.tags, input.extraTags);
      await tx.articleTag.deleteMany({ where: { articleId: id } });
      await tx.article.update({
        where: { id },
        data: articleData(input, slug, body.html, ids),
      });
      await recordAudit(tx, { actorId, action: "article.update", entityType: "Article", entityId: id, detail: { slug } });
      return { ok: true, id, slug };
    }),
  );
}

export function setArticleStatus(id: string, actorId: string, status: "draft" | "published") {
  return setLibraryStatus("article", id, actorId, status);
}
