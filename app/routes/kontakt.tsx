import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Checkbox, ErrorSummary, Honeypot, SelectField, SubmitButton, TextArea, TextField } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { createContactMessage } from "~/models/contact.server";
import { listMunicipalities } from "~/models/reference.server";
import { getOptionalUser } from "~/models/auth.server";
import { env } from "~/utils/env.server";
import { readFormData } from "~/utils/form-data.server";
import { parseForm } from "~/utils/forms";
import { badRequest } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { enforceRateLimit } from "~/models/rate-limit.server";
import { CONTACT_SUBJECTS, contactSchema } from "~/validation/contact";

export const meta: MetaFunction = () =>
  pageMeta("Kontakta forumansvarig", "Frågor om forumen, inbjudningar, inspelningar eller om du vill berätta om din kommuns arbete.");

export async function loader({ request }: LoaderFunctionArgs) {
  const { ORGANIZER_NAME, ORGANIZER_TITLE, ORGANIZER_EMAIL } = env();
  const user = await getOptionalUser(request);
  return json({
    organizer: { name: ORGANIZER_NAME, title: ORGANIZER_TITLE, email: ORGANIZER_EMAIL },
    municipalities: await listMunicipalities(),
    prefill: user ? { name: user.name, email: user.email, municipalityCode: user.municipalityCode ?? "" } : null,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  // Bots fill the hidden field; they get the same answer, and nothing is stored.
  if (formData.get("webbplats")) return redirect("/kontakt?skickat=1");
  const parsed = parseForm(contactSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  await enforceRateLimit("contactIp", context.clientIp ?? "okänd");
  const { consent: _consent, ...message } = parsed.data;
  await createContactMessage(message);
  return redirect("/kontakt?skickat=1");
}

export default function Contact() {
  const { organizer, municipalities, prefill } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = actionData?.errors;
  const values: Record<string, string> = { ...(prefill ?? {}), ...(actionData?.values ?? {}) };
  const sorted = [...municipalities].sort((a, b) => a.name.localeCompare(b.name, "sv"));

  return (
    <>
      <PageHeader
        title="Kontakta forumansvarig"
        lead="Forumansvarig planerar forumen, bjuder in talare och svarar på frågor om webbplatsen."
      />
      {searchParams.get("skickat") ? (
        <div className="notice notice--success" role="status">
          <p>Tack! Ditt meddelande är skickat. Du får en bekräftelse via e-post, och forumansvarig svarar så snart som möjligt.</p>
        </div>
      ) : null}

      <div className="with-sidebar">
        <section aria-labelledby="skriv">
          <h2 id="skriv">Skriv till oss</h2>
          <ErrorSummary errors={errors} />
          <Form method="post" noValidate>
            <Honeypot />
            <TextField name="name" label="Namn" autoComplete="name" defaultValue={values.name} error={errors?.name} required />
            <TextField name="email" label="E-postadress" type="email" autoComplete="email" defaultValue={values.email} error={errors?.email} required />
            <SelectField
              name="municipalityCode"
              label="Kommun (frivilligt)"
              hint="Skriv de första bokstäverna för att hoppa i listan."
              defaultValue={values.municipalityCode ?? ""}
              error={errors?.municipalityCode}
            >
              <option value="">Ingen kommun / annan organisation</option>
              {sorted.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </SelectField>
            <TextField
              name="organisationName"
              label="Annan organisation (frivilligt)"
              hint="Till exempel en region, länsstyrelse, myndighet eller ett företag."
              autoComplete="organization"
              defaultValue={values.organisationName}
              error={errors?.organisationName}
            />
            <SelectField name="subject" label="Vad gäller det?" defaultValue={values.subject ?? ""} error={errors?.subject} required>
              <option value="">Välj ämne</option>
              {CONTACT_SUBJECTS.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </SelectField>
            <TextArea name="body" label="Meddelande" defaultValue={values.body} error={errors?.body} maxLength={5000} required />
            <Checkbox
              name="consent"
              label="Jag godkänner att meddelandet och mina kontaktuppgifter sparas så att forumansvarig kan svara."
              hint={<>Läs hur länge vi sparar meddelanden i <Link to="/personuppgifter">personuppgiftspolicyn</Link>.</>}
              error={errors?.consent}
            />
            <SubmitButton pendingText="Skickar…">Skicka meddelandet</SubmitButton>
          </Form>
        </section>

        <aside className="sidebar" aria-labelledby="vem">
          <h2 id="vem">Forumansvarig</h2>
          <p>
            {organizer.name}
            {organizer.title ? `, ${organizer.title}` : ""}.
          </p>
          <p>
            Formuläret skickas till <a href={`mailto:${organizer.email}`}>{organizer.email}</a>. Du kan också mejla direkt.
          </p>
          <h3>Det här kan du höra av dig om</h3>
          <ul>
            <li>Du vill få en inbjudan till nästa forum.</li>
            <li>Du missade ett forum och vill se inspelningen.</li>
            <li>Din kommun vill berätta om sitt arbete på ett forum eller som ett case.</li>
            <li>Du har hittat ett fel eller något som är svårt att använda.</li>
          </ul>
        </aside>
      </div>
    </>
  );
}
