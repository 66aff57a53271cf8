import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import { registrationConfirmedTemplate, registrationWaitlistedTemplate, type EventMailInfo } from "~/utils/forum-email-templates.server";
import { toIcsEvent } from "~/utils/calendar-feed.server";
import { env } from "~/utils/env.server";
import { formatDateTime, formatTime } from "~/utils/format";
import { ICS_CONTENT_TYPE, icsFilename, serializeCalendar } from "~/utils/ics.server";
import { eventPlaceLabel } from "~/utils/labels";
import { eventHref } from "~/utils/links";
import { appUrl, cancelRegistrationUrl, registrationPageUrl } from "~/utils/signed-links.server";
import { eventBasicsSelect } from "./event.server";
import { enqueueEmail, type EmailAttachment } from "./outbox.server";
import type { Db, Tx } from "./transaction.server";

/**
 * Forum registrations, what every side shares: the statuses, when registration is
 * closed, the seats and the waitlist, and the mails with the calendar file. Used by
 * registration.server.ts (the registrant), registration-pending.server.ts (a
 * registration waiting for its address to be confirmed) and
 * registration-admin.server.ts (the organizer).
 *
 * Concurrency (several requests and several OS processes on one SQLite file):
 * - a seat is taken by ONE conditional UPDATE (`takeSeat`), so seatsTaken can never
 *   pass capacity; triggers in prisma/sqlite/Event.sql back this up;
 * - every transaction that takes or frees a seat starts with a write, so SQLite
 *   hands it the write lock before it reads anything (a read-then-write transaction
 *   can fail with SQLITE_BUSY when another process writes in between);
 * - the unique (eventId, email) makes a repeated registration a no-op;
 * - transactions are short and only touch the database; mail is rendered as text
 *   and goes into the outbox in the same transaction.
 */

// "pending": waits for its address to be proven by the link in a mail (registration-pending.server.ts);
// "expired": that link was never used. Neither holds a seat or a waitlist place.
export type RegistrationStatus = "pending" | "confirmed" | "waitlisted" | "cancelled" | "expired";
/** A registration in one of these states can be made again: the same row comes back. */
export const REUSABLE_STATUSES = ["cancelled", "expired", "pending"] as const;
export type ClosedReason = "not-found" | "cancelled" | "past" | "started" | "deadline";

export const eventSelect = {
  ...eventBasicsSelect,
  joinUrl: true,
  capacity: true,
  seatsTaken: true,
  registrationDeadline: true,
  status: true,
  updatedAt: true,
} satisfies Prisma.EventSelect;

export type EventRow = Prisma.EventGetPayload<{ select: typeof eventSelect }>;

/** Why registration is closed, or null when it is open. */
export function registrationClosedReason(
  event: { status: string; startsAt: Date; endsAt: Date; registrationDeadline: Date | null },
  now: Date = new Date(),
): ClosedReason | null {
  if (event.status === "cancelled") return "cancelled";
  if (event.status !== "published") return "not-found";
  if (event.endsAt <= now) return "past";
  if (event.startsAt <= now) return "started";
  if (event.registrationDeadline && event.registrationDeadline <= now) return "deadline";
  return null;
}

// ---------------------------------------------------------------------------
// Seats and the waitlist (each used inside a transaction that holds the write lock)
// ---------------------------------------------------------------------------

/**
 * Takes one seat with a single conditional statement:
 * UPDATE "Event" SET seatsTaken = seatsTaken + 1 WHERE id = ? AND (capacity IS NULL OR seatsTaken < capacity)
 */
export async function takeSeat(tx: Tx, eventId: string): Promise<boolean> {
  const { count } = await tx.event.updateMany({
    where: { id: eventId, OR: [{ capacity: null }, { seatsTaken: { lt: prisma.event.fields.capacity } }] },
    data: { seatsTaken: { increment: 1 } },
  });
  return count === 1;
}

export async function releaseSeat(tx: Tx, eventId: string) {
  await tx.event.updateMany({ where: { id: eventId, seatsTaken: { gt: 0 } }, data: { seatsTaken: { decrement: 1 } } });
}

/** The next place in the queue. Safe because the caller's transaction holds the write lock. */
export async function nextWaitlistSeq(tx: Tx, eventId: string): Promise<number> {
  const { _max } = await tx.registration.aggregate({ where: { eventId }, _max: { waitlistSeq: true } });
  return (_max.waitlistSeq ?? 0) + 1;
}

/**
 * For a person joining the end of the waitlist, in one statement instead of two
 * (nextWaitlistSeq, then waitlistPosition): the next place in the queue, and the
 * position that place has (everyone still waiting is ahead, plus the person).
 * Safe because the caller's transaction holds the write lock (issue 18: fewer
 * statements while holding it).
 */
export async function waitlistTail(tx: Tx, eventId: string): Promise<{ waitlistSeq: number; position: number }> {
  const [row] = await tx.$queryRaw<{ maxSeq: number | bigint | null; waiting: number | bigint | null }[]>`
    SELECT MAX("waitlistSeq") AS "maxSeq", SUM(CASE WHEN "status" = 'waitlisted' THEN 1 ELSE 0 END) AS "waiting"
    FROM "Registration" WHERE "eventId" = ${eventId}`;
  return { waitlistSeq: Number(row?.maxSeq ?? 0) + 1, position: Number(row?.waiting ?? 0) + 1 };
}

/** 1 = first in line. Counts only people still waiting, so the position moves up as others get seats. */
export async function waitlistPosition(db: Db, eventId: string, waitlistSeq: number): Promise<number> {
  return db.registration.count({ where: { eventId, status: "waitlisted", waitlistSeq: { lte: waitlistSeq } } });
}

// ---------------------------------------------------------------------------
// Mail
// ---------------------------------------------------------------------------

export function mailInfo(event: EventRow): EventMailInfo {
  return {
    title: event.title,
    when: `${formatDateTime(event.startsAt)}–${formatTime(event.endsAt)}`,
    place: eventPlaceLabel(event.format, event.location),
    eventUrl: appUrl(eventHref(event)),
  };
}

export function calendarAttachment(event: EventRow, { withJoinUrl }: { withJoinUrl: boolean }): EmailAttachment {
  return {
    filename: icsFilename(event.slug),
    contentType: ICS_CONTENT_TYPE,
    content: serializeCalendar([{ ...toIcsEvent(event, env().APP_URL), joinUrl: withJoinUrl ? event.joinUrl : null }]),
  };
}

type Person = { id: string; name: string; email: string };

export async function queueConfirmed(tx: Tx, event: EventRow, person: Person, promoted: boolean) {
  const mail = registrationConfirmedTemplate({
    name: person.name,
    event: mailInfo(event),
    joinUrl: event.joinUrl,
    pageUrl: registrationPageUrl(person.id),
    cancelUrl: cancelRegistrationUrl(person.id),
    promoted,
  });
  await enqueueEmail(
    {
      to: person.email,
      ...mail,
      kind: promoted ? "registration-promoted" : "registration-confirmed",
      attachments: [calendarAttachment(event, { withJoinUrl: true })],
    },
    tx,
  );
}

export async function queueWaitlisted(tx: Tx, event: EventRow, person: Person, position: number) {
  const mail = registrationWaitlistedTemplate({
    name: person.name,
    event: mailInfo(event),
    position,
    pageUrl: registrationPageUrl(person.id),
    cancelUrl: cancelRegistrationUrl(person.id),
  });
  await enqueueEmail({ to: person.email, ...mail, kind: "registration-waitlisted", attachments: [calendarAttachment(event, { withJoinUrl: false })] }, tx);
}

/** Rolls back a change that found the registration no longer in the state it read. */
export class NotChanged extends Error {}

/** Rolls back a registration that found the event closed once it held the lock. */
export class ClosedMeanwhile extends Error {
  constructor(readonly reason: ClosedReason) {
    super(reason);
  }
}

// ---------------------------------------------------------------------------
// Promotion
// ---------------------------------------------------------------------------

/**
 * Fills free seats from the front of the waitlist and queues a mail to each person
 * promoted. Called inside a transaction that already holds the write lock.
 */
export async function promoteFromWaitlist(tx: Tx, event: EventRow, now: Date): Promise<string[]> {
  if (event.status !== "published" || event.startsAt <= now) return [];
  const promoted: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    if (!(await takeSeat(tx, event.id))) break;
    const next = await tx.registration.findFirst({
      where: { eventId: event.id, status: "waitlisted" },
      orderBy: [{ waitlistSeq: "asc" }, { createdAt: "asc" }],
      select: { id: true, name: true, email: true },
    });
    if (!next) {
      await releaseSeat(tx, event.id);
      break;
    }
    await tx.registration.update({ where: { id: next.id }, data: { status: "confirmed", promotedAt: now } });
    await queueConfirmed(tx, event, next, true);
    promoted.push(next.id);
  }
  return promoted;
}
