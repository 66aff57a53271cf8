import { json } from "@remix-run/node";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { EmptyState } from "~/components/empty-state";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { TagList } from "~/components/tag-list";
import { listPublishedArticles } from "~/models/article.server";
import { articleHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = () => pageMeta("Spaningar", "Forumansvarigs sammanfattningar av forum och iakttagelser om hur kommuner arbetar med analys.");

export async function loader({ request }: LoaderFunctionArgs) {
  const raw = Number.parseInt(new URL(request.url).searchParams.get("sida") ?? "1", 10);
  const page = Number.isFinite(raw) && raw >= 1 && raw <= 10_000 ? raw : 1;
  return json(await listPublishedArticles({ page }));
}

export default function ArticlesIndex() {
  const { articles, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Spaningar" lead="Sammanfattningar av forumen och iakttagelser om hur kommuner arbetar med analys, skrivna av forumansvarig.">
        <p>
          Letar du efter kommunernas egna beskrivningar? Se <Link to="/case">Case</Link>.
        </p>
      </PageHeader>
      {articles.length ? (
        <>
          <h2 className="visually-hidden">Alla spaningar</h2>
          <p className="result-count">{total === 1 ? "1 spaning" : `${total} spaningar`}</p>
          <ul className="cards">
            {articles.map((a) => (
              <li className="card" key={a.slug}>
                <h3>
                  <Link to={articleHref(a)}>{a.title}</Link>
                </h3>
                <p className="card__meta">
                  {a.byline}
                  {a.publishedAt ? (
                    <>
                      , <DateTime value={a.publishedAt} format="date" />
                    </>
                  ) : null}
                </p>
                {a.summary ? <p>{a.summary}</p> : null}
                <TagList tags={a.tags} />
              </li>
            ))}
          </ul>
          <Pagination page={page} pageCount={pageCount} href={(p) => (p > 1 ? `/spaningar?sida=${p}` : "/spaningar")} label="Sidor med spaningar" />
        </>
      ) : (
        <EmptyState title="Inga spaningar är publicerade än.">
          <p>
            Under tiden kan du läsa <Link to="/case">kommunernas case</Link> eller se vilka <Link to="/forum">forum</Link> som kommer.
          </p>
        </EmptyState>
      )}
    </>
  );
}
