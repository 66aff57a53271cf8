import { Link } from "@remix-run/react";

/** Page links that work without JavaScript: previous, numbered pages, next. */
export function Pagination({ page, pageCount, href, label = "Sidor" }: { page: number; pageCount: number; href: (page: number) => string; label?: string }) {
  if (pageCount <= 1) return null;
  const pages = Array.from({ length: pageCount }, (_, i) => i + 1).filter((p) => p === 1 || p === pageCount || Math.abs(p - page) <= 2);
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? <Link to={href(page - 1)}>Föregående sida</Link> : null}
      <ul className="pagination__pages">
        {pages.map((p, i) => (
          <li key={p}>
            {i > 0 && p - (pages[i - 1] ?? p) > 1 ? <span aria-hidden="true">… </span> : null}
            {p === page ? (
              <span aria-current="page" className="pagination__current">
                <span className="visually-hidden">Sida </span>
                {p}
              </span>
            ) : (
              <Link to={href(p)}>
                <span className="visually-hidden">Sida </span>
                {p}
              </Link>
            )}
          </li>
        ))}
      </ul>
      {page < pageCount ? <Link to={href(page + 1)}>Nästa sida</Link> : null}
    </nav>
  );
}
