import { prisma } from "~/utils/db.server";
import { renderForWrite } from "~/utils/markdown.server";
import { fail, type Result } from "~/utils/result";
import { slugify } from "~/utils/slug";
import { recordAudit } from "./audit.server";
import { transaction, type Tx } from "./transaction.server";

/**
 * What the library's two kinds of text share on the organizer's side: cases
 * (case-admin.server.ts) and articles (article.server.ts) have the same tags in
 * their forms, the same Markdown body rendered for storing, and are published the
 * same way.
 */

export async function listTagsForForm() {
  return prisma.tag.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }], select: { slug: true, name: true, kind: true } });
}

/** The ids of the chosen tags, plus a topic tag for each new name (`extra`), made when missing. */
export async function resolveTagIds(tx: Tx, slugs: string[], extra: string[]): Promise<string[]> {
  const ids: string[] = [];
  if (slugs.length) {
    const found = await tx.tag.findMany({ where: { slug: { in: slugs } }, select: { id: true } });
    ids.push(...found.map((t) => t.id));
  }
  for (const name of extra) {
    const slug = slugify(name, 60);
    if (!slug) continue;
    const tag = await tx.tag.upsert({ where: { slug }, update: {}, create: { slug, name, kind: "topic" }, select: { id: true } });
    ids.push(tag.id);
  }
  return [...new Set(ids)];
}

/** The text rendered for storing, or the refusal shown on its field. */
export function renderBody(bodyMd: string): Result<{ html: string }> {
  const rendered = renderForWrite(bodyMd);
  return rendered.ok ? rendered : fail("bodyMd", rendered.message);
}

/**
 * Publishes a case or an article, or takes it down, with its audit row. The first
 * publication date stays when it is taken down and published again.
 */
export async function setLibraryStatus(kind: "case" | "article", id: string, actorId: string, status: "draft" | "published"): Promise<boolean> {
  return transaction(async (tx) => {
    const select = { status: true, publishedAt: true } as const;
    const existing = kind === "case" ? await tx.case.findUnique({ where: { id }, select }) : await tx.article.findUnique({ where: { id }, select });
    if (!existing) return false;
    const data = { status, publishedAt: status === "published" ? (existing.publishedAt ?? new Date()) : existing.publishedAt };
    if (kind === "case") await tx.case.update({ where: { id }, data });
    else await tx.article.update({ where: { id }, data });
    await recordAudit(tx, {
      actorId,
      action: `${kind}.${status === "published" ? "publish" : "unpublish"}`,
      entityType: kind === "case" ? "Case" : "Article",
      entityId: id,
      detail: { from: existing.status },
    });
    return true;
  });
}
