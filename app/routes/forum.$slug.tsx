import { json } from "@remix-run/node";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Markdown } from "~/components/markdown";
import { DateTime, DateTimeRange } from "~/components/date-time";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { getPublishedEventBySlug } from "~/models/event.server";
import { getPublicRecording } from "~/models/recording.server";
import { RecordingPlayer } from "~/components/recording-player";
import { formatNumber } from "~/utils/format";
import { env } from "~/utils/env.server";
import { formatDateTime, formatTime } from "~/utils/format";
import { eventJsonLd, serializeJsonLd } from "~/utils/json-ld";
import { eventFormatLabel, eventPlaceLabel, seatsLeftLabel } from "~/utils/labels";
import { caseHref, eventHref, municipalityHref } from "~/utils/links";
import { pageMeta } from "~/utils/meta";
import { useNonce } from "~/utils/nonce";
import { renderMarkdown } from "~/utils/markdown.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta(data.event.title, data.event.summary || `Forum ${formatDateTime(data.event.startsAt)}.`)
    : pageMeta("Forumet finns inte", "Vi hittade inget forum på den adressen.");

export async function loader({ params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const event = /^[a-z0-9-]{1,120}$/.test(slug) ? await getPublishedEventBySlug(slug) : null;
  if (!event) throw new Response("Forumet finns inte", { status: 404 });

  const { APP_URL, ORGANIZER_NAME } = env();
  const now = new Date();
  const registrationOpen = event.isUpcoming && (!event.registrationDeadline || event.registrationDeadline > now);
  const jsonLd = eventJsonLd(event, { url: new URL(eventHref(event), APP_URL).href, organizerName: ORGANIZER_NAME });
  const recording = event.isUpcoming ? null : await getPublicRecording(event.id);
  return json({ event, registrationOpen, jsonLd, descriptionHtml: renderMarkdown(event.descriptionMd).html, recording });
}

export default function ForumEvent() {
  const { event, registrationOpen, jsonLd, descriptionHtml, recording } = useLoaderData<typeof loader>();
  const nonce = useNonce();
  const seats = seatsLeftLabel(event.seatsLeft, event.capacity);

  return (
    <>
      <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: serializeJsonLd(jsonLd) }} />
      <Breadcrumbs items={[{ to: "/forum", label: "Forum och evenemang" }]} current={event.title} />
      <PageHeader title={event.title} lead={event.summary || undefined}>
        <p className="page-header__meta">
          <DateTimeRange start={event.startsAt} end={event.endsAt} /> · {eventFormatLabel(event.format)}
        </p>
      </PageHeader>

      <div className="with-sidebar">
        <div>
          {descriptionHtml ? <Markdown html={descriptionHtml} /> : null}

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
                              ({m.mimeType === "application/pdf" ? "PDF" : "PowerPoint"}, {formatNumber((m.sizeBytes ?? 0) / 1024 / 1024)} MB)
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
                        <Link to={municipalityHref(speaker.municipality)}>{speaker.municipality.officialName}</Link>,{" "}
                        {speaker.municipality.county.name}
                      </p>
                    ) : speaker.organisationName ? (
                      <p>{speaker.organisationName}</p>
                    ) : null}
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
            {registrationOpen ? (
              <div className="notice">
                <p>
                  Anmälan på webbplatsen öppnar i nästa version.
                  {event.registrationDeadline ? (
                    <>
                      {" "}
                      Sista dag att anmäla sig är <DateTime value={event.registrationDeadline} />.
                    </>
                  ) : null}
                </p>
                <p>
                  Vill du vara med redan nu? <Link to="/kontakt">Kontakta forumansvarig</Link>, så skickas en inbjudan till dig.
                </p>
              </div>
            ) : event.isUpcoming ? (
              <p>
                Anmälan har stängt. Har du frågor om forumet? <Link to="/kontakt">Kontakta forumansvarig</Link>.
              </p>
            ) : (
              <p>
                Forumet har redan ägt rum.{" "}
                {recording ? (
                  <a href="#inspelning">Se inspelningen</a>
                ) : (
                  <Link to="/forum">Se kommande forum</Link>
                )}
                .
              </p>
            )}
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
                  <a href="#inspelning">Finns att se i efterhand</a>
                </dd>
              </>
            ) : null}
          </dl>
        </aside>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
