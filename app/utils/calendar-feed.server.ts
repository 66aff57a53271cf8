import { Feed } from "feed";
import { SITE_NAME } from "./email-templates.server";
import { asHtml } from "./atom.server";
import { formatDateTime } from "./format";
import { serializeCalendar, type IcsEvent } from "./ics.server";
import { eventPlaceLabel } from "./labels";
import { eventHref } from "./links";

/** Serializers behind /forum/<slug>.ics, /forum/kalender.ics and /forum/feed.xml. */
export type FeedEvent = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  startsAt: Date;
  endsAt: Date;
  format: string;
  location: string;
  status: string;
  publishedAt: Date | null;
  updatedAt: Date;
};

/** A forum as a calendar event (without the join link, which only a registrant's own file carries). */
export function toIcsEvent(event: Omit<FeedEvent, "publishedAt">, siteUrl: string): IcsEvent {
  return {
    id: event.id,
    title: event.title,
    summary: event.summary,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    location: eventPlaceLabel(event.format, event.location),
    url: new URL(eventHref(event), siteUrl).href,
    cancelled: event.status === "cancelled",
    updatedAt: event.updatedAt,
  };
}

export function eventCalendar(event: FeedEvent, siteUrl: string, now?: Date): string {
  return serializeCalendar([toIcsEvent(event, siteUrl)], { now });
}

export function upcomingCalendar(events: FeedEvent[], siteUrl: string, now?: Date): string {
  return serializeCalendar(
    events.map((e) => toIcsEvent(e, siteUrl)),
    { name: `${SITE_NAME}: kommande forum`, now },
  );
}

/** RSS 2.0 of upcoming forums, newest announcement first. Text is HTML-escaped like the Atom feeds' (asHtml). */
export function upcomingFeed(events: FeedEvent[], siteUrl: string): string {
  const link = new URL("/forum", siteUrl).href;
  const feed = new Feed({
    id: link,
    title: `${SITE_NAME}: kommande forum`,
    description: "Nya forum där kommuner delar erfarenheter av analys, BI, IoT och AI.",
    link,
    language: "sv",
    copyright: SITE_NAME,
    updated: events.reduce<Date | undefined>((max, e) => (!max || e.updatedAt > max ? e.updatedAt : max), undefined),
    feedLinks: { rss: new URL("/forum/feed.xml", siteUrl).href },
  });
  const sorted = [...events].sort((a, b) => (b.publishedAt ?? b.updatedAt).getTime() - (a.publishedAt ?? a.updatedAt).getTime());
  for (const e of sorted) {
    const url = new URL(eventHref(e), siteUrl).href;
    feed.addItem({
      title: asHtml(`${e.title} – ${formatDateTime(e.startsAt)}`),
      id: url,
      link: url,
      date: e.publishedAt ?? e.updatedAt,
      description: asHtml([e.summary, `${formatDateTime(e.startsAt)}. ${eventPlaceLabel(e.format, e.location)}.`].filter(Boolean).join(" ")),
    });
  }
  return feed.rss2();
}
