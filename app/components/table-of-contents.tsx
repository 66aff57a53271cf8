export type TocHeading = { id: string; text: string; depth: number };

/** "Innehåll": links to the h2 and h3 headings of a rendered Markdown body. */
export function TableOfContents({ headings }: { headings: TocHeading[] }) {
  const items = headings.filter((h) => h.depth <= 3);
  if (items.length < 2) return null;
  return (
    <nav className="toc" aria-labelledby="innehall">
      <h2 id="innehall">Innehåll</h2>
      <ol>
        {items.map((h) => (
          <li key={h.id} className={h.depth === 3 ? "toc__sub" : undefined}>
            <a href={`#${h.id}`}>{h.text}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
