import { listUpcomingCalendarEvents } from "~/models/calendar.server";
import { upcomingFeed } from "~/utils/calendar-feed.server";
import { env } from "~/utils/env.server";

/** /forum/feed.xml: RSS of upcoming forums. */
export async function loader() {
  return new Response(upcomingFeed(await listUpcomingCalendarEvents(), env().APP_URL), {
    headers: { "Content-Type": "application/rss+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
