import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { SEARCH_PAGE_SIZE } from "~/utils/search-filters";
import { readableSnippet, searchSite } from "./search.server";

beforeAll(async () => {
  await prisma.county.create({ data: { code: "20", name: "Dalarnas län", shortName: "Dalarna" } });
  await prisma.municipality.create({ data: { code: "2081", name: "Borlänge", officialName: "Borlänge kommun", countyCode: "20" } });
  for (let i = 1; i <= 12; i++) {
    await prisma.case.create({
      data: {
        slug: `case-${i}`,
        title: `Case nummer ${i}`,
        bodyMd: `## Bakgrund\n\nVi bygger **beslutsstöd** för [förvaltningen](https://example.org/${i}).`,
        municipalityCode: "2081",
        status: "published",
        publishedAt: new Date("2026-01-01T00:00:00Z"),
      },
    });
  }
  await prisma.article.create({
    data: { slug: "spaning", title: "Spaning om beslutsstöd", authorName: "Forumansvarig", status: "published", publishedAt: new Date() },
  });
});

describe("searchSite", () => {
  it("pages through the hits and links each to its page", async () => {
    const first = await searchSite({ query: "beslutsstöd", filter: "case", page: 1 });
    expect(first.total).toBe(12);
    expect(first.pageCount).toBe(2);
    expect(first.items).toHaveLength(SEARCH_PAGE_SIZE);
    expect(first.items[0]).toMatchObject({
      kind: "case",
      kindLabel: "Case",
      context: "Dalarnas län",
      municipality: { code: "2081", name: "Borlänge" },
    });
    expect(first.items[0]!.href).toMatch(/^\/case\/case-\d+$/);
    const second = await searchSite({ query: "beslutsstöd", filter: "case", page: 2 });
    expect(second.items).toHaveLength(2);
    const all = new Set([...first.items, ...second.items].map((i) => i.href));
    expect(all.size).toBe(12);
  });

  it("filters by type, and 'alla' includes articles", async () => {
    const articles = await searchSite({ query: "beslutsstöd", filter: "spaningar", page: 1 });
    expect(articles.items.map((i) => i.href)).toEqual(["/spaningar/spaning"]);
    expect(articles.items[0]!.context).toBe("Forumansvarig");
    expect((await searchSite({ query: "beslutsstöd", filter: "alla", page: 1 })).total).toBe(13);
  });

  it("shows snippets without Markdown syntax, with the match still marked", async () => {
    const [item] = (await searchSite({ query: "förvaltningen", filter: "case", page: 1 })).items;
    const text = item!.snippet.map((p) => p.text).join("");
    expect(text).not.toMatch(/[#*[\]]|https:/);
    expect(item!.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(["förvaltningen"]);
  });
});

describe("readableSnippet", () => {
  it("drops heading marks, emphasis and link targets", () => {
    expect(
      readableSnippet([
        { text: "## Resultat **bra** se [", match: false },
        { text: "länken", match: true },
        { text: "](https://x.example/a) _slut_", match: false },
      ]),
    ).toEqual([
      { text: "Resultat bra se ", match: false },
      { text: "länken", match: true },
      { text: " slut", match: false },
    ]);
  });
});
