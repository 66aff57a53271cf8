import { listUpcomingCalendarEvents } from "~/models/calendar.server";
import { upcomingCalendar } from "~/utils/calendar-feed.server";
import { env } from "~/utils/env.server";
import { ICS_CONTENT_TYPE } from "~/utils/ics.server";

/** /forum/kalender.ics: every upcoming forum, to subscribe to in a calendar app. */
export async function loader() {
  return new Response(upcomingCalendar(await listUpcomingCalendarEvents(), env().APP_URL), {
    headers: { "Content-Type": ICS_CONTENT_TYPE, "Content-Disposition": 'inline; filename="kommunforum.ics"', "Cache-Control": "public, max-age=300" },
  });
}
