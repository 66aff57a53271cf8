import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCalendarEvent } from "~/models/calendar.server";
import { eventCalendar } from "~/utils/calendar-feed.server";
import { env } from "~/utils/env.server";
import { ICS_CONTENT_TYPE, icsFilename } from "~/utils/ics.server";

/** /forum/<slug>.ics: the forum as a calendar file ("Lägg till i kalender"). */
export async function loader({ params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const event = /^[a-z0-9-]{1,120}$/.test(slug) ? await getCalendarEvent(slug) : null;
  if (!event) throw new Response("Forumet finns inte", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(eventCalendar(event, env().APP_URL), {
    headers: {
      "Content-Type": ICS_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${icsFilename(event.slug)}"`,
      "Cache-Control": "public, max-age=300",
    },
  });
}
