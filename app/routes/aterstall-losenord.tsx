import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SubmitButton, TextField } from "~/components/forms";
import { resetPassword } from "~/models/account.server";
import { peekToken } from "~/models/auth-token.server";
import { parseForm } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { badRequest } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { hashPassword } from "~/utils/password.server";
import { weakPasswordReason } from "~/utils/password-policy.server";
import { newPasswordSchema, PASSWORD_MIN } from "~/validation/auth";

export const meta: MetaFunction = () => pageMeta("Välj nytt lösenord", "Välj ett nytt lösenord för ditt konto.");

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const valid = Boolean(await peekToken("reset-password", token));
  return json({ token, valid });
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const token = String(formData.get("token") ?? "");
  const parsed = parseForm(newPasswordSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors);
  const found = await peekToken("reset-password", token);
  const weak = weakPasswordReason(parsed.data.password, found?.email);
  if (weak) return badRequest({ password: weak });
  const userId = await resetPassword(token, await hashPassword(parsed.data.password));
  if (!userId) return badRequest({ form: "Länken gäller inte längre. Be om en ny länk." });
  return redirect("/logga-in?aterstallt=1");
}

export default function ResetPassword() {
  const { token, valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!valid) {
    return (
      <>
        <h1>Länken gäller inte längre</h1>
        <p className="lead">Länken kan redan ha använts eller vara äldre än en timme.</p>
        <p>
          <Link to="/glomt-losenord">Be om en ny länk</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Välj nytt lösenord</h1>
      <p className="lead">När du har bytt lösenord loggas du ut på alla enheter.</p>
      <ErrorSummary errors={actionData?.errors} />
      <Form method="post" noValidate>
        <input type="hidden" name="token" value={token} />
        <TextField
          name="password"
          label="Nytt lösenord"
          type="password"
          autoComplete="new-password"
          hint={`Minst ${PASSWORD_MIN} tecken.`}
          error={actionData?.errors?.password}
          required
        />
        <TextField name="confirm" label="Upprepa lösenordet" type="password" autoComplete="new-password" error={actionData?.errors?.confirm} required />
        <SubmitButton pendingText="Sparar…">Spara nytt lösenord</SubmitButton>
      </Form>
    </>
  );
}
