import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { DISCUSSIONS_HREF, signupHref, workspaceHref } from "~/utils/links";

export const NAV_ITEMS = [
  { to: "/forum", label: "Forum och evenemang" },
  { to: "/inspelningar", label: "Inspelningar" },
  { to: "/case", label: "Case" },
  { to: DISCUSSIONS_HREF, label: "Diskussioner" },
  { to: "/undersokningar", label: "Omröstningar" },
  { to: "/analysmognad", label: "Analysmognad" },
  { to: "/kontakt", label: "Kontakt" },
] as const;

type HeaderUser = { name: string; role: string } | null;

/**
 * The site header. On a phone the search, the account links and the main menu sit
 * behind a "Meny" disclosure (<details>, so it opens without JavaScript); on wider
 * screens the stylesheet shows them in the bar and hides the button (layout.css).
 */
export function SiteHeader({ user }: { user: HeaderUser }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const { pathname, search } = useLocation();
  // With JavaScript the header stays across navigations: a followed link closes the menu.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname, search]);
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="site-header__brand">
          Kommunforum <span>Analytics</span>
        </Link>
        <details className="site-menu" ref={menu}>
          <summary className="site-menu__toggle">Meny</summary>
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
              <>
                <Link to="/logga-in">Logga in</Link>
                <Link to={signupHref()}>Bli medlem</Link>
              </>
            )}
          </div>
          <nav className="site-nav" aria-label="Huvudmeny">
            <ul>
              {NAV_ITEMS.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to}>{item.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </details>
      </div>
    </header>
  );
}

/** Organizers, moderators and admins reach their workspace from every page. */
function WorkspaceLink({ role }: { role: string }) {
  const to = workspaceHref(role);
  if (!to) return null;
  return <Link to={to}>{role === "moderator" ? "Moderering" : "Arrangörsverktyg"}</Link>;
}
