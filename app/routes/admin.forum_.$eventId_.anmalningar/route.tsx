import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { SavedNotice } from "~/components/admin-feedback";
import { ADMIN_CRUMB, Breadcrumbs } from "~/components/breadcrumbs";
import { DateTimeRange } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { listGuests, parseGuestQuery } from "~/models/guest-list.server";
import { listEventSends, listGuestMail, listSendRecipients, PERSON_HISTORY_CAP } from "~/models/event-mail-log.server";
import { countActiveSubscribers, countInvitationsSent } from "~/models/invitation.server";
import { listMunicipalities } from "~/models/reference.server";
import { countRegistrations, getEventForOrganizer } from "~/models/registration-admin.server";
import { recordingNoticeDraft } from "~/models/recording.server";
import { reminderSchedule } from "~/models/registration-reminders.server";
import { requireRole } from "~/models/auth.server";
import { failureOf } from "~/utils/forms";
import { readFormData } from "~/utils/form-data.server";
import { requireParam } from "~/utils/http.server";
import { ADMIN_EVENTS_HREF, adminEventHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { guestListAction } from "./actions.server";
import { AddGuest, GuestFilters } from "./guest-tools";
import { GuestTable } from "./guest-table";
import { Distribution } from "./lists";
import { MailLog } from "./mail-log";
import { Mailings } from "./mailings";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta(data ? `Anmälningar: ${data.event.title}` : "Anmälningar", "Gästlistan, väntelistan, närvaro och utskick för ett forum.");

async function eventOr404(params: LoaderFunctionArgs["params"]) {
  const event = await getEventForOrganizer(requireParam(params, "eventId", "cuid", "Forumet finns inte"));
  if (!event) throw new Response("Forumet finns inte", { status: 404 });
  return event;
}

/** "Skickade mejl": every send, plus one send's recipients (?utskick=) or one guest's mail (?gast=) when asked for. */
async function loadMailLog(eventId: string, searchParams: URLSearchParams) {
  const sendId = searchParams.get("utskick");
  const guestId = searchParams.get("gast");
  const [sends, recipients, guest] = await Promise.all([
    listEventSends(eventId),
    sendId ? listSendRecipients(eventId, sendId) : null,
    guestId ? listGuestMail(eventId, guestId) : null,
  ]);
  if (sendId && !recipients) throw new Response("Utskicket finns inte", { status: 404 });
  if (guestId && !guest) throw new Response("Personen finns inte på gästlistan", { status: 404 });
  return { sends, recipients, guest, cap: PERSON_HISTORY_CAP };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "organizer");
  const event = await eventOr404(params);
  const searchParams = new URL(request.url).searchParams;
  const query = parseGuestQuery(searchParams);
  // From the recording page: the message form starts with "the recording is available" (each person told once).
  const draft = searchParams.get("meddelande") === "inspelning" ? { ...recordingNoticeDraft(event), topic: "recording" } : null;
  const [guests, counts, subscribers, invited, municipalities, reminder, mailLog] = await Promise.all([
    listGuests(event.id, query),
    countRegistrations(event.id),
    countActiveSubscribers(),
    countInvitationsSent(event.id),
    listMunicipalities(),
    reminderSchedule(event),
    loadMailLog(event.id, searchParams),
  ]);
  return json({
    event: { ...event, joinUrl: undefined },
    query,
    guests,
    counts,
    subscribers,
    invited,
    municipalities,
    reminder,
    mailLog,
    started: event.startsAt <= new Date(),
    full: event.capacity !== null && event.seatsTaken >= event.capacity,
    draft,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "organizer");
  const event = await eventOr404(params);
  return guestListAction(user, event, await readFormData(request));
}

const OWN_NOTICE = /^(add|message.*|invite|reminder)$/;

export default function Registrations() {
  const { event, query, guests, counts, subscribers, invited, municipalities, reminder, mailLog, started, full, draft } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  const message = result?.ok && "message" in result ? result.message : null;
  const confirm = result?.ok && "confirm" in result ? result.confirm : null;
  return (
    <>
      <Breadcrumbs
        items={[ADMIN_CRUMB, { to: ADMIN_EVENTS_HREF, label: "Forum" }, { to: adminEventHref(event.id), label: event.title }]}
        current="Anmälningar"
      />
      <h1>Anmälningar: {event.title}</h1>
      <p className="lead">
        <DateTimeRange start={event.startsAt} end={event.endsAt} />. {counts.confirmed} med plats
        {event.capacity !== null ? ` av ${event.capacity}` : ""}, {counts.waitlisted} på väntelistan
        {counts.pending ? `, ${counts.pending} väntar på att bekräfta sin e-post` : ""}.
      </p>
      <ErrorSummary errors={failure?.intent === "add" || failure?.intent?.startsWith("message") ? undefined : failure?.errors} />

      <GuestFilters eventId={event.id} query={query} guests={guests} />
      {/* The add form and the mailings show their own outcome beside their buttons. */}
      <SavedNotice message={result?.ok && !OWN_NOTICE.test(result.intent) ? message : null} />
      <GuestTable eventId={event.id} query={query} guests={guests} started={started} full={full} capacity={event.capacity} confirm={confirm} />
      <AddGuest municipalities={municipalities} result={result} message={result?.ok && result.intent === "add" ? message : null} />

      <Distribution counts={counts} />

      <Mailings reminder={reminder} started={started} subscribers={subscribers} invited={invited} result={result} draft={draft} />
      <MailLog eventId={event.id} mailLog={mailLog} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
