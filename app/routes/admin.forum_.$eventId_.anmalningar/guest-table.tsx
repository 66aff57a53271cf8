import type { SerializeFrom } from "@remix-run/node";
import { Form, useFetcher } from "@remix-run/react";
import { ConfirmAction } from "~/components/admin-feedback";
import { DateTime } from "~/components/date-time";
import { SubmitButton } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { adminRegistrationsHref } from "~/utils/links";
import { FILTER_LABELS } from "./guest-tools";
import { GuestMailLink } from "./mail-log";
import type { loader } from "./route";

/**
 * The guest list's table: one row per person with their state and place in the
 * queue, a checkbox for the actions on many at once (their form is above the
 * table; the boxes join it through form="massval"), attendance as one toggle per
 * row that saves without a reload, and the row's own actions, which ask first.
 */

type LoaderData = SerializeFrom<typeof loader>;
type Guest = LoaderData["guests"]["rows"][number];
type Confirm = { bulkAction: "attended" | "absent" | "promote" | "cancel"; people: { id: string; name: string; status: string }[] } | null;

const BULK_FORM = "massval";

function statusText(g: Guest) {
  if (g.status === "confirmed") return "Plats";
  if (g.status === "waitlisted") return g.queuePosition ? `Väntelista, nr ${g.queuePosition}` : "Väntelista";
  if (g.status === "pending") return "Ej bekräftad";
  if (g.status === "cancelled") return "Avanmäld";
  return g.status;
}

/** Attendance as a pressed or unpressed button; with JavaScript it saves in the background. */
function AttendanceToggle({ g }: { g: Guest }) {
  const fetcher = useFetcher();
  const pendingIntent = fetcher.formData?.get("intent");
  const attended = pendingIntent ? pendingIntent === "attended" : g.attendedAt !== null;
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="registrationId" value={g.id} />
      <button
        type="submit"
        name="intent"
        value={attended ? "absent" : "attended"}
        className="button button--secondary button--small toggle"
        aria-pressed={attended}
      >
        {attended ? <span aria-hidden="true">✓ </span> : null}
        Närvarande<span className="visually-hidden"> för {g.name}</span>
      </button>
    </fetcher.Form>
  );
}

function RowActions({ g, started, full, capacity, next }: { g: Guest; started: boolean; full: boolean; capacity: number | null; next: string | null }) {
  if (g.status === "waitlisted") {
    return full ? (
      <ConfirmAction
        summary={
          <>
            Ge plats<span className="visually-hidden"> till {g.name}</span>
          </>
        }
        intent="promote"
        fields={{ registrationId: g.id }}
        confirmLabel={`Ja, ge ${g.name} en plats`}
      >
        <p>
          Forumet är fullt. Ger du {g.name} en plats höjs antalet platser från {capacity} till {(capacity ?? 0) + 1}, och {g.name} får ett mejl.
        </p>
      </ConfirmAction>
    ) : (
      <Form method="post">
        <input type="hidden" name="registrationId" value={g.id} />
        <SubmitButton secondary name="intent" value="promote" pendingText="Sparar…">
          Ge plats<span className="visually-hidden"> till {g.name}</span>
        </SubmitButton>
      </Form>
    );
  }
  if ((g.status === "confirmed" && !started) || g.status === "waitlisted") {
    return (
      <ConfirmAction
        summary={
          <>
            Avanmäl<span className="visually-hidden"> {g.name}</span>
          </>
        }
        intent="cancel"
        fields={{ registrationId: g.id }}
        confirmLabel={`Ja, avanmäl ${g.name}`}
      >
        <p>
          {g.name} förlorar sin plats och får ett mejl om det.
          {next ? ` Platsen går till ${next}, först på väntelistan, som också får ett mejl.` : ""}
        </p>
      </ConfirmAction>
    );
  }
  return null;
}

export function GuestTable({
  eventId,
  query,
  guests,
  started,
  full,
  capacity,
  confirm,
}: {
  eventId: string;
  query: LoaderData["query"];
  guests: LoaderData["guests"];
  started: boolean;
  full: boolean;
  capacity: number | null;
  confirm: Confirm;
}) {
  const next = guests.rows.find((r) => r.id === guests.firstInQueue)?.name ?? null;
  const pageHref = (page: number) => {
    const params = new URLSearchParams({ visa: query.filter, q: query.q, kommun: query.municipalityCode, lan: query.countyCode, sida: String(page) });
    for (const [k, v] of [...params]) if (!v) params.delete(k);
    return `${adminRegistrationsHref(eventId)}?${params.toString()}`;
  };
  return (
    <section className="section" aria-labelledby="gastlista">
      <h2 id="gastlista">
        {FILTER_LABELS[query.filter]} ({guests.total})
      </h2>
      {confirm ? <BulkConfirm confirm={confirm} /> : null}
      {guests.rows.length ? (
        <>
          <Form method="post" id={BULK_FORM} className="inline-form bulk-bar">
            <input type="hidden" name="intent" value="bulk" />
            <label htmlFor="massval-atgard">Med de ikryssade</label>
            <select id="massval-atgard" name="bulkAction" defaultValue="attended">
              <option value="attended">Markera som närvarande</option>
              <option value="absent">Ta bort närvaro</option>
              <option value="promote">Ge plats (från väntelistan)</option>
              <option value="cancel">Avanmäl</option>
            </select>
            <SubmitButton secondary name="intent" value="bulk" pendingText="Sparar…">
              Utför
            </SubmitButton>
          </Form>
          <div className="table-scroll">
            <table className="guest-table">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Välj</span>
                  </th>
                  <th scope="col">Namn</th>
                  <th scope="col">E-post</th>
                  <th scope="col">Kommun eller organisation</th>
                  <th scope="col">Befattning</th>
                  <th scope="col">Status</th>
                  <th scope="col">Anmäld</th>
                  <th scope="col">Närvaro</th>
                  <th scope="col">Åtgärd</th>
                </tr>
              </thead>
              <tbody>
                {guests.rows.map((g) => (
                  <tr key={g.id}>
                    <td>
                      <input type="checkbox" name="ids" value={g.id} form={BULK_FORM} id={`val-${g.id}`} aria-label={`Välj ${g.name}`} />
                    </td>
                    <td>{g.name}</td>
                    <td>
                      {g.email} <GuestMailLink eventId={eventId} guest={g} />
                    </td>
                    <td>{g.municipality ? `${g.municipality.name}, ${g.municipality.county.name}` : g.organisationName}</td>
                    <td>{g.title}</td>
                    <td>{statusText(g)}</td>
                    <td>
                      <DateTime value={g.createdAt} format="short" />
                    </td>
                    <td>{g.status === "confirmed" ? started ? <AttendanceToggle g={g} /> : "Efter start" : null}</td>
                    <td>
                      <RowActions g={g} started={started} full={full} capacity={capacity} next={g.status === "confirmed" ? next : null} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={query.page} pageCount={guests.pageCount} href={pageHref} label="Gästlistans sidor" />
        </>
      ) : (
        <p>Ingen här{query.q ? ` matchar ”${query.q}”` : ""}.</p>
      )}
    </section>
  );
}

const CONFIRM_TEXT: Record<string, (n: number) => { text: string; label: string }> = {
  cancel: (n) => ({
    text: `${n === 1 ? "Personen" : `De ${n}`} förlorar sin plats eller sin plats i kön och får ett mejl. Lediga platser går till de första på väntelistan, som också får mejl.`,
    label: `Ja, avanmäl ${n === 1 ? "personen" : `${n} personer`}`,
  }),
  promote: (n) => ({
    text: `${n === 1 ? "Personen" : `De ${n}`} får en plats och ett mejl. Är forumet fullt höjs antalet platser med en för var och en.`,
    label: `Ja, ge ${n === 1 ? "personen" : `${n} personer`} en plats`,
  }),
};

function BulkConfirm({ confirm }: { confirm: NonNullable<Confirm> }) {
  const { text, label } = CONFIRM_TEXT[confirm.bulkAction]!(confirm.people.length);
  return (
    <div className="confirm-action__body" role="alert">
      <p>
        <strong>{confirm.people.map((p) => p.name).join(", ")}</strong>
      </p>
      <p>{text}</p>
      <Form method="post" className="inline-form">
        <input type="hidden" name="bulkAction" value={confirm.bulkAction} />
        <input type="hidden" name="confirmed" value="ja" />
        {confirm.people.map((p) => (
          <input key={p.id} type="hidden" name="ids" value={p.id} />
        ))}
        <SubmitButton name="intent" value="bulk" pendingText="Sparar…">
          {label}
        </SubmitButton>
      </Form>
    </div>
  );
}
