import { prisma } from "~/utils/db.server";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import { registrationConfirmRequestTemplate, registrationLinksTemplate } from "~/utils/forum-email-templates.server";
import { registrationConfirmHref } from "~/utils/links";
import { checkRateLimit } from "~/models/rate-limit.server";
import { appUrl, cancelRegistrationUrl, registrationPageUrl } from "~/utils/signed-links.server";
import { subscribeInTransaction } from "./invitation.server";
import { lockEventSeats } from "./locks.server";
import { enqueueEmail } from "./outbox.server";
import { isUniqueViolation, transaction, TX_OPTIONS } from "./transaction.server";
import {
  ClosedMeanwhile,
  eventSelect,
  mailInfo,
  nextWaitlistSeq,
  queueConfirmed,
  queueWaitlisted,
  registrationClosedReason,
  REUSABLE_STATUSES,
  takeSeat,
  waitlistPosition,
  type ClosedReason,
  type EventRow,
} from "./registration-seats.server";
import { openEventFor, registrantDetails, type RegistrationInput } from "./registration.server";

/**
 * Registrations whose address is not proven yet (anyone but a signed-in member with a
 * confirmed address). The form stores the registration as "pending" and mails a link;
 * the seat or waitlist place is taken only when that link's page is confirmed, with
 * the same single-statement seat claim as registerForEvent. So a stranger can neither
 * fill the seats nor get the manage link of someone else's address.
 *
 * - the token is stored only as its SHA-256 (`confirmTokenHash`) and works once;
 * - a pending registration expires at `pendingUntil` (24 hours, or the start or the
 *   deadline if sooner): expirePendingRegistrations() marks it "expired", and
 *   retention deletes expired ones (retention.server.ts);
 * - mail to an unproven address repeats nothing typed into the form, and at most
 *   RATE_LIMITS.registrationAddress such mails go to one address.
 */

export const PENDING_HOURS = 24;

export function pendingUntilFor(event: Pick<EventRow, "startsAt" | "registrationDeadline">, now: Date): Date {
  const limits = [now.getTime() + PENDING_HOURS * 3600_000, event.startsAt.getTime()];
  if (event.registrationDeadline) limits.push(event.registrationDeadline.getTime());
  return new Date(Math.min(...limits));
}

/**
 * "sent" is the one answer the visitor sees, whatever happened: a confirmation link
 * was mailed, the links of an existing registration were mailed, or nothing was
 * (too many mails to the address). `mail` is for tests and logs only.
 */
export type RequestResult =
  { outcome: "sent"; mail: "confirm" | "links" | "none" } | { outcome: "closed"; reason: ClosedReason } | { outcome: "unknown-municipality" };

export async function requestRegistration(input: RegistrationInput, now: Date = new Date()): Promise<RequestResult> {
  const open = await openEventFor(input, now);
  if ("refusal" in open) return open.refusal;
  const { event } = open;
  const email = input.email.trim().toLowerCase();
  if (!(await checkRateLimit("registrationAddress", email, now)).allowed) return { outcome: "sent", mail: "none" };

  const existing = await prisma.registration.findUnique({ where: { eventId_email: { eventId: event.id, email } }, select: { id: true, status: true } });
  if (existing && (existing.status === "confirmed" || existing.status === "waitlisted")) {
    const mail = registrationLinksTemplate({
      event: mailInfo(event),
      pageUrl: registrationPageUrl(existing.id),
      cancelUrl: cancelRegistrationUrl(existing.id),
    });
    await enqueueEmail({ to: email, ...mail, kind: "registration-links" });
    return { outcome: "sent", mail: "links" };
  }

  const token = randomToken();
  const pendingUntil = pendingUntilFor(event, now);
  const data = {
    ...registrantDetails(input, now),
    status: "pending",
    confirmTokenHash: sha256Hex(token),
    pendingUntil,
    waitlistSeq: null,
    cancelledAt: null,
    promotedAt: null,
    attendedAt: null,
  };
  try {
    const stored = await transaction(async (tx) => {
      // The write comes first (SQLite's write lock). A pending row gets the newest
      // details and a new link; the link in an earlier mail stops working.
      if (existing) {
        const { count } = await tx.registration.updateMany({ where: { id: existing.id, status: { in: [...REUSABLE_STATUSES] } }, data });
        if (count !== 1) return false; // confirmed in the meantime
      } else {
        await tx.registration.create({ data: { ...data, eventId: event.id, email }, select: { id: true } });
      }
      const mail = registrationConfirmRequestTemplate({ event: mailInfo(event), url: appUrl(registrationConfirmHref(token)), validUntil: pendingUntil });
      await enqueueEmail({ to: email, ...mail, kind: "registration-confirm-request" }, tx);
      return true;
    }, TX_OPTIONS);
    return { outcome: "sent", mail: stored ? "confirm" : "none" };
  } catch (error) {
    // The same address sent at the same moment: the other request stored it and mailed.
    if (isUniqueViolation(error)) return { outcome: "sent", mail: "none" };
    throw error;
  }
}

const hashOf = (token: string) => (token && token.length <= 200 ? sha256Hex(token) : null);

/** What the confirmation page shows before the button is pressed (opening the link changes nothing). */
export async function getPendingRegistration(token: string, now: Date = new Date()) {
  const confirmTokenHash = hashOf(token);
  if (!confirmTokenHash) return null;
  const row = await prisma.registration.findUnique({
    where: { confirmTokenHash },
    select: {
      email: true,
      status: true,
      pendingUntil: true,
      event: { select: { slug: true, title: true, startsAt: true, endsAt: true, format: true, location: true, status: true, registrationDeadline: true } },
    },
  });
  if (!row || row.status !== "pending" || !row.pendingUntil || row.pendingUntil <= now) return null;
  const { slug, title, startsAt, endsAt, format, location } = row.event;
  return {
    email: row.email,
    pendingUntil: row.pendingUntil,
    event: { slug, title, startsAt, endsAt, format, location },
    closedReason: registrationClosedReason(row.event, now),
  };
}

export type ConfirmResult =
  | { outcome: "confirmed"; registrationId: string }
  | { outcome: "waitlisted"; registrationId: string; position: number }
  | { outcome: "invalid" }
  | { outcome: "closed"; reason: ClosedReason };

class LinkUsed extends Error {}

/**
 * The confirmation button: uses the token up (once, also when pressed twice at the
 * same moment), then takes a seat with the conditional UPDATE of takeSeat, or the
 * next place in the queue, and queues the usual mail with the manage and cancel links.
 */
export async function confirmRegistration(token: string, now: Date = new Date()): Promise<ConfirmResult> {
  const confirmTokenHash = hashOf(token);
  if (!confirmTokenHash) return { outcome: "invalid" };
  const reg = await prisma.registration.findUnique({
    where: { confirmTokenHash },
    select: { id: true, eventId: true, name: true, email: true, municipalityCode: true, consentInvites: true },
  });
  if (!reg) return { outcome: "invalid" };
  try {
    return await transaction(async (tx) => {
      await lockEventSeats(tx, reg.eventId); // PostgreSQL: one seat decision per event at a time (SQLite: no-op)
      // The first statement writes (SQLite's write lock) and uses the token up.
      const { count } = await tx.registration.updateMany({
        where: { id: reg.id, confirmTokenHash, status: "pending", pendingUntil: { gt: now } },
        data: { confirmTokenHash: null, pendingUntil: null },
      });
      if (count !== 1) throw new LinkUsed();
      const event = await tx.event.findUnique({ where: { id: reg.eventId }, select: eventSelect });
      const closed = event ? registrationClosedReason(event, now) : "not-found";
      if (closed || !event) throw new ClosedMeanwhile(closed ?? "not-found");
      const seated = await takeSeat(tx, event.id);
      const waitlistSeq = seated ? null : await nextWaitlistSeq(tx, event.id);
      await tx.registration.update({ where: { id: reg.id }, data: { status: seated ? "confirmed" : "waitlisted", waitlistSeq }, select: { id: true } });
      if (reg.consentInvites) {
        await subscribeInTransaction(tx, { email: reg.email, name: reg.name, municipalityCode: reg.municipalityCode, source: "registration" });
      }
      const person = { id: reg.id, name: reg.name, email: reg.email };
      if (seated) {
        await queueConfirmed(tx, event, person, false);
        return { outcome: "confirmed" as const, registrationId: reg.id };
      }
      const position = await waitlistPosition(tx, event.id, waitlistSeq!);
      await queueWaitlisted(tx, event, person, position);
      return { outcome: "waitlisted" as const, registrationId: reg.id, position };
    }, TX_OPTIONS);
  } catch (error) {
    if (error instanceof LinkUsed) return { outcome: "invalid" };
    if (error instanceof ClosedMeanwhile) return { outcome: "closed", reason: error.reason };
    throw error;
  }
}

/** The scheduled job (reminder-job.server.ts): pending registrations past `pendingUntil` expire. */
export async function expirePendingRegistrations(now: Date = new Date()): Promise<number> {
  const { count } = await prisma.registration.updateMany({
    where: { status: "pending", pendingUntil: { lte: now } },
    data: { status: "expired", confirmTokenHash: null },
  });
  return count;
}
