import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, Honeypot, SelectField, SubmitButton, TextArea, TextField } from "~/components/forms";
import { Confirmation, useSentKey } from "~/components/form-success";
import { OrganisationFields } from "~/components/organisation-fields";
import { PageHeader } from "~/components/page-header";
import { createContactMessage } from "~/models/contact.server";
import { getOptionalUser } from "~/models/auth.server";
import { formRateLimit } from "~/models/rate-limit.server";
import { env } from "~/utils/env.server";
import { readFormData } from "~/utils/form-data.server";
import { failureOf, formValues, parseForm } from "~/utils/forms";
import { badRequest, passRetryAfter, tooManyAttempts } from "~/utils/http.server";
import { CONTACT_SENT_HREF, PRIVACY_HREF } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { CONTACT_SUBJECTS, contactSchema } from "~/validation/contact";

export const meta: MetaFunction = () =>
  pageMeta("Kontakta forumansvarig", "Frågor om forumen, inbjudningar, inspelningar eller om du vill berätta om din kommuns arbete.");

export const headers = passRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const { ORGANIZER_NAME, ORGANIZER_TITLE, ORGANIZER_EMAIL } = env();
  const user = await getOptionalUser(request);
  return json({
    organizer: { name: ORGANIZER_NAME, title: ORGANIZER_TITLE, email: ORGANIZER_EMAIL },
    prefill: user
      ? { name: user.name, email: user.email, ...(user.municipalityCode ? { orgKind: "kommun", municipalityCode: user.municipalityCode } : {}) }
      : null,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  // Bots fill the hidden field; they get the same answer, and nothing is stored.
  if (formData.get("webbplats")) return redirect(CONTACT_SENT_HREF);
  const parsed = parseForm(contactSchema, formData);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  // Only a valid message counts: a few per sender (account or address), many per IP.
  const user = await getOptionalUser(request);
  const refused = await formRateLimit([
    ["contactSender", user?.id ?? parsed.data.email],
    ["contactIp", context.clientIp ?? "okänd"],
  ]);
  if (refused) return tooManyAttempts(refused, formValues(formData));
  await createContactMessage(parsed.data);
  return redirect(CONTACT_SENT_HREF);
}

export default function Contact() {
  const { organizer, prefill } = useLoaderData<typeof loader>();
  const failure = failureOf(useActionData<typeof action>());
  const [searchParams] = useSearchParams();
  const sent = useSentKey();
  const errors = failure?.errors;
  const values: Record<string, string> = { ...(prefill ?? {}), ...(failure?.values ?? {}) };

  return (
    <>
      <PageHeader title="Kontakta forumansvarig" lead="Forumansvarig planerar forumen, bjuder in talare och svarar på frågor om webbplatsen." />
      {searchParams.get("skickat") && !failure ? (
        <Confirmation focusKey={sent}>
          <h2>Tack! Ditt meddelande är skickat</h2>
          <p>Du får en bekräftelse via e-post, och forumansvarig svarar så snart som möjligt, oftast inom några arbetsdagar.</p>
        </Confirmation>
      ) : null}

      <div className="with-sidebar">
        <section aria-labelledby="skriv">
          <h2 id="skriv">{searchParams.get("skickat") ? "Skriv ett nytt meddelande" : "Skriv till oss"}</h2>
          <ErrorSummary errors={errors} />
          <Form method="post" noValidate key={sent}>
            <Honeypot />
            <TextField name="name" label="Namn" autoComplete="name" defaultValue={values.name} error={errors?.name} required />
            <TextField name="email" label="E-postadress" type="email" autoComplete="email" defaultValue={values.email} error={errors?.email} required />
            <OrganisationFields values={values} errors={errors} optional />
            <SelectField name="subject" label="Vad gäller det?" defaultValue={values.subject ?? ""} error={errors?.subject} required>
              <option value="">Välj ämne</option>
              {CONTACT_SUBJECTS.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </SelectField>
            <TextArea name="body" label="Meddelande" defaultValue={values.body} error={errors?.body} maxLength={5000} required />
            <p className="form-privacy">
              Vi sparar meddelandet och dina kontaktuppgifter för att kunna svara. Läs hur länge i <Link to={PRIVACY_HREF}>personuppgiftspolicyn</Link>.
            </p>
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
