// Cases and articles saved at the same moment with the same address or a new tag
// answer with the form's Swedish message, never a 500. On PostgreSQL
// (`npm run test:pg -- <this file>`) each call runs on its own pooled connection,
// so "is the address free? then insert" races into the unique index.
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { articleSchema, caseSchema } from "~/validation/library";
import { createArticle } from "./article.server";
import { createCase } from "./case-admin.server";

const organizer = () => prisma.user.create({ data: { email: `org${Math.random()}@example.org`, name: "Org", role: "organizer" }, select: { id: true } });

describe("library writes under concurrency", () => {
  it("four cases with the same address at once: one is created, the others get the address message", async () => {
    const { id } = await organizer();
    const results = await Promise.all(Array.from({ length: 4 }, () => createCase(id, caseSchema.parse({ title: "Samma adress" }))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: 3 }, () => expect.objectContaining({ ok: false, field: "slug" })));
    expect(await prisma.case.count({ where: { slug: "samma-adress" } })).toBe(1);
  });

  it("four articles naming the same new tag at once are all saved, with one tag", async () => {
    const { id } = await organizer();
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => createArticle(id, articleSchema.parse({ title: `Spaning ${i}`, bodyMd: "Text.", extraTags: "Helt ny tagg" }))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await prisma.tag.count({ where: { name: "Helt ny tagg" } })).toBe(1);
  });

  it("four articles with the same address at once: one is created, the others get the address message", async () => {
    const { id } = await organizer();
    const results = await Promise.all(Array.from({ length: 4 }, () => createArticle(id, articleSchema.parse({ title: "Samma spaning", bodyMd: "Text." }))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await prisma.article.count({ where: { slug: "samma-spaning" } })).toBe(1);
  });
});
