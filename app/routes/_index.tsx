import { json } from "@remix-run/node";
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CaseCard } from "~/components/case-card";
import { DateTime } from "~/components/date-time";
import { EmptyState } from "~/components/empty-state";
import { PageHeader } from "~/components/page-header";
import { listLatestCases } from "~/models/case.server";
import { listRecentThreads } from "~/models/discussion.server";
import { getNextEvent } from "~/models/event.server";
import { answerCountLabel, eventFormatLabel, seatsLeftLabel } from "~/utils/labels";
import { DISCUSSIONS_HREF, eventHref, eventRegistrationHref, feedAlternateLink, threadHref } from "~/utils/links";
import { pageMeta, SITE_NAME } from "~/utils/meta";

export const meta: MetaFunction = () => pageMeta(SITE_NAME, "Forum, case och diskussioner där Sveriges kommuner delar erfarenheter av BI, IoT och AI.");

export const links: LinksFunction = () => [feedAlternateLink];

export async function loader() {
  const now = new Date();
  const [nextEvent, cases, threads] = await Promise.all([getNextEvent(now), listLatestCases(3), listRecentThreads(5)]);
  const registrationOpen = nextEvent ? !nextEvent.registrationDeadline || new Date(nextEvent.registrationDeadline) > now : false;
  return json({ nextEvent, registrationOpen, cases, threads });
}

export default function Index() {
  const { nextEvent, registrationOpen, cases, threads } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Kommunforum Analytics"
        lead="Här lär kommuner av varandra om analys: beslutsstöd (BI), sakernas internet (IoT) och AI. Gå på nästa forum, läs hur andra har gjort och ställ dina frågor."
      />

      <section className="section" aria-labelledby="nasta-forum">
        <h2 id="nasta-forum">Nästa forum</h2>
        {nextEvent ? (
          <div className="feature">
            <h3>
              <Link to={eventHref(nextEvent)}>{nextEvent.title}</Link>
            </h3>
            <dl className="facts facts--inline">
              <div>
                <dt>När</dt>
                <dd>
                  <DateTime value={nextEvent.startsAt} />
                </dd>
              </div>
              <div>
                <dt>Form</dt>
                <dd>{eventFormatLabel(nextEvent.format)}</dd>
              </div>
              {nextEvent.capacity !== null ? (
                <div>
                  <dt>Platser</dt>
                  <dd>{seatsLeftLabel(nextEvent.seatsLeft, nextEvent.capacity)}</dd>
                </div>
              ) : null}
            </dl>
            {nextEvent.summary ? <p>{nextEvent.summary}</p> : null}
            {registrationOpen ? (
              <p className="feature__action">
                <Link to={eventRegistrationHref(nextEvent)} className="button">
                  Anmäl dig<span className="visually-hidden"> till {nextEvent.title}</span>
                </Link>
              </p>
            ) : (
              <p>Anmälan till forumet har stängt.</p>
            )}
          </div>
        ) : (
          <EmptyState title="Inget forum är inplanerat just nu.">
            <p>
              Vill du få en inbjudan när nästa forum är bestämt? <Link to="/kontakt">Kontakta forumansvarig</Link>. Under tiden kan du se{" "}
              <Link to="/forum">tidigare forum</Link>.
            </p>
          </EmptyState>
        )}
      </section>

      <section className="section" aria-labelledby="senaste-case">
        <h2 id="senaste-case">Senaste case</h2>
        {cases.length ? (
          <>
            <ul className="cards">
              {cases.map((item) => (
                <CaseCard key={item.slug} item={item} />
              ))}
            </ul>
            <p className="section__more">
              <Link to="/case">Se alla case</Link>
            </p>
            <p>
              Sammanfattningar av tidigare forum finns bland <Link to="/spaningar">forumansvarigs spaningar</Link>.
            </p>
          </>
        ) : (
          <EmptyState title="Inga case är publicerade än.">
            <p>
              Har din kommun ett arbete med BI, IoT eller AI som andra kan lära av? <Link to="/kontakt">Berätta för forumansvarig</Link>.
            </p>
          </EmptyState>
        )}
      </section>

      <section className="section" aria-labelledby="senaste-diskussioner">
        <h2 id="senaste-diskussioner">Senaste diskussionerna</h2>
        {threads.length ? (
          <>
            <ul className="thread-list">
              {threads.map((thread) => (
                <li key={thread.id}>
                  <Link to={threadHref(thread)} className="thread-list__title">
                    {thread.title}
                  </Link>
                  <span className="thread-list__meta">
                    {thread.category.name}
                    {thread.authorMunicipality ? ` · ${thread.authorMunicipality}` : ""} · {answerCountLabel(thread.answerCount)} · senast aktiv{" "}
                    <DateTime value={thread.lastActivityAt} format="short" />
                  </span>
                </li>
              ))}
            </ul>
            <p className="section__more">
              <Link to={DISCUSSIONS_HREF}>Se alla diskussioner</Link>
            </p>
          </>
        ) : (
          <EmptyState title="Inga diskussioner har startats än.">
            <p>
              Diskussionerna öppnar snart. Har du en fråga redan nu? <Link to="/kontakt">Skriv till forumansvarig</Link>, så kan frågan tas upp på nästa forum.
            </p>
          </EmptyState>
        )}
      </section>

      <section className="section" aria-labelledby="om-forumet">
        <h2 id="om-forumet">Om forumet</h2>
        <p>
          Kommunforum Analytics är ett återkommande webbinarium på ungefär en och en halv timme. Vid varje tillfälle berättar några kommuner om sitt arbete med
          analys, vad som har fungerat och vad som har varit svårt. Exemplen kan se olika ut, från beslutsstöd till sensorer i va-nätet, men de har samma mål:
          att skapa nytta av data.
        </p>
        <p>
          Forumet leds av en forumansvarig som tar emot frågor och förslag på ämnen. Missade du senaste forumet? Se{" "}
          <Link to="/inspelningar">inspelningarna</Link> eller <Link to="/kontakt">kontakta forumansvarig</Link>.
        </p>
      </section>
    </>
  );
}
