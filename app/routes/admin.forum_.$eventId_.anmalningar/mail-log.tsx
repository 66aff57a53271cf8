import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { adminGuestMailHref, adminRegistrationsHref, adminSendRecipientsHref } from "~/utils/links";
import type { loader } from "./route";

/**
 * "Skickade mejl": the forum's sends with their mails counted by state, and below,
 * when asked for (?utskick=… or ?gast=…), who got one send or what one guest got.
 */

type LoaderData = SerializeFrom<typeof loader>;
type Mail = NonNullable<LoaderData["mailLog"]["guest"]>["mails"][number];

const STATE_TEXT = { queued: "I kö", sent: "Skickat", failed: "Misslyckat" } as const;

function MailTable({ mails, caption, showAddress }: { mails: Mail[]; caption: string; showAddress: boolean }) {
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{showAddress ? "Mottagare" : "Ämne"}</th>
            <th scope="col">Status</th>
            <th scope="col">Köat</th>
            <th scope="col">Skickat</th>
            <th scope="col">Varför det inte gick</th>
          </tr>
        </thead>
        <tbody>
          {mails.map((m) => (
            <tr key={m.id}>
              <td>{showAddress ? m.toAddress : m.subject}</td>
              <td>{STATE_TEXT[m.state]}</td>
              <td>
                <DateTime value={m.createdAt} format="short" />
              </td>
              <td>{m.sentAt ? <DateTime value={m.sentAt} format="short" /> : null}</td>
              <td>{m.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MailLog({ eventId, mailLog }: { eventId: string; mailLog: LoaderData["mailLog"] }) {
  const { sends, recipients, guest, cap } = mailLog;
  const openSend = recipients ? sends.find((s) => s.id === recipients.id) : undefined;
  return (
    <section className="section" aria-labelledby="skickade-mejl">
      <h2 id="skickade-mejl">Skickade mejl</h2>
      {sends.length ? (
        <ul>
          {sends.map((s) => (
            <li key={s.id}>
              <strong>{s.label}</strong>, <DateTime value={s.lastAt} format="short" />: {s.total} mejl. {STATE_TEXT.sent} {s.sent},{" "}
              {STATE_TEXT.queued.toLowerCase()} {s.queued}, {STATE_TEXT.failed.toLowerCase()} {s.failed}.{" "}
              <Link to={adminSendRecipientsHref(eventId, s.id)}>
                Visa mottagarna<span className="visually-hidden"> av {s.label}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>Inga utskick om det här forumet än.</p>
      )}
      {recipients ? (
        <>
          <h3>Mottagare: {openSend?.label ?? "utskicket"}</h3>
          {recipients.total > recipients.mails.length ? (
            <p>
              Visar {recipients.mails.length} av {recipients.total}, de som misslyckats först.
            </p>
          ) : null}
          <MailTable mails={recipients.mails} caption={`Mottagare och status, ${recipients.total} mejl`} showAddress />
          <p>
            <Link to={adminRegistrationsHref(eventId)}>Stäng listan</Link>
          </p>
        </>
      ) : null}
      {guest ? (
        <>
          <h3>
            Mejl till {guest.guest.name} ({guest.guest.email})
          </h3>
          {guest.mails.length ? (
            <MailTable mails={guest.mails} caption={`Mejl om forumet till ${guest.guest.name}, senaste först (högst ${cap})`} showAddress={false} />
          ) : (
            <p>Inga utskick om forumet har gått till den här adressen. Bekräftelsen vid anmälan syns inte här.</p>
          )}
          <p>
            <Link to={adminRegistrationsHref(eventId)}>Stäng historiken</Link>
          </p>
        </>
      ) : null}
    </section>
  );
}

/** On each guest row: the way to what that person got about the forum. */
export function GuestMailLink({ eventId, guest }: { eventId: string; guest: { id: string; name: string } }) {
  return (
    <Link to={adminGuestMailHref(eventId, guest.id)}>
      Mejl<span className="visually-hidden"> till {guest.name}</span>
    </Link>
  );
}
