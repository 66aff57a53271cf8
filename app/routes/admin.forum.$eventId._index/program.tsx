import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { ConfirmAction, SavedNotice } from "~/components/admin-feedback";
import { SelectField, SubmitButton, TextArea, TextField } from "~/components/forms";
import { failureOf, type FieldErrors, type FormValues } from "~/utils/forms";
import { formatTime } from "~/utils/format";
import type { action, loader } from "./route";

/** The forum's programme and speakers on its edit page: the rows, their buttons and the add and edit forms. */

type LoaderData = SerializeFrom<typeof loader>;

export function ProgramSections({
  event,
  actionData,
  editing,
  municipalities,
  saved,
}: {
  event: LoaderData["event"];
  actionData: SerializeFrom<typeof action> | undefined;
  editing: string | null;
  municipalities: LoaderData["municipalities"];
  /** The ?sparat= value: its message is shown in the section it belongs to. */
  saved: string | null;
}) {
  const intent = actionData?.intent ?? "";
  const failure = failureOf(actionData);
  const errorsFor = (...intents: string[]) => failureOf(actionData, ...intents)?.errors;
  const rowValues = failure?.values ?? {};
  // One agenda or speaker row is edited at a time (?andra=<id>), or the one whose save just failed.
  const editingRow = (kind: "agenda" | "speaker", id: string) =>
    (intent === `${kind}-update` && failure?.target === id) || (!intent.startsWith(`${kind}-update`) && editing === id);

  return (
    <>
      <section className="section" aria-labelledby="program" id="program-avsnitt">
        <h2 id="program">Program</h2>
        <SavedNotice message={saved === "program" ? "Programmet är sparat." : saved === "program-borttagen" ? "Programpunkten är borttagen." : null} />
        {event.agenda.length ? (
          <ol className="admin-rows">
            {event.agenda.map((item, index) => (
              <li key={item.id}>
                {editingRow("agenda", item.id) ? (
                  <AgendaForm
                    intent="agenda-update"
                    id={item.id}
                    speakers={event.speakers}
                    values={
                      intent === "agenda-update"
                        ? rowValues
                        : { agendaTime: formatTime(item.startsAt).replace(".", ":"), agendaTitle: item.title, agendaSpeakerId: item.speakerId ?? "" }
                    }
                    errors={errorsFor("agenda-update")}
                  />
                ) : (
                  <>
                    <p>
                      <strong>{formatTime(item.startsAt)}</strong> {item.title}
                      {item.speaker ? ` – ${item.speaker.name}` : ""}
                    </p>
                    <div className="inline-form">
                      <Link to={`?andra=${item.id}#program`}>
                        Ändra<span className="visually-hidden"> {item.title}</span>
                      </Link>
                      <RowButtons kind="agenda" id={item.id} label={item.title} first={index === 0} last={index === event.agenda.length - 1} />
                    </div>
                  </>
                )}
              </li>
            ))}
          </ol>
        ) : (
          <p>Programmet är tomt.</p>
        )}
        {!intent.startsWith("agenda-update") && !event.agenda.some((a) => a.id === editing) ? (
          <>
            <h3>Lägg till en programpunkt</h3>
            <AgendaForm
              key={`ny-${event.agenda.length}`}
              intent="agenda-add"
              speakers={event.speakers}
              values={intent === "agenda-add" ? rowValues : {}}
              errors={errorsFor("agenda-add")}
            />
          </>
        ) : null}
      </section>

      <section className="section" aria-labelledby="talare">
        <h2 id="talare">Talare</h2>
        <SavedNotice
          message={
            saved === "talare"
              ? "Talarna är sparade."
              : saved === "talare-borttagen"
                ? "Talaren är borttagen. Programpunkter med talaren står kvar utan talare."
                : null
          }
        />
        {event.speakers.length ? (
          <ol className="admin-rows">
            {event.speakers.map((speaker, index) => (
              <li key={speaker.id}>
                {editingRow("speaker", speaker.id) ? (
                  <SpeakerForm
                    intent="speaker-update"
                    id={speaker.id}
                    municipalities={municipalities}
                    values={
                      intent === "speaker-update"
                        ? rowValues
                        : {
                            speakerName: speaker.name,
                            speakerTitle: speaker.title,
                            speakerOrganisation: speaker.organisationName,
                            speakerMunicipalityCode: speaker.municipalityCode ?? "",
                            speakerBio: speaker.bio,
                          }
                    }
                    errors={errorsFor("speaker-update")}
                  />
                ) : (
                  <>
                    <p>
                      <strong>{speaker.name}</strong>
                      {speaker.title ? `, ${speaker.title}` : ""}
                      {speaker.organisationName ? `, ${speaker.organisationName}` : ""}
                    </p>
                    <div className="inline-form">
                      <Link to={`?andra=${speaker.id}#talare`}>
                        Ändra<span className="visually-hidden"> {speaker.name}</span>
                      </Link>
                      <RowButtons kind="speaker" id={speaker.id} label={speaker.name} first={index === 0} last={index === event.speakers.length - 1} />
                    </div>
                  </>
                )}
              </li>
            ))}
          </ol>
        ) : (
          <p>Inga talare än.</p>
        )}
        {!intent.startsWith("speaker-update") && !event.speakers.some((s) => s.id === editing) ? (
          <>
            <h3>Lägg till en talare</h3>
            <SpeakerForm
              key={`ny-${event.speakers.length}`}
              intent="speaker-add"
              municipalities={municipalities}
              values={intent === "speaker-add" ? rowValues : {}}
              errors={errorsFor("speaker-add")}
            />
          </>
        ) : null}
      </section>
    </>
  );
}

function RowButtons({ kind, id, label, first, last }: { kind: "agenda" | "speaker"; id: string; label: string; first: boolean; last: boolean }) {
  const hidden = <span className="visually-hidden"> {label}</span>;
  return (
    <>
      {!first ? (
        <Form method="post">
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="direction" value="up" />
          <button type="submit" className="button button--secondary button--small" name="intent" value={`${kind}-move`}>
            Flytta upp{hidden}
          </button>
        </Form>
      ) : null}
      {!last ? (
        <Form method="post">
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="direction" value="down" />
          <button type="submit" className="button button--secondary button--small" name="intent" value={`${kind}-move`}>
            Flytta ned{hidden}
          </button>
        </Form>
      ) : null}
      <ConfirmAction summary={<>Ta bort{hidden}</>} intent={`${kind}-delete`} fields={{ id }} confirmLabel={`Ja, ta bort ${label}`}>
        <p>
          {kind === "speaker"
            ? `${label} tas bort från forumet. Programpunkter med ${label} står kvar, utan talare.`
            : `Programpunkten ”${label}” tas bort från programmet.`}
        </p>
      </ConfirmAction>
    </>
  );
}

function AgendaForm({
  intent,
  id,
  speakers,
  values,
  errors,
}: {
  intent: "agenda-add" | "agenda-update";
  id?: string;
  speakers: { id: string; name: string }[];
  values: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <Form method="post" noValidate action={id ? `?andra=${id}` : undefined}>
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <TextField
        name="agendaTime"
        label="Tid"
        hint="TT:MM, samma dag som forumet. Till exempel 13:10."
        defaultValue={values.agendaTime}
        error={errors?.agendaTime}
        inputMode="numeric"
      />
      <TextField name="agendaTitle" label="Programpunkt" defaultValue={values.agendaTitle} error={errors?.agendaTitle} maxLength={300} />
      <SelectField name="agendaSpeakerId" label="Talare (frivilligt)" defaultValue={String(values.agendaSpeakerId ?? "")} error={errors?.agendaSpeakerId}>
        <option value="">Ingen talare</option>
        {speakers.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <div className="inline-form">
        <SubmitButton name="intent" value={intent} pendingText="Sparar…">
          {intent === "agenda-add" ? "Lägg till i programmet" : "Spara programpunkten"}
        </SubmitButton>
        {id ? <Link to="?#program">Avbryt</Link> : null}
      </div>
    </Form>
  );
}

function SpeakerForm({
  intent,
  id,
  municipalities,
  values,
  errors,
}: {
  intent: "speaker-add" | "speaker-update";
  id?: string;
  municipalities: { code: string; name: string; countyName: string }[];
  values: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <Form method="post" noValidate action={id ? `?andra=${id}` : undefined}>
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <TextField name="speakerName" label="Namn" defaultValue={values.speakerName} error={errors?.speakerName} maxLength={200} />
      <TextField name="speakerTitle" label="Titel (frivilligt)" defaultValue={values.speakerTitle} error={errors?.speakerTitle} maxLength={200} />
      <SelectField
        name="speakerMunicipalityCode"
        label="Kommun (frivilligt)"
        defaultValue={String(values.speakerMunicipalityCode ?? "")}
        error={errors?.speakerMunicipalityCode}
      >
        <option value="">Ingen kommun</option>
        {municipalities.map((m) => (
          <option key={m.code} value={m.code}>
            {m.name} ({m.countyName})
          </option>
        ))}
      </SelectField>
      <TextField
        name="speakerOrganisation"
        label="Organisation (frivilligt)"
        hint="Till exempel Borlänge kommun, eller en region eller ett företag."
        defaultValue={values.speakerOrganisation}
        error={errors?.speakerOrganisation}
        maxLength={200}
      />
      <TextArea
        name="speakerBio"
        label="Kort presentation (frivilligt)"
        defaultValue={values.speakerBio}
        error={errors?.speakerBio}
        rows={3}
        maxLength={2000}
      />
      <div className="inline-form">
        <SubmitButton name="intent" value={intent} pendingText="Sparar…">
          {intent === "speaker-add" ? "Lägg till talaren" : "Spara talaren"}
        </SubmitButton>
        {id ? <Link to="?#talare">Avbryt</Link> : null}
      </div>
    </Form>
  );
}
