import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { applyOptOut, describeOptOut, type OptOutKind } from "~/models/discussion-watch.server";
import { readFormData } from "~/utils/form-data.server";
import { pageMeta } from "~/utils/meta";
import { DISCUSSION_OPT_OUT_KINDS, verifyDiscussionOptOut } from "~/utils/signed-links.server";

export const meta: MetaFunction = () =>
  pageMeta("Sluta få mejl om diskussioner", "Avsluta en bevakning av en tråd, en kategori, veckans sammanfattning eller mejlen när någon nämner dig.");

const INVALID = "Länken är ogiltig. Använd länken i det senaste mejlet, eller ändra dina bevakningar på din profil.";
const KINDS: readonly OptOutKind[] = DISCUSSION_OPT_OUT_KINDS;

function readLink(params: URLSearchParams | FormData) {
  const get = (k: string) => String(params.get(k) ?? "").slice(0, 200);
  const kind = get("typ") as OptOutKind;
  return { kind: KINDS.includes(kind) ? kind : null, userId: get("u"), targetId: get("id"), sig: get("sig") };
}

async function checked(link: ReturnType<typeof readLink>, status: number) {
  if (!link.kind || !verifyDiscussionOptOut({ kind: link.kind, userId: link.userId, targetId: link.targetId }, link.sig)) {
    throw new Response(INVALID, { status });
  }
  const what = await describeOptOut(link.kind, link.userId, link.targetId);
  if (!what) throw new Response(INVALID, { status: 404 });
  return { ...link, kind: link.kind, what };
}

/**
 * The signed link in every discussion mail. Opening it shows one button (mail
 * scanners follow links, so GET changes nothing); the POST stops that one kind of
 * mail for that one member, without logging in.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  if (!params.has("sig")) return json({ link: null });
  const link = await checked(readLink(params), 404);
  return json(
    { link: { kind: link.kind, userId: link.userId, targetId: link.targetId, sig: link.sig, ...link.what } },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const fromForm = readLink(form);
  const link = await checked(fromForm.sig ? fromForm : readLink(new URL(request.url).searchParams), 400);
  await applyOptOut(link.kind, link.userId, link.targetId);
  return json({ done: true as const });
}

export default function StopFollowing() {
  const { link } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (!link) {
    return (
      <>
        <h1>Sluta få mejl om diskussioner</h1>
        <p className="lead">Använd länken längst ned i mejlet, så slutar du få just de mejlen med ett klick.</p>
        <p>
          Du kan också ändra alla dina bevakningar på sidan <Link to="/profil/bevakningar">Mina bevakningar</Link> när du är inloggad.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Sluta få mejl om diskussioner</h1>
      {result?.done || !link.active ? (
        <div className="notice notice--success" role="status">
          <p>
            {link.email} får inte längre mejl om {link.label}. Du kan ändra dig på sidan <Link to="/profil/bevakningar">Mina bevakningar</Link>.
          </p>
        </div>
      ) : (
        <Form method="post">
          <p className="lead">
            Vill du att {link.email} slutar få mejl om {link.label}?
          </p>
          <input type="hidden" name="typ" value={link.kind} />
          <input type="hidden" name="u" value={link.userId} />
          <input type="hidden" name="id" value={link.targetId} />
          <input type="hidden" name="sig" value={link.sig} />
          <SubmitButton pendingText="Avslutar…">Ja, sluta skicka de mejlen</SubmitButton>
        </Form>
      )}
    </>
  );
}
