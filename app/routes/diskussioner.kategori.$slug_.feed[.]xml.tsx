import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCategoryBySlug, listThreadsForFeed } from "~/models/discussion.server";
import { env } from "~/utils/env.server";
import { discussionAtomFeed, FEED_CONTENT_TYPE } from "~/utils/atom.server";
import { categoryFeedHref, categoryHref } from "~/utils/links";
import { requireParam } from "~/utils/http.server";

/** /diskussioner/kategori/<slug>/feed.xml: Atom feed of new threads in one category. */
export async function loader({ params }: LoaderFunctionArgs) {
  const slug = requireParam(params, "slug", "slug", "Kategorin finns inte");
  const category = await getCategoryBySlug(slug);
  if (!category) throw new Response("Kategorin finns inte", { status: 404 });
  const body = discussionAtomFeed({
    threads: await listThreadsForFeed({ categoryId: category.id }),
    siteUrl: env().APP_URL,
    title: `diskussioner om ${category.name}`,
    selfPath: categoryFeedHref(category),
    pagePath: categoryHref(category),
  });
  return new Response(body, { headers: { "Content-Type": FEED_CONTENT_TYPE, "Cache-Control": "public, max-age=300" } });
}
