import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCalendarEvent } from "~/models/calendar.server";
import { eventCalendar } from "~/utils/calendar-feed.server";
import { env } from "~/utils/env.server";
import { ICS_CONTENT_TYPE, icsFilename } from "~/utils/ics.server";
import { notFound, requireParam } from "~/utils/http.server";

/** /forum/<slug>.ics: the forum as a calendar file ("Lägg till i kalender"). */
export async function loader({ params }: LoaderFunctionArgs) {
  const event = await getCalendarEvent(requireParam(params, "slug", "slug", "Forumet finns inte"));
  if (!event) throw notFound("Forumet finns inte");
  return new Response(eventCalendar(event, env().APP_URL), {
    headers: {
      "Content-Type": ICS_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${icsFilename(event.slug)}"`,
      "Cache-Control": "public, max-age=300",
    },
  });
}
