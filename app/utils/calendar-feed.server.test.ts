import { describe, expect, it } from "vitest";
import { eventCalendar, upcomingCalendar, upcomingFeed, type FeedEvent } from "./calendar-feed.server";

const base: FeedEvent = {
  id: "ev1",
  slug: "kommunforum-analytics-nasta",
  title: "Kommunforum Analytics",
  summary: "Kommuner delar erfarenheter av BI & AI.",
  startsAt: new Date("2026-12-29T12:00:00Z"),
  endsAt: new Date("2026-12-29T13:30:00Z"),
  format: "webinar",
  location: "",
  status: "published",
  publishedAt: new Date("2026-11-01T08:00:00Z"),
  updatedAt: new Date("2026-11-02T08:00:00Z"),
};
const site = "https://kommunforum.example";

describe("calendar and feed serializers", () => {
  it("one event: UTC times, stable UID and the public URL, no join link", () => {
    const ics = eventCalendar(base, site, new Date("2026-11-28T00:00:00Z"));
    expect(ics).toContain("DTSTART:20261229T120000Z");
    expect(ics).toContain("UID:ev1@kommunforum");
    expect(ics).toContain("URL:https://kommunforum.example/forum/kommunforum-analytics-nasta");
    expect(ics).toContain("LOCATION:Digitalt");
    expect(ics).not.toMatch(/webbinariet/);
    expect(eventCalendar({ ...base, status: "cancelled" }, site)).toContain("STATUS:CANCELLED");
  });

  it("the upcoming calendar has one VEVENT per forum and a name", () => {
    const ics = upcomingCalendar([base, { ...base, id: "ev2", slug: "senare" }], site);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain("UID:ev2@kommunforum");
    expect(ics).toContain("X-WR-CALNAME:Kommunforum Analytics: kommande forum");
  });

  it("RSS lists forums with Swedish dates, escaped text and absolute links, newest announcement first", () => {
    const xml = upcomingFeed([base, { ...base, id: "ev2", slug: "senare", title: "Senare forum", publishedAt: new Date("2026-11-20T08:00:00Z") }], site);
    expect(xml).toContain("<rss");
    expect(xml).toContain("<language>sv</language>");
    expect(xml).toContain("https://kommunforum.example/forum/kommunforum-analytics-nasta");
    expect(xml).toContain("tisdag 29 december 2026 kl. 13.00");
    // Text goes in CDATA, HTML-escaped: readers take RSS text as HTML.
    expect(xml).toMatch(/<description><!\[CDATA\[[^\]]*BI &amp; AI/);
    expect(xml.indexOf("Senare forum")).toBeLessThan(xml.indexOf("<title><![CDATA[Kommunforum Analytics –"));
    expect(upcomingFeed([], site)).toContain("<channel>");
  });

  it("RSS escapes event fields as the Atom feeds do: no markup from a title, summary or place reaches a reader", () => {
    const xml = upcomingFeed(
      [
        {
          ...base,
          title: "Forum <b>fet</b> ]]><script>alert(1)</script>",
          summary: 'Om <img src=x onerror="alert(1)"> & mer',
          format: "onsite",
          location: "<i>Rum</i> 1",
        },
      ],
      site,
    );
    const cdata = [...xml.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]).join("");
    expect(cdata).not.toMatch(/<(b|script|img|i)\b/);
    expect(xml).toContain("Forum &lt;b&gt;fet&lt;/b&gt; ]]&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(xml).toContain("Om &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; mer");
    expect(xml).toContain("&lt;i&gt;Rum&lt;/i&gt; 1");
  });
});
