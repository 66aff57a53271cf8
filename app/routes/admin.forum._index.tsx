import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { listEventsForOrganizer } from "~/models/event-admin.server";
import { requireRole } from "~/models/auth.server";
import { eventStatusLabel } from "~/utils/labels";
import { pageMeta } from "~/utils/meta";
import { adminEventHref, adminRecordingHref, NEW_EVENT_HREF } from "~/utils/links";

export const meta: MetaFunction = () => pageMeta("Forum att hantera", "Alla forum, även utkast och inställda, med status och inspelning.");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  return json({ events: await listEventsForOrganizer(), now: new Date().toISOString() });
}

export default function AdminEvents() {
  const { events, now } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB]} current="Forum" />
      <h1>Forum att hantera</h1>
      <p className="lead">Alla forum, även utkast och inställda. Öppna ett forum för att ändra det, publicera det eller lägga till inspelningen.</p>
      <p>
        <Link className="button" to={NEW_EVENT_HREF}>
          Skapa ett nytt forum
        </Link>
      </p>
      {events.length ? (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Alla forum, det senaste först</caption>
            <thead>
              <tr>
                <th scope="col">Forum</th>
                <th scope="col">Datum</th>
                <th scope="col">Status</th>
                <th scope="col">Platser</th>
                <th scope="col">Inspelning</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <th scope="row">
                    <Link to={adminEventHref(event.id)}>{event.title}</Link>
                  </th>
                  <td>
                    <DateTime value={event.startsAt} format="short" />
                  </td>
                  <td>
                    <span className={`badge${event.status === "published" ? "" : " badge--muted"}`}>{eventStatusLabel(event.status)}</span>
                  </td>
                  <td>{event.capacity === null ? `${event.seatsTaken} (obegränsat)` : `${event.seatsTaken} av ${event.capacity}`}</td>
                  <td>
                    {event.recording ? (
                      <Link to={adminRecordingHref(event.id)}>{event.recording.publishedAt ? "Publicerad" : "Inte publicerad"}</Link>
                    ) : new Date(event.endsAt) < new Date(now) ? (
                      <Link to={adminRecordingHref(event.id)}>Lägg till</Link>
                    ) : (
                      "–"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="empty-state">
          <p className="empty-state__title">Det finns inga forum än.</p>
          <p>
            <Link to={NEW_EVENT_HREF}>Skapa det första forumet</Link>.
          </p>
        </div>
      )}
    </>
  );
}
