import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { DateTime } from "~/components/date-time";
import { EventForm } from "~/components/event-form";
import { ConfirmAction } from "~/components/admin-feedback";
import { Checkbox, ErrorSummary, SubmitButton, TextField } from "~/components/forms";
import {
  addAgendaItem,
  addSpeaker,
  deleteAgendaItem,
  deleteSpeaker,
  moveAgendaItem,
  moveSpeaker,
  updateAgendaItem,
  updateSpeaker,
} from "~/models/event-program.server";
import { cancelEvent, getEventForEdit, listAreaTags, publishEvent, unpublishEvent, updateEvent } from "~/models/event-admin.server";
import { duplicateEvent } from "~/models/event-duplicate.server";
import { listMunicipalities } from "~/models/reference.server";
import { requireRole } from "~/models/auth.server";
import { env } from "~/utils/env.server";
import { eventFormValues, storedEventValues, type EventFormValues } from "~/utils/event-form-values";
import { readFormData } from "~/utils/form-data.server";
import { failureOf, type FieldErrors, formValues, parseForm } from "~/utils/forms";
import { fillFreeSeats } from "~/models/registration-admin.server";
import { eventStatusLabel } from "~/utils/labels";
import { pageMeta } from "~/utils/meta";
import { renderPreview } from "~/models/preview.server";
import { agendaItemSchema, EVENT_ARRAY_FIELDS, EVENT_FIELD_LABELS, eventSchema, moveSchema, rowSchema, speakerSchema } from "~/validation/event";
import { ADMIN_EVENTS_HREF, adminEventHref, adminPollsHref, adminRecordingHref, adminRegistrationsHref, eventHref } from "~/utils/links";
import { badRequest, requireParam } from "~/utils/http.server";
import { ProgramSections } from "./program";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta(`Ändra ${data.event.title}`, "Ändra forumet, programmet och talarna.") : pageMeta("Forumet finns inte", "Vi hittade inget forum.");

async function loadEvent(params: LoaderFunctionArgs["params"]) {
  const event = await getEventForEdit(requireParam(params, "eventId", "cuid", "Forumet finns inte"));
  if (!event) throw new Response("Forumet finns inte", { status: 404 });
  return event;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const event = await loadEvent(params);
  const [tags, municipalities] = await Promise.all([listAreaTags(), listMunicipalities()]);
  return json({ event, values: storedEventValues(event), tags, municipalities, now: new Date().toISOString() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "organizer");
  const event = await loadEvent(params);
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const base = adminEventHref(event.id);
  const fail = (errors: FieldErrors, values: EventFormValues = formValues(formData)) =>
    badRequest<EventFormValues>(errors, values, { intent, target: String(formData.get("id") ?? "").slice(0, 64) });
  const done = <T extends { ok: true } | { ok: false; field: string; message: string }>(result: T, to: string) =>
    result.ok ? redirect(to) : fail({ [result.field]: result.message });

  switch (intent) {
    case "preview": {
      const preview = await renderPreview(user.id, String(formData.get("descriptionMd") ?? ""), "eventDescription");
      if (!preview.ok) return fail({ descriptionMd: preview.message }, eventFormValues(formData));
      return json({ ok: true as const, intent, values: eventFormValues(formData), previewHtml: preview.html });
    }
    case "save": {
      const values = eventFormValues(formData);
      const parsed = parseForm(eventSchema, formData, EVENT_ARRAY_FIELDS);
      if (!parsed.ok) return fail(parsed.errors, values);
      const result = await updateEvent(user.id, event.id, parsed.data);
      if (!result.ok) return fail({ [result.field]: result.message }, values);
      // A raised capacity gives the new seats to the waitlist at once.
      await fillFreeSeats(event.id);
      return redirect(`${base}?sparat=uppgifter`);
    }
    case "duplicate": {
      const copy = await duplicateEvent(user.id, event.id, String(formData.get("nextDate") ?? "").trim());
      if (!copy.ok) return fail({ [copy.field]: copy.message });
      return redirect(`${adminEventHref(copy.id)}?sparat=kopierat`);
    }
    case "publish":
      return done(await publishEvent(user.id, event.id), `${base}?sparat=publicerat`);
    case "unpublish":
      // The button sits behind a confirmation that says what happens to the registered people's links.
      if (formData.get("confirmed") !== "ja") return fail({ form: "Bekräfta att forumet ska avpubliceras." });
      return done(await unpublishEvent(user.id, event.id), `${base}?sparat=avpublicerat`);
    case "cancel": {
      if (formData.get("confirmCancel") !== "on") {
        return fail({ confirmCancel: "Kryssa i rutan för att bekräfta att forumet ska ställas in." });
      }
      const result = await cancelEvent(user.id, event.id, env().APP_URL);
      if (!result.ok) return fail({ [result.field]: result.message });
      return redirect(`${base}?sparat=installt&mejl=${result.emailed}`);
    }
    case "agenda-add":
    case "agenda-update": {
      const parsed = parseForm(agendaItemSchema, formData);
      if (!parsed.ok) return fail(parsed.errors);
      if (intent === "agenda-add") return done(await addAgendaItem(user.id, event.id, parsed.data), `${base}?sparat=program#program`);
      const row = parseForm(rowSchema, formData);
      if (!row.ok) return fail(row.errors);
      return done(await updateAgendaItem(user.id, event.id, row.data.id, parsed.data), `${base}?sparat=program#program`);
    }
    case "agenda-delete": {
      const row = parseForm(rowSchema, formData);
      if (!row.ok) return fail(row.errors);
      return done(await deleteAgendaItem(user.id, event.id, row.data.id), `${base}?sparat=program-borttagen#program`);
    }
    case "agenda-move": {
      const move = parseForm(moveSchema, formData);
      if (!move.ok) return fail(move.errors);
      return done(await moveAgendaItem(user.id, event.id, move.data.id, move.data.direction), `${base}?sparat=program#program`);
    }
    case "speaker-add":
    case "speaker-update": {
      const parsed = parseForm(speakerSchema, formData);
      if (!parsed.ok) return fail(parsed.errors);
      if (intent === "speaker-add") return done(await addSpeaker(user.id, event.id, parsed.data), `${base}?sparat=talare#talare`);
      const row = parseForm(rowSchema, formData);
      if (!row.ok) return fail(row.errors);
      return done(await updateSpeaker(user.id, event.id, row.data.id, parsed.data), `${base}?sparat=talare#talare`);
    }
    case "speaker-delete": {
      const row = parseForm(rowSchema, formData);
      if (!row.ok) return fail(row.errors);
      return done(await deleteSpeaker(user.id, event.id, row.data.id), `${base}?sparat=talare-borttagen#talare`);
    }
    case "speaker-move": {
      const move = parseForm(moveSchema, formData);
      if (!move.ok) return fail(move.errors);
      return done(await moveSpeaker(user.id, event.id, move.data.id, move.data.direction), `${base}?sparat=talare#talare`);
    }
    default:
      return fail({ form: "Okänd åtgärd. Ladda om sidan och försök igen." });
  }
}

const SAVED: Record<string, string> = {
  kopierat:
    "Det här är en kopia som utkast, med programmet, talarna och inställningarna. Ändra titeln och lägg in den nya möteslänken, och publicera när allt är klart.",
  skapat: "Forumet är sparat som utkast. Lägg till program och talare, och publicera när allt är klart.",
  uppgifter: "Ändringarna är sparade.",
  publicerat: "Forumet är publicerat och syns nu under Forum.",
  avpublicerat: "Forumet är avpublicerat. Det syns inte längre på webbplatsen.",
};

const LABELS: Record<string, string> = {
  ...EVENT_FIELD_LABELS,
  agendaTime: "Tid",
  agendaTitle: "Programpunkt",
  agendaSpeakerId: "Talare",
  speakerName: "Namn",
  speakerTitle: "Titel",
  speakerOrganisation: "Organisation",
  speakerMunicipalityCode: "Kommun",
  speakerBio: "Presentation",
  confirmCancel: "Ställ in",
  nextDate: "Nästa forums dag",
};

export default function EditEvent() {
  const { event, values, tags, municipalities, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = searchParams.get("sparat");
  const editing = searchParams.get("andra");
  const intent = actionData?.intent ?? "";
  const failure = failureOf(actionData);
  const errorsFor = (...intents: string[]) => failureOf(actionData, ...intents)?.errors;
  const isPast = new Date(event.endsAt) < new Date(now);
  const eventValues = actionData && (intent === "save" || intent === "preview") ? actionData.values : values;

  return (
    <>
      <Breadcrumbs items={[ADMIN_CRUMB, { to: ADMIN_EVENTS_HREF, label: "Forum" }]} current={event.title} />
      <h1>{event.title}</h1>
      <p className="lead">
        <span className={`badge${event.status === "published" ? "" : " badge--muted"}`}>{eventStatusLabel(event.status)}</span>{" "}
        <DateTime value={event.startsAt} />.{" "}
        {event.capacity === null ? `${event.seatsTaken} anmälda.` : `${event.seatsTaken} av ${event.capacity} platser tagna.`}
      </p>
      {saved === "installt" ? (
        <div className="notice notice--success" role="status">
          <p>
            Forumet är inställt. {Number(searchParams.get("mejl") ?? 0) === 1 ? "Ett mejl" : `${Number(searchParams.get("mejl") ?? 0)} mejl`} till anmälda och
            personer på väntelistan ligger i kö för att skickas.
          </p>
        </div>
      ) : saved && SAVED[saved] ? (
        <div className="notice notice--success" role="status">
          <p>{SAVED[saved]}</p>
        </div>
      ) : null}
      <ErrorSummary errors={failure?.errors} labels={LABELS} />

      <section className="section" aria-labelledby="status">
        <h2 id="status">Status</h2>
        <ul>
          {event.status === "published" ? (
            <li>
              <Link to={eventHref(event)}>Visa den publicerade sidan</Link>
            </li>
          ) : null}
          {event.status === "draft" ? (
            <li>
              <Link to={eventHref(event)}>Förhandsgranska sidan</Link>
            </li>
          ) : null}
          <li>
            <Link to={adminRegistrationsHref(event.id)}>Anmälningar, väntelista, export och utskick</Link>
          </li>
          <li>
            <Link to={adminPollsHref(event.id)}>Omröstningar: frågor, presentatörsvy och resultat</Link>
          </li>
          {isPast ? (
            <li>
              <Link to={adminRecordingHref(event.id)}>{event.recording ? "Ändra inspelningen, kapitlen och materialet" : "Lägg till inspelningen"}</Link>
            </li>
          ) : null}
        </ul>
        {event.status === "draft" ? (
          <Form method="post">
            <p>Forumet är ett utkast och syns inte på webbplatsen.</p>
            <SubmitButton name="intent" value="publish" pendingText="Publicerar…">
              Publicera forumet
            </SubmitButton>
          </Form>
        ) : null}
        {event.status === "published" ? (
          <>
            <p>Forumet är publicerat. Avpublicera det om det behöver döljas en stund; anmälningarna finns kvar.</p>
            <ConfirmAction summary="Avpublicera" intent="unpublish" confirmLabel="Ja, avpublicera forumet">
              {event.seatsTaken ? (
                <p>
                  {event.seatsTaken === 1 ? "En person är anmäld" : `${event.seatsTaken} personer är anmälda`}. Medan forumet är avpublicerat leder länkarna i
                  deras mejl (forumets sida, kalenderfilen) till en sida som inte finns, och de får inget besked om det. Ska forumet inte bli av, ställ in det i
                  stället: då får alla ett mejl.
                </p>
              ) : (
                <p>Forumets sida försvinner från webbplatsen tills du publicerar det igen.</p>
              )}
            </ConfirmAction>
          </>
        ) : null}
        <details className="section">
          <summary>Kopiera som nästa forum</summary>
          <Form method="post" noValidate>
            <p>Ett nytt utkast med samma texter, inställningar, talare och program, samma tid på dagen. Anmälningar och möteslänk följer inte med.</p>
            <TextField name="nextDate" type="date" label="Nästa forums dag" hint="ÅÅÅÅ-MM-DD" error={errorsFor("duplicate")?.nextDate} />
            <SubmitButton secondary name="intent" value="duplicate" pendingText="Kopierar…">
              Skapa utkastet
            </SubmitButton>
          </Form>
        </details>
        {event.status !== "cancelled" && !isPast ? (
          <details className="section">
            <summary>Ställ in forumet</summary>
            <Form method="post" noValidate>
              <p>Alla som är anmälda eller står på väntelistan får ett mejl om att forumet är inställt. Det går inte att ångra.</p>
              <Checkbox name="confirmCancel" label="Jag vill ställa in forumet och mejla alla anmälda" error={errorsFor("cancel")?.confirmCancel} />
              <SubmitButton secondary name="intent" value="cancel" pendingText="Ställer in…">
                Ställ in forumet
              </SubmitButton>
            </Form>
          </details>
        ) : null}
        {event.status === "cancelled" && event.cancelledAt ? (
          <p>
            Forumet ställdes in <DateTime value={event.cancelledAt} />.
          </p>
        ) : null}
      </section>

      <section className="section" aria-labelledby="uppgifter">
        <h2 id="uppgifter">Uppgifter om forumet</h2>
        <EventForm
          values={eventValues}
          errors={errorsFor("save")}
          tags={tags}
          previewHtml={actionData?.ok ? actionData.previewHtml : undefined}
          submitLabel="Spara ändringarna"
          seatsTaken={event.seatsTaken}
        />
      </section>

      <ProgramSections event={event} actionData={actionData} editing={editing} municipalities={municipalities} saved={saved} />
    </>
  );
}
