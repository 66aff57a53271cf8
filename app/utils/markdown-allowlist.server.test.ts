// The sanitizer's allowlist entry by entry: what may pass (tags, attributes,
// classes, link schemes), what loses its content, and the transforms. Found
// unguarded by mutation testing (npm run test:mutation): removing an entry from
// the allowlist, or widening a class pattern, failed no test.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { markdownCacheStats, renderMarkdown } from "./markdown.server";

const html = (md: string) => renderMarkdown(md).html;

describe("the tags Markdown may produce", () => {
  it("keeps every allowed tag", () => {
    const cases: Array<[string, string]> = [
      ["Ett stycke", "<p>Ett stycke</p>"],
      ["rad<br>rad", "<br />"],
      ["---", "<hr />"],
      ["# Ett", "<h2"],
      ["### Tre", "<h3"],
      ["#### Fyra", "<h4"],
      ["##### Fem", "<h5"],
      ["###### Sex", "<h6"],
      ["**fet**", "<strong>fet</strong>"],
      ["*kursiv*", "<em>kursiv</em>"],
      ["~~struken~~", "<del>struken</del>"],
      ["`kod`", "<code>kod</code>"],
      ["```\nblock\n```", "<pre><code>block"],
      ["> citat", "<blockquote>"],
      ["- punkt", "<ul>\n<li>punkt</li>"],
      ["1. nummer", "<ol>\n<li>nummer</li>"],
      ["[länk](/forum)", '<a href="/forum">länk</a>'],
      ["![Bild](/uploads/a/b.png)", '<img src="/uploads/a/b.png" alt="Bild" loading="lazy" />'],
      ["| a |\n|---|\n| 1 |", "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody><tr>\n<td>1</td>"],
      ["[SCB](https://www.scb.se)", '<span class="visually-hidden"> (extern webbplats)</span>'],
      ["- [x] klar", '<input type="checkbox" disabled checked />'],
    ];
    for (const [md, expected] of cases) expect(html(md), md).toContain(expected);
  });

  it("keeps heading ids, table alignment, link titles and code languages", () => {
    expect(html("## Hej")).toBe('<h2 id="hej">Hej</h2>\n');
    for (const depth of [3, 4, 5, 6]) expect(html(`${"#".repeat(depth)} Rubrik`)).toBe(`<h${depth} id="rubrik">Rubrik</h${depth}>\n`);
    const table = html("| a | b |\n|:--|--:|\n| 1 | 2 |");
    expect(table).toContain('<th align="left">a</th>');
    expect(table).toContain('<td align="right">2</td>');
    expect(html('[t](https://scb.se "Titel")')).toContain('<a href="https://scb.se" title="Titel" rel="noopener noreferrer" class="external-link">');
    expect(html("```js\nx\n```")).toBe('<pre><code class="language-js">x\n</code></pre>\n');
    expect(html("- [ ] att göra")).toContain('<input type="checkbox" disabled /> att göra');
  });

  it("escapes a link title", () => {
    expect(html('[t](https://scb.se "Ti\\"<&>")')).toContain('title="Ti&quot;&lt;&amp;&gt;"');
  });

  it("does not turn single line breaks into <br>", () => {
    expect(html("a\nb")).toBe("<p>a\nb</p>\n");
  });
});

describe("what raw HTML in Markdown may keep", () => {
  it("keeps only the allowed classes", () => {
    expect(html('<a href="/x" class="evil external-link">a</a>')).toContain('<a href="/x" class="external-link">a</a>');
    expect(html('<span class="visually-hidden knapp">s</span>')).toContain('<span class="visually-hidden">s</span>');
    expect(html('<code class="language-js evil">x</code>')).toContain('<code class="language-js">x</code>');
    expect(html('<code class="language-c++ notlanguage-js language-js.x">x</code>')).toContain("<code>x</code>");
    expect(html('<p class="x" id="y" style="color:red">p</p>')).toContain("<p>p</p>");
  });

  it("allows http, https and mailto links and nothing else", () => {
    expect(html('<a href="http://a.example/">a</a>')).toContain('href="http://a.example/"');
    expect(html('<a href="https://a.example/">a</a>')).toContain('href="https://a.example/"');
    expect(html('<a href="mailto:forum@kommunforum.local">a</a>')).toContain('href="mailto:forum@kommunforum.local"');
    for (const href of ["ftp://a.example/", "tel:123", "javascript:alert(1)", "//evil.example/x"])
      expect(html(`<a href="${href}">a</a>`), href).toBe("<p><a>a</a></p>\n");
  });

  it("drops tags outside the list but keeps their text", () => {
    expect(html("<div><b>fet</b> <u>text</u></div>")).toBe("fet text");
    expect(html("<h1>Sidans rubrik</h1>")).toBe("Sidans rubrik");
  });

  it("drops the content of tags whose text is not for reading", () => {
    // (<embed> is a void element: it has no content to drop.)
    for (const tag of ["script", "style", "textarea", "option", "noscript", "iframe", "object", "template", "svg", "math"]) {
      expect(html(`<p>före<${tag}>hemligt</${tag}>efter</p>`), tag).toBe("<p>föreefter</p>");
    }
  });

  it("turns an image without an allowed source into its alt text, and any input but a checkbox into nothing", () => {
    expect(html('<img alt="Bara alt">')).toBe("<span>Bara alt</span>");
    expect(html('<img src="http://a.example/a.png" alt="Osäker">')).toBe("<span>Osäker</span>");
    expect(html('<img src="/uploads/a.png" alt="Vår" onerror="x()">')).toBe('<img src="/uploads/a.png" alt="Vår" />');
    expect(html("<img>")).toBe("<span></span>");
    expect(html('<input type="text" value="x">')).toBe("<span></span>");
    expect(html('<input type="checkbox" checked onclick="x()" name="a">')).toBe('<input type="checkbox" disabled checked />');
    expect(html('<input type="checkbox">')).toBe('<input type="checkbox" disabled />');
  });

  it("keeps only our uploads as relative image sources", () => {
    expect(html("![a](/uploads/../../etc/passwd?x=1)")).toBe("<p>[Bild: a]</p>\n");
    expect(html("![a](/bilder/a.png)")).toBe("<p>[Bild: a]</p>\n");
    expect(html("![](/bilder/a.png)")).toBe("<p>[Bild]</p>\n");
    expect(html("![a](x/uploads/a.png)")).toBe("<p>[Bild: a]</p>\n");
    expect(html('<img src="x https://a.example/a.png" alt="b">')).toBe("<span>b</span>");
  });
});

describe("links", () => {
  it("marks links to other sites, http or https in any case, and not our own", () => {
    const external = /class="external-link"/;
    expect(html("[a](http://www.scb.se)")).toMatch(external);
    expect(html("[a](HTTPS://www.scb.se)")).toMatch(external);
    expect(html("[a](http://localhost:3000/forum)")).not.toMatch(external);
    expect(html("[a](/sok?q=https://www.scb.se)")).not.toMatch(external);
    // An address that cannot be parsed counts as another site.
    expect(html("[a](http://[x]/)")).toMatch(external);
  });
});

describe("headings", () => {
  it("take their table-of-contents text without tags, and a fallback id", () => {
    expect(renderMarkdown("## Hej <em>du</em> <b>där</b>").headings).toEqual([{ id: "hej-du-dar", text: "Hej du där", depth: 2 }]);
    expect(renderMarkdown("## !!!").headings).toEqual([{ id: "avsnitt", text: "!!!", depth: 2 }]);
  });
});

describe("the render cache", () => {
  const unique = () => `Text ${crypto.randomUUID()}`;

  it("gives the same result for the same text and another for another", () => {
    const a = unique();
    const b = unique();
    const first = renderMarkdown(a);
    expect(renderMarkdown(b)).not.toBe(first);
    expect(renderMarkdown(b).html).toContain(b.slice(5));
    expect(renderMarkdown(a)).toBe(first);
  });

  it("is bounded by bytes: it forgets the least recently used texts first, and never keeps a huge one", () => {
    const { maxBytes } = markdownCacheStats();
    // About 100 KB of HTML each (UTF-16): some twenty fill the cache.
    const big = () => `${unique()} ${"ord ".repeat(12_500)}`;
    const oldest = big();
    const kept = renderMarkdown(oldest);
    const used = big();
    const usedResult = renderMarkdown(used);
    for (let i = 0; i < 30; i++) {
      renderMarkdown(big());
      expect(renderMarkdown(used)).toBe(usedResult); // used again: most recently used
    }
    expect(markdownCacheStats().bytes).toBeLessThanOrEqual(maxBytes);
    expect(renderMarkdown(oldest)).not.toBe(kept);
    expect(renderMarkdown(oldest).html).toBe(kept.html);
    // A text whose HTML alone is over 256 KB renders every time and takes no room.
    const huge = `${unique()} ${"ord ".repeat(40_000)}`;
    const before = markdownCacheStats();
    expect(renderMarkdown(huge)).not.toBe(renderMarkdown(huge));
    expect(markdownCacheStats()).toEqual(before);
  });
});
