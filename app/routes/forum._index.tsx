import { json } from "@remix-run/node";
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { EventCard } from "~/components/event-card";
import { PageHeader } from "~/components/page-header";
import { listPastEvents, listUpcomingEvents } from "~/models/event.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = () => pageMeta("Forum och evenemang", "Kommande och tidigare forum där kommuner berättar om sitt arbete med BI, IoT och AI.");

export async function loader() {
  const now = new Date();
  const [upcoming, past] = await Promise.all([listUpcomingEvents(now), listPastEvents(now)]);
  return json({ upcoming, past });
}

export default function ForumIndex() {
  const { upcoming, past } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Forum och evenemang"
        lead="Vid varje forum berättar kommuner om sitt arbete med analys. Forumen hålls oftast som webbinarier och tar ungefär en och en halv timme."
      />

      <section className="section" aria-labelledby="kommande">
        <h2 id="kommande">Kommande forum</h2>
        {upcoming.length ? (
          <ul className="cards">
            {upcoming.map((event) => (
              <EventCard key={event.slug} event={event} />
            ))}
          </ul>
        ) : (
          <EmptyState title="Inget forum är inplanerat just nu.">
            <p>
              Vill du få en inbjudan till nästa forum? <Link to="/kontakt">Kontakta forumansvarig</Link>.
            </p>
          </EmptyState>
        )}
      </section>

      <section className="section" aria-labelledby="tidigare">
        <h2 id="tidigare">Tidigare forum</h2>
        {past.length ? (
          <ul className="cards">
            {past.map((event) => (
              <EventCard key={event.slug} event={event} past />
            ))}
          </ul>
        ) : (
          <EmptyState title="Inga forum har hållits än.">
            <p>När ett forum har ägt rum visas det här, med inspelning om en sådan finns.</p>
          </EmptyState>
        )}
      </section>
    </>
  );
}
