import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Checkbox, ErrorSummary, Honeypot, SelectField, SubmitButton, TextField } from "~/components/forms";
import { requestInvitations } from "~/models/invitation.server";
import { listMunicipalities } from "~/models/reference.server";
import { formValues, parseForm } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { badRequest } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { enforceRateLimit } from "~/models/rate-limit.server";
import { invitationSignupSchema } from "~/validation/registration";

export const meta: MetaFunction = () =>
  pageMeta("Få inbjudan till nästa forum", "Skriv upp dig för att få en inbjudan i din e-post när nästa Kommunforum Analytics är bestämt.");

export async function loader(_: LoaderFunctionArgs) {
  return json({ municipalities: await listMunicipalities() });
}

const DONE = "Tack! Vi har skickat ett mejl till dig. Klicka på länken i mejlet för att bekräfta, så får du inbjudan till nästa forum.";

export async function action({ request, context }: ActionFunctionArgs) {
  await enforceRateLimit("invitationIp", context.clientIp ?? "okänd");
  const formData = await readFormData(request);
  // Bots that fill the hidden field get the same answer as people, and nothing is stored.
  if (formData.get("webbplats")) return json({ ok: true as const, message: DONE });
  const parsed = parseForm(invitationSignupSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const result = await requestInvitations({ email: parsed.data.email, name: parsed.data.name, municipalityCode: parsed.data.municipalityCode || null });
  if (result === "unknown-municipality") return badRequest({ municipalityCode: "Välj en kommun i listan, eller lämna fältet tomt." }, formValues(formData));
  // The same answer whether or not the address was already on the list: it tells nobody who subscribes.
  return json({ ok: true as const, message: DONE });
}

export default function InvitationSignup() {
  const { municipalities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const values: Record<string, string> = actionData && !actionData.ok ? actionData.values : {};
  return (
    <>
      <h1>Få inbjudan till nästa forum</h1>
      <p className="lead">Vi mejlar dig när nästa Kommunforum Analytics är bestämt. Du kan sluta få inbjudningar när du vill.</p>
      {actionData?.ok ? (
        <p className="notice notice--success" role="status">
          {actionData.message}
        </p>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <Form method="post" noValidate>
            <Honeypot />
            <TextField name="email" label="E-postadress" type="email" autoComplete="email" defaultValue={values.email} error={errors?.email} required />
            <TextField name="name" label="Namn (frivilligt)" autoComplete="name" defaultValue={values.name} error={errors?.name} />
            <SelectField name="municipalityCode" label="Kommun (frivilligt)" defaultValue={values.municipalityCode ?? ""} error={errors?.municipalityCode}>
              <option value="">Ingen kommun vald</option>
              {municipalities.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </SelectField>
            <Checkbox
              name="consent"
              label="Jag godkänner att min e-postadress sparas för att få inbjudningar (krävs)."
              hint={
                <>
                  Läs mer i vår <Link to="/personuppgifter">personuppgiftspolicy</Link>.
                </>
              }
              error={errors?.consent}
            />
            <SubmitButton pendingText="Skickar…">Skicka inbjudningar till mig</SubmitButton>
          </Form>
        </>
      )}
      <p>
        <Link to="/forum">Se kommande forum</Link>
      </p>
    </>
  );
}
