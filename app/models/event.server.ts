import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";

/**
 * Public, read-only queries for forums (events). Only published events are public;
 * drafts and cancelled events never leave this module. joinUrl is never selected
 * here: it belongs to confirmed registrants only.
 */

const PUBLISHED = "published";

/** What every listing of a forum shows; other modules extend it with what they need. */
export const eventBasicsSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  startsAt: true,
  endsAt: true,
  format: true,
  location: true,
} satisfies Prisma.EventSelect;

const summarySelect = {
  ...eventBasicsSelect,
  capacity: true,
  seatsTaken: true,
  registrationDeadline: true,
} satisfies Prisma.EventSelect;

type SummaryRow = Prisma.EventGetPayload<{ select: typeof summarySelect }>;

export type EventSummary = Omit<SummaryRow, "seatsTaken"> & { seatsLeft: number | null };

/** Seats left, or null when the event has no capacity limit. Never below zero. */
export function seatsLeft(capacity: number | null, seatsTaken: number): number | null {
  return capacity === null ? null : Math.max(0, capacity - seatsTaken);
}

function toSummary({ seatsTaken, ...row }: SummaryRow): EventSummary {
  return { ...row, seatsLeft: seatsLeft(row.capacity, seatsTaken) };
}

// An event counts as upcoming until it has ended, so a forum in progress is still shown as current.
const upcomingWhere = (now: Date): Prisma.EventWhereInput => ({ status: PUBLISHED, endsAt: { gte: now } });
const pastWhere = (now: Date): Prisma.EventWhereInput => ({ status: PUBLISHED, endsAt: { lt: now } });

/** A recording is public once it has a publication date that has passed. */
const publishedRecording = (now: Date): Prisma.RecordingWhereInput => ({ publishedAt: { lte: now } });

export async function getNextEvent(now: Date = new Date()): Promise<EventSummary | null> {
  const row = await prisma.event.findFirst({
    where: upcomingWhere(now),
    orderBy: { startsAt: "asc" },
    select: summarySelect,
  });
  return row ? toSummary(row) : null;
}

export async function listUpcomingEvents(now: Date = new Date()): Promise<EventSummary[]> {
  const rows = await prisma.event.findMany({
    where: upcomingWhere(now),
    orderBy: { startsAt: "asc" },
    select: summarySelect,
  });
  return rows.map(toSummary);
}

export type PastEventSummary = EventSummary & { hasRecording: boolean };

export async function listPastEvents(now: Date = new Date()): Promise<PastEventSummary[]> {
  const rows = await prisma.event.findMany({
    where: pastWhere(now),
    orderBy: { startsAt: "desc" },
    select: { ...summarySelect, recording: { select: { publishedAt: true } } },
  });
  return rows.map(({ recording, ...row }) => ({
    ...toSummary(row),
    hasRecording: Boolean(recording?.publishedAt && recording.publishedAt <= now),
  }));
}

/** Past published events whose recording is published, newest first. */
export async function listEventsWithRecording(now: Date = new Date()): Promise<EventSummary[]> {
  const rows = await prisma.event.findMany({
    where: { ...pastWhere(now), recording: { is: publishedRecording(now) } },
    orderBy: { startsAt: "desc" },
    select: summarySelect,
  });
  return rows.map(toSummary);
}

const municipalitySelect = {
  code: true,
  name: true,
  officialName: true,
  county: { select: { name: true } },
} satisfies Prisma.MunicipalitySelect;

/** `draft: true` (an organizer's preview) also finds a draft; `isDraft` tells the page to say so. */
export async function getPublishedEventBySlug(slug: string, now: Date = new Date(), { draft = false } = {}) {
  const row = await prisma.event.findFirst({
    where: { slug, status: draft ? { in: [PUBLISHED, "draft"] } : PUBLISHED },
    select: {
      ...summarySelect,
      status: true,
      // Stored at write time (null: not renderable, or not yet backfilled); the page never renders.
      descriptionHtml: true,
      agenda: {
        orderBy: [{ position: "asc" }, { startsAt: "asc" }],
        select: { id: true, startsAt: true, title: true, speaker: { select: { id: true, name: true } } },
      },
      speakers: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          name: true,
          title: true,
          organisationName: true,
          bio: true, // the presentation the speaker form collects, shown on the public page
          municipality: { select: municipalitySelect },
        },
      },
      recording: { select: { publishedAt: true } },
      cases: {
        where: { status: PUBLISHED },
        orderBy: { title: "asc" },
        select: { slug: true, title: true },
      },
    },
  });
  if (!row) return null;
  const { seatsTaken, recording, status, ...rest } = row;
  return {
    ...rest,
    isDraft: status !== PUBLISHED,
    seatsLeft: seatsLeft(row.capacity, seatsTaken),
    isUpcoming: row.endsAt >= now,
    hasRecording: Boolean(recording?.publishedAt && recording.publishedAt <= now),
  };
}

export type PublicEvent = NonNullable<Awaited<ReturnType<typeof getPublishedEventBySlug>>>;
