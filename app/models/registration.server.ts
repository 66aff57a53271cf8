import { createHash } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import {
  eventReminderTemplate,
  organizerMessageTemplate,
  registrationCancelledTemplate,
  registrationConfirmedTemplate,
  registrationWaitlistedTemplate,
  type EventMailInfo,
} from "~/utils/email-templates.server";
import { formatDateTime, formatTime } from "~/utils/format";
import { ICS_CONTENT_TYPE, icsFilename, serializeCalendar } from "~/utils/ics.server";
import { eventPlaceLabel } from "~/utils/labels";
import { eventHref } from "~/utils/links";
import { appUrl, cancelRegistrationUrl, registrationPageUrl } from "~/utils/signed-links.server";
import { recordAudit } from "./audit.server";
import { eventBasicsSelect } from "./event.server";
import { lockEventOrganizing, lockEventSeats } from "./locks.server";
import { enqueueEmail, type EmailAttachment } from "./outbox.server";
import { subscribeInTransaction } from "./invitation.server";
import { type Db, isUniqueViolation, transaction, type Tx, TX_OPTIONS } from "./transaction.server";

/**
 * Forum registrations: seats, the waitlist, cancellation and promotion.
 *
 * Concurrency (several requests and several OS processes on one SQLite file):
 * - a seat is taken by ONE conditional UPDATE (`takeSeat`), so seatsTaken can never
 *   pass capacity; triggers in prisma/sqlite/Event.sql back this up;
 * - every transaction here starts with a write, so SQLite hands it the write lock
 *   before it reads anything (a read-then-write transaction can fail with
 *   SQLITE_BUSY when another process writes in between);
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

export const CLOSED_MESSAGES: Record<ClosedReason, string> = {
  "not-found": "Forumet finns inte eller är inte publicerat.",
  cancelled: "Forumet är inställt, så det går inte att anmäla sig.",
  past: "Forumet har redan ägt rum, så anmälan är stängd.",
  started: "Forumet har redan börjat, så anmälan är stängd.",
  deadline: "Sista dag för anmälan har passerat, så anmälan är stängd.",
};

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

async function releaseSeat(tx: Tx, eventId: string) {
  await tx.event.updateMany({ where: { id: eventId, seatsTaken: { gt: 0 } }, data: { seatsTaken: { decrement: 1 } } });
}

/** The next place in the queue. Safe because the caller's transaction holds the write lock. */
export async function nextWaitlistSeq(tx: Tx, eventId: string): Promise<number> {
  const { _max } = await tx.registration.aggregate({ where: { eventId }, _max: { waitlistSeq: true } });
  return (_max.waitlistSeq ?? 0) + 1;
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

function calendarAttachment(event: EventRow, { withJoinUrl }: { withJoinUrl: boolean }): EmailAttachment {
  return {
    filename: icsFilename(event.slug),
    contentType: ICS_CONTENT_TYPE,
    content: serializeCalendar([
      {
        id: event.id,
        title: event.title,
        summary: event.summary,
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        location: eventPlaceLabel(event.format, event.location),
        url: appUrl(eventHref(event)),
        joinUrl: withJoinUrl ? event.joinUrl : null,
        cancelled: event.status === "cancelled",
        updatedAt: event.updatedAt,
      },
    ]),
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
    { to: person.email, ...mail, kind: promoted ? "registration-promoted" : "registration-confirmed", attachments: [calendarAttachment(event, { withJoinUrl: true })] },
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

// ---------------------------------------------------------------------------
// Registering
// ---------------------------------------------------------------------------

export type RegistrationInput = {
  eventId: string;
  email: string;
  name: string;
  title: string;
  municipalityCode: string | null;
  organisationName: string;
  userId: string | null;
  consentInvites: boolean;
};

export type RegisterResult =
  | { outcome: "confirmed"; registrationId: string }
  | { outcome: "waitlisted"; registrationId: string; position: number }
  | { outcome: "already"; registrationId: string; status: RegistrationStatus }
  | { outcome: "closed"; reason: ClosedReason }
  | { outcome: "unknown-municipality" };

class AlreadyRegistered extends Error {}

/** Rolls back a registration that found the event closed once it held the lock. */
export class ClosedMeanwhile extends Error {
  constructor(readonly reason: ClosedReason) {
    super(reason);
  }
}

export async function getEventForRegistration(slug: string) {
  return prisma.event.findUnique({ where: { slug }, select: eventSelect });
}

/** The event when registration is open and the municipality (if any) exists; otherwise the refusal. */
export async function openEventFor(
  input: Pick<RegistrationInput, "eventId" | "municipalityCode">,
  now: Date,
): Promise<{ event: EventRow } | { refusal: { outcome: "closed"; reason: ClosedReason } | { outcome: "unknown-municipality" } }> {
  const event = await prisma.event.findUnique({ where: { id: input.eventId }, select: eventSelect });
  if (!event) return { refusal: { outcome: "closed", reason: "not-found" } };
  const reason = registrationClosedReason(event, now);
  if (reason) return { refusal: { outcome: "closed", reason } };
  if (input.municipalityCode) {
    const known = await prisma.municipality.findUnique({ where: { code: input.municipalityCode }, select: { code: true } });
    if (!known) return { refusal: { outcome: "unknown-municipality" } };
  }
  return { event };
}

const isReusable = (status: string) => (REUSABLE_STATUSES as readonly string[]).includes(status);

/**
 * Registers one person at once: a seat if there is one, otherwise a place on the
 * waitlist. Only for an address already proven (a signed-in member with a confirmed
 * address); everyone else goes through requestRegistration (registration-pending.server.ts).
 * Idempotent per (event, email): a second call answers "already", also under concurrency.
 * A cancelled, expired or still pending registration of the address is taken over
 * (the same row comes back).
 */
export async function registerForEvent(input: RegistrationInput, now: Date = new Date()): Promise<RegisterResult> {
  const open = await openEventFor(input, now);
  if ("refusal" in open) return open.refusal;
  const { event } = open;
  const email = input.email.trim().toLowerCase();
  const existing = await prisma.registration.findUnique({ where: { eventId_email: { eventId: event.id, email } }, select: { id: true, status: true } });
  if (existing && !isReusable(existing.status)) return { outcome: "already", registrationId: existing.id, status: existing.status as RegistrationStatus };

  const data = {
    name: input.name.trim(),
    title: input.title.trim(),
    municipalityCode: input.municipalityCode,
    organisationName: input.municipalityCode ? "" : input.organisationName.trim(),
    userId: input.userId,
    consentInvites: input.consentInvites,
    consentedAt: now,
  };

  try {
    return await transaction(async (tx) => {
      await lockEventSeats(tx, event.id); // PostgreSQL: one decision per event at a time (SQLite: no-op)
      const seated = await takeSeat(tx, event.id); // first statement: takes the write lock
      // Read again under the lock: the event may have been cancelled (or closed) since the
      // check above, and cancelEvent mails only the registrants it sees (PostgreSQL).
      const fresh = await tx.event.findUnique({ where: { id: event.id }, select: eventSelect });
      const closedNow = fresh ? registrationClosedReason(fresh, now) : "not-found";
      if (closedNow) throw new ClosedMeanwhile(closedNow);
      const status: RegistrationStatus = seated ? "confirmed" : "waitlisted";
      const waitlistSeq = seated ? null : await nextWaitlistSeq(tx, event.id);
      let id: string;
      if (existing) {
        const { count } = await tx.registration.updateMany({
          where: { id: existing.id, status: { in: [...REUSABLE_STATUSES] } },
          data: { ...data, status, waitlistSeq, cancelledAt: null, promotedAt: null, attendedAt: null, confirmTokenHash: null, pendingUntil: null },
        });
        if (count !== 1) throw new AlreadyRegistered();
        id = existing.id;
      } else {
        const row = await tx.registration.create({ data: { ...data, eventId: event.id, email, status, waitlistSeq }, select: { id: true } });
        id = row.id;
      }
      const person = { id, name: data.name, email };
      if (input.consentInvites) await subscribeInTransaction(tx, { email, name: data.name, municipalityCode: input.municipalityCode, source: "registration" });
      if (seated) {
        await queueConfirmed(tx, event, person, false);
        return { outcome: "confirmed" as const, registrationId: id };
      }
      const position = await waitlistPosition(tx, event.id, waitlistSeq!);
      await queueWaitlisted(tx, event, person, position);
      return { outcome: "waitlisted" as const, registrationId: id, position };
    }, TX_OPTIONS);
  } catch (error) {
    if (error instanceof ClosedMeanwhile) return { outcome: "closed", reason: error.reason };
    if (error instanceof AlreadyRegistered || isUniqueViolation(error)) {
      const row = await prisma.registration.findUnique({ where: { eventId_email: { eventId: event.id, email } }, select: { id: true, status: true } });
      if (row) return { outcome: "already", registrationId: row.id, status: row.status as RegistrationStatus };
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Cancelling and promotion
// ---------------------------------------------------------------------------

/**
 * Fills free seats from the front of the waitlist and queues a mail to each person
 * promoted. Called inside a transaction that already holds the write lock.
 */
async function promoteFromWaitlist(tx: Tx, event: EventRow, now: Date): Promise<string[]> {
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

export type CancelResult = { outcome: "cancelled"; wasStatus: RegistrationStatus; promoted: string[] } | { outcome: "not-active" };

/**
 * Cancels a registration. A freed seat goes to the first person on the waitlist,
 * who is emailed. `actorId` is set when an organizer does it (audited).
 */
export async function cancelRegistration(registrationId: string, { actorId = null, now = new Date() }: { actorId?: string | null; now?: Date } = {}): Promise<CancelResult> {
  const reg = await prisma.registration.findUnique({ where: { id: registrationId }, select: { id: true, eventId: true, name: true, email: true } });
  if (!reg) return { outcome: "not-active" };
  const event = await prisma.event.findUnique({ where: { id: reg.eventId }, select: eventSelect });
  if (!event) return { outcome: "not-active" };
  const result = await transaction(async (tx): Promise<CancelResult> => {
    await lockEventSeats(tx, event.id); // PostgreSQL: same lock order as registering (SQLite: no-op)
    // Write first (lock), and learn the old status from which conditional update hit.
    let wasStatus: RegistrationStatus | null = null;
    for (const status of ["confirmed", "waitlisted"] as const) {
      const { count } = await tx.registration.updateMany({ where: { id: reg.id, status }, data: { status: "cancelled", cancelledAt: now } });
      if (count === 1) {
        wasStatus = status;
        break;
      }
    }
    if (!wasStatus) return { outcome: "not-active" };
    let promoted: string[] = [];
    if (wasStatus === "confirmed") {
      await releaseSeat(tx, event.id);
      promoted = await promoteFromWaitlist(tx, event, now);
    }
    const mail = registrationCancelledTemplate({ name: reg.name, event: mailInfo(event) });
    await enqueueEmail({ to: reg.email, ...mail, kind: "registration-cancelled" }, tx);
    if (actorId) {
      await recordAudit(tx, { actorId, action: "registration.cancel", entityType: "Registration", entityId: reg.id, detail: { eventId: event.id, wasStatus, promoted } });
    }
    return { outcome: "cancelled", wasStatus, promoted };
  }, TX_OPTIONS);
  return result;
}

/** Gives free seats (e.g. after the capacity was raised) to the waitlist. */
export async function fillFreeSeats(eventId: string, now: Date = new Date()): Promise<string[]> {
  const event = await prisma.event.findUnique({ where: { id: eventId }, select: eventSelect });
  if (!event) return [];
  return transaction(async (tx) => {
    await lockEventSeats(tx, event.id);
    return promoteFromWaitlist(tx, event, now);
  }, TX_OPTIONS);
}

/**
 * Organizer: moves one specific person from the waitlist to a seat. When the event
 * is full, the capacity grows by one for them (the organizer's explicit decision).
 */
export async function promoteManually(registrationId: string, actorId: string, now: Date = new Date()): Promise<"promoted" | "not-waitlisted"> {
  const reg = await prisma.registration.findUnique({ where: { id: registrationId }, select: { id: true, eventId: true, name: true, email: true } });
  if (!reg) return "not-waitlisted";
  const event = await prisma.event.findUnique({ where: { id: reg.eventId }, select: eventSelect });
  if (!event) return "not-waitlisted";
  try {
    await transaction(async (tx) => {
      await lockEventSeats(tx, event.id);
      let extraSeat = false;
      if (!(await takeSeat(tx, event.id))) {
        await tx.event.updateMany({ where: { id: event.id }, data: { capacity: { increment: 1 }, seatsTaken: { increment: 1 } } });
        extraSeat = true;
      }
      const { count } = await tx.registration.updateMany({ where: { id: reg.id, status: "waitlisted" }, data: { status: "confirmed", promotedAt: now } });
      if (count !== 1) throw new AlreadyRegistered();
      await queueConfirmed(tx, event, reg, true);
      await recordAudit(tx, { actorId, action: "registration.promote", entityType: "Registration", entityId: reg.id, detail: { eventId: event.id, extraSeat } });
    }, TX_OPTIONS);
    return "promoted";
  } catch (error) {
    if (error instanceof AlreadyRegistered) return "not-waitlisted";
    throw error;
  }
}

// ---------------------------------------------------------------------------
// The registrant's own page
// ---------------------------------------------------------------------------

/** Everything the registrant may see about their registration. The join link only with a seat. */
export async function getOwnRegistration(registrationId: string, now: Date = new Date()) {
  const row = await prisma.registration.findUnique({
    where: { id: registrationId },
    select: {
      id: true,
      name: true,
      email: true,
      status: true,
      waitlistSeq: true,
      event: { select: eventSelect },
    },
  });
  if (!row) return null;
  const { event } = row;
  const status = row.status as RegistrationStatus;
  const position = status === "waitlisted" && row.waitlistSeq !== null ? await waitlistPosition(prisma, event.id, row.waitlistSeq) : null;
  const active = event.status === "published" && event.endsAt > now;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    status,
    position,
    canCancel: active && (status === "confirmed" || status === "waitlisted"),
    joinUrl: status === "confirmed" && active ? event.joinUrl : null,
    event: {
      slug: event.slug,
      title: event.title,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      format: event.format,
      location: event.location,
      cancelled: event.status === "cancelled",
    },
  };
}

export type OwnRegistration = NonNullable<Awaited<ReturnType<typeof getOwnRegistration>>>;

/** Name, email and workplace of a logged-in member, for the short form. */
export async function getMemberDefaults(userId: string) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { name: true, email: true, title: true, municipalityCode: true, municipality: { select: { name: true } }, organisation: { select: { name: true } } },
  });
  if (!user) return null;
  return {
    name: user.name,
    email: user.email,
    title: user.title,
    municipalityCode: user.municipalityCode,
    workplace: user.municipality ? `${user.municipality.name} kommun` : user.organisation?.name ?? "",
    organisationName: user.organisation?.name ?? "",
  };
}

/** The registration of a logged-in member for an event, if any (to show status instead of the form). */
export async function findRegistrationByEmail(eventId: string, email: string) {
  return prisma.registration.findUnique({
    where: { eventId_email: { eventId, email: email.toLowerCase() } },
    select: { id: true, status: true },
  });
}

// ---------------------------------------------------------------------------
// Organizer: lists, counts, attendance, export, messages and reminders
// ---------------------------------------------------------------------------

const adminRowSelect = {
  id: true,
  name: true,
  email: true,
  title: true,
  organisationName: true,
  status: true,
  waitlistSeq: true,
  attendedAt: true,
  createdAt: true,
  promotedAt: true,
  consentInvites: true,
  municipality: { select: { code: true, name: true, county: { select: { name: true } } } },
} satisfies Prisma.RegistrationSelect;

export type AdminRegistrationRow = Prisma.RegistrationGetPayload<{ select: typeof adminRowSelect }>;

export async function getEventForOrganizer(eventId: string) {
  if (!eventId || eventId.length > 64) return null;
  return prisma.event.findUnique({ where: { id: eventId }, select: { ...eventSelect, reminderSentAt: true } });
}

export async function listRegistrations(eventId: string, { query = "" }: { query?: string } = {}) {
  const q = query.trim().slice(0, 100);
  const where: Prisma.RegistrationWhereInput = {
    eventId,
    ...(q
      ? {
          OR: [
            { name: { contains: q } },
            { email: { contains: q.toLowerCase() } },
            { organisationName: { contains: q } },
            { title: { contains: q } },
            { municipality: { name: { contains: q } } },
          ],
        }
      : {}),
  };
  const rows = await prisma.registration.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: adminRowSelect, take: 5000 });
  const confirmed = rows.filter((r) => r.status === "confirmed");
  const waitlist = rows.filter((r) => r.status === "waitlisted").sort((a, b) => (a.waitlistSeq ?? 0) - (b.waitlistSeq ?? 0));
  const cancelled = rows.filter((r) => r.status === "cancelled");
  // Not confirmed by mail yet: no seat, no place in the queue, and not counted.
  const pending = rows.filter((r) => r.status === "pending");
  return { confirmed, waitlist, cancelled, pending };
}

/**
 * Confirmed and waitlisted registrations by municipality and by county ("Annan
 * organisation" for the rest). Pending ones are counted on their own, never as seats.
 */
export async function countRegistrations(eventId: string) {
  const [rows, pending] = await Promise.all([
    prisma.registration.findMany({
      where: { eventId, status: { in: ["confirmed", "waitlisted"] } },
      select: { status: true, municipality: { select: { name: true, county: { select: { name: true } } } } },
    }),
    prisma.registration.count({ where: { eventId, status: "pending" } }),
  ]);
  const byMunicipality = new Map<string, number>();
  const byCounty = new Map<string, number>();
  for (const r of rows) {
    const m = r.municipality?.name ?? "Annan organisation";
    const c = r.municipality?.county.name ?? "Annan organisation";
    byMunicipality.set(m, (byMunicipality.get(m) ?? 0) + 1);
    byCounty.set(c, (byCounty.get(c) ?? 0) + 1);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "sv"));
  return {
    confirmed: rows.filter((r) => r.status === "confirmed").length,
    waitlisted: rows.filter((r) => r.status === "waitlisted").length,
    pending,
    byMunicipality: sorted(byMunicipality),
    byCounty: sorted(byCounty),
  };
}

/** Attendance is marked after the event has started, for people with a seat. */
export async function setAttendance(eventId: string, registrationId: string, attended: boolean, actorId: string, now: Date = new Date()): Promise<boolean> {
  return transaction(async (tx) => {
    const { count } = await tx.registration.updateMany({
      where: { id: registrationId, eventId, status: "confirmed", event: { startsAt: { lte: now } } },
      data: { attendedAt: attended ? now : null },
    });
    if (count === 1) {
      await recordAudit(tx, { actorId, action: attended ? "registration.attended" : "registration.absent", entityType: "Registration", entityId: registrationId, detail: { eventId } });
    }
    return count === 1;
  }, TX_OPTIONS);
}

export const EXPORT_COLUMNS = ["Status", "Plats i kön", "Namn", "E-post", "Befattning", "Kommun", "Län", "Organisation", "Anmäld", "Närvarade", "Vill ha inbjudningar"] as const;

const EXPORT_STATUS: Record<string, string> = { confirmed: "Plats", waitlisted: "Väntelista", pending: "Ej bekräftad" };

/**
 * Rows for the CSV export (written by app/utils/csv.server.ts); the export is audited.
 * Seats first, then the queue in order, then registrations still waiting for their
 * mail to be confirmed (marked "Ej bekräftad": they hold no seat).
 */
export async function exportRegistrations(eventId: string, actorId: string): Promise<string[][]> {
  const order = Object.keys(EXPORT_STATUS);
  const rows = (
    await prisma.registration.findMany({
      where: { eventId, status: { in: order } },
      orderBy: [{ waitlistSeq: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
      select: adminRowSelect,
    })
  ).sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  await recordAudit(prisma, { actorId, action: "registrations.export", entityType: "Event", entityId: eventId, detail: { rows: rows.length } });
  let position = 0;
  return rows.map((r) => [
    EXPORT_STATUS[r.status]!,
    r.status === "waitlisted" ? String(++position) : "",
    r.name,
    r.email,
    r.title,
    r.municipality?.name ?? "",
    r.municipality?.county.name ?? "",
    r.organisationName,
    formatDateTime(r.createdAt),
    r.attendedAt ? "Ja" : "",
    r.consentInvites ? "Ja" : "Nej",
  ]);
}

/** Queues a message to everyone with a seat. The same message sent twice (double click) goes out once. */
export async function messageConfirmed(eventId: string, { subject, body }: { subject: string; body: string }, actorId: string): Promise<number> {
  const event = await prisma.event.findUnique({ where: { id: eventId }, select: eventSelect });
  if (!event) return 0;
  const people = await prisma.registration.findMany({ where: { eventId, status: "confirmed" }, select: { id: true, name: true, email: true } });
  const digest = createHash("sha256").update(`${subject}\n${body}`).digest("hex").slice(0, 16);
  let queued = 0;
  await transaction(async (tx) => {
    // PostgreSQL: a double click waits, then finds every mail queued (dedupeKey) instead of
    // racing into the unique key, which aborts the whole transaction there (SQLite: no-op).
    await lockEventOrganizing(tx, eventId);
    await recordAudit(tx, { actorId, action: "registrations.message", entityType: "Event", entityId: eventId, detail: { subject, recipients: people.length } });
    for (const p of people) {
      const mail = organizerMessageTemplate({ name: p.name, event: mailInfo(event), subject, body, pageUrl: registrationPageUrl(p.id) });
      const { created } = await enqueueEmail({ to: p.email, ...mail, kind: "registration-message", dedupeKey: `message:${eventId}:${digest}:${p.id}` }, tx);
      if (created) queued++;
    }
  }, TX_OPTIONS);
  return queued;
}

/**
 * Queues the reminder to everyone with a seat, once per event: the conditional
 * update of reminderSentAt lets exactly one caller (click or scheduled job, in any
 * process) through.
 */
export async function sendReminder(eventId: string, { actorId = null, now = new Date() }: { actorId?: string | null; now?: Date } = {}): Promise<{ sent: boolean; recipients: number }> {
  const event = await prisma.event.findUnique({ where: { id: eventId }, select: eventSelect });
  if (!event || event.status !== "published" || event.startsAt <= now) return { sent: false, recipients: 0 };
  return transaction(async (tx) => {
    const { count } = await tx.event.updateMany({ where: { id: eventId, reminderSentAt: null }, data: { reminderSentAt: now } });
    if (count !== 1) return { sent: false, recipients: 0 };
    const people = await tx.registration.findMany({ where: { eventId, status: "confirmed" }, select: { id: true, name: true, email: true } });
    for (const p of people) {
      const mail = eventReminderTemplate({ name: p.name, event: mailInfo(event), joinUrl: event.joinUrl, cancelUrl: cancelRegistrationUrl(p.id) });
      await enqueueEmail({ to: p.email, ...mail, kind: "registration-reminder", dedupeKey: `reminder:${eventId}:${p.id}`, attachments: [calendarAttachment(event, { withJoinUrl: true })] }, tx);
    }
    await recordAudit(tx, { actorId, action: "registrations.reminder", entityType: "Event", entityId: eventId, detail: { recipients: people.length, scheduled: actorId === null } });
    return { sent: true, recipients: people.length };
  }, TX_OPTIONS);
}

/** The scheduled job: reminders for published events that start within the next 24 hours. */
export async function sendDueReminders(now: Date = new Date()): Promise<number> {
  const due = await prisma.event.findMany({
    where: { status: "published", reminderSentAt: null, startsAt: { gt: now, lte: new Date(now.getTime() + 24 * 3600_000) } },
    select: { id: true },
  });
  let sent = 0;
  for (const { id } of due) if ((await sendReminder(id, { now })).sent) sent++;
  return sent;
}
