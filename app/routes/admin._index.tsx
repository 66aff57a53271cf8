import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { DayChart } from "~/components/day-chart";
import { coverage, nextForumStats, upcomingForums, waitingCounts } from "~/models/dashboard.server";
import { countPendingClaims } from "~/models/affiliation-admin.server";
import { countOutbox } from "~/models/outbox-admin.server";
import { hasRole, requireRole } from "~/models/auth.server";
import { eventStatusLabel } from "~/utils/labels";
import { pageMeta } from "~/utils/meta";
import {
  adminEventHref,
  adminGuestListHref,
  adminRegistrationsHref,
  AFFILIATION_QUEUE_HREF,
  DISCUSSIONS_HREF,
  INBOX_HREF,
  MODERATION_QUEUE_HREF,
  NEW_EVENT_HREF,
  OUTBOX_HREF,
} from "~/utils/links";

export const meta: MetaFunction = () => pageMeta("Arrangörsverktyg", "Verktyg för att driva Kommunforum Analytics.");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "organizer");
  const [next, upcoming, waiting, reach, outbox, pendingClaims] = await Promise.all([
    nextForumStats(),
    upcomingForums(),
    waitingCounts(),
    coverage(),
    countOutbox(),
    countPendingClaims(),
  ]);
  return json({ isAdmin: hasRole(user, "admin"), next, upcoming, waiting, reach, outbox, pendingClaims });
}

/** One thing to do: the number links to the list behind it (none when the list is not the reader's). */
function Todo({ n, label, to }: { n: number; label: string; to?: string }) {
  const body = (
    <>
      <strong>{n}</strong> {label}
    </>
  );
  return <li className={n === 0 ? "todo--clear" : undefined}>{to ? <Link to={to}>{body}</Link> : <span>{body}</span>}</li>;
}

// The organizer's dashboard: what needs doing first, then the coming forums with their numbers, then the reach.
export default function AdminHome() {
  const { isAdmin, next, upcoming, waiting, reach, outbox, pendingClaims } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Arrangörsverktyg</h1>
      <p className="lead">Det här väntar på dig, och så går anmälningarna till de kommande forumen.</p>

      <section className="section" aria-labelledby="vantar">
        <h2 id="vantar">Att göra</h2>
        <ul className="todo-list">
          <Todo n={waiting.newContacts} label="obesvarade meddelanden" to={`${INBOX_HREF}?status=ny`} />
          <Todo n={waiting.openFlags} label="flaggade inlägg" to={MODERATION_QUEUE_HREF} />
          <Todo n={pendingClaims} label="medlemmar väntar på verifiering" to={AFFILIATION_QUEUE_HREF} />
          <Todo n={outbox.queued + outbox.failed} label={`mejl i kö eller misslyckade (${outbox.failed} misslyckade)`} to={isAdmin ? OUTBOX_HREF : undefined} />
          <Todo n={waiting.unansweredThreads} label="frågor utan svar i mer än 7 dagar" to={`${DISCUSSIONS_HREF}?ordning=obesvarade`} />
        </ul>
        <p>{waiting.newMembers} nya medlemmar den här månaden.</p>
      </section>

      <section className="section" aria-labelledby="kommande">
        <h2 id="kommande">Kommande forum</h2>
        {upcoming.length ? (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Forum</th>
                  <th scope="col">Datum</th>
                  <th scope="col" className="num">
                    Med plats
                  </th>
                  <th scope="col" className="num">
                    Väntelista
                  </th>
                  <th scope="col" className="num">
                    Ej bekräftade
                  </th>
                  <th scope="col" className="num">
                    Platser kvar
                  </th>
                </tr>
              </thead>
              <tbody>
                {upcoming.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">
                      <Link to={adminEventHref(e.id)}>{e.title}</Link>
                      {e.status === "draft" ? <span className="badge badge--muted"> {eventStatusLabel(e.status)}</span> : null}
                    </th>
                    <td>
                      <DateTime value={e.startsAt} format="short" />
                    </td>
                    <td className="num">
                      <Link to={adminGuestListHref(e.id, "plats")} aria-label={`${e.confirmed} med plats på ${e.title}`}>
                        {e.confirmed}
                      </Link>
                    </td>
                    <td className="num">
                      <Link to={adminGuestListHref(e.id, "vantelista")} aria-label={`${e.waitlisted} på väntelistan till ${e.title}`}>
                        {e.waitlisted}
                      </Link>
                    </td>
                    <td className="num">
                      <Link to={adminGuestListHref(e.id, "obekraftade")} aria-label={`${e.pending} ej bekräftade till ${e.title}`}>
                        {e.pending}
                      </Link>
                    </td>
                    <td className="num">{e.seatsLeft ?? "obegränsat"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <p>
          <Link to={NEW_EVENT_HREF}>Skapa ett nytt forum</Link>
        </p>
      </section>

      <section className="section" aria-labelledby="nasta">
        <h2 id="nasta">Nästa forum</h2>
        {next ? (
          <>
            <p>
              <Link to={adminRegistrationsHref(next.id)}>{next.title}</Link>, <DateTime value={next.startsAt} />
            </p>
            <DayChart id="anmalningar-per-dag" title="Anmälningar per dag, senaste 14 dagarna" data={next.perDay} />
          </>
        ) : (
          <p>
            Inget kommande forum är publicerat. <Link to={NEW_EVENT_HREF}>Skapa ett nytt forum</Link>
          </p>
        )}
      </section>

      <section className="section" aria-labelledby="nar">
        <h2 id="nar">Räckvidd bland Sveriges {reach.totals.total} kommuner</h2>
        <p>
          {reach.totals.withMember} kommuner har en medlem, {reach.totals.registered} har anmält någon till ett forum och {reach.totals.withCase} har ett
          publicerat case. {reach.totals.neverReached} har vi inte nått alls än.
        </p>
        <div className="table-scroll">
          <table>
            <caption>Räckvidd per län</caption>
            <thead>
              <tr>
                <th scope="col">Län</th>
                <th scope="col" className="num">
                  Kommuner
                </th>
                <th scope="col" className="num">
                  Med medlem
                </th>
                <th scope="col" className="num">
                  Anmält till forum
                </th>
                <th scope="col" className="num">
                  Med case
                </th>
                <th scope="col">Inte nådda</th>
              </tr>
            </thead>
            <tbody>
              {reach.counties.map((c) => (
                <tr key={c.code}>
                  <th scope="row">{c.name}</th>
                  <td className="num">{c.total}</td>
                  <td className="num">{c.withMember}</td>
                  <td className="num">{c.registered}</td>
                  <td className="num">{c.withCase}</td>
                  <td>
                    {c.neverReached.length === c.total ? (
                      "Ingen kommun nådd än"
                    ) : c.neverReached.length ? (
                      <details>
                        <summary>{c.neverReached.length} kommuner</summary>
                        {c.neverReached.map((m) => m.name).join(", ")}
                      </details>
                    ) : (
                      "Alla nådda"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
