export type TagItem = { slug: string; name: string };

export function TagList({ tags, label = "Taggar" }: { tags: TagItem[]; label?: string }) {
  if (tags.length === 0) return null;
  return (
    <ul className="tags" aria-label={label}>
      {tags.map((tag) => (
        <li key={tag.slug}>
          <span className="tag">{tag.name}</span>
        </li>
      ))}
    </ul>
  );
}
