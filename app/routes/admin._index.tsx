import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DateTime } from "~/components/date-time";
import { DayChart } from "~/components/day-chart";
import { coverage, nextForumStats, waitingCounts } from "~/models/dashboard.server";
import { countPendingClaims } from "~/models/affiliation-admin.server";
import { countOutbox } from "~/models/outbox-admin.server";
import { hasRole, requireRole } from "~/models/auth.server";
import { pageMeta } from "~/utils/meta";
import { ADMIN_ARTICLES_HREF, ADMIN_CASES_HREF, ADMIN_EVENTS_HREF, ADMIN_USERS_HREF, adminRegistrationsHref, AFFILIATION_QUEUE_HREF, AUDIT_LOG_HREF, INBOX_HREF, MODERATION_QUEUE_HREF, NEW_EVENT_HREF, OUTBOX_HREF } from "~/utils/links";

export const meta: MetaFunction = () => pageMeta("Arrangörsverktyg", "Verktyg för att driva Kommunforum Analytics.");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "organizer");
  const [next, waiting, reach, outbox, pendingClaims] = await Promise.all([nextForumStats(), waitingCounts(), coverage(), countOutbox(), countPendingClaims()]);
  return json({ isAdmin: hasRole(user, "admin"), next, waiting, reach, outbox, pendingClaims });
}

// The organizer's dashboard: the next forum, what is waiting, and the reach.
export default function AdminHome() {
  const { isAdmin, next, waiting, reach, outbox, pendingClaims } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Arrangörsverktyg</h1>
      <p className="lead">Här driver du forumet: evenemang, anmälningar, innehåll och e-post.</p>

      <section className="section" aria-labelledby="nasta">
        <h2 id="nasta">Nästa forum</h2>
        {next ? (
          <>
            <p>
              <Link to={adminRegistrationsHref(next.id)}>{next.title}</Link>, <DateTime value={next.startsAt} />
            </p>
            <ul className="stat-list">
              <li>
                <strong>{next.confirmed}</strong> anmälda
              </li>
              <li>
                <strong>{next.waitlisted}</strong> på väntelistan
              </li>
              <li>
                <strong>{next.pending}</strong> ej bekräftade (utan plats)
              </li>
              <li>
                <strong>{next.seatsLeft ?? "–"}</strong> {next.seatsLeft === null ? "obegränsat antal platser" : "platser kvar"}
              </li>
            </ul>
            <DayChart id="anmalningar-per-dag" title="Anmälningar per dag, senaste 14 dagarna" data={next.perDay} />
          </>
        ) : (
          <p>
            Inget kommande forum är publicerat. <Link to={NEW_EVENT_HREF}>Skapa ett nytt forum</Link>
          </p>
        )}
      </section>

      <section className="section" aria-labelledby="vantar">
        <h2 id="vantar">Det här väntar</h2>
        <ul className="stat-list">
          <li>
            <strong>{waiting.newContacts}</strong> <Link to={`${INBOX_HREF}?status=ny`}>obesvarade meddelanden</Link>
          </li>
          <li>
            <strong>{waiting.openFlags}</strong> <Link to={MODERATION_QUEUE_HREF}>flaggade inlägg</Link>
          </li>
          <li>
            <strong>{pendingClaims}</strong> <Link to={AFFILIATION_QUEUE_HREF}>medlemmar som väntar på att verifieras</Link>
          </li>
          <li>
            <strong>{waiting.unansweredThreads}</strong> frågor utan svar i mer än 7 dagar
          </li>
          <li>
            <strong>{waiting.newMembers}</strong> nya medlemmar den här månaden
          </li>
          <li>
            <strong>{outbox.queued + outbox.failed}</strong>{" "}
            {isAdmin ? <Link to={OUTBOX_HREF}>mejl i kö eller misslyckade</Link> : "mejl i kö eller misslyckade"} (varav {outbox.failed} misslyckade)
          </li>
        </ul>
      </section>

      <section className="section" aria-labelledby="nar">
        <h2 id="nar">Räckvidd bland Sveriges {reach.totals.total} kommuner</h2>
        <p>
          {reach.totals.withMember} kommuner har en medlem, {reach.totals.registered} har anmält någon till ett forum och{" "}
          {reach.totals.withCase} har ett publicerat case. {reach.totals.neverReached} har vi inte nått alls än.
        </p>
        <div className="table-scroll">
          <table>
            <caption>Räckvidd per län</caption>
            <thead>
              <tr>
                <th scope="col">Län</th>
                <th scope="col" className="num">Kommuner</th>
                <th scope="col" className="num">Med medlem</th>
                <th scope="col" className="num">Anmält till forum</th>
                <th scope="col" className="num">Med case</th>
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

      <h2>Verktyg</h2>
      <ul>
        <li>
          <Link to={INBOX_HREF}>Inkorg</Link>: meddelanden från kontaktformuläret
        </li>
        <li>
          <Link to={MODERATION_QUEUE_HREF}>Moderering</Link>: flaggade inlägg, trådar och avstängningar
        </li>
        <li>
          <Link to={AFFILIATION_QUEUE_HREF}>Verifiera medlemmar</Link>: godkänn medlemmars kommun eller organisation, och domänerna som
          verifierar automatiskt
        </li>
        <li>
          <Link to={AUDIT_LOG_HREF}>Logg</Link>: allt som arrangörer, moderatorer och administratörer har ändrat
        </li>
        <li>
          <Link to={ADMIN_EVENTS_HREF}>Forum: skapa, ändra, publicera och ställ in</Link>
        </li>
        <li>
          <Link to={NEW_EVENT_HREF}>Skapa ett nytt forum</Link>
        </li>
        <li>
          <Link to={ADMIN_CASES_HREF}>Case</Link>: skriv, granska och publicera kommunernas case
        </li>
        <li>
          <Link to={ADMIN_ARTICLES_HREF}>Spaningar</Link>: forumansvarigs artiklar
        </li>
        {isAdmin ? (
          <>
            <li>
              <Link to={ADMIN_USERS_HREF}>Användare och roller</Link>
            </li>
            <li>
              <Link to={OUTBOX_HREF}>Utgående e-post</Link>
            </li>
          </>
        ) : (
          <li>Användare och e-post hanteras av en administratör.</li>
        )}
      </ul>
    </>
  );
}
