import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DateTime, DateTimeRange } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton, TextArea, TextField } from "~/components/forms";
import { countActiveSubscribers, countInvitationsSent, sendInvitations } from "~/models/invitation.server";
import { cancelRegistration } from "~/models/registration.server";
import {
  countRegistrations,
  getEventForOrganizer,
  listRegistrations,
  messageConfirmed,
  promoteManually,
  sendReminder,
  setAttendance,
  type AdminRegistrationRow,
} from "~/models/registration-admin.server";
import { requireRole } from "~/models/auth.server";
import { parseForm } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { badRequest, requireParam } from "~/utils/http.server";
import { ADMIN_HREF, adminRegistrationsHref, eventHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { organizerRegistrationActionSchema } from "~/validation/registration";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(data ? `Anmälningar: ${data.event.title}` : "Anmälningar", "Anmälda, väntelista, närvaro och utskick för ett forum.");

async function eventOr404(params: LoaderFunctionArgs["params"]) {
  const event = await getEventForOrganizer(requireParam(params, "eventId", "cuid", "Forumet finns inte"));
  if (!event) throw new Response("Forumet finns inte", { status: 404 });
  return event;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const event = await eventOr404(params);
  const q = new URL(request.url).searchParams.get("q")?.slice(0, 100) ?? "";
  const [lists, counts, subscribers, invited] = await Promise.all([
    listRegistrations(event.id, { query: q }),
    countRegistrations(event.id),
    countActiveSubscribers(),
    countInvitationsSent(event.id),
  ]);
  const now = new Date();
  return json({
    event: { ...event, joinUrl: undefined },
    q,
    lists,
    counts,
    subscribers,
    invited,
    started: event.startsAt <= now,
  });
}

const DONE: Record<string, string> = {
  promote: "Personen har fått en plats och ett mejl.",
  cancel: "Anmälan är borttagen. En ledig plats har gått till väntelistan.",
  attended: "Närvaron är sparad.",
  absent: "Närvaron är borttagen.",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "organizer");
  const event = await eventOr404(params);
  const parsed = parseForm(organizerRegistrationActionSchema, await readFormData(request));
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const d = parsed.data;
  let message: string;
  switch (d.intent) {
    case "promote": {
      const r = await promoteManually(d.registrationId, user.id);
      if (r !== "promoted") return badRequest({ form: "Personen står inte på väntelistan längre." });
      message = DONE.promote!;
      break;
    }
    case "cancel": {
      const r = await cancelRegistration(d.registrationId, { actorId: user.id });
      if (r.outcome !== "cancelled") return badRequest({ form: "Anmälan är redan borttagen." });
      message = r.promoted.length ? DONE.cancel! : "Anmälan är borttagen.";
      break;
    }
    case "attended":
    case "absent": {
      const ok = await setAttendance(event.id, d.registrationId, d.intent === "attended", user.id);
      if (!ok) return badRequest({ form: "Närvaro kan bara markeras för personer med plats, när forumet har börjat." });
      message = DONE[d.intent]!;
      break;
    }
    case "reminder": {
      const r = await sendReminder(event.id, { actorId: user.id });
      if (!r.sent) return badRequest({ form: "Påminnelsen är redan skickad, eller forumet har redan börjat." });
      message = `Påminnelsen är lagd i utkorgen till ${r.recipients} personer.`;
      break;
    }
    case "invite": {
      const r = await sendInvitations(event.id, user.id);
      if (r.outcome !== "sent") return badRequest({ form: "Inbjudan kan bara skickas för publicerade forum som inte har börjat." });
      message = r.queued ? `Inbjudan är lagd i utkorgen till ${r.queued} prenumeranter.` : "Alla på listan har redan fått inbjudan till det här forumet.";
      break;
    }
    case "message": {
      const n = await messageConfirmed(event.id, { subject: d.subject, body: d.body }, user.id);
      message = `Meddelandet är lagt i utkorgen till ${n} personer.`;
      break;
    }
  }
  return json({ ok: true as const, message });
}

type Row = Pick<AdminRegistrationRow, "name" | "email" | "title" | "organisationName" | "municipality">;

function Who({ r }: { r: Row }) {
  return (
    <>
      <td>{r.name}</td>
      <td>{r.email}</td>
      <td>{r.municipality ? `${r.municipality.name}, ${r.municipality.county.name}` : r.organisationName}</td>
      <td>{r.title}</td>
    </>
  );
}

function RowButton({ intent, id, label }: { intent: string; id: string; label: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="registrationId" value={id} />
      <SubmitButton name="intent" value={intent} secondary pendingText="Sparar…">
        {label}
      </SubmitButton>
    </Form>
  );
}

export default function Registrations() {
  const { event, q, lists, counts, subscribers, invited, started } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.errors : undefined;
  const base = adminRegistrationsHref(event.id);
  return (
    <>
      <nav className="breadcrumbs" aria-label="Du är här">
        <ol>
          <li>
            <Link to={ADMIN_HREF}>Arrangörsverktyg</Link>
          </li>
          <li>
            <Link to={eventHref(event)}>{event.title}</Link>
          </li>
        </ol>
      </nav>
      <h1>Anmälningar: {event.title}</h1>
      <p className="lead">
        <DateTimeRange start={event.startsAt} end={event.endsAt} />. {counts.confirmed} med plats
        {event.capacity !== null ? ` av ${event.capacity}` : ""}, {counts.waitlisted} på väntelistan
        {counts.pending ? `, ${counts.pending} väntar på att bekräfta sin e-post` : ""}.
      </p>
      {result?.ok ? (
        <p className="notice notice--success" role="status">
          {result.message}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />

      <p>
        <a href={`${base}.csv`} className="button button--secondary" download>
          Ladda ner som CSV (Excel)
        </a>
      </p>

      <form method="get" role="search" className="search-form">
        <label htmlFor="sok-anmalda">Sök bland anmälda</label>
        <input id="sok-anmalda" type="search" name="q" defaultValue={q} />
        <button type="submit" className="button button--secondary">
          Sök
        </button>
      </form>
      {q ? (
        <p>
          Visar träffar för ”{q}”. <Link to={base}>Visa alla</Link>
        </p>
      ) : null}

      <section className="section" aria-labelledby="med-plats">
        <h2 id="med-plats">Med plats ({lists.confirmed.length})</h2>
        {lists.confirmed.length ? (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Namn</th>
                  <th scope="col">E-post</th>
                  <th scope="col">Kommun eller organisation</th>
                  <th scope="col">Befattning</th>
                  <th scope="col">Närvaro</th>
                  <th scope="col">Åtgärd</th>
                </tr>
              </thead>
              <tbody>
                {lists.confirmed.map((r) => (
                  <tr key={r.id}>
                    <Who r={r} />
                    <td>
                      {started ? (
                        r.attendedAt ? (
                          <>
                            Närvarade <RowButton intent="absent" id={r.id} label={`Ta bort närvaro för ${r.name}`} />
                          </>
                        ) : (
                          <RowButton intent="attended" id={r.id} label={`Markera ${r.name} som närvarande`} />
                        )
                      ) : (
                        "Efter start"
                      )}
                    </td>
                    <td>{started ? null : <RowButton intent="cancel" id={r.id} label={`Avanmäl ${r.name}`} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Ingen har en plats ännu.</p>
        )}
      </section>

      <section className="section" aria-labelledby="vantelista">
        <h2 id="vantelista">Väntelista ({lists.waitlist.length})</h2>
        {lists.waitlist.length ? (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Namn</th>
                  <th scope="col">E-post</th>
                  <th scope="col">Kommun eller organisation</th>
                  <th scope="col">Befattning</th>
                  <th scope="col">Anmäld</th>
                  <th scope="col">Åtgärd</th>
                </tr>
              </thead>
              <tbody>
                {lists.waitlist.map((r) => (
                  <tr key={r.id}>
                    <Who r={r} />
                    <td>
                      <DateTime value={r.createdAt} format="short" />
                    </td>
                    <td>
                      <RowButton intent="promote" id={r.id} label={`Ge ${r.name} en plats`} />
                      <RowButton intent="cancel" id={r.id} label={`Ta bort ${r.name}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Ingen står på väntelistan.</p>
        )}
      </section>

      {lists.pending.length ? (
        <section className="section" aria-labelledby="ej-bekraftade">
          <h2 id="ej-bekraftade">Ej bekräftade ({lists.pending.length})</h2>
          <p>De har inte följt länken i sitt mejl än. De har ingen plats och står inte i kön; obekräftade anmälningar tas bort efter ett dygn.</p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Namn</th>
                  <th scope="col">E-post</th>
                  <th scope="col">Kommun eller organisation</th>
                  <th scope="col">Befattning</th>
                  <th scope="col">Anmäld</th>
                </tr>
              </thead>
              <tbody>
                {lists.pending.map((r) => (
                  <tr key={r.id}>
                    <Who r={r} />
                    <td>
                      <DateTime value={r.createdAt} format="short" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section className="section" aria-labelledby="fordelning">
        <h2 id="fordelning">Anmälda per län och kommun</h2>
        <div className="table-scroll">
          <table>
            <caption>Per län (med plats och på väntelistan)</caption>
            <thead>
              <tr>
                <th scope="col">Län</th>
                <th scope="col">Antal</th>
              </tr>
            </thead>
            <tbody>
              {counts.byCounty.map((c) => (
                <tr key={c.name}>
                  <td>{c.name}</td>
                  <td>{c.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="table-scroll">
          <table>
            <caption>Per kommun (med plats och på väntelistan)</caption>
            <thead>
              <tr>
                <th scope="col">Kommun</th>
                <th scope="col">Antal</th>
              </tr>
            </thead>
            <tbody>
              {counts.byMunicipality.map((c) => (
                <tr key={c.name}>
                  <td>{c.name}</td>
                  <td>{c.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="section" aria-labelledby="utskick">
        <h2 id="utskick">Utskick</h2>
        <h3>Påminnelse</h3>
        {event.reminderSentAt ? (
          <p>
            Påminnelsen skickades <DateTime value={event.reminderSentAt} />.
          </p>
        ) : (
          <>
            <p>Skickas automatiskt dagen före forumet. Du kan också skicka den nu; den går bara ut en gång.</p>
            <Form method="post">
              <SubmitButton name="intent" value="reminder" secondary pendingText="Skickar…">
                Skicka påminnelsen nu
              </SubmitButton>
            </Form>
          </>
        )}
        <h3>Inbjudan till listan</h3>
        <p>
          {subscribers} bekräftade prenumeranter. {invited} har fått inbjudan till det här forumet. Varje person får inbjudan en gång, även om du trycker igen.
        </p>
        <Form method="post">
          <SubmitButton name="intent" value="invite" secondary pendingText="Skickar…">
            Skicka inbjudan
          </SubmitButton>
        </Form>
        <h3>Meddelande till alla med plats</h3>
        <Form method="post">
          <input type="hidden" name="intent" value="message" />
          <TextField name="subject" label="Rubrik" error={errors?.subject} maxLength={150} />
          <TextArea name="body" label="Meddelande" error={errors?.body} rows={6} />
          <SubmitButton pendingText="Skickar…">Skicka meddelandet</SubmitButton>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
