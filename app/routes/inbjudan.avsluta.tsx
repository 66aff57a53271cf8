import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { getSubscriberForUnsubscribe, unsubscribe } from "~/models/invitation.server";
import { readFormData } from "~/utils/form-data.server";
import { pageMeta } from "~/utils/meta";
import { verifyUnsubscribeLink } from "~/utils/signed-links.server";

export const meta: MetaFunction = () => pageMeta("Sluta få inbjudningar", "Avsluta inbjudningarna till kommande forum.");

const INVALID = "Länken för att avsluta är ogiltig. Använd länken i det senaste inbjudningsmejlet.";

async function subscriber(id: string, sig: string) {
  const row = verifyUnsubscribeLink(id, sig) ? await getSubscriberForUnsubscribe(id) : null;
  if (!row) throw new Response(INVALID, { status: 404 });
  return row;
}

/**
 * The signed link in every invitation. Opening it shows one button (mail scanners
 * follow links, so GET changes nothing); a POST to the same address, as mail
 * clients' one-click unsubscribe does, ends the subscription at once.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const id = url.searchParams.get("s") ?? "";
  const sig = url.searchParams.get("sig") ?? "";
  if (!url.searchParams.has("s")) return json({ id: "", sig: "", email: null, alreadyOff: false });
  const row = await subscriber(id, sig);
  return json({ id, sig, email: row.email, alreadyOff: row.unsubscribedAt !== null }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  const form = await readFormData(request);
  const id = String(form.get("s") ?? url.searchParams.get("s") ?? "");
  const sig = String(form.get("sig") ?? url.searchParams.get("sig") ?? "");
  if (!verifyUnsubscribeLink(id, sig)) throw new Response(INVALID, { status: 400 });
  await subscriber(id, sig);
  await unsubscribe(id);
  return json({ done: true as const });
}

export default function Unsubscribe() {
  const { id, sig, email, alreadyOff } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (!email) {
    return (
      <>
        <h1>Sluta få inbjudningar</h1>
        <p className="lead">Använd länken längst ned i inbjudningsmejlet, så avslutar du med ett klick.</p>
        <p>
          Hittar du inget mejl? <Link to="/kontakt">Kontakta forumansvarig</Link>, så tar vi bort dig från listan.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Sluta få inbjudningar</h1>
      {result?.done || alreadyOff ? (
        <p className="notice notice--success" role="status">
          {email} får inga fler inbjudningar från oss. Du kan skriva upp dig igen när du vill på sidan <Link to="/inbjudan">Få inbjudan till nästa forum</Link>.
        </p>
      ) : (
        <Form method="post">
          <p className="lead">Vill du att {email} inte längre ska få inbjudningar till kommande forum?</p>
          <input type="hidden" name="s" value={id} />
          <input type="hidden" name="sig" value={sig} />
          <SubmitButton pendingText="Avslutar…">Sluta skicka inbjudningar</SubmitButton>
        </Form>
      )}
    </>
  );
}
