import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { encodeCursor, listCategories, listRecentThreads, listThreads } from "./discussion.server";

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

beforeAll(async () => {
  await prisma.county.create({ data: { code: "20", name: "Dalarnas län", shortName: "Dalarna" } });
  await prisma.municipality.create({ data: { code: "2081", name: "Borlänge", officialName: "Borlänge kommun", countyCode: "20" } });
  const member = await prisma.user.create({ data: { email: "a@example.org", name: "Anna", municipalityCode: "2081" } });
  const deleted = await prisma.user.create({
    data: { email: "b@example.org", name: "Borttagen medlem", municipalityCode: "2081", deletedAt: new Date() },
  });
  const bi = await prisma.discussionCategory.create({ data: { slug: "bi", name: "BI och beslutsstöd", position: 1 } });
  const iot = await prisma.discussionCategory.create({ data: { slug: "iot", name: "IoT", position: 0 } });
  await prisma.discussionCategory.create({ data: { slug: "ai", name: "AI", position: 2 } });

  const thread = (slug: string, extra: Record<string, unknown>) =>
    prisma.thread.create({ data: { slug, title: `Tråd ${slug}`, categoryId: bi.id, ...extra }, select: { id: true } });

  const target = await thread("nyast", { authorId: member.id, answerCount: 3, lastActivityAt: minutesAgo(1) });
  await thread("aldre", { authorId: deleted.id, lastActivityAt: minutesAgo(60), categoryId: iot.id });
  await thread("anonym", { lastActivityAt: minutesAgo(30) });
  await thread("dold", { hiddenAt: new Date(), lastActivityAt: minutesAgo(2) });
  await thread("sammanslagen", { mergedIntoId: target.id, lastActivityAt: minutesAgo(3) });
});

describe("public discussion queries", () => {
  it("lists recent threads by last activity, without hidden or merged ones", async () => {
    const threads = await listRecentThreads(10);
    expect(threads.map((t) => t.slug)).toEqual(["nyast", "anonym", "aldre"]);
    expect(threads[0]).toMatchObject({
      title: "Tråd nyast",
      category: { slug: "bi", name: "BI och beslutsstöd" },
      authorMunicipality: "Borlänge",
      answerCount: 3,
    });
  });

  it("does not show the municipality of a deleted member", async () => {
    const threads = await listRecentThreads(10);
    expect(threads.find((t) => t.slug === "aldre")?.authorMunicipality).toBeNull();
  });

  it("respects the limit", async () => {
    expect(await listRecentThreads(1)).toHaveLength(1);
  });

  it("lists categories in order with counts of visible threads only", async () => {
    const categories = await listCategories();
    expect(categories.map((c) => [c.slug, c.threadCount])).toEqual([
      ["iot", 1],
      ["bi", 2],
      ["ai", 0],
    ]);
  });
});

describe("thread list cursors", () => {
  it("starts from the first page for a cursor of another order or an altered one, instead of failing", async () => {
    const firstPage = async (sort: "roster" | "aktivitet" | "nya") => (await listThreads({ sort })).threads.map((t) => t.id);
    expect((await firstPage("roster")).length).toBeGreaterThan(0);
    // The review's cursor (a date where the vote order needs a number), a number where a date is needed, nonsense.
    for (const [sort, cursor] of [
      ["roster", "WyIyMDI0LTAxLTAxIiwieCJd"],
      ["aktivitet", encodeCursor(5, "x")],
      ["roster", encodeCursor("2024-01-01", "x")],
      ["nya", encodeCursor("inte ett datum", "x")],
      ["roster", Buffer.from('[1.5,"x"]').toString("base64url")],
      ["aktivitet", Buffer.from('[null,"x"]').toString("base64url")],
    ] as const) {
      const page = await listThreads({ sort, cursor });
      expect(
        page.threads.map((t) => t.id),
        `${sort} ${cursor}`,
      ).toEqual(await firstPage(sort));
    }
  });
});
