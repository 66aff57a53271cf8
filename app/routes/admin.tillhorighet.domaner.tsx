import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { ErrorSummary, SelectField, SubmitButton, TextField, fieldId } from "~/components/forms";
import { MunicipalitySelect } from "~/components/organisation-fields";
import { addAffiliationDomain, listAffiliationDomains, listOrganisations, removeAffiliationDomain } from "~/models/affiliation-admin.server";
import { requireRole } from "~/models/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { formValues, parseForm } from "~/utils/forms";
import { badRequest } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { addDomainSchema, removeDomainSchema } from "~/validation/affiliation";
import { AFFILIATION_DOMAINS_HREF, AFFILIATION_QUEUE_HREF } from "~/utils/links";

export const meta: MetaFunction = () =>
  pageMeta("Domäner för verifiering", "E-postdomäner som verifierar att en medlem arbetar i en kommun eller organisation.");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const [domains, organisations] = await Promise.all([listAffiliationDomains(), listOrganisations()]);
  return json({ domains, organisations });
}

export async function action({ request }: ActionFunctionArgs) {
  const organizer = await requireRole(request, "organizer");
  const form = await readFormData(request);
  if (form.get("intent") === "remove") {
    const parsed = parseForm(removeDomainSchema, form);
    if (!parsed.ok) return badRequest({ form: "Domänen saknas. Ladda om sidan." });
    const result = await removeAffiliationDomain(organizer.id, parsed.data.domain);
    if (!result.ok) return badRequest({ form: result.message });
    return redirect(`${AFFILIATION_DOMAINS_HREF}?borttagen=${encodeURIComponent(parsed.data.domain)}&overifierade=${result.unverified}`);
  }
  const parsed = parseForm(addDomainSchema, form);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const result = await addAffiliationDomain(organizer.id, parsed.data.domain, parsed.data.target);
  if (!result.ok) return badRequest({ [result.field]: result.message }, formValues(form));
  return redirect(`${AFFILIATION_DOMAINS_HREF}?tillagd=${encodeURIComponent(parsed.data.domain)}&verifierade=${result.verified}`);
}

function savedMessage(params: URLSearchParams): string | null {
  const added = params.get("tillagd");
  if (added) return `${added} är tillagd. ${Number(params.get("verifierade")) || 0} medlemmar med en adress där blev verifierade.`;
  const removed = params.get("borttagen");
  if (removed) return `${removed} är borttagen. ${Number(params.get("overifierade")) || 0} medlemmar som domänen hade verifierat väntar nu på granskning.`;
  return null;
}

export default function AffiliationDomains() {
  const { domains, organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = savedMessage(searchParams);
  const errors = actionData?.errors;
  const values: Record<string, string> = actionData?.values ?? {};
  const owner = values.owner ?? "kommun";
  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB, { to: AFFILIATION_QUEUE_HREF, label: "Verifiera medlemmar" }]} current="Domäner" />
      <h1>Domäner för verifiering</h1>
      <p className="lead">
        En medlem vars bekräftade e-postadress slutar på en domän här är verifierad medlem i domänens kommun eller organisation, utan att du behöver granska.
        Lägg bara till domäner som organisationen själv styr över.
      </p>
      {saved ? (
        <div className="notice notice--success" role="status">
          <p>{saved}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />

      <section className="section" aria-labelledby="registrerade">
        <h2 id="registrerade">Registrerade domäner</h2>
        {domains.length === 0 ? (
          <p>Inga domäner än. Lägg till den första nedan.</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption>{domains.length} domäner</caption>
              <thead>
                <tr>
                  <th scope="col">Domän</th>
                  <th scope="col">Hör till</th>
                  <th scope="col">Tillagd</th>
                  <th scope="col">Ta bort</th>
                </tr>
              </thead>
              <tbody>
                {domains.map((d) => (
                  <tr key={d.domain}>
                    <th scope="row">{d.domain}</th>
                    <td>{d.owner}</td>
                    <td>
                      <DateTime value={d.createdAt} format="date" />
                      {d.addedBy ? ` av ${d.addedBy.name}` : ""}
                    </td>
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="domain" value={d.domain} />
                        <SubmitButton secondary pendingText="Tar bort…">
                          Ta bort<span className="visually-hidden"> {d.domain}</span>
                        </SubmitButton>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="ny-doman">
        <h2 id="ny-doman">Lägg till en domän</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="add" />
          <TextField
            name="domain"
            label="Domän"
            hint="Det som står efter @, till exempel borlange.se. Underdomäner ingår."
            defaultValue={values.domain}
            error={errors?.domain}
            required
          />
          <fieldset className={`field${errors?.owner ? " field--error" : ""}`} id={fieldId("owner")}>
            <legend>Domänen hör till</legend>
            {errors?.owner ? <span className="field__error">{errors.owner}</span> : null}
            <div className="choice">
              <input type="radio" id="owner-kommun" name="owner" value="kommun" defaultChecked={owner === "kommun"} />
              <label htmlFor="owner-kommun">En kommun</label>
            </div>
            <div className="choice">
              <input type="radio" id="owner-organisation" name="owner" value="organisation" defaultChecked={owner === "organisation"} />
              <label htmlFor="owner-organisation">En annan organisation</label>
            </div>
            <MunicipalitySelect error={errors?.municipalityCode} defaultValue={values.municipalityCode ?? ""} hint="Gäller om domänen hör till en kommun." />
            <SelectField
              name="organisationId"
              label="Organisation"
              hint="Gäller om domänen hör till en annan organisation. Listan visar organisationer som medlemmar har angett."
              error={errors?.organisationId}
              defaultValue={values.organisationId ?? ""}
            >
              <option value="">Välj organisation</option>
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
          </fieldset>
          <SubmitButton pendingText="Lägger till…">Lägg till domänen</SubmitButton>
        </Form>
      </section>
    </>
  );
}
