import { json, redirect } from "@remix-run/node";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { EmptyState } from "~/components/empty-state";
import { HighlightedText } from "~/components/highlighted-text";
import { PageHeader } from "~/components/page-header";
import { searchSite } from "~/models/search.server";
import { formatNumber } from "~/utils/format";
import { feedAlternateLink, municipalityHref } from "~/utils/links";
import { parseSearchFilter, SEARCH_FILTERS, SEARCH_PAGE_SIZE } from "~/utils/search-filters";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(data?.q ? `Sök: ${data.q}` : "Sök", "Sök bland case, spaningar, forum, inspelningar och diskussioner om analys i kommuner.");

export const links: LinksFunction = () => [feedAlternateLink];

const MAX_QUERY = 200;
const MAX_PAGE = 1000;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, MAX_QUERY);
  const filter = parseSearchFilter(url.searchParams.get("typ"));
  const requested = Number.parseInt(url.searchParams.get("sida") ?? "1", 10);
  const page = Number.isFinite(requested) ? Math.min(Math.max(requested, 1), MAX_PAGE) : 1;
  if (!q) return json({ q, filter, result: null });
  const result = await searchSite({ query: q, filter, page });
  if (result.total > 0 && page > result.pageCount) {
    throw redirect(searchHref(q, filter, result.pageCount));
  }
  return json({ q, filter, result });
}

function searchHref(q: string, filter: string, page: number) {
  const params = new URLSearchParams({ q });
  if (filter !== "alla") params.set("typ", filter);
  if (page > 1) params.set("sida", String(page));
  return `/sok?${params}`;
}

const hitsLabel = (n: number) => (n === 1 ? "1 träff" : `${formatNumber(n)} träffar`);

export default function Search() {
  const { q, filter, result } = useLoaderData<typeof loader>();
  const filterLabel = SEARCH_FILTERS.find((f) => f.value === filter)?.label ?? "Alla";
  return (
    <>
      <PageHeader title="Sök" lead="Sök bland case, spaningar, forum, inspelningar och diskussioner." />
      <Form method="get" action="/sok" role="search" aria-label="Ny sökning" className="search-page">
        <div className="field">
          <label htmlFor="sok-sida-q">Sökord</label>
          <span className="field__hint" id="sok-sida-q-hint">
            Början av ett ord räcker: ”prediktiv” hittar också ”prediktiva”.
          </span>
          <input id="sok-sida-q" type="search" name="q" defaultValue={q} maxLength={MAX_QUERY} aria-describedby="sok-sida-q-hint" />
        </div>
        <fieldset className="field search-filter">
          <legend>Visa</legend>
          {SEARCH_FILTERS.map((f) => (
            <div className="choice" key={f.value}>
              <input type="radio" id={`sok-typ-${f.value}`} name="typ" value={f.value} defaultChecked={f.value === filter} />
              <label htmlFor={`sok-typ-${f.value}`}>{f.label}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button">
          Sök
        </button>
      </Form>

      {!result ? (
        <EmptyState title="Skriv vad du letar efter.">
          <p>
            Du kan söka på till exempel en kommun, ett område som ”IoT” eller ”vatten och avlopp”, eller ett ord ur en diskussion. Alla orden du skriver behöver
            finnas med i träffen.
          </p>
          <p>
            Vill du hellre bläddra? Se <Link to="/case">alla case</Link>, <Link to="/forum">forum</Link> och <Link to="/kommun">kommunerna</Link>.
          </p>
        </EmptyState>
      ) : (
        <section aria-labelledby="sok-traffar">
          <h2 id="sok-traffar">Träffar</h2>
          <p className="result-count" role="status">
            {hitsLabel(result.total)} för ”{q}”{filter !== "alla" ? ` bland ${filterLabel.toLowerCase()}` : ""}.
            {result.pageCount > 1 ? ` Sida ${result.page} av ${result.pageCount}.` : ""}
          </p>
          {result.items.length ? (
            <ol className="search-results" start={(result.page - 1) * SEARCH_PAGE_SIZE + 1}>
              {result.items.map((item) => (
                <li key={item.key} className="search-result">
                  <p className="search-result__kind">{item.kindLabel}</p>
                  <h3>
                    <Link to={item.href}>
                      <HighlightedText parts={item.title} />
                    </Link>
                  </h3>
                  {item.municipality || item.context || item.date ? (
                    <p className="search-result__meta">
                      {item.municipality ? (
                        <>
                          <Link to={municipalityHref(item.municipality)}>{item.municipality.name}</Link>
                          {item.context ? ", " : null}
                        </>
                      ) : null}
                      {item.context}
                      {(item.municipality || item.context) && item.date ? " · " : null}
                      {item.date ? <DateTime value={item.date} format="date" /> : null}
                    </p>
                  ) : null}
                  {item.snippet.length ? (
                    <p className="search-result__snippet">
                      <HighlightedText parts={item.snippet} />
                    </p>
                  ) : null}
                </li>
              ))}
            </ol>
          ) : (
            <EmptyState title="Vi hittade inget som matchar.">
              <ul>
                <li>Försök med färre ord, eller bara början av ett ord.</li>
                {filter !== "alla" ? (
                  <li>
                    <Link to={searchHref(q, "alla", 1)}>Sök bland alla typer</Link> i stället för bara {filterLabel.toLowerCase()}.
                  </li>
                ) : null}
                <li>
                  Hittar du ändå inte det du letar efter? <Link to="/kontakt">Fråga forumansvarig</Link>.
                </li>
              </ul>
            </EmptyState>
          )}
          {result.pageCount > 1 ? (
            <nav className="pagination" aria-label="Fler sökträffar">
              {result.page > 1 ? (
                <Link to={searchHref(q, filter, result.page - 1)} rel="prev">
                  Föregående sida
                </Link>
              ) : null}
              <span>
                Sida {result.page} av {result.pageCount}
              </span>
              {result.page < result.pageCount ? (
                <Link to={searchHref(q, filter, result.page + 1)} rel="next">
                  Nästa sida
                </Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      )}
    </>
  );
}
