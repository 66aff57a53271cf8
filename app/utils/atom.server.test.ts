import { describe, expect, it } from "vitest";
import { atomFeed, discussionAtomFeed, type FeedEntry } from "./atom.server";

const entry = (over: Partial<FeedEntry>): FeedEntry => ({
  id: "case:1",
  kind: "case",
  title: "Smart VA",
  path: "/case/smart-va",
  summary: "Bättre data inom vatten och avlopp.",
  published: new Date("2026-10-01T08:00:00Z"),
  updated: new Date("2026-10-02T08:00:00Z"),
  author: "Kristianstads kommun",
  tags: ["IoT"],
  ...over,
});

describe("atomFeed", () => {
  it("writes an Atom document with absolute links, dates and Swedish text", () => {
    const xml = atomFeed(
      [entry({}), entry({ id: "article:2", kind: "article", title: "Spaning om maj", path: "/spaningar/maj", author: null, tags: [] })],
      "https://kommunforum.example/",
    );
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>/);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml).toContain('<link rel="self" href="https://kommunforum.example/feed.xml"/>');
    expect(xml).toContain("<id>https://kommunforum.example/case/smart-va</id>");
    expect(xml).toContain('<link href="https://kommunforum.example/spaningar/maj"/>');
    expect(xml).toContain("Case: Smart VA");
    expect(xml).toContain("Spaning: Spaning om maj");
    expect(xml).toContain("Bättre data inom vatten och avlopp.");
    expect(xml).toContain("<published>2026-10-01T08:00:00.000Z</published>");
    expect(xml).toContain("<updated>2026-10-02T08:00:00.000Z</updated>");
    expect(xml).toContain("<name>Kristianstads kommun</name>");
    expect(xml.match(/<entry>/g)).toHaveLength(2);
  });

  it("escapes markup in titles and summaries (the feed marks them as HTML)", () => {
    const xml = atomFeed([entry({ title: "<script>alert(1)</script> & co", summary: '<img src=x onerror="alert(1)"> ]]> slut' })], "https://k.example");
    expect(xml).not.toContain("]]> slut");
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("<img");
    expect(xml).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
    expect(xml).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("is a valid, empty feed without entries", () => {
    const xml = atomFeed([], "https://k.example");
    expect(xml).toContain("<feed");
    expect(xml).not.toContain("<entry>");
  });
});

describe("discussionAtomFeed", () => {
  it("writes an Atom entry per thread with escaped text and absolute links", () => {
    const xml = discussionAtomFeed({
      threads: [
        {
          id: "t1",
          slug: "fraga",
          title: "Sensorer <b>i</b> brunnar",
          createdAt: new Date("2026-01-02T10:00:00Z"),
          lastActivityAt: new Date("2026-01-03T10:00:00Z"),
          author: "Anna",
          category: "IoT & sensorer",
          bodyMd: "Hur gör ni?",
        },
      ],
      siteUrl: "https://kf.example/",
      title: "nya diskussioner",
      selfPath: "/diskussioner/feed.xml",
      pagePath: "/diskussioner",
    });
    expect(xml).toContain('<link href="https://kf.example/diskussioner/t1/fraga"/>');
    expect(xml).toContain("&lt;b&gt;i&lt;/b&gt;");
    expect(xml).not.toContain("<b>i</b>");
    expect(xml).toContain("https://kf.example/diskussioner/feed.xml");
  });
});
