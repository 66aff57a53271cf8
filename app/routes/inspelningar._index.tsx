import { json } from "@remix-run/node";
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { EventCard } from "~/components/event-card";
import { PageHeader } from "~/components/page-header";
import { listEventsWithRecording } from "~/models/event.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = () => pageMeta("Inspelningar", "Se tidigare forum i efterhand.");

export async function loader() {
  const events = await listEventsWithRecording();
  return json({ events: events.map((e) => ({ ...e, hasRecording: true })) });
}

export default function Recordings() {
  const { events } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Inspelningar" lead="Missade du ett forum? Här hittar du de forum som finns inspelade." />
      {events.length ? (
        <>
          <p>Uppspelning med kapitel och material kommer i en senare version. Öppna forumet för att läsa om programmet och talarna.</p>
          <h2 className="visually-hidden">Inspelade forum</h2>
          <ul className="cards">
            {events.map((event) => (
              <EventCard key={event.slug} event={event} past />
            ))}
          </ul>
        </>
      ) : (
        <EmptyState title="Det finns inga inspelningar att visa än.">
          <p>
            Inspelningar publiceras här efter varje forum. Vill du se det senaste forumet i efterhand?{" "}
            <Link to="/kontakt">Fråga forumansvarig</Link>. Du kan också se <Link to="/forum">kommande forum</Link>.
          </p>
        </EmptyState>
      )}
    </>
  );
}
