import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.server";

/**
 * The XSS corpus: every payload in xss-payloads.json goes through the one Markdown
 * pipeline, and the HTML that comes out is scanned tag by tag and attribute by
 * attribute (not by substring), so a payload that survives in any form fails here.
 */
const { payloads } = JSON.parse(fs.readFileSync(path.join(__dirname, "xss-payloads.json"), "utf8")) as { payloads: string[] };

const FORBIDDEN_TAGS = new Set([
  "script",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "param",
  "style",
  "link",
  "svg",
  "math",
  "form",
  "button",
  "select",
  "textarea",
  "meta",
  "base",
  "template",
  "noscript",
  "xml",
  "audio",
  "video",
  "source",
]);
const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "srcset",
  "action",
  "formaction",
  "xlink:href",
  "background",
  "dynsrc",
  "lowsrc",
  "poster",
  "data",
  "code",
  "codebase",
]);

type ScannedTag = { name: string; attributes: Array<{ name: string; value: string }> };

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ":")
    .replace(/&tab;/gi, "\t")
    .replace(/&newline;/gi, "\n")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

const TAG = /<(\/?)([a-zA-Z][\w:-]*)([^>]*)>/g;
const ATTRIBUTE = /([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** A small HTML scanner: every tag with its attributes, plus any "<" that starts no well-formed tag. */
function scanHtml(html: string): { tags: ScannedTag[]; strayOpeners: number } {
  const tags: ScannedTag[] = [];
  let matchedOpeners = 0;
  for (const match of html.matchAll(TAG)) {
    matchedOpeners++;
    if (match[1]) {
      tags.push({ name: match[2]!.toLowerCase(), attributes: [] });
      continue;
    }
    const attributes: ScannedTag["attributes"] = [];
    for (const a of (match[3] ?? "").matchAll(ATTRIBUTE)) {
      attributes.push({ name: a[1]!.toLowerCase(), value: decodeEntities(a[2] ?? a[3] ?? a[4] ?? "") });
    }
    tags.push({ name: match[2]!.toLowerCase(), attributes });
  }
  const openers = (html.match(/</g) ?? []).length;
  return { tags, strayOpeners: openers - matchedOpeners };
}

const DANGEROUS_SCHEME = /^(javascript|vbscript|data|livescript|mocha):/;

/** Everything in rendered output that could run script or load something it should not. */
function findProblems(html: string): string[] {
  const problems: string[] = [];
  const { tags, strayOpeners } = scanHtml(html);
  if (strayOpeners > 0) problems.push(`${strayOpeners} "<" outside a well-formed tag`);
  for (const tag of tags) {
    if (FORBIDDEN_TAGS.has(tag.name)) problems.push(`<${tag.name}>`);
    for (const { name, value } of tag.attributes) {
      if (name.startsWith("on")) problems.push(`${name}= on <${tag.name}>`);
      if (name === "style") problems.push(`style= on <${tag.name}>`);
      if (URL_ATTRIBUTES.has(name)) {
        // Browsers drop whitespace and control characters inside a scheme.
        // eslint-disable-next-line no-control-regex -- those are the characters to drop
        const normalized = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
        if (DANGEROUS_SCHEME.test(normalized)) problems.push(`${name}="${value}" on <${tag.name}>`);
        if (tag.name === "img" && name === "src" && !/^(https:|\/uploads\/)/.test(normalized)) problems.push(`insecure img src "${value}"`);
        if (normalized.startsWith("//")) problems.push(`protocol-relative ${name}="${value}"`);
      }
    }
  }
  return problems;
}

describe("the XSS corpus", () => {
  it("has at least 100 distinct payloads", () => {
    expect(payloads.length).toBeGreaterThanOrEqual(100);
    expect(new Set(payloads).size).toBe(payloads.length);
  });

  it("the scanner itself catches raw payloads, so the checks below can fail", () => {
    const caught = payloads.filter((p) => findProblems(p).length > 0);
    // Nearly every payload is dangerous as raw HTML; the Markdown-only ones are not HTML at all.
    expect(caught.length).toBeGreaterThan(payloads.length * 0.7);
    expect(findProblems('<a href="jav&#x09;ascript:alert(1)">x</a>')).not.toEqual([]);
    expect(findProblems("<img src=x oNeRrOr=alert(1)>")).not.toEqual([]);
    expect(findProblems("<svg/onload=alert(1)>")).not.toEqual([]);
    expect(findProblems('<p>ok</p><a href="https://ok.example">ok</a>')).toEqual([]);
  });

  it.each(payloads.map((p, i) => [i, p] as const))("payload %i renders harmless", (_i, payload) => {
    for (const markdown of [payload, `Text före.\n\n${payload}\n\nText efter.`, `- ${payload.replace(/\n/g, " ")}`]) {
      const { html } = renderMarkdown(markdown);
      expect(findProblems(html), `${JSON.stringify(payload)}\n→ ${html}`).toEqual([]);
      expect(html).not.toMatch(/<script/i);
    }
  });

  it("all payloads in one document render harmless", () => {
    const { html } = renderMarkdown(payloads.join("\n\n"));
    expect(findProblems(html)).toEqual([]);
  });

  it("keeps ordinary Markdown working", () => {
    const { html } = renderMarkdown("## Resultat\n\n[Rapport](https://example.org/rapport) och **fetstil**.\n\n![Diagram](/uploads/diagram.png)");
    const { tags } = scanHtml(html);
    expect(tags.map((t) => t.name)).toEqual(expect.arrayContaining(["h2", "a", "strong", "img"]));
    expect(findProblems(html)).toEqual([]);
  });
});
