import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { articleSchema } from "~/validation/library";
import { createArticle, getPublishedArticleBySlug, listPublishedArticles, setArticleStatus, updateArticle } from "./article.server";

describe("articles", () => {
  it("are drafts until published, keep their first publication date, and every change is audited", async () => {
    await prisma.tag.create({ data: { slug: "ai", name: "AI och prediktiv analys" } });
    const organizer = await prisma.user.create({ data: { email: "org@example.org", name: "Olga Organisatör", role: "organizer" }, select: { id: true } });
    const input = articleSchema.parse({ title: "Spaning om prognoser", bodyMd: "## Vad vi såg\n\nText.", tags: ["ai"], extraTags: "Prognoser" });
    const created = await createArticle(organizer.id, input);
    if (!created.ok) throw new Error("not created");
    expect(created.slug).toBe("spaning-om-prognoser");
    expect(await createArticle(organizer.id, input)).toMatchObject({ ok: false, field: "slug" });
    expect(await getPublishedArticleBySlug(created.slug)).toBeNull();
    expect((await listPublishedArticles()).total).toBe(0);

    await setArticleStatus(created.id, organizer.id, "published");
    const first = await getPublishedArticleBySlug(created.slug);
    expect(first).toMatchObject({ title: "Spaning om prognoser", byline: "Olga Organisatör" });
    expect(first?.tags.map((t) => t.slug).sort()).toEqual(["ai", "prognoser"]);

    await setArticleStatus(created.id, organizer.id, "draft");
    expect(await getPublishedArticleBySlug(created.slug)).toBeNull();
    await updateArticle(created.id, organizer.id, { ...input, authorName: "Forumansvarig" });
    await setArticleStatus(created.id, organizer.id, "published");
    const again = await getPublishedArticleBySlug(created.slug);
    expect(again?.publishedAt).toEqual(first?.publishedAt);
    expect(again?.byline).toBe("Forumansvarig");

    const audit = await prisma.auditLog.findMany({ where: { entityId: created.id }, orderBy: { createdAt: "asc" }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(["article.create", "article.publish", "article.unpublish", "article.update", "article.publish"]);
  });
});
