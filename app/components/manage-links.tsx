import { Link, useRouteLoaderData } from "@remix-run/react";
import { roleRank } from "~/utils/roles";

type RootData = { user: { role: string } | null } | undefined;

/**
 * The organizer's way from a public page into the workspace ("Redigera",
 * "Hantera anmälningar"). Shown to organizers and admins only; the pages behind
 * the links check the role themselves.
 */
export function ManageLinks({ links }: { links: { to: string; label: string }[] }) {
  const root = useRouteLoaderData("root") as RootData;
  if (!root?.user || roleRank(root.user.role) < roleRank("organizer")) return null;
  return (
    <nav className="manage-links" aria-label="Arrangörens verktyg för sidan">
      <ul>
        {links.map((l) => (
          <li key={l.to}>
            <Link to={l.to}>{l.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
