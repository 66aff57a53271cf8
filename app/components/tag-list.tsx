import { Link } from "@remix-run/react";

export type TagItem = { slug: string; name: string };

/** Tag pills. With `hrefFor` each pill links to the list filtered by that tag; without, they are plain labels. */
export function TagList({ tags, label = "Taggar", hrefFor }: { tags: TagItem[]; label?: string; hrefFor?: (tag: TagItem) => string }) {
  if (tags.length === 0) return null;
  return (
    <ul className="tags" aria-label={label}>
      {tags.map((tag) => (
        <li key={tag.slug}>
          {hrefFor ? (
            <Link className="tag tag--link" to={hrefFor(tag)}>
              {tag.name}
            </Link>
          ) : (
            <span className="tag">{tag.name}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
