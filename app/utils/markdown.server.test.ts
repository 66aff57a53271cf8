import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.server";

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

  it("marks external links and keeps internal ones plain", () => {
    const { html } = renderMarkdown("[SCB](https://www.scb.se) och [forum](/forum)");
    expect(html).toContain('href="https://www.scb.se" rel="noopener noreferrer" class="external-link"');
    expect(html).toContain("(extern webbplats)");
    expect(html).toContain('<a href="/forum">forum</a>');
  });

  it("drops scripts, handlers, javascript: and data: URLs and frames", () => {
    const { html } = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[klick](javascript:alert(1))\n\n[data](data:text/html;base64,PHNjcmlwdD4=)\n\n<iframe src="https://evil.example"></iframe>\n\n<style>body{}</style>',
    );
    expect(html).not.toMatch(/<script|onerror|javascript:|data:text|<iframe|<style/i);
  });

  it("allows https images and our own uploads, nothing else", () => {
    expect(renderMarkdown("![Karta](https://example.se/karta.png)").html).toContain('<img src="https://example.se/karta.png" alt="Karta"');
    expect(renderMarkdown("![Bild](/uploads/a/b.png)").html).toContain('src="/uploads/a/b.png"');
    const insecure = renderMarkdown("![Bild](http://example.se/b.png)").html;
    expect(insecure).not.toContain("<img");
    expect(insecure).toContain("Bild");
  });
});
