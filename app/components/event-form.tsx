import { useFormDraft } from "~/components/form-draft";
import { Form } from "@remix-run/react";
import { fieldId, SelectField, SubmitButton, TextArea, TextField } from "~/components/forms";
import { Markdown } from "~/components/markdown";
import type { EventFormValues } from "~/utils/event-form-values";
import type { FieldErrors } from "~/utils/forms";

/**
 * The organizer's event form, shared by "new" and "edit". "Förhandsgranska" posts
 * the form with intent=preview: the server renders the Markdown and the page comes
 * back with the preview and every value kept, without JavaScript and without saving.
 */

const FORMATS = [
  { value: "webinar", label: "Webbinarium" },
  { value: "onsite", label: "På plats" },
  { value: "hybrid", label: "På plats och digitalt" },
];

export function EventForm({
  values,
  errors,
  tags,
  previewHtml,
  submitLabel,
  seatsTaken = 0,
}: {
  values: EventFormValues;
  errors?: FieldErrors;
  tags: { id: string; name: string }[];
  previewHtml?: string | null;
  submitLabel: string;
  seatsTaken?: number;
}) {
  const v = (name: string) => {
    const value = values[name];
    return typeof value === "string" ? value : "";
  };
  const selectedTags = new Set(Array.isArray(values.tagIds) ? values.tagIds : values.tagIds ? [values.tagIds] : []);

  const draft = useFormDraft("forum");
  return (
    <>
      {draft.notice}
      <Form method="post" noValidate ref={draft.ref}>
        <TextField name="title" label="Rubrik" defaultValue={v("title")} error={errors?.title} required maxLength={200} />
        <TextField
          name="slug"
          label="Adressnamn (frivilligt)"
          hint="Blir en del av adressen: /forum/adressnamn. Lämna tomt så skapas det från rubriken. Bara a–z, 0–9 och bindestreck."
          defaultValue={v("slug")}
          error={errors?.slug}
          maxLength={120}
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextArea
          name="summary"
          label="Ingress"
          hint="En eller två meningar som visas i listor och sökresultat."
          defaultValue={v("summary")}
          error={errors?.summary}
          rows={3}
          maxLength={500}
        />
        <TextArea
          name="descriptionMd"
          label="Beskrivning"
          hint="Markdown: **fet**, *kursiv*, - punktlista, ## mellanrubrik, [länktext](https://…). Förhandsgranska för att se resultatet."
          defaultValue={v("descriptionMd")}
          error={errors?.descriptionMd}
          rows={12}
        />
        <SubmitButton secondary name="intent" value="preview" pendingText="Förhandsgranskar…">
          Förhandsgranska
        </SubmitButton>
        {previewHtml !== undefined && previewHtml !== null ? (
          <section className="preview" aria-labelledby="forhandsgranskning" tabIndex={-1} id="forhandsgranskning-ruta">
            <h2 id="forhandsgranskning">Förhandsgranskning av beskrivningen</h2>
            {previewHtml ? <Markdown html={previewHtml} /> : <p>Beskrivningen är tom.</p>}
            <p className="field__hint">Inget är sparat än. Spara med knappen längst ned.</p>
          </section>
        ) : null}

        <TextField name="startsAt" label="Börjar" type="datetime-local" hint="Svensk tid." defaultValue={v("startsAt")} error={errors?.startsAt} required />
        <TextField name="endsAt" label="Slutar" type="datetime-local" hint="Svensk tid." defaultValue={v("endsAt")} error={errors?.endsAt} required />
        <SelectField name="format" label="Form" defaultValue={v("format") || "webinar"} error={errors?.format}>
          {FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </SelectField>
        <TextField
          name="location"
          label="Plats (frivilligt)"
          hint="Till exempel På webben, eller en adress."
          defaultValue={v("location")}
          error={errors?.location}
          maxLength={200}
        />
        <TextField
          name="joinUrl"
          label="Länk till webbinariet (frivilligt)"
          type="url"
          hint="Måste börja med https://. Visas bara för dem som har fått plats, aldrig på den öppna sidan."
          defaultValue={v("joinUrl")}
          error={errors?.joinUrl}
        />
        <TextField
          name="capacity"
          label="Antal platser (frivilligt)"
          inputMode="numeric"
          hint={`Lämna tomt för obegränsat.${seatsTaken ? ` ${seatsTaken} har redan fått plats, så det kan inte vara lägre än så.` : ""}`}
          defaultValue={v("capacity")}
          error={errors?.capacity}
        />
        <TextField
          name="registrationDeadline"
          label="Sista anmälningsdag (frivilligt)"
          type="datetime-local"
          hint="Svensk tid. Lämna tomt så går det att anmäla sig tills forumet är slut."
          defaultValue={v("registrationDeadline")}
          error={errors?.registrationDeadline}
        />
        {tags.length ? (
          <fieldset className={`field${errors?.tagIds ? " field--error" : ""}`} id={fieldId("tagIds")} aria-describedby="omraden-hint">
            <legend>Områden (frivilligt)</legend>
            <span className="field__hint" id="omraden-hint">
              Används för att filtrera inspelningarna.
            </span>
            {errors?.tagIds ? <span className="field__error">{errors.tagIds}</span> : null}
            {tags.map((tag) => (
              <div className="choice" key={tag.id}>
                <input type="checkbox" id={`omrade-${tag.id}`} name="tagIds" value={tag.id} defaultChecked={selectedTags.has(tag.id)} />
                <label htmlFor={`omrade-${tag.id}`}>{tag.name}</label>
              </div>
            ))}
          </fieldset>
        ) : null}
        <SubmitButton name="intent" value="save" pendingText="Sparar…">
          {submitLabel}
        </SubmitButton>
      </Form>
    </>
  );
}
