import { describe, expect, it } from "vitest";
import { discussionAtomFeed, plainSummary } from "./discussion-feed.server";

describe("discussion feeds", () => {
  it("reduces Markdown to plain text", () => {
    expect(plainSummary("## Rubrik\n\nSe **detta** och [länken](https://x.se).")).toBe("Rubrik Se detta och länken.");
    expect(plainSummary("a".repeat(500), 10)).toHaveLength(10);
  });

  it("writes an Atom entry per thread with escaped text and absolute links", () => {
    const xml = discussionAtomFeed({
      threads: [
        { id: "t1", slug: "fraga", title: "Sensorer <b>i</b> brunnar", createdAt: new Date("2026-01-02T10:00:00Z"), lastActivityAt: new Date("2026-01-03T10:00:00Z"), author: "Anna", category: "IoT & sensorer", bodyMd: "Hur gör ni?" },
      ],
      siteUrl: "https://kf.example/",
      title: "nya diskussioner",
      selfPath: "/diskussioner/feed.xml",
      pagePath: "/diskussioner",
    });
    expect(xml).toContain("<link href=\"https://kf.example/diskussioner/t1/fraga\"/>");
    expect(xml).toContain("&lt;b&gt;i&lt;/b&gt;");
    expect(xml).not.toContain("<b>i</b>");
    expect(xml).toContain("https://kf.example/diskussioner/feed.xml");
  });
});
