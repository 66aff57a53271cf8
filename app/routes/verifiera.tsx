import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { confirmEmail } from "~/models/account.server";
import { readFormData } from "~/utils/form-data.server";
import { pageMeta } from "~/utils/meta";
import { badRequest } from "~/utils/http.server";

export const meta: MetaFunction = () => pageMeta("Bekräfta e-postadress", "Bekräfta din e-postadress för Kommunforum Analytics.");

export function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return json({ token });
}

// The link opens a page with a button, so mail scanners that follow links do not use the token up.
export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const token = String(form.get("token") ?? "");
  const result = await confirmEmail(token);
  if (result === "verified" || result === "changed") return redirect(`/profil?bekraftad=${result === "changed" ? "ny" : "1"}`);
  const message =
    result === "taken"
      ? "Adressen används redan av ett annat konto."
      : "Länken gäller inte längre. Den kan redan ha använts eller vara för gammal. Logga in och be om en ny länk från din profilsida.";
  return badRequest({ form: message });
}

export default function Verify() {
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>Bekräfta din e-postadress</h1>
      {actionData ? (
        <div className="notice notice--error" role="alert">
          <p>{actionData.errors.form}</p>
          <p>
            <Link to="/profil">Till din profil</Link>
          </p>
        </div>
      ) : token ? (
        <>
          <p className="lead">Tryck på knappen för att bekräfta att adressen är din.</p>
          <Form method="post">
            <input type="hidden" name="token" value={token} />
            <SubmitButton pendingText="Bekräftar…">Bekräfta e-postadressen</SubmitButton>
          </Form>
        </>
      ) : (
        <p className="lead">Länken saknar kod. Öppna länken från mejlet igen, eller be om en ny från din profilsida.</p>
      )}
    </>
  );
}
