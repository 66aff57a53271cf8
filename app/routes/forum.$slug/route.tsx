// The public forum page (over 300 lines: one page with its registration, recording, polls,
// speakers and cases, and an organizer's preview of a draft; the pieces are in files beside it).
import { json } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Markdown } from "~/components/markdown";
import { DateTime, DateTimeRange } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ManageLinks } from "~/components/manage-links";
import { PageHeader } from "~/components/page-header";
import { RegistrationForm } from "~/components/registration-form";
import { getPublishedEventBySlug } from "~/models/event.server";
import { getOptionalUser, hasRole } from "~/models/auth.server";
import { PreviewBanner } from "~/components/preview-banner";
import { getPublicRecording } from "~/models/recording.server";
import { listOpenPollCodes, listPublishedPolls } from "~/models/poll.server";
import { PollChart } from "~/components/poll-chart";
import { resultRowsFor } from "~/utils/poll-results";
import { adminEventHref, adminRegistrationsHref, caseHref, eventCalendarHref, eventHref, municipalityHref, pollResultHref } from "~/utils/links";
import { RecordingPlayer } from "~/components/recording-player";
import { formatFileSize } from "~/utils/format";
import { env } from "~/utils/env.server";
import { formatDateTime, formatTime } from "~/utils/format";
import { eventJsonLd, serializeJsonLd } from "~/utils/json-ld";
import { eventFormatLabel, eventPlaceLabel, seatsLeftLabel } from "~/utils/labels";
import { pageMeta } from "~/utils/meta";
import { useNonce } from "~/utils/nonce";
import { EventAction, VoteNow } from "./event-action";
import { loadRegistrationSection, registrationAction } from "./registration.server";
import { requireParam } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(data.event.title, data.event.summary || `Forum ${formatDateTime(data.event.startsAt)}.`)
    : pageMeta("Forumet finns inte", "Vi hittade inget forum på den adressen.");

export async function loader({ params, request }: LoaderFunctionArgs) {
  const slug = requireParam(params, "slug", "slug", "Forumet finns inte");
  // An organizer also sees a draft, as a preview; everyone else gets 404 for it.
  const event = await getPublishedEventBySlug(slug, new Date(), { draft: hasRole(await getOptionalUser(request), "organizer") });
  if (!event) throw new Response("Forumet finns inte", { status: 404 });

  const { APP_URL, ORGANIZER_NAME } = env();
  const now = new Date();
  const registrationOpen = event.isUpcoming && (!event.registrationDeadline || event.registrationDeadline > now);
  const jsonLd = eventJsonLd(event, { url: new URL(eventHref(event), APP_URL).href, organizerName: ORGANIZER_NAME });
  const [recording, registration, publishedPolls, openPolls] = await Promise.all([
    event.isUpcoming ? null : getPublicRecording(event.id),
    loadRegistrationSection(request, event),
    listPublishedPolls(event.id),
    listOpenPollCodes(event.id),
  ]);
  // Only counts and shares leave the server; free-text answers are never published.
  const polls = publishedPolls.map((p) => ({
    id: p.id,
    code: p.code,
    question: p.question,
    multipleChoice: p.multipleChoice,
    resultNote: p.resultNote,
    respondents: p.imported ? null : p.respondents,
    rows: resultRowsFor(p),
  }));
  const { descriptionHtml, ...shown } = event;
  // A preview is never stored by any cache (the anonymous page cache included).
  const headers = event.isDraft ? { "Cache-Control": "private, no-store" } : undefined;
  return json({ event: shown, registrationOpen, registration, jsonLd, descriptionHtml, recording, polls, openPolls }, { headers });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  return registrationAction(request, context, params);
}

export default function ForumEvent() {
  const { event, registrationOpen, registration, jsonLd, descriptionHtml, recording, polls, openPolls } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const nonce = useNonce();
  const seats = seatsLeftLabel(event.seatsLeft, event.capacity);

  return (
    <>
      {event.isDraft ? <PreviewBanner editHref={adminEventHref(event.id)} /> : null}
      <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: serializeJsonLd(jsonLd) }} />
      <Breadcrumbs items={[{ to: "/forum", label: "Forum och evenemang" }]} current={event.title} />
      {/* The action and its key facts come before the lead, so a phone shows them on the first screen. */}
      <PageHeader title={event.title}>
        <p className="page-header__meta">
          <DateTimeRange start={event.startsAt} end={event.endsAt} /> · {eventFormatLabel(event.format)}
        </p>
        {registrationOpen ? (
          <EventAction
            seats={seats}
            deadline={event.registrationDeadline}
            full={event.seatsLeft === 0}
            ownRegistrationPath={registration.ownRegistration?.path ?? null}
            closed={Boolean(registration.closedMessage)}
          />
        ) : null}
        {event.summary ? <p className="lead">{event.summary}</p> : null}
      </PageHeader>
      <ManageLinks
        links={[
          { to: adminEventHref(event.id), label: "Redigera forumet" },
          { to: adminRegistrationsHref(event.id), label: "Hantera anmälningar" },
        ]}
      />

      <div className="with-sidebar">
        <div>
          {descriptionHtml === "" ? null : <Markdown html={descriptionHtml} />}

          {recording ? (
            <section className="section" id="inspelning" aria-labelledby="inspelning-rubrik">
              <h2 id="inspelning-rubrik">Inspelning</h2>
              <RecordingPlayer recording={recording} title={event.title} />
              {recording.materials.length ? (
                <>
                  <h3>Material från forumet</h3>
                  <ul>
                    {recording.materials.map((m) => (
                      <li key={m.id}>
                        {m.kind === "file" ? (
                          <a href={`/material/${m.id}`} download>
                            {m.title}{" "}
                            <span className="muted">
                              ({m.mimeType === "application/pdf" ? "PDF" : "PowerPoint"}, {formatFileSize(m.sizeBytes ?? 0)})
                            </span>
                          </a>
                        ) : (
                          <a href={m.url ?? "#"} rel="noopener noreferrer">
                            {m.title}
                          </a>
                        )}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
          ) : null}

          <VoteNow polls={openPolls} />

          {polls.length ? (
            <section className="section" id="omrostningar" aria-labelledby="omrostningar-rubrik">
              <h2 id="omrostningar-rubrik">Omröstningar</h2>
              {polls.map((poll) => (
                <div className="poll-result" key={poll.id}>
                  <h3>
                    <Link to={pollResultHref(poll.code)}>{poll.question}</Link>
                  </h3>
                  {poll.rows && poll.rows.length ? (
                    <PollChart
                      id={`omrostning-${poll.id}`}
                      title={poll.question}
                      rows={poll.rows}
                      respondents={poll.respondents}
                      multipleChoice={poll.multipleChoice}
                    />
                  ) : (
                    <p>{poll.resultNote || "Inga siffror redovisades för den här omröstningen."}</p>
                  )}
                </div>
              ))}
            </section>
          ) : null}

          <section className="section" aria-labelledby="program">
            <h2 id="program">Program</h2>
            {event.agenda.length ? (
              <ol className="agenda">
                {event.agenda.map((item) => (
                  <li key={item.id}>
                    <span className="agenda__time">
                      <DateTime value={item.startsAt} format="time" />
                    </span>
                    <span className="agenda__what">
                      {item.title}
                      {item.speaker ? <span className="agenda__speaker">{item.speaker.name}</span> : null}
                    </span>
                  </li>
                ))}
              </ol>
            ) : (
              <p>Programmet publiceras när talarna är klara.</p>
            )}
          </section>

          {event.speakers.length ? (
            <section className="section" aria-labelledby="talare">
              <h2 id="talare">Talare</h2>
              <ul className="speakers">
                {event.speakers.map((speaker) => (
                  <li key={speaker.id}>
                    <p className="speakers__name">{speaker.name}</p>
                    {speaker.title ? <p>{speaker.title}</p> : null}
                    {speaker.municipality ? (
                      <p>
                        <Link to={municipalityHref(speaker.municipality)}>{speaker.municipality.officialName}</Link>, {speaker.municipality.county.name}
                      </p>
                    ) : speaker.organisationName ? (
                      <p>{speaker.organisationName}</p>
                    ) : null}
                    {speaker.bio ? <p className="speakers__bio">{speaker.bio}</p> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          {event.cases.length ? (
            <section className="section" aria-labelledby="case-fran-forumet">
              <h2 id="case-fran-forumet">Case från forumet</h2>
              <ul>
                {event.cases.map((c) => (
                  <li key={c.slug}>
                    <Link to={caseHref(c)}>{c.title}</Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          <section className="section" id="anmalan" aria-labelledby="anmalan-rubrik" tabIndex={-1}>
            <h2 id="anmalan-rubrik">Anmälan</h2>
            {registrationOpen && registration.ownRegistration ? (
              <p className="notice notice--success">
                {registration.ownRegistration.status === "confirmed" ? "Du är anmäld och har en plats." : "Du står på väntelistan."}{" "}
                <Link to={registration.ownRegistration.path}>Se din anmälan</Link>
              </p>
            ) : registrationOpen && !registration.closedMessage ? (
              <RegistrationForm
                slug={event.slug}
                member={registration.member}
                errors={actionData?.errors}
                values={actionData?.values}
                seatsLeft={event.seatsLeft}
                deadline={event.registrationDeadline}
              />
            ) : event.isUpcoming ? (
              <p>
                {registration.closedMessage ?? "Anmälan har stängt."} Har du frågor om forumet? <Link to="/kontakt">Kontakta forumansvarig</Link>.
              </p>
            ) : (
              <p>
                Forumet har redan ägt rum.{" "}
                {recording ? (
                  <a href="#inspelning">{recording.videoUrl ? "Se inspelningen" : "Om inspelningen"}</a>
                ) : (
                  <Link to="/forum">Se kommande forum</Link>
                )}
                .
              </p>
            )}
            {!registrationOpen ? (
              <p>
                <Link to="/inbjudan">Få inbjudan till nästa forum</Link> i din e-post.
              </p>
            ) : null}
          </section>
        </div>

        <aside className="sidebar" aria-labelledby="fakta">
          <h2 id="fakta">Fakta om forumet</h2>
          <dl className="facts">
            <dt>Datum</dt>
            <dd>
              <DateTime value={event.startsAt} format="date" />
            </dd>
            <dt>Tid</dt>
            <dd>
              {formatTime(event.startsAt)}–{formatTime(event.endsAt)}
            </dd>
            <dt>Form</dt>
            <dd>{eventFormatLabel(event.format)}</dd>
            <dt>Plats</dt>
            <dd>{eventPlaceLabel(event.format, event.location)}</dd>
            {event.isUpcoming && seats ? (
              <>
                <dt>Platser</dt>
                <dd>{seats}</dd>
              </>
            ) : null}
            {event.isUpcoming && event.registrationDeadline ? (
              <>
                <dt>Sista anmälningsdag</dt>
                <dd>
                  <DateTime value={event.registrationDeadline} />
                </dd>
              </>
            ) : null}
            {recording ? (
              <>
                <dt>Inspelning</dt>
                <dd>
                  {/* The demo forum's entry has no video on the site: it is had from the organizer. */}
                  <a href="#inspelning">{recording.videoUrl ? "Finns att se i efterhand" : "Finns hos forumansvarig"}</a>
                </dd>
              </>
            ) : null}
          </dl>
          {event.isUpcoming ? (
            <p>
              <a href={eventCalendarHref(event)}>Lägg till i kalender</a> (.ics-fil)
            </p>
          ) : null}
        </aside>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
