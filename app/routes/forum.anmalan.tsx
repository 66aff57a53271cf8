import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DateTimeRange } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RegistrationStatusNotice as StatusNotice } from "~/components/registration-form";
import { getOwnRegistration } from "~/models/registration.server";
import { eventPlaceLabel } from "~/utils/labels";
import { eventCalendarHref, eventHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { cancelRegistrationPath, verifyRegistrationLink } from "~/utils/signed-links.server";

export const meta: MetaFunction = () => pageMeta("Din anmälan", "Status för din anmälan till forumet, och länken till webbinariet när du har en plats.");

/** The registrant's own page, reached by a signed link: status, waitlist position, join link. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const id = url.searchParams.get("r") ?? "";
  const sig = url.searchParams.get("sig") ?? "";
  // Without a link there is nothing to look up: explain where the link is.
  if (!url.searchParams.has("r")) return json({ registration: null, cancelPath: null });
  const registration = verifyRegistrationLink(id, sig) ? await getOwnRegistration(id) : null;
  if (!registration) throw new Response("Länken till anmälan är ogiltig. Använd länken i ditt bekräftelsemejl.", { status: 404 });
  return json({ registration, cancelPath: registration.canCancel ? cancelRegistrationPath(id) : null }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function OwnRegistration() {
  const { registration, cancelPath } = useLoaderData<typeof loader>();
  if (!registration) return <NoLink />;
  const { event } = registration;
  return (
    <>
      <h1>Din anmälan</h1>
      <p className="lead">
        {registration.name}, {registration.email}
      </p>
      {event.cancelled ? (
        <p className="notice notice--error">Forumet är inställt.</p>
      ) : (
        <StatusNotice status={registration.status} position={registration.position} />
      )}
      <h2>{event.title}</h2>
      <dl className="facts">
        <dt>När</dt>
        <dd>
          <DateTimeRange start={event.startsAt} end={event.endsAt} />
        </dd>
        <dt>Var</dt>
        <dd>{eventPlaceLabel(event.format, event.location)}</dd>
        {registration.joinUrl ? (
          <>
            <dt>Webbinariet</dt>
            <dd>
              <a href={registration.joinUrl} rel="noreferrer">
                Länk till webbinariet
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {/* canCancel: confirmed or waitlisted, for a forum still ahead. */}
      {registration.canCancel ? (
        <WhatHappensNext
          email={registration.email}
          seated={registration.status === "confirmed"}
          hasJoinLink={Boolean(registration.joinUrl)}
          calendarHref={eventCalendarHref(event)}
          cancelPath={cancelPath}
        />
      ) : null}
      <p>
        <Link to={eventHref(event)}>Om forumet</Link>
      </p>
    </>
  );
}

/** GOV.UK's "What happens next": the mail, the join link, the calendar and how to cancel. */
function WhatHappensNext({
  email,
  seated,
  hasJoinLink,
  calendarHref,
  cancelPath,
}: {
  email: string;
  seated: boolean;
  hasJoinLink: boolean;
  calendarHref: string;
  cancelPath: string | null;
}) {
  return (
    <section aria-labelledby="vad-hander-nu">
      <h2 id="vad-hander-nu">Vad händer nu?</h2>
      <ul>
        <li>
          Vi har skickat ett mejl till <strong>{email}</strong> med länken till den här sidan och en kalenderfil. Hittar du det inte? Titta i skräpposten.
        </li>
        <li>
          {seated
            ? hasJoinLink
              ? "Länken till webbinariet står ovan och i mejlet. Du får den igen i en påminnelse dagen före forumet."
              : "Länken till webbinariet kommer med e-post före forumet, senast i påminnelsen dagen före."
            : "Blir en plats ledig flyttas du upp automatiskt och får ett mejl med länken till webbinariet."}
        </li>
        <li>
          <a href={calendarHref}>Lägg till forumet i din kalender</a> (.ics-fil), om du inte redan har öppnat filen i mejlet.
        </li>
        {cancelPath ? (
          <li>
            {seated ? "Kan du inte komma? " : "Vill du inte stå kvar i kön? "}
            <Link to={cancelPath}>Avanmäl dig</Link>
            {seated ? ", så går platsen till någon på väntelistan." : "."} Länken finns också i mejlet.
          </li>
        ) : null}
      </ul>
    </section>
  );
}

function NoLink() {
  return (
    <>
      <h1>Din anmälan</h1>
      <p className="lead">Du ser din anmälan med länken i bekräftelsemejlet som du fick när du anmälde dig.</p>
      <p>
        Hittar du inte mejlet? Titta i skräpposten, eller <Link to="/kontakt">kontakta forumansvarig</Link>.
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
