import { describe, expect, it } from "vitest";
import { MarkdownRenderError, renderWithinBudget } from "./markdown-render.server";
import { countExternalLinks, headingsFromHtml, markdownCacheStats, renderForWrite, renderMarkdown } from "./markdown.server";

describe("renderMarkdown", () => {
  it("renders GFM and gives headings ids for a table of contents, starting at h2", () => {
    const { html, headings } = renderMarkdown("# Bakgrund\n\nText med **fetstil**.\n\n## Lärdomar\n\n## Lärdomar\n\n| a | b |\n|---|---|\n| 1 | 2 |");
    expect(html).toContain('<h2 id="bakgrund">Bakgrund</h2>');
    expect(html).toContain('<h2 id="lardomar">Lärdomar</h2>');
    expect(html).toContain('<h2 id="lardomar-2">Lärdomar</h2>');
    expect(html).toContain("<strong>fetstil</strong>");
    expect(html).toContain("<table>");
    expect(headings.map((h) => h.id)).toEqual(["bakgrund", "lardomar", "lardomar-2"]);
  });

  it("gives the same table of contents from stored HTML, as plain text", () => {
    const { html, headings } = renderMarkdown("# Bakgrund & *mål*\n\n### Steg <1>\n\ntext\n\n## Lärdomar");
    expect(headingsFromHtml(html)).toEqual([
      { id: headings[0]!.id, text: "Bakgrund & mål", depth: 2 },
      { id: headings[1]!.id, text: "Steg <1>", depth: 3 },
      { id: "lardomar", text: "Lärdomar", depth: 2 },
    ]);
  });

  it("marks external links and keeps internal ones plain", () => {
    const { html } = renderMarkdown("[SCB](https://www.scb.se) och [forum](/forum)");
    expect(html).toContain('href="https://www.scb.se" rel="noopener noreferrer" class="external-link"');
    expect(html).toContain("(extern webbplats)");
    expect(html).toContain('<a href="/forum">forum</a>');
  });

  it("treats a link without // as the browser does: another site, marked and counted", () => {
    for (const href of ["https:evil.example", "HTTPS:evil.example/x", "//evil.example", "https:/evil.example"]) {
      const { html } = renderMarkdown(`[x](${href})`);
      expect(html, href).toMatch(/href="https?:\/\/evil\.example[^"]*" rel="noopener noreferrer" class="external-link"/);
      expect(countExternalLinks(html), href).toBe(1);
    }
    expect(countExternalLinks(renderMarkdown("[a](/forum) [b](#x) [c](http://localhost:3000/case)").html)).toBe(0);
    expect(countExternalLinks(renderMarkdown("a https://x.se b http://y.se c www.z.se [d](mailto:a@b.se)").html)).toBe(4);
  });

  it("drops scripts, handlers, javascript: and data: URLs and frames", () => {
    const { html } = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[klick](javascript:alert(1))\n\n[data](data:text/html;base64,PHNjcmlwdD4=)\n\n<iframe src="https://evil.example"></iframe>\n\n<style>body{}</style>',
    );
    expect(html).not.toMatch(/<script|onerror|javascript:|data:text|<iframe|<style/i);
  });

  it("shows only images from our own uploads; another site's image becomes a link", () => {
    expect(renderMarkdown("![Bild](/uploads/a/b.png)").html).toContain('<img src="/uploads/a/b.png" alt="Bild"');
    const tracker = renderMarkdown("![Karta](https://tracker.example/p.gif)").html;
    expect(tracker).not.toContain("<img");
    expect(tracker).toContain('<a href="https://tracker.example/p.gif" rel="noopener noreferrer" class="external-link">Bild: Karta');
    for (const src of ["/uploads/../../logga-ut.png", "/uploads/%2e%2e/x.png", "/uploads/a/../../b.png", "/uploads//x.png", "http://example.se/b.png"]) {
      expect(renderMarkdown(`![Bild](${src})`).html, src).not.toContain("<img");
      expect(renderMarkdown(`<img src="${src}" alt="Bild">`).html, src).not.toContain("<img");
    }
  });
});

describe("the cost of rendering is bounded", () => {
  it("renders 2,500 nested quotes and lists without overflowing the stack", () => {
    for (const text of [">".repeat(2500), "> ".repeat(2500), "- ".repeat(2500) + "a", "1. ".repeat(2000) + "a", "> - ".repeat(1500) + "a"]) {
      const result = renderForWrite(text);
      expect(result.ok, text.slice(0, 8)).toBe(true);
      if (!result.ok) continue;
      // Nesting stops at a fixed depth; the rest is text.
      expect((result.html.match(/<blockquote>|<ul>|<ol>/g) ?? []).length, text.slice(0, 8)).toBeLessThanOrEqual(12);
    }
  });

  it("keeps ordinary emphasis, nesting and strikethrough as they were", () => {
    const { html } = renderMarkdown("*en* **två** _tre_ __fyra__ ***fem*** ~~sex~~ snake_case_namn 2*3*4\n\n> citat\n> > i citat\n\n- a\n  - b\n    - c");
    expect(html).toContain(
      "<em>en</em> <strong>två</strong> <em>tre</em> <strong>fyra</strong> <em><strong>fem</strong></em> <del>sex</del> snake_case_namn 2<em>3</em>4",
    );
    expect(html).toMatch(/<blockquote>\s*<p>citat<\/p>\s*<blockquote>/);
    expect((html.match(/<ul>/g) ?? []).length).toBe(3);
  });

  it("refuses a render that runs past its time budget", () => {
    expect(() => renderWithinBudget("*a_".repeat(200), { siteOrigin: "http://localhost:3000", budgetMs: -1 })).toThrow(MarkdownRenderError);
  });

  it("bounds its cache by bytes, not by count", () => {
    // About 180 kB of HTML each (a code block renders cheaply): fifteen are more than the cache may hold.
    for (let i = 0; i < 15; i++) renderMarkdown(`Kod ${i}\n\n\`\`\`\n${"x".repeat(90_000)}\n\`\`\``);
    const stats = markdownCacheStats();
    expect(stats.entries).toBeGreaterThan(0);
    expect(stats.bytes).toBeLessThanOrEqual(stats.maxBytes);
  });
});
