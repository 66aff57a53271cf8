import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData, useMatches } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { hasRole, requireRole } from "~/models/auth.server";
import { workspaceBadges } from "~/models/dashboard.server";
import { workspaceNav } from "./nav";

/**
 * The workspace around every /admin page: a side navigation of the tools the
 * role may use, with the counts of what waits, beside the page. Each page still
 * checks its own role; this loader only decides which tools to list.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "moderator");
  const organizer = hasRole(user, "organizer");
  const badges = await workspaceBadges({ organizer });
  return json({ nav: workspaceNav(user.role, badges) });
}

export default function Workspace() {
  const { nav } = useLoaderData<typeof loader>();
  // The presenter view fills the projector's screen: no navigation beside it.
  const fullScreen = useMatches().some((m) => m.id.endsWith(".presentera"));
  if (fullScreen) return <Outlet />;
  return (
    <div className="workspace">
      <nav className="workspace__nav" aria-label="Arrangörsverktyg">
        <ul>
          {nav.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end}>
                {item.label}
                {item.count ? (
                  <span className="workspace__count">
                    {" "}
                    {item.count}
                    <span className="visually-hidden"> {item.countLabel}</span>
                  </span>
                ) : null}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="workspace__page">
        <Outlet />
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
