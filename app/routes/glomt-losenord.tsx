import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { ErrorSummary, SubmitButton, TextField } from "~/components/forms";
import { requestPasswordReset } from "~/models/account.server";
import { failureOf, parseForm } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { badRequest } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { enforceRateLimit } from "~/models/rate-limit.server";
import { emailOnlySchema } from "~/validation/auth";

export const meta: MetaFunction = () => pageMeta("Glömt lösenordet", "Få en länk för att välja ett nytt lösenord.");

export async function action({ request, context }: ActionFunctionArgs) {
  await enforceRateLimit("resetIp", context.clientIp ?? "okänd");
  const parsed = parseForm(emailOnlySchema, await readFormData(request));
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  await requestPasswordReset(parsed.data.email);
  // Identical answer whether or not the address has an account.
  return json({ ok: true as const });
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>Glömt lösenordet</h1>
      {actionData?.ok ? (
        <div className="notice notice--success" role="status">
          <p>Om adressen har ett konto hos oss har vi skickat en länk dit. Länken gäller i en timme. Titta även i skräpposten.</p>
        </div>
      ) : (
        <>
          <p className="lead">Skriv din e-postadress så skickar vi en länk där du kan välja ett nytt lösenord.</p>
          <ErrorSummary errors={failureOf(actionData)?.errors} />
          <Form method="post" noValidate>
            <TextField name="email" label="E-postadress" type="email" autoComplete="email" error={failureOf(actionData)?.errors.email} required />
            <SubmitButton>Skicka länk</SubmitButton>
          </Form>
        </>
      )}
      <p>
        <Link to="/logga-in">Tillbaka till inloggningen</Link>
      </p>
    </>
  );
}
