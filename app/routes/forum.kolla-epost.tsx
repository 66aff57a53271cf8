import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getEventForRegistration } from "~/models/registration.server";
import { eventHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { ofShape } from "~/utils/http.server";

export const meta: MetaFunction = () => pageMeta("Kolla din e-post", "Bekräfta din anmälan till forumet med länken i mejlet vi har skickat.");

/**
 * After the registration form (anyone but a signed-in member with a confirmed
 * address): the address typed and the forum, nothing about any registration. The
 * same page whether the address was new, pending or already registered.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const slug = ofShape(url.searchParams.get("forum"), "slug");
  const raw = (url.searchParams.get("adress") ?? "").trim();
  const email = raw.length <= 254 && /^[^\s@<>]+@[^\s@<>]+$/.test(raw) ? raw : null;
  const event = slug ? await getEventForRegistration(slug) : null;
  const forum = event && event.status === "published" ? { slug: event.slug, title: event.title } : null;
  return json({ email, forum }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function CheckYourEmail() {
  const { email, forum } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Kolla din e-post</h1>
      <p className="lead">
        Vi har skickat ett mejl till {email ? <strong>{email}</strong> : "adressen du angav"}
        {forum ? ` om din anmälan till ${forum.title}` : ""}. Följ länken i mejlet och bekräfta anmälan.
      </p>
      <h2>Vad händer nu?</h2>
      <ol>
        <li>Öppna mejlet och bekräfta anmälan. Länken gäller i 24 timmar, men aldrig längre än till sista anmälningsdag.</li>
        <li>Du får en plats, eller en plats på väntelistan, och ett mejl med en kalenderfil och länken till din anmälan, där du också kan avanmäla dig.</li>
        <li>Länken till webbinariet kommer med e-post före forumet.</li>
      </ol>
      <p>Var du redan anmäld med adressen? Då får du i stället ett mejl med länkarna till din anmälan.</p>
      <p>Hittar du inget mejl? Titta i skräpposten. Stämmer inte adressen? Anmäl dig igen med rätt adress.</p>
      {forum ? (
        <p>
          <Link to={eventHref(forum)}>Tillbaka till forumet</Link>
        </p>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
