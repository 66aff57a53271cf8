import { Link } from "@remix-run/react";
import { ADMIN_HREF } from "~/utils/links";

export type Crumb = { to: string; label: string };

/** The first crumb of every organizer's page. */
export const ADMIN_CRUMB: Crumb = { to: ADMIN_HREF, label: "Arrangörsverktyg" };

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
