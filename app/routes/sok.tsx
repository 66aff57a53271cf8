import { json } from "@remix-run/node";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = () => pageMeta("Sök", "Sök bland forum, case och diskussioner.");

const MAX_QUERY = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, MAX_QUERY);
  return json({ q });
}

export default function Search() {
  const { q } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Sök" lead="Sökningen bland forum, case och diskussioner kommer i en senare version." />
      <Form method="get" action="/sok" role="search" aria-label="Ny sökning" className="search-page">
        <div className="field">
          <label htmlFor="sok-sida-q">Sökord</label>
          <input id="sok-sida-q" type="search" name="q" defaultValue={q} maxLength={MAX_QUERY} />
        </div>
        <button type="submit" className="button button--secondary">
          Sök
        </button>
      </Form>
      {q ? (
        <div className="notice" role="status">
          <p>
            Du sökte på <strong>”{q}”</strong>. Sökningen är inte klar än, så vi kan inte visa några träffar.
          </p>
        </div>
      ) : null}
      <h2>Hitta ändå</h2>
      <ul>
        <li>
          <Link to="/case">Alla case</Link>, sorterade med det senaste först
        </li>
        <li>
          <Link to="/forum">Kommande och tidigare forum</Link>
        </li>
        <li>
          <Link to="/undersokningar">Resultat från undersökningarna</Link>
        </li>
      </ul>
    </>
  );
}
