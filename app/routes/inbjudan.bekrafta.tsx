import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { confirmInvitations } from "~/models/invitation.server";
import { readFormData } from "~/utils/form-data.server";
import { pageMeta } from "~/utils/meta";
import { badRequest } from "~/utils/http.server";

export const meta: MetaFunction = () => pageMeta("Bekräfta inbjudningar", "Bekräfta att du vill få inbjudningar till kommande forum.");

export function loader({ request }: LoaderFunctionArgs) {
  return json({ token: new URL(request.url).searchParams.get("token")?.slice(0, 200) ?? "" });
}

// The link opens a page with a button, so mail scanners that follow links do not use the token up.
export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const ok = await confirmInvitations(String(form.get("token") ?? ""));
  if (!ok) return badRequest({ form: "Länken gäller inte längre. Den kan redan ha använts eller vara för gammal." });
  return json({ ok: true as const });
}

export default function ConfirmInvitations() {
  const { token } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Bekräfta inbjudningar</h1>
      {result?.ok ? (
        <p className="notice notice--success" role="status">
          Klart! Du får en inbjudan när nästa forum är bestämt.
        </p>
      ) : result ? (
        <div className="notice notice--error" role="alert">
          <p>{result.errors.form}</p>
          <p>
            <Link to="/inbjudan">Skriv upp dig igen</Link>
          </p>
        </div>
      ) : token ? (
        <>
          <p className="lead">Tryck på knappen för att bekräfta att du vill få inbjudningar till kommande forum.</p>
          <Form method="post">
            <input type="hidden" name="token" value={token} />
            <SubmitButton pendingText="Bekräftar…">Ja, skicka inbjudningar till mig</SubmitButton>
          </Form>
        </>
      ) : (
        <p>
          Länken saknar sin kod. Öppna länken i mejlet igen, eller <Link to="/inbjudan">skriv upp dig på nytt</Link>.
        </p>
      )}
    </>
  );
}
