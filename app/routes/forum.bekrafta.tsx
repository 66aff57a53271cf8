import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DateTimeRange } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/forms";
import { confirmRegistration, getPendingRegistration } from "~/models/registration-pending.server";
import { CLOSED_MESSAGES } from "~/models/registration.server";
import { readFormData } from "~/utils/form-data.server";
import { eventPlaceLabel } from "~/utils/labels";
import { eventHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { registrationPagePath } from "~/utils/signed-links.server";

export const meta: MetaFunction = () =>
  pageMeta("Bekräfta din anmälan", "Bekräfta anmälan till forumet med knappen, så får du en plats eller en plats på väntelistan.");

const LINK_USED =
  "Länken gäller inte längre. Den kan redan ha använts, eller så har tiden för att bekräfta gått ut. Har du redan bekräftat finns länkarna till din anmälan i mejlet du fick då.";

/** Opening the link changes nothing (mail scanners follow links): the button does. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token")?.slice(0, 200) ?? "";
  const pending = token ? await getPendingRegistration(token) : null;
  return json(
    {
      token,
      pending: pending
        ? { email: pending.email, event: pending.event, closedMessage: pending.closedReason ? CLOSED_MESSAGES[pending.closedReason] : null }
        : null,
    },
    { status: token && !pending ? 410 : 200, headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const result = await confirmRegistration(String(form.get("token") ?? ""));
  if (result.outcome === "invalid") return json({ message: LINK_USED }, { status: 410 });
  if (result.outcome === "closed") return json({ message: CLOSED_MESSAGES[result.reason] }, { status: 409 });
  // Whoever holds the token has read the mail: the address is proven.
  return redirect(registrationPagePath(result.registrationId), { headers: { "Cache-Control": "no-store" } });
}

export default function ConfirmRegistration() {
  const { token, pending } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  if (failed || !pending) {
    return (
      <>
        <h1>Bekräfta din anmälan</h1>
        <div className="notice notice--error" role="alert">
          <p>{failed?.message ?? (token ? LINK_USED : "Länken saknar sin kod. Öppna länken i mejlet igen.")}</p>
        </div>
        <p>
          <Link to="/forum">Se kommande forum</Link>, där du kan anmäla dig igen.
        </p>
      </>
    );
  }
  const { event } = pending;
  return (
    <>
      <h1>Bekräfta din anmälan</h1>
      <p className="lead">
        {event.title}, <DateTimeRange start={event.startsAt} end={event.endsAt} />, {eventPlaceLabel(event.format, event.location)}.
      </p>
      {pending.closedMessage ? (
        <p className="notice notice--error">{pending.closedMessage}</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="token" value={token} />
          <p>
            Anmälan gäller <strong>{pending.email}</strong>. Tryck på knappen, så får du en plats om det finns en kvar, annars en plats på väntelistan. Du får
            ett mejl med länken till din anmälan.
          </p>
          <SubmitButton pendingText="Bekräftar…">Bekräfta anmälan</SubmitButton>
        </Form>
      )}
      <p>
        <Link to={eventHref(event)}>Om forumet</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
