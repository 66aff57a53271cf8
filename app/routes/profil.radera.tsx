import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { ErrorSummary, SubmitButton, TextField } from "~/components/forms";
import { deleteAccount } from "~/models/account.server";
import { confirmPassword } from "~/models/login.server";
import { blankSessionCookie, requireUser } from "~/models/auth.server";
import { badRequest, passRetryAfter, tooManyAttempts } from "~/utils/http.server";
import { readFormData } from "~/utils/form-data.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = () => pageMeta("Radera konto", "Radera ditt konto på Kommunforum Analytics.");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export const headers = passRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  const check = await confirmPassword(user, String(formData.get("currentPassword") ?? ""), context.clientIp ?? "okänd");
  if (!check.ok && check.retryAfterSeconds) return tooManyAttempts({ retryAfterSeconds: check.retryAfterSeconds });
  if (!check.ok) return badRequest({ currentPassword: "Lösenordet stämmer inte. Skriv ditt lösenord för att bekräfta." });
  await deleteAccount(user.id);
  return redirect("/?konto=raderat", { headers: { "Set-Cookie": blankSessionCookie() } });
}

export default function DeleteAccount() {
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>Radera ditt konto</h1>
      <p className="lead">Ditt namn, din e-postadress och dina inställningar tas bort och du loggas ut.</p>
      <p>
        Det du har skrivit i diskussionerna ligger kvar så att trådarna går att läsa, men visas som skrivet av &quot;Borttagen medlem&quot;. Vill du hellre
        ladda ned dina uppgifter först? <Link to="/profil#data">Gå till profilen</Link>.
      </p>
      <ErrorSummary errors={actionData?.errors} />
      <Form method="post" noValidate>
        <TextField name="currentPassword" label="Ditt lösenord" type="password" autoComplete="current-password" error={actionData?.errors?.currentPassword} />
        <SubmitButton pendingText="Raderar…">Radera mitt konto</SubmitButton>
      </Form>
      <p>
        <Link to="/profil">Avbryt</Link>
      </p>
    </>
  );
}
