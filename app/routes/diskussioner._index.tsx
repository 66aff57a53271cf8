import { json } from "@remix-run/node";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { PageHeader } from "~/components/page-header";
import { listHref, ThreadFilters, ThreadList } from "~/components/thread-list";
import { listCategories, listThreads, listThreadTags } from "~/models/discussion.server";
import { getOptionalUser } from "~/models/auth.server";
import { readListQuery } from "~/utils/discussion";
import { threadCountLabel } from "~/utils/labels";
import { askQuestionHref, categoryHref, DISCUSSIONS_FEED_HREF, DISCUSSIONS_HREF } from "~/utils/links";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = () => pageMeta("Diskussioner", "Ställ frågor och dela erfarenheter med andra kommuner om BI, IoT och AI.");

export const links: LinksFunction = () => [
  { rel: "alternate", type: "application/atom+xml", title: "Kommunforum Analytics: nya diskussioner", href: DISCUSSIONS_FEED_HREF },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = readListQuery(url);
  const [user, categories, tags, list] = await Promise.all([
    getOptionalUser(request),
    listCategories(),
    listThreadTags(),
    listThreads({ sort: query.sort, tagSlug: query.tag || undefined, cursor: query.cursor }),
  ]);
  return json({ loggedIn: !!user, categories, tags, ...query, ...list });
}

export default function Discussions() {
  const { loggedIn, categories, tags, sort, tag, cursor, pinned, threads, nextCursor } = useLoaderData<typeof loader>();
  const base = { ordning: sort === "aktivitet" ? null : sort, tagg: tag };
  return (
    <>
      <PageHeader title="Diskussioner" lead="Ställ en fråga till andra kommuner, eller dela med dig av vad som har fungerat hos er.">
        <p>
          <Link to={askQuestionHref()} className="button">
            Ställ en fråga
          </Link>
          {loggedIn ? null : <span className="muted"> Du behöver vara inloggad medlem för att skriva.</span>}
        </p>
      </PageHeader>
      {/* The threads are what people come for: they come first, the categories after. */}
      <section aria-labelledby="tradar">
        <h2 id="tradar">Trådar</h2>
        <ThreadFilters action={DISCUSSIONS_HREF} sort={sort} tag={tag} tags={tags} />
        <ThreadList
          pinned={pinned}
          threads={threads}
          showCategory
          nextHref={nextCursor ? listHref(DISCUSSIONS_HREF, { ...base, efter: nextCursor }) : null}
          firstHref={cursor ? listHref(DISCUSSIONS_HREF, base) : null}
        />
        <p>
          <a href={DISCUSSIONS_FEED_HREF}>Prenumerera på nya trådar (Atom-flöde)</a>
        </p>
      </section>
      {categories.length ? (
        <section className="section" aria-labelledby="kategorier">
          <h2 id="kategorier">Kategorier</h2>
          <ul className="category-list">
            {categories.map((category) => (
              <li key={category.id}>
                <Link to={categoryHref(category)} className="category-list__name">
                  {category.name}
                </Link>
                {category.description ? <p>{category.description}</p> : null}
                <span className="category-list__count">{threadCountLabel(category.threadCount)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <EmptyState title="Inga diskussionskategorier är skapade än.">
          <p>
            Under tiden kan du läsa <Link to="/case">case från andra kommuner</Link>.
          </p>
        </EmptyState>
      )}
    </>
  );
}
