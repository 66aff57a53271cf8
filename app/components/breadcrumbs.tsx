import { Link } from "@remix-run/react";

export type Crumb = { to: string; label: string };

/** Where the page sits. The last item is the current page and is not a link. */
export function Breadcrumbs({ items, current }: { items: Crumb[]; current: string }) {
  return (
    <nav aria-label="Du är här" className="breadcrumbs">
      <ol>
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to}>{item.label}</Link>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
