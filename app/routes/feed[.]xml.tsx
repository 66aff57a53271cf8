import { listFeedEntries } from "~/models/feed.server";
import { env } from "~/utils/env.server";
import { atomFeed, FEED_CONTENT_TYPE } from "~/utils/atom.server";

/** /feed.xml: an Atom feed of published articles and cases. */
export async function loader() {
  const body = atomFeed(await listFeedEntries(), env().APP_URL);
  return new Response(body, {
    headers: { "Content-Type": FEED_CONTENT_TYPE, "Cache-Control": "public, max-age=900" },
  });
}
