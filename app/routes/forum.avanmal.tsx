import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DateTimeRange } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RegistrationStatusNotice as StatusNotice } from "~/components/registration-form";
import { SubmitButton } from "~/components/forms";
import { cancelRegistration, getOwnRegistration } from "~/models/registration.server";
import { readFormData } from "~/utils/form-data.server";
import { eventHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { verifyRegistrationLink } from "~/utils/signed-links.server";

export const meta: MetaFunction = () => pageMeta("Avanmäl dig", "Avanmäl dig från forumet, så går platsen till nästa person på väntelistan.");

async function load(id: string, sig: string) {
  const registration = verifyRegistrationLink(id, sig) ? await getOwnRegistration(id) : null;
  if (!registration) throw new Response("Länken för avanmälan är ogiltig. Använd länken i ditt bekräftelsemejl.", { status: 404 });
  return registration;
}

/** Opening the link changes nothing (mail scanners follow links); the button does. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const id = url.searchParams.get("r") ?? "";
  const sig = url.searchParams.get("sig") ?? "";
  if (!url.searchParams.has("r")) return json({ registration: null, id: "", sig: "" });
  return json({ registration: await load(id, sig), id, sig }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const id = String(form.get("r") ?? "");
  const sig = String(form.get("sig") ?? "");
  if (!verifyRegistrationLink(id, sig)) throw new Response("Länken för avanmälan är ogiltig. Använd länken i ditt bekräftelsemejl.", { status: 400 });
  const registration = await load(id, sig);
  if (!registration.canCancel)
    return json({ done: false as const, message: "Anmälan kan inte ändras längre: forumet har ägt rum eller är inställt." }, { status: 409 });
  await cancelRegistration(id);
  return json({ done: true as const, message: "Du är avanmäld. Vi har skickat en bekräftelse till din e-post." });
}

export default function CancelRegistration() {
  const { registration, id, sig } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (!registration) {
    return (
      <>
        <h1>Avanmäl dig</h1>
        <p className="lead">Du avanmäler dig med länken i bekräftelsemejlet som du fick när du anmälde dig.</p>
        <p>
          Hittar du inte mejlet? <Link to="/kontakt">Kontakta forumansvarig</Link>, så hjälper vi dig.
        </p>
      </>
    );
  }
  const { event } = registration;
  const cancelled = result?.done || registration.status === "cancelled";
  return (
    <>
      <h1>Avanmäl dig</h1>
      <p className="lead">
        {event.title}, <DateTimeRange start={event.startsAt} end={event.endsAt} />
      </p>
      {result ? (
        <p className={`notice ${result.done ? "notice--success" : "notice--error"}`} role="status">
          {result.message}
        </p>
      ) : (
        <StatusNotice status={registration.status} position={registration.position} />
      )}
      {registration.joinUrl && !cancelled ? (
        <p>
          Ska du ändå vara med? <a href={registration.joinUrl}>Länk till webbinariet</a>
        </p>
      ) : null}
      {!cancelled && registration.canCancel ? (
        <Form method="post">
          <input type="hidden" name="r" value={id} />
          <input type="hidden" name="sig" value={sig} />
          <p>{registration.status === "confirmed" ? "Din plats går till den som står först på väntelistan." : "Du tas bort från väntelistan."}</p>
          <SubmitButton pendingText="Avanmäler…">Avanmäl mig</SubmitButton>
        </Form>
      ) : null}
      <p>
        <Link to={eventHref(event)}>Tillbaka till forumet</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
