import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Checkbox, ErrorSummary, Honeypot, SubmitButton, TextField } from "~/components/forms";
import { Confirmation } from "~/components/form-success";
import { MunicipalitySelect } from "~/components/organisation-fields";
import { requestInvitations } from "~/models/invitation.server";
import { formValues, parseForm } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { badRequest, passRetryAfter, tooManyAttempts } from "~/utils/http.server";
import { PRIVACY_HREF } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { formRateLimit } from "~/models/rate-limit.server";
import { invitationSignupSchema } from "~/validation/registration";

export const meta: MetaFunction = () =>
  pageMeta("Få inbjudan till nästa forum", "Skriv upp dig för att få en inbjudan i din e-post när nästa Kommunforum Analytics är bestämt.");

export const headers = passRetryAfter;

const DONE = "Tack! Vi har skickat ett mejl till dig. Klicka på länken i mejlet för att bekräfta, så får du inbjudan till nästa forum.";

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  // Bots that fill the hidden field get the same answer as people, and nothing is stored.
  if (formData.get("webbplats")) return json({ ok: true as const, message: DONE });
  const parsed = parseForm(invitationSignupSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  // Only forms that passed validation count; a refusal is shown in the form, with what was typed.
  const refused = await formRateLimit([["invitationIp", context.clientIp ?? "okänd"]]);
  if (refused) return tooManyAttempts(refused, formValues(formData));
  const result = await requestInvitations({ email: parsed.data.email, name: parsed.data.name, municipalityCode: parsed.data.municipalityCode || null });
  if (result === "unknown-municipality") return badRequest({ municipalityCode: "Välj en kommun i listan, eller lämna fältet tomt." }, formValues(formData));
  // The same answer whether or not the address was already on the list: it tells nobody who subscribes.
  return json({ ok: true as const, message: DONE });
}

export default function InvitationSignup() {
  const actionData = useActionData<typeof action>();
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const values: Record<string, string> = actionData && !actionData.ok ? actionData.values : {};
  return (
    <>
      <h1>Få inbjudan till nästa forum</h1>
      <p className="lead">Vi mejlar dig när nästa Kommunforum Analytics är bestämt. Du kan sluta få inbjudningar när du vill.</p>
      {actionData?.ok ? (
        <Confirmation>
          <p>{actionData.message}</p>
        </Confirmation>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <Form method="post" noValidate>
            <Honeypot />
            <TextField name="email" label="E-postadress" type="email" autoComplete="email" defaultValue={values.email} error={errors?.email} required />
            <TextField name="name" label="Namn (frivilligt)" autoComplete="name" defaultValue={values.name} error={errors?.name} />
            <MunicipalitySelect
              label="Kommun (frivilligt)"
              emptyLabel="Ingen kommun vald"
              defaultValue={values.municipalityCode ?? ""}
              error={errors?.municipalityCode}
            />
            <Checkbox
              name="consent"
              label="Jag godkänner att min e-postadress sparas för att få inbjudningar (krävs)."
              hint={
                <>
                  Läs mer i vår <Link to={PRIVACY_HREF}>personuppgiftspolicy</Link>.
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
