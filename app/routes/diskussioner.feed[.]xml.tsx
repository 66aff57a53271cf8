import { listThreadsForFeed } from "~/models/discussion.server";
import { env } from "~/utils/env.server";
import { discussionAtomFeed, FEED_CONTENT_TYPE } from "~/utils/atom.server";
import { DISCUSSIONS_FEED_HREF, DISCUSSIONS_HREF } from "~/utils/links";

/** /diskussioner/feed.xml: Atom feed of new threads in every category. */
export async function loader() {
  const body = discussionAtomFeed({
    threads: await listThreadsForFeed({}),
    siteUrl: env().APP_URL,
    title: "nya diskussioner",
    selfPath: DISCUSSIONS_FEED_HREF,
    pagePath: DISCUSSIONS_HREF,
  });
  return new Response(body, { headers: { "Content-Type": FEED_CONTENT_TYPE, "Cache-Control": "public, max-age=300" } });
}
