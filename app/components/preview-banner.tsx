import { Link } from "@remix-run/react";

/**
 * Tops a public page that an organizer opens while it is still a draft (issue 17):
 * the page is otherwise drawn exactly as it will look once published.
 */
export function PreviewBanner({ editHref }: { editHref: string }) {
  return (
    <div className="notice notice--warning" role="status" data-testid="preview-banner">
      <p>
        <strong>Förhandsgranskning – sidan är inte publicerad.</strong> Så här kommer sidan att se ut. Bara forumansvariga kan öppna den tills den publiceras.{" "}
        <Link to={editHref}>Tillbaka till redigeringen</Link>
      </p>
    </div>
  );
}
