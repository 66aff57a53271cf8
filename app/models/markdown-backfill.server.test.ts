import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { backfillMarkdownHtml } from "./markdown-backfill.server";

describe("the HTML backfill", () => {
  it("stores the HTML of every text that has none, and leaves stored HTML alone", async () => {
    const category = await prisma.discussionCategory.create({ data: { slug: "bi", name: "BI" } });
    const thread = await prisma.thread.create({ data: { slug: "t", title: "En tråd", categoryId: category.id } });
    // As an earlier version (or a restore, or a script) left them: Markdown only.
    const post = await prisma.post.create({ data: { threadId: thread.id, kind: "question", bodyMd: "Fråga med **fetstil**" } });
    const kept = await prisma.post.create({ data: { threadId: thread.id, kind: "answer", bodyMd: "Svar", bodyHtml: "<p>Redan sparad</p>" } });
    const item = await prisma.case.create({ data: { slug: "c", title: "Ett case", bodyMd: "## Bakgrund\n\nText\n\n## Utmaning\n\nAtt fylla i av kommunen." } });
    const article = await prisma.article.create({ data: { slug: "a", title: "En spaning", bodyMd: "" } });
    const event = await prisma.event.create({
      data: { slug: "e", title: "Ett forum", descriptionMd: "[Länk](https://scb.se)", startsAt: new Date(), endsAt: new Date() },
    });

    expect(await backfillMarkdownHtml()).toEqual({ rendered: 4, unrenderable: 0 });
    expect((await prisma.post.findUniqueOrThrow({ where: { id: post.id } })).bodyHtml).toBe("<p>Fråga med <strong>fetstil</strong></p>\n");
    expect((await prisma.post.findUniqueOrThrow({ where: { id: kept.id } })).bodyHtml).toBe("<p>Redan sparad</p>");
    // A case's template sections still to be filled in are left out, as when it is saved.
    expect((await prisma.case.findUniqueOrThrow({ where: { id: item.id } })).bodyHtml).toBe('<h2 id="bakgrund">Bakgrund</h2>\n<p>Text</p>\n');
    expect((await prisma.article.findUniqueOrThrow({ where: { id: article.id } })).bodyHtml).toBe("");
    expect((await prisma.event.findUniqueOrThrow({ where: { id: event.id } })).descriptionHtml).toContain('class="external-link"');
    // Nothing left to do.
    expect(await backfillMarkdownHtml()).toEqual({ rendered: 0, unrenderable: 0 });
  });

  it("stops between rows when asked to (graceful shutdown)", async () => {
    const category = await prisma.discussionCategory.create({ data: { slug: "iot", name: "IoT" } });
    const thread = await prisma.thread.create({ data: { slug: "u", title: "En till tråd", categoryId: category.id } });
    for (let i = 0; i < 5; i++) await prisma.post.create({ data: { threadId: thread.id, kind: "answer", bodyMd: `Svar ${i}` } });
    let asked = 0;
    const result = await backfillMarkdownHtml({ shouldStop: () => ++asked > 2 });
    expect(result.rendered).toBe(2);
    expect(await prisma.post.count({ where: { threadId: thread.id, bodyHtml: null } })).toBe(3);
  });
});
