import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DateTimeRange } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
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
} from "~/models/registration-admin.server";
import { requireRole } from "~/models/auth.server";
import { parseForm } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { badRequest, requireParam } from "~/utils/http.server";
import { ADMIN_HREF, adminRegistrationsHref, eventHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { Distribution, RegistrationLists } from "./lists";
import { Mailings } from "./mailings";
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

      <RegistrationLists lists={lists} started={started} />

      <Distribution counts={counts} />

      <Mailings event={event} subscribers={subscribers} invited={invited} errors={errors} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
