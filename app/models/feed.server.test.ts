import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { listFeedEntries } from "./feed.server";

const now = new Date("2026-11-01T12:00:00Z");

beforeAll(async () => {
  const tag = await prisma.tag.create({ data: { slug: "iot", name: "IoT" } });
  await prisma.case.create({
    data: { slug: "nytt", title: "Nytt case", status: "published", publishedAt: new Date("2026-10-20T08:00:00Z"), tags: { create: [{ tagId: tag.id }] } },
  });
  await prisma.case.createMany({
    data: [
      { slug: "utkast", title: "Utkast", status: "draft", publishedAt: new Date("2026-10-21T08:00:00Z") },
      { slug: "framtid", title: "Framtida", status: "published", publishedAt: new Date("2026-12-01T08:00:00Z") },
    ],
  });
  await prisma.article.createMany({
    data: [
      { slug: "spaning", title: "Spaning", authorName: "Forumansvarig", status: "published", publishedAt: new Date("2026-10-25T08:00:00Z") },
      { slug: "gammal", title: "Gammal spaning", status: "published", publishedAt: new Date("2021-05-12T08:00:00Z") },
      { slug: "osynlig", title: "Osynlig", status: "draft" },
    ],
  });
});

describe("listFeedEntries", () => {
  it("mixes published articles and cases, newest first, without drafts or future dates", async () => {
    const entries = await listFeedEntries(10, now);
    expect(entries.map((e) => e.path)).toEqual(["/spaningar/spaning", "/case/nytt", "/spaningar/gammal"]);
    expect(entries[0]).toMatchObject({ kind: "article", author: "Forumansvarig" });
    expect(entries[1]).toMatchObject({ kind: "case", tags: ["IoT"], author: null });
  });

  it("keeps to the limit", async () => {
    expect(await listFeedEntries(2, now)).toHaveLength(2);
  });
});
