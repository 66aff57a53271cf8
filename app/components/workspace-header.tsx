import { Form, Link } from "@remix-run/react";
import { ADMIN_HREF } from "~/utils/links";

/**
 * The header of the organizer's workspace: the site's name, the way back to the
 * public site and the account, without the public menu and search competing
 * for the room the tables need.
 */
export function WorkspaceHeader({ user }: { user: { name: string; role: string } | null }) {
  return (
    <header className="site-header workspace-header">
      <div className="workspace-header__bar site-header__bar">
        <span className="site-header__brand">
          Kommunforum <span>Analytics</span>
        </span>
        <Link to={ADMIN_HREF} className="workspace-header__title">
          Arrangörsverktyg
        </Link>
        <div className="site-header__tools">
          <Link to="/">Till webbplatsen</Link>
          {user ? (
            <>
              <Link to="/profil">{user.name}</Link>
              <Form method="post" action="/logga-ut">
                <button type="submit" className="link-button">
                  Logga ut
                </button>
              </Form>
            </>
          ) : null}
        </div>
      </div>
    </header>
  );
}
