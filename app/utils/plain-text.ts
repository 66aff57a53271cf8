/**
 * Markdown reduced to a short plain-text excerpt, for mail and feed readers: code
 * blocks and images go, links keep their text, markup characters are dropped, and
 * a cut adds "…". Never rendered as HTML.
 */
export function markdownExcerpt(markdown: string, max: number): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`|~]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
