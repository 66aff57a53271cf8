import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { SavedNotice } from "~/components/admin-feedback";
import { SelectField, SubmitButton, TextField } from "~/components/forms";
import { failureOf } from "~/utils/forms";
import { adminRegistrationsCsvHref, adminRegistrationsHref } from "~/utils/links";
import type { action, loader } from "./route";

/** The guest list's tools: search and filters (a GET form that works without JavaScript), and adding a person by hand. */

type LoaderData = SerializeFrom<typeof loader>;

export const FILTER_LABELS: Record<LoaderData["query"]["filter"], string> = {
  alla: "Med plats och på väntelistan",
  plats: "Med plats",
  vantelista: "På väntelistan",
  obekraftade: "Ej bekräftade",
  avanmalda: "Avanmälda",
  narvarande: "Närvarande",
};

export function GuestFilters({ eventId, query, guests }: { eventId: string; query: LoaderData["query"]; guests: LoaderData["guests"] }) {
  const filtered = query.q || query.filter !== "alla" || query.municipalityCode || query.countyCode;
  return (
    <section className="section" aria-labelledby="sok-och-filter">
      <h2 id="sok-och-filter" className="visually-hidden">
        Sök och filtrera
      </h2>
      {/* Drawn anew for each query, so a cleared filter does not linger in an uncontrolled field. */}
      <Form method="get" className="filter-bar" role="search" aria-label="Gästlistan" key={JSON.stringify(query)}>
        <TextField name="q" type="search" label="Sök namn, e-post eller organisation" defaultValue={query.q} id="sok-anmalda" />
        <SelectField name="visa" label="Visa" defaultValue={query.filter} id="filter-visa">
          {Object.entries(FILTER_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField name="lan" label="Län" defaultValue={query.countyCode} id="filter-lan">
          <option value="">Alla län</option>
          {guests.counties.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField name="kommun" label="Kommun" defaultValue={query.municipalityCode} id="filter-kommun">
          <option value="">Alla kommuner</option>
          {guests.municipalities.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button button--secondary">
          Visa
        </button>
      </Form>
      <p>
        {filtered ? (
          <>
            {guests.total} {guests.total === 1 ? "person" : "personer"} matchar. <Link to={adminRegistrationsHref(eventId)}>Rensa filtren</Link>
            {" · "}
          </>
        ) : null}
        <a href={adminRegistrationsCsvHref(eventId)} download>
          Ladda ner alla som CSV (Excel)
        </a>
      </p>
    </section>
  );
}

export function AddGuest({
  municipalities,
  result,
  message,
}: {
  municipalities: LoaderData["municipalities"];
  result: SerializeFrom<typeof action> | undefined;
  message: string | null;
}) {
  const failure = failureOf(result, "add");
  const errors = failure?.errors;
  const values = failure?.values ?? {};
  return (
    <section className="section" aria-labelledby="lagg-till">
      <h2 id="lagg-till">Lägg till en person</h2>
      <SavedNotice message={message} />
      <details open={!!failure || !!message}>
        <summary>Anmäl någon som hört av sig på annat sätt</summary>
        <p>Personen får en plats om det finns en, annars en plats i kön, och samma bekräftelse med e-post som vid en egen anmälan.</p>
        {errors?.form ? <p className="field__error">{errors.form}</p> : null}
        {/* A new key after each addition empties the form. */}
        <Form method="post" noValidate key={message ?? "ny"}>
          <input type="hidden" name="intent" value="add" />
          <TextField name="name" label="Namn" id="ny-namn" defaultValue={values.name} error={errors?.name} maxLength={120} />
          <TextField name="email" label="E-postadress" id="ny-epost" type="email" defaultValue={values.email} error={errors?.email} />
          <TextField name="title" label="Befattning (frivilligt)" id="ny-befattning" defaultValue={values.title} error={errors?.title} maxLength={120} />
          <SelectField name="municipalityCode" label="Kommun" id="ny-kommun" defaultValue={values.municipalityCode ?? ""} error={errors?.municipalityCode}>
            <option value="">Ingen kommun (annan organisation)</option>
            {municipalities.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name} ({m.countyName})
              </option>
            ))}
          </SelectField>
          <TextField
            name="organisationName"
            label="Annan organisation (om ingen kommun)"
            id="ny-organisation"
            defaultValue={values.organisationName}
            error={errors?.organisationName}
            maxLength={160}
          />
          <SubmitButton name="intent" value="add" pendingText="Lägger till…">
            Lägg till personen
          </SubmitButton>
        </Form>
      </details>
    </section>
  );
}
