import { prisma } from "~/utils/db.server";
import { registrationCancelledTemplate } from "~/utils/forum-email-templates.server";
import { recordAudit } from "./audit.server";
import { subscribeInTransaction } from "./invitation.server";
import { lockEventSeats } from "./locks.server";
import { municipalityExists } from "./reference.server";
import { enqueueEmail } from "./outbox.server";
import {
  ClosedMeanwhile,
  eventSelect,
  mailInfo,
  NotChanged,
  promoteFromWaitlist,
  queueConfirmed,
  queueWaitlisted,
  registrationClosedReason,
  releaseSeat,
  REUSABLE_STATUSES,
  takeSeat,
  waitlistPosition,
  waitlistTail,
  type ClosedReason,
  type EventRow,
  type RegistrationStatus,
} from "./registration-seats.server";
import { isUniqueViolation, transaction, TX_OPTIONS } from "./transaction.server";

/**
 * Forum registrations, the registrant's side: registering at once (a signed-in
 * member with a confirmed address; everyone else goes through
 * registration-pending.server.ts), cancelling, and the registrant's own page.
 * Seats, the waitlist and the mails are in registration-seats.server.ts; the
 * organizer's side is registration-admin.server.ts.
 */

export const CLOSED_MESSAGES: Record<ClosedReason, string> = {
  "not-found": "Forumet finns inte eller är inte publicerat.",
  cancelled: "Forumet är inställt, så det går inte att anmäla sig.",
  past: "Forumet har redan ägt rum, så anmälan är stängd.",
  started: "Forumet har redan börjat, så anmälan är stängd.",
  deadline: "Sista dag för anmälan har passerat, så anmälan är stängd.",
};

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

/** What a registration stores about the person, from the form (one workplace: a municipality or an organisation). */
export function registrantDetails(input: RegistrationInput, now: Date) {
  return {
    name: input.name.trim(),
    title: input.title.trim(),
    municipalityCode: input.municipalityCode,
    organisationName: input.municipalityCode ? "" : input.organisationName.trim(),
    userId: input.userId,
    consentInvites: input.consentInvites,
    consentedAt: now,
  };
}

export async function getEventForRegistration(slug: string) {
  return prisma.event.findUnique({ where: { slug }, select: eventSelect });
}

/** The event when registration is open and the municipality (if any) exists; otherwise the refusal. */
export async function openEventFor(
  input: Pick<RegistrationInput, "eventId" | "municipalityCode">,
  now: Date,
  known?: EventRow | null,
): Promise<{ event: EventRow } | { refusal: { outcome: "closed"; reason: ClosedReason } | { outcome: "unknown-municipality" } }> {
  // The caller may have just read the event (the route, by slug): no second read.
  const event = known && known.id === input.eventId ? known : await prisma.event.findUnique({ where: { id: input.eventId }, select: eventSelect });
  if (!event) return { refusal: { outcome: "closed", reason: "not-found" } };
  const reason = registrationClosedReason(event, now);
  if (reason) return { refusal: { outcome: "closed", reason } };
  if (input.municipalityCode) {
    if (!(await municipalityExists(input.municipalityCode))) return { refusal: { outcome: "unknown-municipality" } };
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
 * (the same row comes back). `known`: the event as the caller just read it (eventSelect),
 * to save a read; the decision itself always reads it again under the lock.
 *
 * Inside the transaction only what must be decided under the lock (issue 18: a burst
 * of claims takes turns there): the event read under the lock, the seat (a full event's
 * conditional UPDATE is skipped, the read under the lock already says it is full), the
 * waitlist place with its position in one statement, the row and the mail.
 */
export async function registerForEvent(input: RegistrationInput, now: Date = new Date(), known?: EventRow | null): Promise<RegisterResult> {
  const open = await openEventFor(input, now, known);
  if ("refusal" in open) return open.refusal;
  const { event } = open;
  const email = input.email.trim().toLowerCase();
  const existing = await prisma.registration.findUnique({ where: { eventId_email: { eventId: event.id, email } }, select: { id: true, status: true } });
  if (existing && !isReusable(existing.status)) return { outcome: "already", registrationId: existing.id, status: existing.status as RegistrationStatus };

  const data = registrantDetails(input, now);

  try {
    return await transaction(async (tx) => {
      await lockEventSeats(tx, event.id); // PostgreSQL: one decision per event at a time (SQLite: no-op)
      // Read again under the lock (SQLite: BEGIN IMMEDIATE holds it; PostgreSQL: the row
      // lock above): the event may have been cancelled (or closed) since the check above,
      // and cancelEvent mails only the registrants it sees (PostgreSQL).
      const fresh = await tx.event.findUnique({ where: { id: event.id }, select: eventSelect });
      const closedNow = fresh ? registrationClosedReason(fresh, now) : "not-found";
      if (closedNow) throw new ClosedMeanwhile(closedNow);
      // Full as read under the lock: nobody can free a seat before we commit. Otherwise
      // the seat is still taken by the one conditional UPDATE (never past capacity).
      const full = fresh!.capacity !== null && fresh!.seatsTaken >= fresh!.capacity;
      const seated = !full && (await takeSeat(tx, event.id));
      const status: RegistrationStatus = seated ? "confirmed" : "waitlisted";
      const tail = seated ? null : await waitlistTail(tx, event.id);
      const waitlistSeq = tail?.waitlistSeq ?? null;
      let id: string;
      if (existing) {
        const { count } = await tx.registration.updateMany({
          where: { id: existing.id, status: { in: [...REUSABLE_STATUSES] } },
          data: { ...data, status, waitlistSeq, cancelledAt: null, promotedAt: null, attendedAt: null, confirmTokenHash: null, pendingUntil: null },
        });
        if (count !== 1) throw new NotChanged();
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
      await queueWaitlisted(tx, event, person, tail!.position);
      return { outcome: "waitlisted" as const, registrationId: id, position: tail!.position };
    }, TX_OPTIONS);
  } catch (error) {
    if (error instanceof ClosedMeanwhile) return { outcome: "closed", reason: error.reason };
    if (error instanceof NotChanged || isUniqueViolation(error)) {
      const row = await prisma.registration.findUnique({ where: { eventId_email: { eventId: event.id, email } }, select: { id: true, status: true } });
      if (row) return { outcome: "already", registrationId: row.id, status: row.status as RegistrationStatus };
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Cancelling
// ---------------------------------------------------------------------------

export type CancelResult = { outcome: "cancelled"; wasStatus: RegistrationStatus; promoted: string[] } | { outcome: "not-active" };

/**
 * Cancels a registration. A freed seat goes to the first person on the waitlist,
 * who is emailed. `actorId` is set when an organizer does it (audited).
 */
export async function cancelRegistration(
  registrationId: string,
  { actorId = null, now = new Date() }: { actorId?: string | null; now?: Date } = {},
): Promise<CancelResult> {
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
      await recordAudit(tx, {
        actorId,
        action: "registration.cancel",
        entityType: "Registration",
        entityId: reg.id,
        detail: { eventId: event.id, wasStatus, promoted },
      });
    }
    return { outcome: "cancelled", wasStatus, promoted };
  }, TX_OPTIONS);
  return result;
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
    select: {
      name: true,
      email: true,
      title: true,
      municipalityCode: true,
      municipality: { select: { name: true } },
      organisation: { select: { name: true } },
    },
  });
  if (!user) return null;
  return {
    name: user.name,
    email: user.email,
    title: user.title,
    municipalityCode: user.municipalityCode,
    workplace: user.municipality ? `${user.municipality.name} kommun` : (user.organisation?.name ?? ""),
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
