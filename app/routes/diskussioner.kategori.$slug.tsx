import { json } from "@remix-run/node";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { listHref, ThreadFilters, ThreadList } from "~/components/thread-list";
import { getCategoryBySlug, listThreads, listThreadTags } from "~/models/discussion.server";
import { readListQuery } from "~/utils/discussion";
import { askQuestionHref, categoryFeedHref, categoryHref, DISCUSSIONS_HREF } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { requireParam } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return pageMeta("Kategorin finns inte", "Vi hittade ingen diskussionskategori på den adressen.");
  return [
    ...pageMeta(`${data.category.name} – diskussioner`, data.category.description || `Frågor och svar om ${data.category.name}.`),
    { tagName: "link", rel: "alternate", type: "application/atom+xml", title: `Diskussioner: ${data.category.name}`, href: categoryFeedHref(data.category) },
  ];
};

export async function loader({ params, request }: LoaderFunctionArgs) {
  const slug = requireParam(params, "slug", "slug", "Kategorin finns inte");
  const category = await getCategoryBySlug(slug);
  if (!category) throw new Response("Kategorin finns inte", { status: 404 });
  const query = readListQuery(new URL(request.url));
  const [tags, list] = await Promise.all([
    listThreadTags(category.id),
    listThreads({ categoryId: category.id, sort: query.sort, tagSlug: query.tag || undefined, cursor: query.cursor }),
  ]);
  return json({ category, tags, ...query, ...list });
}

export default function DiscussionCategory() {
  const { category, tags, sort, tag, cursor, pinned, threads, nextCursor } = useLoaderData<typeof loader>();
  const path = categoryHref(category);
  const base = { ordning: sort === "aktivitet" ? null : sort, tagg: tag };
  return (
    <>
      <Breadcrumbs items={[{ to: DISCUSSIONS_HREF, label: "Diskussioner" }]} current={category.name} />
      <PageHeader title={category.name} lead={category.description || undefined}>
        <p>
          <Link to={askQuestionHref({ kategori: category.slug })} className="button">
            Ställ en fråga i {category.name}
          </Link>
        </p>
      </PageHeader>
      <ThreadFilters action={path} sort={sort} tag={tag} tags={tags} />
      <ThreadList
        pinned={pinned}
        threads={threads}
        showCategory={false}
        nextHref={nextCursor ? listHref(path, { ...base, efter: nextCursor }) : null}
        firstHref={cursor ? listHref(path, base) : null}
      />
      <p>
        <a href={categoryFeedHref(category)}>Prenumerera på nya trådar i {category.name} (Atom-flöde)</a>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
