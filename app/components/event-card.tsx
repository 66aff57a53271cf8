import { Link } from "@remix-run/react";
import { eventFormatLabel, seatsLeftLabel } from "~/utils/labels";
import { eventHref } from "~/utils/links";
import { DateTime } from "./date-time";

export type EventCardData = {
  slug: string;
  title: string;
  summary: string;
  startsAt: Date | string;
  format: string;
  capacity: number | null;
  seatsLeft: number | null;
  hasRecording?: boolean;
};

/** A forum in a list. Upcoming forums show seats left; past ones whether a recording exists. */
export function EventCard({ event, past = false }: { event: EventCardData; past?: boolean }) {
  const seats = past ? null : seatsLeftLabel(event.seatsLeft, event.capacity);
  return (
    <li className="card">
      <h3>
        <Link to={eventHref(event)}>{event.title}</Link>
      </h3>
      <p className="card__meta">
        <DateTime value={event.startsAt} /> · {eventFormatLabel(event.format)}
      </p>
      {event.summary ? <p>{event.summary}</p> : null}
      {seats || event.hasRecording ? (
        <p className="card__footer">
          {seats ? <span className="badge badge--muted">{seats}</span> : null}
          {past && event.hasRecording ? <span className="badge">Inspelning finns</span> : null}
        </p>
      ) : null}
    </li>
  );
}
