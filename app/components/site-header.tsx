import { Form, Link, NavLink } from "@remix-run/react";
import { DISCUSSIONS_HREF, workspaceHref } from "~/utils/links";

export const NAV_ITEMS = [
  { to: "/forum", label: "Forum och evenemang" },
  { to: "/inspelningar", label: "Inspelningar" },
  { to: "/case", label: "Case" },
  { to: DISCUSSIONS_HREF, label: "Diskussioner" },
  { to: "/undersokningar", label: "Undersökningar" },
  { to: "/analysmognad", label: "Analysmognad" },
  { to: "/kontakt", label: "Kontakt" },
] as const;

type HeaderUser = { name: string; role: string } | null;

export function SiteHeader({ user }: { user: HeaderUser }) {
  return (
    <header className="site-header">
      <div className="container site-header__bar">
        <Link to="/" className="site-header__brand">
          Kommunforum <span>Analytics</span>
        </Link>
        <div className="site-header__tools">
          <Form method="get" action="/sok" role="search" className="search-form">
            <label htmlFor="sok-q" className="visually-hidden">
              Sök på webbplatsen
            </label>
            <input id="sok-q" type="search" name="q" placeholder="Sök case, forum…" />
            <button type="submit">Sök</button>
          </Form>
          {user ? (
            <>
              <WorkspaceLink role={user.role} />
              <Link to="/profil">{user.name}</Link>
              <Form method="post" action="/logga-ut">
                <button type="submit" className="link-button">
                  Logga ut
                </button>
              </Form>
            </>
          ) : (
            <Link to="/logga-in">Logga in</Link>
          )}
        </div>
      </div>
      <nav className="site-nav" aria-label="Huvudmeny">
        <div className="container">
          <ul>
            {NAV_ITEMS.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </div>
      </nav>
    </header>
  );
}

/** Organizers, moderators and admins reach their workspace from every page. */
function WorkspaceLink({ role }: { role: string }) {
  const to = workspaceHref(role);
  if (!to) return null;
  return <Link to={to}>{role === "moderator" ? "Moderering" : "Arrangörsverktyg"}</Link>;
}
